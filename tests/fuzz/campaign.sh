#!/bin/sh
# campaign.sh SECONDS: fuzzes build/fuzz_header for SECONDS in all, restarting
# after each crash, timeout or OOM (libFuzzer stops at the first one). New
# inputs go to build/fuzz-corpus, findings to build/fuzz-artifacts/, one log per
# run to build/fuzz-logs/. One process, one core (no -jobs: its job mode
# writes fuzz-N.log into the current directory). Sums executions at the end.
set -u
total=${1:-1800}
mkdir -p build/fuzz-corpus build/fuzz-artifacts build/fuzz-logs
start=$(date +%s)
n=0
while :; do
  left=$((total - ($(date +%s) - start)))
  [ "$left" -gt 5 ] || break
  n=$((n + 1))
  ./build/fuzz_header -dict=tests/fuzz/c.dict -max_len=4096 -timeout=5 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix=build/fuzz-artifacts/ \
    -max_total_time="$left" build/fuzz-corpus tests/fuzz/corpus > "build/fuzz-logs/run$n.log" 2>&1
  echo "run $n: exit $? at $(($(date +%s) - start)) s"
done
execs=$(cat build/fuzz-logs/run*.log | sed -n 's/^stat::number_of_executed_units: *//p' | awk '{s+=$1} END {print s+0}')
echo "campaign: $n runs, $(($(date +%s) - start)) s, executions (completed runs): $execs"
ls build/fuzz-artifacts
