#!/usr/bin/env bash
# Batch disbursement benchmark: generates a file of N rows (default 100,000), runs it through the gateway (with the
# JVM options of its image, src/main/docker/Dockerfile.jvm: a 256 MB heap) against the bank sandbox (its own
# process), and prints rows per second, the gateway's live heap and peak RSS.
#
#   ./mvnw -B -ntp -DskipTests package && examples/benchmark/batch-benchmark.sh [rows]
#
# Uses only public tools: bash, awk, curl, /usr/bin/time. Results go to docs/benchmarks.md by hand.
# GATEWAY_OPTS adds JVM options to the gateway (e.g. a JFR recording: -XX:StartFlightRecording=filename=batch.jfr).
# BANK_LATENCY_MS=100 makes the bank answer every OY call that much later: rows/s is then bound by
# batch.concurrency (CONCURRENCY, default 16) over a row's three round trips.
# LEDGER=postgres puts the ledger in PostgreSQL (the production ledger; a fresh database bankgw_bench on
# PGHOST:PGPORT, default 127.0.0.1:5432, user postgres) instead of the embedded H2 file; the script then also prints
# PostgreSQL's CPU per row (its server processes, exited backends included, when it runs on this machine) and its
# transactions, tuples read and written per row (pg_stat_database).
# APP is the gateway's folder (default target/quarkus-app) and ROUTES its routes' folder (default routes): a copy of
# another build and its routes runs the same benchmark.
# The machine's own CPU over the batch (user, system, idle from /proc/stat) shows what no profile of one process does.
# WARMUP_ROWS (default 0) runs a batch of that many rows first, in the same gateway, and measures the next one: the
# figures of a gateway that has run before (the JIT compilers' work on a new process is a quarter of its CPU over a
# 40,000-row batch: docs/benchmarks.md), rather than a batch right after start.
set -euo pipefail
cd "$(dirname "$0")/../.."
source examples/benchmark/gateway-jvm.sh
source examples/benchmark/proc-stats.sh
ROWS=${1:-100000}
HEAP=${HEAP:-256m}
CONCURRENCY=${CONCURRENCY:-16}
WORK=$(mktemp -d /tmp/gateway-bench.XXXXXX)
HTTP_PORT=18180
MANAGEMENT_PORT=19180
RUN=$(date +%s)

echo "Generating $ROWS rows in $WORK"
mkdir -p "$WORK/inbox"
# N valid rows, distinct partner_trx_ids (PREFIX-run-line) and accounts (DIGIT then the line): N PREFIX DIGIT NOTE
rows() { awk -v n="$1" -v id="$2-$RUN" -v d="$3" -v note="$4" 'BEGIN {
  print "partner_trx_id,recipient_bank,recipient_account,amount,note,email";
  for (i = 1; i <= n; i++) printf "%s-%07d,014,%s%09d,%d,%s %d,\n", id, i, d, i, 10000 + (i % 90000), note, i;
}'; }
rows "$ROWS" bench 5 "Benchmark payout" > "$WORK/bench.csv.part"
WARMUP_ROWS=${WARMUP_ROWS:-0}
[[ "$WARMUP_ROWS" -gt 0 ]] && rows "$WARMUP_ROWS" warm 6 "Warm-up payout" > "$WORK/warmup.csv.part"

