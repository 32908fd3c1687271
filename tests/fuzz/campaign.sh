#!/bin/sh
# campaign.sh SECONDS [TARGET]: fuzzes build/fuzz_TARGET (header, rules or
# wasm; default header) for SECONDS in all, restarting after each crash,
# timeout or OOM (libFuzzer stops at the first one). New inputs go to
# build/fuzz-corpus-TARGET, findings to build/fuzz-artifacts/TARGET-*, one log
# per run to build/fuzz-logs/TARGET-runN.log. One process, one core (no -jobs:
# its job mode writes fuzz-N.log into the current directory). Sums executions
# and prints the last coverage line at the end.
set -u
total=${1:-1800}
t=${2:-header}
case $t in
  header) flags="-dict=tests/fuzz/c.dict -max_len=4096" corpus=tests/fuzz/corpus ;;
  rules) flags="-dict=tests/fuzz/rules.dict -max_len=4096" corpus=tests/fuzz/corpus-rules ;;
  wasm) flags="-dict=tests/fuzz/wasm.dict -max_len=65536" corpus=tests/fuzz/corpus-wasm ;;
  *) echo "campaign.sh: unknown target '$t' (header, rules, wasm)" >&2; exit 2 ;;
esac
mkdir -p "build/fuzz-corpus-$t" build/fuzz-artifacts build/fuzz-logs
rm -f build/fuzz-logs/"$t"-run*.log
start=$(date +%s)
n=0
while :; do
  left=$((total - ($(date +%s) - start)))
  [ "$left" -gt 5 ] || break
  n=$((n + 1))
  # shellcheck disable=SC2086 # $flags is a list of options
  "./build/fuzz_$t" $flags -timeout=5 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="build/fuzz-artifacts/$t-" \
    -max_total_time="$left" "build/fuzz-corpus-$t" "$corpus" > "build/fuzz-logs/$t-run$n.log" 2>&1
  echo "run $n: exit $? at $(($(date +%s) - start)) s"
done
execs=$(cat build/fuzz-logs/"$t"-run*.log | sed -n 's/^stat::number_of_executed_units: *//p' | awk '{s+=$1} END {print s+0}')
echo "campaign $t: $n runs, $(($(date +%s) - start)) s, executions (completed runs): $execs"
grep -h 'cov: ' build/fuzz-logs/"$t"-run$n.log | tail -1
ls build/fuzz-artifacts | grep "^$t-" || true
