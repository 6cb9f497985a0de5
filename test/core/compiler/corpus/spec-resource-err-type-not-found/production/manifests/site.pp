Does::Not::Exist { title: }
