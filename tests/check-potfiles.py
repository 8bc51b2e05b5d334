#!/usr/bin/env python3
# check-potfiles.py SRCDIR - po/POTFILES.in is sorted, lists only files that
# exist, and lists every source or data file that has translatable strings.
import os
import re
import sys

top = sys.argv[1]
listed = [l.strip() for l in open(os.path.join(top, "po", "POTFILES.in"), encoding="utf-8")
          if l.strip() and not l.startswith("#")]
marker = re.compile(r'(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|g_dpgettext2)\(|translatable="yes"'
                    r'|<summary>|^(Name|GenericName|Comment|Keywords)=|<p>', re.M)
# In C, "<p>" is HTML being written (the block markup serializer), not a
# translatable AppStream paragraph.
c_marker = re.compile(r'(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|g_dpgettext2)\(', re.M)

candidates = []
for base in ("src", "data"):
    for root, dirs, files in os.walk(os.path.join(top, base)):
        dirs[:] = [d for d in dirs if d != "no-gtk"]
        for f in files:
            if f.endswith((".c", ".ui", ".in", ".xml")):
                path = os.path.relpath(os.path.join(root, f), top)
                if path.endswith(".gresource.xml"):
                    continue
                with open(os.path.join(top, path), encoding="utf-8", errors="replace") as fh:
                    if (c_marker if path.endswith(".c") else marker).search(fh.read()):
                        candidates.append(path)

results = []
results.append(("POTFILES.in is sorted", listed == sorted(listed), ""))
gone = [p for p in listed if not os.path.exists(os.path.join(top, p))]
results.append(("every listed file exists", not gone, " ".join(gone)))
missing = sorted(set(candidates) - set(listed))
results.append(("every file with translatable strings is listed", not missing, " ".join(missing)))

print("1..%d" % len(results))
for i, (name, ok, detail) in enumerate(results, 1):
    print("%s %d - %s%s" % ("ok" if ok else "not ok", i, name, "" if ok else ": " + detail))
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
