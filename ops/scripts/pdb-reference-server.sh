#!/bin/sh
# A throwaway PuppetDB 7 (Debian's puppetdb + PostgreSQL 15) on plain HTTP at
# 127.0.0.1:${PDB_PORT:-18080}, for ops/scripts/pdb-reference.mjs to record
# the query conformance corpus against, and for `npm run bench:query` to
# measure side by side (ops/bench/pdb/reference-puppetdb.ts). Needs root and, once:
#   apt-get install -y puppetdb postgresql
# Its configuration and state live under ${PDB_DIR:-/tmp/troupe-pdb-reference},
# its data in the PostgreSQL database ${PDB_DB:-troupe_pdb_reference};
# /etc/puppetdb is not touched. Each start drops and recreates the database,
# so a recording always starts from an empty PuppetDB; stop drops it too, and
# stops the PostgreSQL cluster again if start had to start it.
#   sh ops/scripts/pdb-reference-server.sh start   # prints the URL once it answers
#   sh ops/scripts/pdb-reference-server.sh stop
set -eu
DIR=${PDB_DIR:-/tmp/troupe-pdb-reference}
PORT=${PDB_PORT:-18080}
DB=${PDB_DB:-troupe_pdb_reference}

stop() {
  if [ -f "$DIR/pid" ]; then
    pid=$(cat "$DIR/pid")
    kill "$pid" 2>/dev/null || true
    # The database can be dropped once PuppetDB's connections are gone.
    i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 60 ]; do i=$((i + 1)); sleep 1; done
    rm -f "$DIR/pid"
    su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $DB WITH (FORCE)'" || true
  fi
  if [ -f "$DIR/started-postgresql" ]; then pg_ctlcluster 15 main stop || true; rm -f "$DIR/started-postgresql"; fi
}

start() {
  stop
  started_pg=
  if ! pg_ctlcluster 15 main status > /dev/null 2>&1; then pg_ctlcluster 15 main start; started_pg=1; fi
  su postgres -c "psql -q -v ON_ERROR_STOP=1" <<SQL
DROP DATABASE IF EXISTS $DB;
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'puppetdb') THEN CREATE ROLE puppetdb LOGIN PASSWORD 'puppetdb'; END IF;
END \$\$;
ALTER ROLE puppetdb PASSWORD 'puppetdb';
CREATE DATABASE $DB OWNER puppetdb ENCODING 'UTF8' TEMPLATE template0;
\c $DB
CREATE EXTENSION pg_trgm;
SQL
  rm -rf "$DIR"; mkdir -p "$DIR/conf.d" "$DIR/var"
  if [ -n "$started_pg" ]; then touch "$DIR/started-postgresql"; fi
  cat > "$DIR/conf.d/config.ini" <<INI
[global]
vardir = $DIR/var
logging-config = /etc/puppetdb/logback.xml
[command-processing]
threads = 1
INI
  # No garbage collection: the fixture's timestamps are fixed and in the past,
  # so the default TTLs would deactivate nodes and delete reports.
  cat > "$DIR/conf.d/database.ini" <<INI
[database]
subname = //127.0.0.1:5432/$DB
username = puppetdb
password = puppetdb
gc-interval = 0
node-ttl = 0s
node-purge-ttl = 0s
report-ttl = 3650d
INI
  cat > "$DIR/conf.d/jetty.ini" <<INI
[jetty]
host = 127.0.0.1
port = $PORT
INI
  cp /etc/puppetdb/conf.d/auth.conf "$DIR/conf.d/"
  chown -R puppetdb "$DIR"
  su puppetdb -s /bin/sh -c "exec /usr/bin/java -Xmx512m -Djava.security.egd=/dev/urandom \
    -cp /usr/share/puppetdb/puppetdb.jar clojure.main -m puppetlabs.puppetdb.core services \
    --config $DIR/conf.d --bootstrap-config /etc/puppetdb/bootstrap.cfg" > "$DIR/puppetdb.log" 2>&1 &
  echo $! > "$DIR/pid"
  i=0
  until curl -sf "http://127.0.0.1:$PORT/pdb/meta/v1/version" > /dev/null; do
    i=$((i + 1))
    if [ $i -gt 300 ]; then echo "PuppetDB did not answer; see $DIR/puppetdb.log" >&2; exit 1; fi
    sleep 2
  done
  echo "http://127.0.0.1:$PORT"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
