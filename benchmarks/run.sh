#!/usr/bin/env bash
# Measures Callwire with one command: runs the JMH suites (each against its baseline, in the same run) and the
# heap footprint, then renders the results into docs/performance.md and docs/images/perf-*.png.
#
#   benchmarks/run.sh [short|full|tiny] [more JMH options...]
#
#   short  every suite once, short iterations: under 10 minutes on 2 cores (the figures in the docs)
#   full   JMH's annotated iterations (longer warm-up and measurement), every benchmark and parameter
#   tiny   a check of the runner itself in a minute or two; renders into benchmarks/target/, not docs/
#
# Builds benchmarks/target/benchmarks.jar with Maven when it is missing or older than the benchmark sources
# (set BUILD=0 to skip that check); everything else needs only java. Results: benchmarks/results/<mode>.json
# (JMH's JSON) and benchmarks/results/<mode>-memory.json. Run it on a quiet machine: `uptime` first.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
mode="${1:-short}"
shift || true
jar="$here/target/benchmarks.jar"

case "$mode" in
  short) jmh=(-f 1 -wi 2 -w 1s -i 3 -r 1s -p waitMode=BLOCKING -e AgentChoiceBenchmark) ;;
  full)  jmh=() ;;
  tiny)  jmh=(-f 1 -wi 1 -w 200ms -i 1 -r 300ms -p waitMode=BLOCKING -p agents=100,1000 -p waiting=1000
              -p durability=ASYNC -e AgentChoiceBenchmark) ;;
  *) echo "usage: $0 [short|full|tiny] [JMH options...]" >&2; exit 2 ;;
esac

if [ "${BUILD:-1}" != 0 ] && { [ ! -f "$jar" ] || [ -n "$(find "$here/src" "$here/pom.xml" -newer "$jar" -print -quit)" ]; }; then
  echo "building $jar" >&2
  (cd "$root" && mvn -B -q -ntp package -DskipTests -pl benchmarks -am)
fi

cd "$root"
results=benchmarks/results
if [ "$mode" = tiny ]; then
  results=benchmarks/target/tiny-results
  doc=benchmarks/target/tiny-performance.md
  images=benchmarks/target/tiny-images
else
  doc=docs/performance.md
  images=docs/images
fi
mkdir -p "$results" "$images"
load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
echo "cores: $(nproc), load average before the run: $load" >&2

start=$(date +%s)
java -jar "$jar" "${jmh[@]}" -prof gc -rf json -rff "$results/$mode.json" "$@"
java -Xmx2g -XX:+UseSerialGC -cp "$jar" io.callwire.benchmarks.HeapFootprint "$results/$mode-memory.json"
java -cp "$jar" io.callwire.benchmarks.report.Report "$results/$mode.json" "$doc" "$images" \
  "$results/$mode-memory.json" --label "$mode mode" --load "$load"
echo "done in $(( $(date +%s) - start )) s: $results/$mode.json, $doc, $images" >&2