LEDGER=${LEDGER:-h2}
APP=${APP:-target/quarkus-app}
ROUTES=${ROUTES:-routes}
# CPU ticks of the PostgreSQL server: its live processes, plus the postmaster's reaped children (exited backends)
pg_cpu() { local pids; pids=$(pgrep -u postgres postgres 2>/dev/null | sed 's|.*|/proc/&/stat|' || true)
  [[ -n "$pids" ]] || { echo 0; return; }
  # after "pid (name) ": $3 ppid, $13/$14 utime/stime, $15/$16 of reaped children (counted for the postmaster only);
  # a backend that exits between pgrep and cat is left out, not an error
  { cat $pids 2>/dev/null || true; } | sed -E 's/^([0-9]+) \(.*\) /\1 /' | awk '{pid[NR] = $1; pp[NR] = $3; t[NR] = $13 + $14; c[NR] = $15 + $16; own[$1] = 1}
    END {for (n in pid) {s += t[n]; if (!(pp[n] in own)) s += c[n]}; print s + 0}'; }
# the machine's CPU ticks: user (incl. nice), system (incl. irq, softirq), idle (incl. iowait), stolen by the host
machine_cpu() { awk '/^cpu / {print $2 + $3, $4 + $7 + $8, $5 + $6, $9}' /proc/stat; }
db_stats() { psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -Atc "select xact_commit, tup_returned + tup_fetched,
    tup_inserted + tup_updated + tup_deleted from pg_stat_database where datname = 'bankgw_bench'"; }
# PostgreSQL's CPU is read from this machine's processes: only when the server runs here
local_pg() { [[ "$LEDGER" == postgres && ( "$PGHOST" == 127.0.0.1 || "$PGHOST" == localhost ) ]]; }
if [[ "$LEDGER" == postgres ]]; then
  PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432}
  psql -h "$PGHOST" -p "$PGPORT" -U postgres -d postgres -qc "drop database if exists bankgw_bench" -c "create database bankgw_bench"
  LEDGER_OPTS=(-Dquarkus.profile=sandbox,postgres
    -Dquarkus.datasource.postgres.jdbc.url="jdbc:postgresql://$PGHOST:$PGPORT/bankgw_bench")
else
  LEDGER_OPTS=(-Dquarkus.profile=sandbox
    -Dquarkus.datasource.embedded.jdbc.url="jdbc:h2:file:$WORK/ledger;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0")
fi

java -Xmx256m -Dbank.sandbox.port=18189 -Dbank.sandbox.oy.final-status-delay=PT0.5S \
  -Dbank.sandbox.oy.starting-balance=100000000000000 -jar target/bank-sandbox.jar > "$WORK/bank.log" 2>&1 &
BANK=$!
until curl -sf http://localhost:18189/sandbox/faults > /dev/null; do sleep 0.5; done
if [[ -n "${BANK_LATENCY_MS:-}" ]]; then
  # every OY call answers this much later (the sandbox's latency switch, docs/sandbox.md); no other fault
  curl -sf -X PUT -H 'Content-Type: application/json' http://localhost:18189/sandbox/faults -d "{\"pathPattern\": \"/oy/api/.*\",
    \"latencyMillis\": $BANK_LATENCY_MS, \"remaining\": -1, \"hangMillis\": 60000}" > /dev/null
fi

/usr/bin/time -v -o "$WORK/time.txt" java $GATEWAY_JVM -Xmx"$HEAP" -Xlog:gc:file="$WORK/gc.log" ${GATEWAY_OPTS:-} \
  "${LEDGER_OPTS[@]}" \
  -Dquarkus.http.port=$HTTP_PORT -Dquarkus.management.port=$MANAGEMENT_PORT -Dbank.sandbox.port=18189 \
  -Dbank.bri.base-url=http://localhost:18189/bri -Dbank.raya.base-url=http://localhost:18189/raya \
  -Dbank.oy.base-url=http://localhost:18189/oy \
  -Dbatch.inbox="$WORK/inbox" -Dbatch.outbox="$WORK/outbox" \
  -Dbank.broker.url=tcp://127.0.0.1:18161 -Dbank.broker.data-directory="$WORK/broker" \
  -Dbank.cluster.root="$WORK/cluster" \
  -Dbatch.concurrency="$CONCURRENCY" -Dbatch.rate-per-second=100000 \
  -Dbatch.poll-interval-ms=500 -Dbank.status-checks.first-check=500ms -Dbatch.poll-batch-size=2000 -Dbatch.max-amount=1000000000 \
  -Dbank.sandbox.control-url=http://localhost:18189/sandbox -Dquarkus.log.category.\"id.bankgw.oy\".level=ERROR \
  -Dcamel.main.routes-include-pattern="file:$ROUTES/*.yaml" -jar "$APP/quarkus-run.jar" > "$WORK/gateway.log" 2>&1 &
GW_PID=$!   # /usr/bin/time; the gateway is its child
stop_gateway() { pkill -TERM -P "$GW_PID" 2>/dev/null || true; wait "$GW_PID" 2>/dev/null || true; kill "$BANK" 2>/dev/null || true; }
trap stop_gateway EXIT

until curl -sf "http://localhost:$MANAGEMENT_PORT/q/health/ready" > /dev/null; do sleep 1; done
GW_JVM=$(pgrep -P "$GW_PID" java)
# until N batches have ended (completed or rejected): the list is newest first, so count, not look at the first
wait_batches() { local ended
  while true; do
    kill -0 "$GW_JVM" 2>/dev/null || { echo "the gateway has exited: see $WORK/gateway.log" >&2; exit 1; }
    ended=$({ curl -s -u viewer:sandbox-viewer "http://localhost:$HTTP_PORT/api/batches" || true; } | { grep -oE '"status":"(COMPLETED|REJECTED)"' || true; } | wc -l)
    [[ "$ended" -ge "$1" ]] && return
    sleep 5  # each look counts the listed batches' rows: no more often than an operator's console would
  done; }
BATCHES=1
if [[ "$WARMUP_ROWS" -gt 0 ]]; then
  mv "$WORK/warmup.csv.part" "$WORK/inbox/warmup.csv"
  echo "Warm-up batch of $WARMUP_ROWS rows dropped; waiting for it to complete"
  wait_batches 1
  BATCHES=2
fi
GC0=$(cpu "$GW_JVM"); BC0=$(cpu "$BANK")
threads "$GW_JVM" > "$WORK/threads-before"
PG0=0; local_pg && PG0=$(pg_cpu)
[[ "$LEDGER" == postgres ]] && IFS='|' read -r X0 R0 W0 <<< "$(db_stats)"
read -r MU0 MS0 MI0 MT0 <<< "$(machine_cpu)"
mv "$WORK/bench.csv.part" "$WORK/inbox/bench.csv"
echo "Dropped; waiting for the batch to complete"
wait_batches "$BATCHES"
SUMMARY=""
for i in 1 2 3 4 5; do SUMMARY=$(ls "$WORK"/outbox/bench.csv.*.summary.json 2>/dev/null | head -1); [ -n "$SUMMARY" ] && break; sleep 1; done
threads "$GW_JVM" > "$WORK/threads-after"
GC1=$(cpu "$GW_JVM"); BC1=$(cpu "$BANK")
BANK_CPU=$(awk -v k="$(getconf CLK_TCK)" '{printf "%.1f", ($14 + $15) / k}' "/proc/$BANK/stat")
PG1=0; local_pg && PG1=$(pg_cpu)
[[ "$LEDGER" == postgres ]] && IFS='|' read -r X1 R1 W1 <<< "$(db_stats)"
read -r MU1 MS1 MI1 MT1 <<< "$(machine_cpu)"
stop_gateway
trap - EXIT

SECONDS_TAKEN=$(grep -o '"durationSeconds" : [0-9.]*' "$SUMMARY" | awk '{print $3}')
SUCCESS=$(tr -d '\n ' < "$SUMMARY" | grep -o '"SUCCESS":{[^}]*}' | grep -o '"rows":[0-9]*' | cut -d: -f2)
# Live data: the lowest heap after a GC within each minute; its largest value over the run
LIVE_HEAP=$(awk -F'[][]' '/Pause/ { t = int($2 / 60); match($0, /->[0-9]+M/); v = substr($0, RSTART + 2, RLENGTH - 3) + 0;
  if (!(t in low) || v < low[t]) low[t] = v } END { for (t in low) if (low[t] > m) m = low[t]; print m }' "$WORK/gc.log")
FULL_GCS=$(grep -c 'Pause Full' "$WORK/gc.log" || true)
# the serial collector's full collections show the live data directly: the heap after the last one
AFTER_FULL=$({ grep 'Pause Full' "$WORK/gc.log" || true; } | tail -1 | sed -E 's/.*->([0-9]+)M.*/\1/')
LIVE_AFTER_FULL=""; [[ -n "$AFTER_FULL" ]] && LIVE_AFTER_FULL=", after the last full GC: $AFTER_FULL MB"
RSS_KB=$(grep 'Maximum resident set size' "$WORK/time.txt" | awk '{print $6}')
echo
echo "rows:               $ROWS (success $SUCCESS), ledger $LEDGER"
echo "batch duration:     $SECONDS_TAKEN s (first row dispatched to last row final)"
awk -v r="$ROWS" -v s="$SECONDS_TAKEN" 'BEGIN { printf "rows per second:    %.0f\n", r / s }'
if [[ -n "${BANK_LATENCY_MS:-}" ]]; then
  awk -v r="$ROWS" -v s="$SECONDS_TAKEN" -v c="$CONCURRENCY" -v l="$BANK_LATENCY_MS" 'BEGIN { b = c / (3 * l / 1000);
    printf "bank latency:       %d ms per call; concurrency %d allows %.1f rows/s; reached %.0f %%\n", l, c, b, 100 * r / s / b }'
