#!/usr/bin/env python3
# test-summary.py TESTLOG.json… - the closing lines of build-aux/dev test.
# Counts meson tests by result and ends with "N passed, N failed, N skipped";
# exits 1 on any failure or when no test ran at all.
import json
import sys

passed, failed, skipped = [], [], []
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError as e:
        print("cannot read %s: %s" % (path, e))
        failed.append(path)
        continue
    for line in lines:
        if not line.strip():
            continue
        entry = json.loads(line)
        name = entry["name"]
        result = entry.get("result", "")
        if result in ("OK", "EXPECTEDFAIL"):
            passed.append(name)
        elif result == "SKIP":
            skipped.append(name)
        else:
            failed.append("%s (%s)" % (name, result))

for name in skipped:
    print("skipped: " + name)
for name in failed:
    print("FAILED: " + name)
print("%d passed, %d failed, %d skipped" % (len(passed), len(failed), len(skipped)))
sys.exit(1 if failed or not passed else 0)
