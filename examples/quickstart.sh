#!/usr/bin/env bash
# The quickstart: the bank sandbox (target/bank-sandbox.jar) and the gateway on the sandbox profile, as two
# processes, after `./mvnw -B -ntp -DskipTests package`. Extra arguments go to the gateway's JVM, e.g.
#   examples/quickstart.sh -Dbatch.approval.required=true
# Ctrl-C stops both. The sandbox's log is data/bank-sandbox.log.
set -euo pipefail
cd "$(dirname "$0")/.."
for built in target/bank-sandbox.jar target/quarkus-app/quarkus-run.jar; do
  [ -f "$built" ] || { echo "$built is missing: run ./mvnw -B -ntp -DskipTests package first" >&2; exit 1; }
done
mkdir -p data
java -Xmx128m -jar target/bank-sandbox.jar > data/bank-sandbox.log 2>&1 &
SANDBOX=$!
GATEWAY=""
trap 'kill "$SANDBOX" 2>/dev/null || true' EXIT
# Ctrl-C or a TERM stops the gateway (it finishes what it is doing) and then the sandbox
trap '[ -n "$GATEWAY" ] && kill -TERM "$GATEWAY" 2>/dev/null || true' INT TERM
for _ in $(seq 1 100); do
  (exec 3<> /dev/tcp/127.0.0.1/8089) 2> /dev/null && break
  kill -0 "$SANDBOX" 2> /dev/null || { echo "the bank sandbox did not start:" >&2; cat data/bank-sandbox.log >&2; exit 1; }
  sleep 0.2
done
echo "bank sandbox on http://127.0.0.1:8089 (pid $SANDBOX); starting the gateway"
java -Dquarkus.profile=sandbox "$@" -jar target/quarkus-app/quarkus-run.jar &
GATEWAY=$!
status=0
wait "$GATEWAY" || status=$?
# a signal ends the first wait; this one lasts until the gateway has shut down
wait "$GATEWAY" 2>/dev/null || true
exit "$status"