fi
WARM_NOTE=""; [[ "$WARMUP_ROWS" -gt 0 ]] && WARM_NOTE=" (heap, GCs and RSS include the warm-up batch)"
echo "heap limit:         $HEAP$WARM_NOTE; live heap (largest per-minute low after GC): ${LIVE_HEAP} MB${LIVE_AFTER_FULL}; full GCs: $FULL_GCS"
echo "peak RSS (process): $((RSS_KB / 1024)) MB"
GW_CPU=$(awk '/User time|System time/ {s += $NF} END {printf "%.1f", s}' "$WORK/time.txt")
awk -v g="$GW_CPU" -v b="$BANK_CPU" -v r="$ROWS" -v w="$WARMUP_ROWS" 'BEGIN { printf "CPU:                gateway %.1f s (%.2f ms per row, start-up%s included), bank %.1f s (%.2f ms per row)\n",
  g, 1000 * g / (r + w), w ? " and warm-up batch" : "", b, 1000 * b / (r + w) }'
awk -v g=$((GC1 - GC0)) -v b=$((BC1 - BC0)) -v k="$(getconf CLK_TCK)" -v r="$ROWS" 'BEGIN {
  printf "CPU over the batch: gateway %.2f ms per row, bank %.2f ms per row (from the file'"'"'s drop, its intake included, until the batch was seen ended)\n", 1000 * g / k / r, 1000 * b / k / r }'
