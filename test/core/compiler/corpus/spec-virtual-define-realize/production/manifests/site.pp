define user::account($uid) { user { $title: uid => $uid } }
@user::account { 'alice': uid => 1001 }
@user::account { 'bob': uid => 1002 }
realize(User::Account['alice'])
