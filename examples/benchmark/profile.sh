#!/usr/bin/env bash
# Profiles the packaged gateway with Java Flight Recorder (issue 13, step 1: find where the time goes).
#
#   ./mvnw -B -ntp -DskipTests package && examples/benchmark/profile.sh
#
# Starts two processes, like GatewayProcesses#startBank/#startGateway in the tests:
#   - the bank: the sandbox on its own (target/bank-sandbox.jar);
#   - the gateway: target/quarkus-app on the sandbox profile, BRI/OY/Raya pointed at the bank.
# Then, on the gateway only:
#   (a) idle: waits IDLE_SETTLE s after ready, measures CPU for IDLE_SECONDS s without a recording, then records JFR (settings=profile) for IDLE_SECONDS s with no call, file or
#       message, and measures its process CPU (utime+stime from /proc/<pid>/stat) over the same window, plus RSS;
#   (b) load: LOAD_THREADS threads POST /api/bri/valas/kurs-counter (a signed BRI call) for WARMUP s, then records JFR
#       for LOAD_SECONDS s while the same load runs, with the CPU of gateway and bank over that window.
# Each recording is summarised by jfr-summary.py (threads, top self methods, package prefixes, issue-13 suspects).
# Ports 28100-28209, files under /tmp/prof-run (or $WORK). Both processes are stopped at the end (by pid).
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=examples/benchmark
source $HERE/gateway-jvm.sh
source $HERE/proc-stats.sh
WORK=${WORK:-/tmp/prof-run}
IDLE_SETTLE=${IDLE_SETTLE:-20}; IDLE_SECONDS=${IDLE_SECONDS:-30}
WARMUP=${WARMUP:-15}; LOAD_SECONDS=${LOAD_SECONDS:-25}; LOAD_THREADS=${LOAD_THREADS:-4}
SANDBOX=28109
GW_HTTP=28200 GW_MGMT=28201 GW_BROKER=28202
CLK=$(getconf CLK_TCK)
rm -rf "$WORK"; mkdir -p "$WORK"

run() { # name http mgmt broker extra-properties...
  local name=$1 http=$2 mgmt=$3 broker=$4; shift 4
  java $GATEWAY_JVM -Dquarkus.profile=sandbox -Dquarkus.http.port="$http" -Dquarkus.management.port="$mgmt" \
    -Dbank.cluster.root="$WORK/$name-cluster" -Dbank.cluster.member-id="$name" \
    -Dbank.broker.url=tcp://127.0.0.1:"$broker" -Dbank.broker.data-directory="$WORK/$name-broker" \
    -Dbatch.inbox="$WORK/$name-inbox" -Dbatch.outbox="$WORK/$name-outbox" \
    -Dquarkus.datasource.embedded.jdbc.url="jdbc:h2:file:$WORK/$name-ledger;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0" \
    "$@" -jar target/quarkus-app/quarkus-run.jar > "$WORK/$name.log" 2>&1 &
  echo $!
}

java -Xmx128m -Dbank.sandbox.port=$SANDBOX -jar target/bank-sandbox.jar > "$WORK/bank.log" 2>&1 &
BANK=$!
GW=""
stop() { for p in $GW $BANK; do kill "$p" 2>/dev/null || true; done; for p in $GW $BANK; do wait "$p" 2>/dev/null || true; done; }
trap stop EXIT
until curl -sf "http://localhost:$SANDBOX/sandbox/faults" > /dev/null; do sleep 1; done
echo "bank (pid $BANK) answers on $SANDBOX"

B=http://localhost:$SANDBOX
GW=$(run gateway $GW_HTTP $GW_MGMT $GW_BROKER -Dbank.sandbox.control-url=http://localhost:$SANDBOX/sandbox \
  -Dbank.oy.base-url=$B/oy -Dbank.bri.base-url=$B/bri -Dbank.raya.base-url=$B/raya)
until curl -sf "http://localhost:$GW_MGMT/q/health/ready" > /dev/null; do sleep 1; done
echo "gateway (pid $GW) ready; settling $IDLE_SETTLE s"
sleep "$IDLE_SETTLE"

