#!/usr/bin/env python3
# check-flatpak-manifest.py MANIFEST - the Flatpak manifest has what Byline
# needs and nothing broader, and flatpak-builder reads it without a warning.
import json
import shutil
import subprocess
import sys

path = sys.argv[1]
results = []

try:
    manifest = json.load(open(path, encoding="utf-8"))
    results.append(("manifest is valid JSON", True, ""))
except ValueError as e:
    print("1..1\nnot ok 1 - manifest is valid JSON: %s" % e)
    sys.exit(1)

def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))

check("id is io.github.bylineapp.Byline", manifest.get("id") == "io.github.bylineapp.Byline")
check("runtime is org.gnome.Platform", manifest.get("runtime") == "org.gnome.Platform")
check("sdk is org.gnome.Sdk", manifest.get("sdk") == "org.gnome.Sdk")
version = str(manifest.get("runtime-version", ""))
check("runtime-version is a supported stable GNOME (>= 48)",
      version.isdigit() and int(version) >= 48, version)
check("command is byline", manifest.get("command") == "byline")

expected_args = {"--share=network", "--share=ipc", "--socket=wayland",
                 "--socket=fallback-x11", "--device=dri"}
args = set(manifest.get("finish-args", []))
check("finish-args are exactly network, ipc, wayland, fallback-x11, dri",
      args == expected_args, " ".join(sorted(args ^ expected_args)))
check("no filesystem access (files come through portals)",
      not any(a.startswith("--filesystem") for a in args))

modules = manifest.get("modules", [])
app = modules[-1] if modules else {}
check("last module is byline", isinstance(app, dict) and app.get("name") == "byline")
check("byline is built with meson", app.get("buildsystem") == "meson")
sources = app.get("sources", [])
check("byline is built from this repository",
      any(s.get("type") in ("dir", "git") for s in sources if isinstance(s, dict)))
check("tests are run in the build", app.get("run-tests") is True)
check("the core suite is what runs in the sandbox", "core" in
      json.dumps(app.get("test-commands", [])))

if shutil.which("flatpak-builder"):
    show = subprocess.run(["flatpak-builder", "--show-manifest", path], capture_output=True, text=True)
    warn = [l for l in show.stderr.splitlines() if "WARNING" in l.upper()]
    check("flatpak-builder --show-manifest reads it", show.returncode == 0, show.stderr.strip())
    check("flatpak-builder prints no warning", not warn, "\n".join(warn))

print("1..%d" % len(results))
for i, (name, ok, detail) in enumerate(results, 1):
    print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
    if not ok and detail:
        for line in detail.splitlines():
            print("# " + line)
sys.exit(0 if all(ok for _, ok, _ in results) else 1)
