#!/usr/bin/env bash
# Issue 13's benchmark: the same load, in one run, straight to the bank with a hand-written signed client
# (SignedClient.java) and through the gateway's REST facade (Load.java); both as separate processes from the bank.
#
#   ./mvnw -B -ntp -DskipTests package && examples/benchmark/compare.sh
#
# Prints, for a signed BRI Valas kurs-counter call: calls/s, p50 and p99 of each, their ratio, CPU per call of the
# gateway and of the bank (utime+stime from /proc/<pid>/stat over each run), the latency the gateway adds at one
# client thread, the gateway's start to ready time, and its idle CPU and resident memory; beside each run, how long
# the gateway's and the bank's threads waited for a core and how often they were put on one, per call (the
# latency tail). The batch figures come from batch-benchmark.sh. Ports 28300-28409, files under /tmp/compare-run (or $WORK); both processes are stopped.
# WARMUP (seconds, default 120) runs before the measured runs: on two shared cores the JIT compilers keep working for
# the first minutes of load, and a shorter warm-up measures their work, not the call path (docs/benchmarks.md).
# GATEWAY_OPTS adds JVM options to the gateway (e.g. GATEWAY_OPTS=-XX:TieredStopAtLevel=1).
# AUTH=bearer: callers authenticate as in production, with an OIDC bearer token (a JWT from BenchToken.java, checked
# against its public key by quarkus-oidc, no identity provider running) instead of the sandbox's HTTP Basic users.
# APP is the gateway's folder (default target/quarkus-app) and ROUTES its routes' folder (default routes): a copy of
# another build and its routes runs the same benchmark.
set -euo pipefail
cd "$(dirname "$0")/../.."
HERE=examples/benchmark
source $HERE/gateway-jvm.sh
source $HERE/proc-stats.sh
WORK=${WORK:-/tmp/compare-run}
RUN=${RUN:-20}; WARMUP=${WARMUP:-120}; THREADS=${THREADS:-4}; IDLE_SECONDS=${IDLE_SECONDS:-30}; IDLE_SETTLE=${IDLE_SETTLE:-20}
SANDBOX=28309
APP=${APP:-target/quarkus-app}; ROUTES=${ROUTES:-routes}
GW_HTTP=28400 GW_MGMT=28401 GW_BROKER=28402
CLK=$(getconf CLK_TCK)
rm -rf "$WORK"; mkdir -p "$WORK"

