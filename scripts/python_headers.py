#!/usr/bin/env python3
"""CPython's headers of releases newer than bookworm's 3.11, from Debian's
newer suites, for compile-only checks of the pass (test/lit/headers/).

Users compile their extensions against the Python they run: 3.12 and later
changed what the headers inline (immortal objects in Py_INCREF and
Py_RETURN_NONE, PY_SSIZE_T_CLEAN by default) and renamed C API functions
(3.13 made _PyLong_AsInt public as PyLong_AsInt and removed the old name;
3.14 added PyLong_FromInt32 and friends). Bookworm packages only 3.11, and a
newer interpreter does not run here (its libc is newer than bookworm's), but
its headers are all a compile needs: each libpython3.X-dev package is
downloaded from deb.debian.org (trixie for 3.13; sid for 3.14 and 3.15, the
only suite that has them), checked against the SHA256 its suite's Packages
index gives, and unpacked into DEST/3.X as one include directory (the
package's python3.X/ with its multiarch pyconfig.h in place).

The version is whatever the suite has today: Debian's pool keeps only a
suite's current packages, so a pinned file would vanish with the next
update. DEST/3.X/VERSION says which one was unpacked. Idempotent (a release
already unpacked is kept); a download that fails is reported and skipped
(the lit tests that need it are then UNSUPPORTED), never fatal.

    /usr/bin/python3 scripts/python_headers.py [--dest DIR]

DEST defaults to $PYUNBOX_PYTHON_HEADERS, else ~/.cache/pyunbox-python-headers
(test/lit/lit.cfg.py looks in the same place).
"""
import argparse
import hashlib
import lzma
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

MIRROR = "http://deb.debian.org/debian"
ARCH = "amd64"
MULTIARCH = "x86_64-linux-gnu"
# Each release and the suite that packages it.
RELEASES = {"3.13": "trixie", "3.14": "sid", "3.15": "sid"}
TIMEOUT = 120  # seconds per download


def default_dest():
    return Path(os.environ.get("PYUNBOX_PYTHON_HEADERS")
                or Path.home() / ".cache" / "pyunbox-python-headers")


def fetch(url):
    with urllib.request.urlopen(url, timeout=TIMEOUT) as r:
        return r.read()


def packages_index(suite, cache):
    """The suite's Packages index as {package: {field: value}}, fetched once
    per run."""
    if suite not in cache:
        text = lzma.decompress(fetch(f"{MIRROR}/dists/{suite}/main/binary-{ARCH}/Packages.xz"))
        index = {}
        for stanza in text.decode("utf-8", "replace").split("\n\n"):
            fields = dict(line.split(": ", 1) for line in stanza.splitlines()
                          if ": " in line and not line.startswith(" "))
            if "Package" in fields:
                index[fields["Package"]] = fields
        cache[suite] = index
    return cache[suite]


def unpack(release, suite, dest, indexes):
    """DEST/<release>: the headers of libpython<release>-dev; its version."""
    entry = packages_index(suite, indexes).get(f"libpython{release}-dev")
    if entry is None:
        raise RuntimeError(f"{suite} has no libpython{release}-dev")
    deb = fetch(f"{MIRROR}/{entry['Filename']}")
    if hashlib.sha256(deb).hexdigest() != entry["SHA256"]:
        raise RuntimeError(f"{entry['Filename']}: SHA256 differs from {suite}'s index")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "p.deb").write_bytes(deb)
        subprocess.run(["dpkg-deb", "-x", str(Path(tmp) / "p.deb"), str(Path(tmp) / "root")],
                       check=True)
        include = Path(tmp) / "root/usr/include"
        out = Path(tmp) / "out"
        shutil.copytree(include / f"python{release}", out)
        # The generic pyconfig.h includes <MULTIARCH/python3.X/pyconfig.h>.
        shutil.copy(include / MULTIARCH / f"python{release}" / "pyconfig.h", out / "pyconfig.h")
        (out / "VERSION").write_text(f"libpython{release}-dev {entry['Version']} ({suite})\n")
        final = dest / release
        shutil.rmtree(final, ignore_errors=True)
        dest.mkdir(parents=True, exist_ok=True)
        shutil.move(str(out), str(final))
    return entry["Version"]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dest", type=Path, default=default_dest())
    args = ap.parse_args(argv)
    indexes = {}
    for release, suite in RELEASES.items():
        have = args.dest / release / "VERSION"
        if have.is_file():
            print(f"python_headers: {release}: {have.read_text().strip()}, already there")
            continue
        try:
            version = unpack(release, suite, args.dest, indexes)
            print(f"python_headers: {release}: libpython{release}-dev {version} ({suite}) "
                  f"in {args.dest / release}")
        except Exception as e:  # a network or mirror problem costs the tests, not the setup
            print(f"python_headers: {release}: not fetched ({e}); its lit tests are unsupported",
                  file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
