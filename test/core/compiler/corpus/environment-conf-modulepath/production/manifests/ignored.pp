notify { 'should not be evaluated': }
