notify { {nested => hash}: }
