#!/bin/sh
# run-fuzzer.sh TARGET DICTIONARY SEED_DIR… - runs a libFuzzer target for
# $BYLINE_FUZZ_SECONDS (default 30) seconds on a fresh corpus seeded from
# the fixture directories. Fails on any crash, leak, sanitizer report,
# timeout or failed check; libFuzzer then leaves the input beside the
# target as TARGET-crash-… (or -leak-, -timeout-, -oom-).
set -u
target=$1; dict=$2; shift 2
seconds=${BYLINE_FUZZ_SECONDS:-30}
name=$(basename "$target")
work=$(mktemp -d "${TMPDIR:-/tmp}/byline-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/corpus"

echo "fuzzing $name for ${seconds}s, seeded with $*"
"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2560 -max_len=65536 \
  -dict="$dict" -print_final_stats=1 -artifact_prefix="$(dirname "$target")/$name-" \
  "$work/corpus" "$@" >"$work/log" 2>&1
status=$?
# The progress lines are many; keep the rest (reports, final statistics).
grep -v -e '^#[0-9]' -e '^INFO: ' "$work/log" | tail -n 80
# libFuzzer reports findings with exit status 77, which meson reads as
# "skipped": any failure is 1 here.
[ "$status" -eq 0 ] || exit 1
