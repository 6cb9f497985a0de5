Resource['notify'] { testing: }
Resource[sprintf('%s', 'file')] { '/tmp/t': }