run() { # name http mgmt broker extra-properties...
  local name=$1 http=$2 mgmt=$3 broker=$4; shift 4
  java $GATEWAY_JVM -Dquarkus.profile=sandbox -Dquarkus.http.port="$http" -Dquarkus.management.port="$mgmt" \
    -Dbank.cluster.root="$WORK/$name-cluster" -Dbank.cluster.member-id="$name" \
    -Dbank.broker.url=tcp://127.0.0.1:"$broker" -Dbank.broker.data-directory="$WORK/$name-broker" \
    -Dbatch.inbox="$WORK/$name-inbox" -Dbatch.outbox="$WORK/$name-outbox" \
    -Dquarkus.datasource.embedded.jdbc.url="jdbc:h2:file:$WORK/$name-ledger;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0" \
    -Dcamel.main.routes-include-pattern="file:$ROUTES/*.yaml" ${GATEWAY_OPTS:-} "$@" -jar "$APP/quarkus-run.jar" > "$WORK/$name.log" 2>&1 &
  echo $!
}
# Per thread of a process: its id, CPU time (ns), time runnable without a core (ns) and time slices, the times it
# was put on a core after a wake-up or a preemption (/proc/<pid>/task/<tid>/schedstat)
sched() { for t in /proc/$1/task/*; do echo "${t##*/} $(cat "$t/schedstat" 2>/dev/null)"; done; }
# Over a run, the wait for a core and the time slices of the threads alive at both ends, per call: BEFORE AFTER CALLS
sched_per_call() { awk -v n="$3" 'NF < 4 {next} NR == FNR {w[$1] = $3; s[$1] = $4; next}
  ($1 in w) {dw += $3 - w[$1]; ds += $4 - s[$1]} END {printf "%.3f ms for a core over %.1f time slices", dw / 1e6 / n, ds / n}' "$1" "$2"; }
now() { date +%s.%N; }

java -Xmx128m -Dbank.sandbox.port=$SANDBOX -jar target/bank-sandbox.jar > "$WORK/bank.log" 2>&1 &
BANK=$!
GW=""
stop() { for p in $GW $BANK; do kill "$p" 2>/dev/null || true; done; for p in $GW $BANK; do wait "$p" 2>/dev/null || true; done; }
trap stop EXIT
until curl -sf "http://localhost:$SANDBOX/sandbox/faults" > /dev/null; do sleep 1; done

B=http://localhost:$SANDBOX
CALLER=client:sandbox-client; AUTH_OPTS=()
AUTH=${AUTH:-basic}
[[ "$AUTH" == basic || "$AUTH" == bearer ]] || { echo "AUTH is basic or bearer, not $AUTH" >&2; exit 1; }
if [[ "$AUTH" == bearer ]]; then
  ISSUER=https://idp.bench.test
  CALLER="Bearer $(java $HERE/BenchToken.java "$ISSUER" "$WORK/caller-key.pub")"
  AUTH_OPTS=(-Dquarkus.oidc.tenant-enabled=true -Dquarkus.oidc.public-key="$(cat "$WORK/caller-key.pub")" -Dquarkus.oidc.token.issuer="$ISSUER")
fi
T0=$(now)
# the schedules are off: a synchronisation would fetch the BRI token before the 200 first calls below
GW=$(run gateway $GW_HTTP $GW_MGMT $GW_BROKER -Dbank.sandbox.control-url=http://localhost:$SANDBOX/sandbox \
  -Dbank.sync.fx-rates.enabled=false -Dbank.sync.briva.enabled=false -Dbank.sync.statement.enabled=false \
  -Dbank.oy.base-url=$B/oy -Dbank.bri.base-url=$B/bri -Dbank.raya.base-url=$B/raya ${AUTH_OPTS[@]+"${AUTH_OPTS[@]}"})
until curl -sf "http://localhost:$GW_MGMT/q/health/ready" > /dev/null; do sleep 0.1; done
START=$(awk -v a="$T0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')
sleep "$IDLE_SETTLE"
C0=$(cpu "$GW"); I0=$(now); sleep "$IDLE_SECONDS"; C1=$(cpu "$GW"); I1=$(now)
IDLE=$(awk -v c=$((C1 - C0)) -v k="$CLK" -v a="$I0" -v b="$I1" 'BEGIN { printf "%.0f", 1000 * c / k / (b - a) }')
RSS=$(rss "$GW")

# 200 concurrent first calls on one credential: the bank's own count of the tokens it issued is the witness
BODY='{"dealtCurrency":"USD","counterCurrency":"IDR"}'
issued() { curl -sf "$B/sandbox/tokens/issued/bri" | sed -E 's/.*"issued": *([0-9]+).*/\1/'; }
T_BEFORE=$(issued)
if [[ "$CALLER" == Bearer* ]]; then AUTH_HEADER="Authorization: $CALLER"; else AUTH_HEADER="Authorization: Basic $(printf %s "$CALLER" | base64 -w0)"; fi
OK=$(seq 200 | xargs -P 200 -I{} curl -s -o /dev/null -w '%{http_code}\n' -H "$AUTH_HEADER" \
  -H 'Content-Type: application/json' -d "$BODY" "http://localhost:$GW_HTTP/api/bri/valas/kurs-counter" | grep -c '^200$' || true)
TOKENS=$(( $(issued) - T_BEFORE ))
echo "200 concurrent first calls: $OK answered 200; the bank issued $TOKENS token(s) to the gateway"

BANK_PATH=/v2.0/valas-info/kurs-counter
direct() { java $HERE/SignedClient.java "$B/bri" sandbox-bri-client sandbox-bri-secret SANDBOXPARTNER01 "$BANK_PATH" "$1" "$2" "$BODY"; }
gateway() { java $HERE/Load.java "http://localhost:$GW_HTTP/api/bri/valas/kurs-counter" "$CALLER" "$1" "$2" "$BODY"; }
# one measured run: its line, then the CPU per call of the gateway and of the bank over the run
measure() { # label client threads
  local g0 b0 g1 b1 out calls
  g0=$(cpu "$GW"); b0=$(cpu "$BANK"); sched "$GW" > "$WORK/gw-sched0"; sched "$BANK" > "$WORK/bank-sched0"
  out=$($2 "$3" "$RUN")
  g1=$(cpu "$GW"); b1=$(cpu "$BANK"); sched "$GW" > "$WORK/gw-sched1"; sched "$BANK" > "$WORK/bank-sched1"
  calls=$(sed -E 's/.*calls=([0-9]+).*/\1/' <<< "$out")
  awk -v l="$1" -v o="$out" -v n="$calls" -v g=$((g1 - g0)) -v b=$((b1 - b0)) -v k="$CLK" \
    'BEGIN { printf "%-28s %s  cpu/call gateway=%.3fms bank=%.3fms\n", l, o, n ? 1000 * g / k / n : 0, n ? 1000 * b / k / n : 0 }'
  # per call: how long each process's threads waited for a core, and how often they were put on one
  if [[ "$calls" -gt 0 ]]; then
    printf "%-28s per call: gateway waited %s, bank %s\n" "" \
      "$(sched_per_call "$WORK/gw-sched0" "$WORK/gw-sched1" "$calls")" "$(sched_per_call "$WORK/bank-sched0" "$WORK/bank-sched1" "$calls")"
  fi
}
direct "$THREADS" "$WARMUP" > /dev/null; gateway "$THREADS" "$WARMUP" > /dev/null
D4=$(measure "direct, $THREADS threads" direct "$THREADS"); echo "$D4"
threads "$GW" > "$WORK/threads-before"
G4=$(measure "gateway, $THREADS threads" gateway "$THREADS"); echo "$G4"
threads "$GW" > "$WORK/threads-after"
echo "  gateway CPU by thread over that run:"
thread_shares "$WORK/threads-before" "$WORK/threads-after" "    "
D1=$(measure "direct, 1 thread" direct 1); echo "$D1"
G1=$(measure "gateway, 1 thread" gateway 1); echo "$G1"

field() { head -1 <<< "$1" | sed -E "s/.*$2=([0-9.]+).*/\1/"; }
echo
echo "summary ($(date -u +%F), $(nproc) cores, commit $(git rev-parse --short HEAD), callers: $AUTH):"
awk -v dr="$(field "$D4" rate)" -v gr="$(field "$G4" rate)" -v gc="$(field "$G4" gateway)" \
    -v d50="$(field "$D1" p50)" -v g50="$(field "$G1" p50)" -v d99="$(field "$D1" p99)" -v g99="$(field "$G1" p99)" \
    -v s="$START" -v i="$IDLE" -v r="$RSS" -v t="$TOKENS" -v ok="$OK" 'BEGIN {
  printf "  throughput through the gateway / straight to the bank: %.0f / %.0f calls/s = %.2f (target >= 0.5)\n", gr, dr, gr / dr
  printf "  gateway CPU per proxied signed call: %.3f ms (target <= 0.25)\n", gc
  printf "  added latency at one client thread: p50 %.2f ms, p99 %.2f ms (targets <= 0.5, <= 2)\n", g50 - d50, g99 - d99
  printf "  start to ready: %.1f s (target <= 2)\n", s
  printf "  idle: %d ms CPU per second, RSS %d MB (targets <= 20, <= 250)\n", i, r
  printf "  200 concurrent first calls: %d answered 200, %d token fetch(es) (target 1)\n", ok, t }'