awk -v u=$((MU1 - MU0)) -v s=$((MS1 - MS0)) -v i=$((MI1 - MI0)) -v st=$((MT1 - MT0)) 'BEGIN { t = u + s + i + st;
  printf "machine CPU:        %.0f %% user, %.0f %% system, %.0f %% idle, %.0f %% stolen over the batch (all processes)\n",
    100 * u / t, 100 * s / t, 100 * i / t, 100 * st / t }'
if [[ "$LEDGER" == postgres ]]; then
  # from the file's drop to the batch's end: the intake and the rows, not the schema's creation
  awk -v c=$((PG1 - PG0)) -v k="$(getconf CLK_TCK)" -v r="$ROWS" -v x=$((X1 - X0)) -v rd=$((R1 - R0)) -v w=$((W1 - W0)) \
    -v here="$(local_pg && echo 1)" 'BEGIN {
    printf "PostgreSQL:         %s per row %.1f transactions, %.0f tuples read, %.1f written\n",
      here ? sprintf("%.2f ms CPU per row over the batch;", 1000 * c / k / r) : "(not on this machine: no CPU figure);", x / r, rd / r, w / r }'
fi
echo "gateway CPU by thread over the batch (threads alive at its end; 1 % or more):"
thread_shares "$WORK/threads-before" "$WORK/threads-after" "  "
echo "work folder:        $WORK"