# (a) idle: first the CPU without any recording, then the recording (JFR's own sampling adds to the second figure)
C0=$(cpu "$GW"); T0=$(date +%s.%N)
sleep "$IDLE_SECONDS"
C1=$(cpu "$GW"); T1=$(date +%s.%N)
IDLE_NOJFR=$(awk -v c=$((C1 - C0)) -v k="$CLK" -v t0="$T0" -v t1="$T1" -v r="$(rss "$GW")" \
  'BEGIN { printf "idle, no recording: %.0f ms CPU per second (%.1f %% of a core) over %.1f s, RSS %d MB", 1000 * c / k / (t1 - t0), 100 * c / k / (t1 - t0), t1 - t0, r }')
echo "$IDLE_NOJFR"
jcmd "$GW" JFR.start name=idle settings=profile duration=${IDLE_SECONDS}s filename="$WORK/idle.jfr" > /dev/null
C0=$(cpu "$GW"); T0=$(date +%s.%N)
sleep "$IDLE_SECONDS"
C1=$(cpu "$GW"); T1=$(date +%s.%N)
sleep 2
IDLE_LINE=$(awk -v c=$((C1 - C0)) -v k="$CLK" -v t0="$T0" -v t1="$T1" -v r="$(rss "$GW")" \
  'BEGIN { printf "idle, JFR recording: %.0f ms CPU per second (%.1f %% of a core) over %.1f s, RSS %d MB", 1000 * c / k / (t1 - t0), 100 * c / k / (t1 - t0), t1 - t0, r }')
echo "$IDLE_LINE"

# (b) signed Valas kurs-counter through the REST facade
URL=http://localhost:$GW_HTTP/api/bri/valas/kurs-counter
BODY='{"dealtCurrency":"USD","counterCurrency":"IDR"}'
curl -sf -u client:sandbox-client -H 'Content-Type: application/json' -d "$BODY" "$URL" > "$WORK/one-call.json"
echo "warm-up $WARMUP s: $(java $HERE/Load.java "$URL" client:sandbox-client "$LOAD_THREADS" "$WARMUP" "$BODY")"
java $HERE/Load.java "$URL" client:sandbox-client "$LOAD_THREADS" "$LOAD_SECONDS" "$BODY" > "$WORK/load.txt" &
LOAD=$!
sleep 2   # past the load generator's own JVM start
jcmd "$GW" JFR.start name=load settings=profile duration=$((LOAD_SECONDS - 4))s filename="$WORK/load.jfr" > /dev/null
G0=$(cpu "$GW"); K0=$(cpu "$BANK"); T0=$(date +%s.%N)
sleep $((LOAD_SECONDS - 4))
G1=$(cpu "$GW"); K1=$(cpu "$BANK"); T1=$(date +%s.%N)
wait "$LOAD"
sleep 2
LOAD_LINE=$(cat "$WORK/load.txt")
CALLS=$(sed 's/.*calls=\([0-9]*\).*/\1/' <<< "$LOAD_LINE")
echo "load: $LOAD_THREADS threads, $LOAD_SECONDS s: $LOAD_LINE"
awk -v g=$((G1 - G0)) -v b=$((K1 - K0)) -v k="$CLK" -v t0="$T0" -v t1="$T1" -v n="$CALLS" -v s="$LOAD_SECONDS" \
  'BEGIN { rate = n / s; w = t1 - t0; printf "CPU per call (window %.1f s at %.0f calls/s): gateway %.2f ms, bank %.2f ms\n", w, rate, 1000 * g / k / (w * rate), 1000 * b / k / (w * rate) }' | tee "$WORK/cpu-per-call.txt"

for r in idle load; do
  jfr print --stack-depth 64 --events jdk.ExecutionSample "$WORK/$r.jfr" | python3 $HERE/jfr-summary.py 25 > "$WORK/$r-summary.txt"
  echo; echo "=== $r ($WORK/$r.jfr) ==="; cat "$WORK/$r-summary.txt"
done
printf "%s\n%s\n" "$IDLE_NOJFR" "$IDLE_LINE" > "$WORK/idle.txt"
