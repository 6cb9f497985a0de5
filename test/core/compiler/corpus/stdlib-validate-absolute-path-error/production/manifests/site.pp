validate_absolute_path('var/lib')
