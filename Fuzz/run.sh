#!/usr/bin/env bash
# Builds the libFuzzer harnesses and fuzzes them: Fuzz/run.sh TARGET|all SECONDS [libFuzzer flags...]
# Targets: lexer parser notebook png markdown. `all` runs each target for SECONDS in turn; 0 seconds
# only builds; FUZZ_NO_BUILD=1 runs what was built last.
# Seeds come from the committed Fuzz/corpus/ and the test fixtures, which are only read; new
# interesting inputs go to .build-fuzz/corpus/TARGET. Crashes, timeouts and out-of-memory inputs go
# to Fuzz/findings/, and the script then fails.
set -euo pipefail

TARGETS=(lexer parser notebook png markdown)
usage() { echo "usage: Fuzz/run.sh TARGET|all SECONDS [libFuzzer flags...]   (TARGET: ${TARGETS[*]})" >&2; exit 2; }
[ $# -ge 2 ] || usage
target=$1; seconds=$2; shift 2
[[ "$seconds" =~ ^[0-9]+$ ]] || usage
if [ "$target" = all ]; then selected=("${TARGETS[@]}")
else
    [[ " ${TARGETS[*]} " == *" $target "* ]] || usage
    selected=("$target")
fi

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export PATH=/opt/swift/usr/bin:$PATH
scratch=.build-fuzz
findings=Fuzz/findings
mkdir -p "$findings" "$scratch/logs"

# The harness targets exist only when SEGNB_FUZZ is set (see Package.swift). Every module gets
# libFuzzer's coverage instrumentation and AddressSanitizer, optimised (a debug build, so that the
# harnesses can reach internal entry points, but -O: unoptimised code fuzzes ten times slower).
# -parse-as-library because libFuzzer's driver, not top-level code, runs the harness.
# `nice` leaves the cores to interactive work.
build_flags=(--scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -O)
for t in "${selected[@]}"; do
    [ -z "${FUZZ_NO_BUILD:-}" ] || break
    if ! SEGNB_FUZZ=1 nice -n 10 swift build "${build_flags[@]}" --product "fuzz-$t" >"$scratch/logs/build-$t.log" 2>&1; then
        grep -E "error|warning: unre" "$scratch/logs/build-$t.log" | head -n 20 >&2
        echo "building fuzz-$t failed (log: $scratch/logs/build-$t.log)" >&2
        exit 1
    fi
done
bin="$scratch/debug"
[ "$seconds" -gt 0 ] || exit 0

# Swift's runtime keeps caches alive until exit, which LeakSanitizer would report as leaks; Swift's
# own crash backtracer would get in the way of AddressSanitizer's report.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
export SWIFT_BACKTRACE=enable=no
status=0
for t in "${selected[@]}"; do
    flags=(-max_total_time="$seconds" -timeout=20 -report_slow_units=20 -rss_limit_mb=2048 -max_len=8192
           -artifact_prefix="$findings/$t-" -print_final_stats=1)
    case $t in
        lexer|parser) flags+=(-dict=Fuzz/dictionaries/seg.dict)
                      seeds=(Fuzz/corpus/seg Tests/SegScriptTests/Fixtures/scripts) ;;
        notebook) seeds=(Fuzz/corpus/notebook Tests/SegCLITests/Fixtures) ;;
        png) seeds=(Fuzz/corpus/png Tests/SegVisionTests/Fixtures/png Tests/SegVisionTests/Fixtures/camvid32/train_labels) ;;
        markdown) flags+=(-dict=Fuzz/dictionaries/markdown.dict)
                  seeds=(Fuzz/corpus/markdown) ;;
    esac
    mkdir -p "$scratch/corpus/$t"
    log="$scratch/logs/$t.log"
    echo "fuzzing $t for ${seconds}s (log: $log)"
    started=$(date +%s)
    if nice -n 10 "$bin/fuzz-$t" "${flags[@]}" "$@" "$scratch/corpus/$t" "${seeds[@]}" >"$log" 2>&1; then
        elapsed=$(( $(date +%s) - started ))
        # One line per clean run, so that the total time fuzzed without a finding can be summed.
        printf '%s\t%s\t%s\n' "$(date -u +%Y-%m-%d)" "$t" "$elapsed" >> "$scratch/fuzzed-seconds.tsv"
        grep -E "^(stat::number_of_executed_units|Done)" "$log" | tr '\n' ' '; echo
    else
        status=1
        echo "fuzz-$t FAILED; reproducer(s) and the last lines of $log:" >&2
        ls -1 "$findings/$t-"* 2>/dev/null >&2 || true
        grep -E "ERROR|==[0-9]+==|Fatal error|SUMMARY|Test unit written" "$log" | head -n 12 >&2 || true
    fi
done
exit $status
