validate_ip_address('300.0.0.1')
