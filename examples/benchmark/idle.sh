#!/bin/bash
# Idle CPU (ms of CPU per second, over 20 s after start-up) and resident memory of the packaged gateway on the
# sandbox profile with the JVM options of its image (the bank sandbox in its own process), with no file, call or
# message. Run from the repository root after `./mvnw -B -ntp -DskipTests package`. It runs in a scratch folder (its own ledger, broker journal and inbox) and
# needs ports 8080, 8089, 9000 and 61616 free.
set -euo pipefail
ROOT=$(pwd)
source "$ROOT/examples/benchmark/gateway-jvm.sh"
WORK=$(mktemp -d)
cp -r "$ROOT/routes" "$WORK/routes" # the routes are read from ./routes
cd "$WORK"
java -jar "$ROOT/target/bank-sandbox.jar" > "$WORK/bank.log" 2>&1 &
BANK=$!
java $GATEWAY_JVM -Dquarkus.profile=sandbox -jar "$ROOT/target/quarkus-app/quarkus-run.jar" > "$WORK/gateway.log" 2>&1 &
PID=$!
trap 'kill $PID $BANK 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -s localhost:9000/q/health/ready | grep -q '"UP"' && break; sleep 1; done
grep -q "Routes startup (total:0)" "$WORK/gateway.log" && { echo "no routes were read from $WORK/routes" >&2; exit 1; }
sleep 10 # start-up's own work settles
TICKS=$(getconf CLK_TCK)
before=$(awk '{print $14+$15}' /proc/$PID/stat); sleep 20; after=$(awk '{print $14+$15}' /proc/$PID/stat)
rss=$(awk '/VmRSS/{print $2}' /proc/$PID/status)
echo "idle CPU: $(( (after - before) * 1000 / TICKS / 20 )) ms/s, resident $(( rss / 1024 )) MB (log: $WORK/gateway.log)"
