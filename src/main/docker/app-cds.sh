#!/bin/sh
# Writes app-cds.jsa, the class-data archive the gateway starts from (JDK 17's dynamic AppCDS): the classes a start
# loads, already parsed and verified. Run in the application's folder (the image's /deployments) by the image build,
# with the java that runs the image: the archive is only valid for that JVM and those jars, and a JVM that cannot
# use it starts without it. The training start is the sandbox profile (embedded broker and H2 ledger, no
# credentials; no bank is called) with the image's JVM options, stopped once Quarkus listens; what it writes under
# ./data is removed. The routes stay YAML files read at start-up: the archive holds classes, not routes.
set -eu
rm -f app-cds.jsa
# its temporary files (Vert.x's cache) in a folder of its own, removed with it; no perf data file in /tmp
tmp=$(mktemp -d)
java -XX:ArchiveClassesAtExit=app-cds.jsa -XX:-UsePerfData -Djava.io.tmpdir="$tmp" -Dquarkus.profile=sandbox \
  -jar quarkus-run.jar > app-cds-training.log 2>&1 &
pid=$!
waited=0
until grep -q "Listening on:" app-cds-training.log; do
  if ! kill -0 "$pid" 2> /dev/null || [ "$waited" -ge 180 ]; then
    cat app-cds-training.log; kill "$pid" 2> /dev/null || true; exit 1
  fi
  sleep 1; waited=$((waited + 1))
done
kill -TERM "$pid"
wait "$pid" || true   # the JVM writes the archive as it exits
rm -rf data app-cds-training.log "$tmp"
test -s app-cds.jsa
