#!/usr/bin/env python3
# check-po.py SRCDIR - po/vi.po is complete: it compiles, has no untranslated or
# fuzzy entry, and has a translation for every string in the sources.
import os
import subprocess
import sys
import tempfile

top = sys.argv[1]
po = os.path.join(top, "po", "vi.po")
results = []

fmt = subprocess.run(["msgfmt", "--check", "--statistics", "-o", os.devnull, po],
                     capture_output=True, text=True)
stats = fmt.stderr.strip()
results.append(("vi.po compiles with --check", fmt.returncode == 0, stats))
results.append(("vi.po has no untranslated or fuzzy entry",
                 "untranslated" not in stats and "fuzzy" not in stats, stats))

potfiles = [l.strip() for l in open(os.path.join(top, "po", "POTFILES.in"), encoding="utf-8")
            if l.strip() and not l.startswith("#")]
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, "byline.pot")
    xg = subprocess.run(["xgettext", "--from-code=UTF-8", "--keyword=_", "--keyword=N_",
                         "--keyword=C_:1c,2", "--keyword=NC_:1c,2", "--keyword=g_dngettext:2,3",
                         "--keyword=ngettext:1,2", "--keyword=g_dpgettext2:2c,3",
                         "-o", pot, "-D", top] + potfiles, capture_output=True, text=True)
    results.append(("xgettext reads every listed file", xg.returncode == 0, xg.stderr.strip()))
    if os.path.exists(pot):
        cmp = subprocess.run(["msgcmp", "--use-untranslated", po, pot], capture_output=True, text=True)
        # msgcmp ignores untranslated entries with --use-untranslated; the stats
        # check above already fails on those, so here only absent ones count.
        results.append(("every source string is in vi.po", cmp.returncode == 0,
                        cmp.stderr.strip()[:2000]))

print("1..%d" % len(results))
for i, (name, ok, detail) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok:
        for line in detail.splitlines():
            print("# " + line)
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
