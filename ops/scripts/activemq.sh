#!/usr/bin/env bash
# Starts, stops or reports a loopback ActiveMQ 5.17 broker for Troupe.
#
#   ops/scripts/activemq.sh start|stop|status [--port N] [--data DIR] [--ssl-port N] [--plugins FILE]
#
# Each broker has its own data directory (config, KahaDB, pid file, log), so
# several can run side by side on different STOMP ports. `start` returns once
# STOMP accepts connections and is a no-op when that broker already runs;
# `stop` is a no-op when it does not.
# --ssl-port N adds a stomp+ssl:// connector on N with a self-signed
# certificate for 127.0.0.1; clients trust DIR/broker.pem.
# --plugins FILE puts FILE's XML (a <plugins> element: authentication,
# authorization) into the broker, e.g. docs/examples/activemq-acl.xml.
# Defaults: --port 61613, --data ${TMPDIR:-/tmp}/troupe-activemq-<port>.
# Exit status: 0 done; 4 `start` found the port taken by a process other
# than this data directory's broker (starts on one port are serialized by
# a lock file, so of two racing starts one gets the port and the other 4,
# never a broker it did not start); 3 `status` not running; else failure.
# Environment: ACTIVEMQ_JAR (/usr/share/activemq/bin/activemq.jar),
# ACTIVEMQ_HEAP (256m), ACTIVEMQ_START_TIMEOUT seconds (60).
set -euo pipefail

cmd="${1:-}"; shift || true
port=61613
ssl_port=""
plugins=""
data=""
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --ssl-port) ssl_port="$2"; shift 2 ;;
    --plugins) plugins="$2"; shift 2 ;;
    *) echo "activemq.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
data="${data:-${TMPDIR:-/tmp}/troupe-activemq-$port}"
jar="${ACTIVEMQ_JAR:-/usr/share/activemq/bin/activemq.jar}"
heap="${ACTIVEMQ_HEAP:-256m}"
timeout="${ACTIVEMQ_START_TIMEOUT:-60}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pidfile="$data/activemq.pid"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }
# A pid file can outlive its broker and the pid be reused by any process:
# only a live process running the broker jar counts (so stop never kills a stranger).
running() {
  [ -f "$pidfile" ] || return 1
  local pid; pid="$(cat "$pidfile")"
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$jar"
}

case "$cmd" in
  start)
    # Held until this script exits (the broker does not inherit it): a second start on the port waits, then sees it taken.
    exec 9>"${TMPDIR:-/tmp}/troupe-activemq-$port.lock"
    flock -w $((timeout + 30)) 9 || { echo "activemq: another start on port $port held its lock for $((timeout + 30))s" >&2; exit 1; }
    if running && listening; then echo "activemq: running on $port (pid $(cat "$pidfile"))"; exit 0; fi
    if ! running && listening; then echo "activemq: port $port is taken by another process" >&2; exit 4; fi
    mkdir -p "$data"
    data="$(cd "$data" && pwd)"; pidfile="$data/activemq.pid"
    ssl_sed=()
    if [ -n "$ssl_port" ]; then
      if [ ! -f "$data/broker.p12" ]; then
        keytool -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 -dname "CN=127.0.0.1" \
          -ext "SAN=ip:127.0.0.1,dns:localhost" -storetype PKCS12 -keystore "$data/broker.p12" \
          -storepass troupe-dev -keypass troupe-dev >/dev/null 2>&1
        keytool -exportcert -rfc -alias broker -keystore "$data/broker.p12" -storepass troupe-dev > "$data/broker.pem"
      fi
      ssl_sed=(-e "s|<!--@SSL@||" -e "s|@SSL@-->||" -e "s|@SSL_PORT@|$ssl_port|g")
    fi
    sed -e "s|@STOMP_PORT@|$port|g" -e "s|@DATA_DIR@|$data|g" "${ssl_sed[@]}" "$here/activemq/activemq.xml" > "$data/activemq.xml"
    if [ -n "$plugins" ]; then
      [ -f "$plugins" ] || { echo "activemq.sh: --plugins: no such file $plugins" >&2; exit 2; }
      sed -i -e "/<!--@PLUGINS@-->/r $plugins" -e "/<!--@PLUGINS@-->/d" "$data/activemq.xml"
    fi
    if ! running; then
      # The jar's `start` runs the broker in the foreground; we detach it.
      nohup java "-Xms64m" "-Xmx$heap" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
        "-Dactivemq.home=/usr/share/activemq" "-Dactivemq.base=$data" "-Dactivemq.conf=$data" "-Dactivemq.data=$data" \
        -jar "$jar" start "xbean:file:$data/activemq.xml" > "$data/activemq.log" 2>&1 < /dev/null 9>&- &
      echo $! > "$pidfile"
    fi
    for _ in $(seq 1 $((timeout * 5))); do
      if listening; then echo "activemq: started on $port (pid $(cat "$pidfile"), data $data)"; exit 0; fi
      # Dead, not merely "not yet java": the detached child may still be the shell that execs it.
      if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then echo "activemq: broker exited; see $data/activemq.log" >&2; tail -n 20 "$data/activemq.log" >&2; exit 1; fi
      sleep 0.2
    done
    echo "activemq: not listening on $port after ${timeout}s; see $data/activemq.log" >&2
    exit 1 ;;
  stop)
    if ! running; then rm -f "$pidfile"; echo "activemq: not running on $port"; exit 0; fi
    pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    rm -f "$pidfile"
    echo "activemq: stopped (pid $pid)" ;;
  status)
    if running && listening; then echo "activemq: running on $port (pid $(cat "$pidfile"), data $data)"; exit 0; fi
    if running; then echo "activemq: starting (pid $(cat "$pidfile"))"; exit 3; fi
    echo "activemq: not running on $port"; exit 3 ;;
  *) echo "usage: activemq.sh start|stop|status [--port N] [--data DIR]" >&2; exit 2 ;;
esac
