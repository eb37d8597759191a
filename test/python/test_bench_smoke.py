"""bench/run_all.py in its quick mode (PYUNBOX_BENCH_QUICK=1, about 30 s, a minute on a busy machine):
every part runs and the aggregator writes valid JSON and a PNG. The numbers
are not checked; scripts/bench.sh is the real run."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent.parent


@pytest.mark.skipif(not shutil.which("pypy3"), reason="the PyPy part needs pypy3")
def test_quick_run_writes_json_and_png(tmp_path):
    env = dict(os.environ, PYUNBOX_BENCH_QUICK="1")
    proc = subprocess.run(["/usr/bin/python3", str(REPO / "bench" / "run_all.py"),
                           "--out", str(tmp_path)], env=env, capture_output=True, text=True,
                          timeout=240)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["machine"]["quick"] and results["machine"]["cores"] >= 1
    assert {f["function"] for f in results["pypy"]["functions"]} == \
        {"inc", "fc_mix", "va_hypot2", "is_even", "check_long", "safe_div", "kw_affine", "pair"}
    assert len(results["cpython"]["functions"]) == 6
    assert results["numba"]["speedup"] > 0
    assert all(g["cores"] == g["n_wrappers"] for g in results["compile"]["generated"])
    # Real programs: each ran with identical output, or its pinned source is not
    # on this machine (bench/apps reads it from the local mirror of public
    # repositories, as scripts/thirdparty.sh does), and nothing else failed.
    apps = {a["name"]: a for a in results["apps"]["apps"]}
    failed = {f["name"]: f["error"] for f in results["apps"]["failed"]}
    pinned = {a["name"] for a in json.loads((REPO / "bench" / "apps" / "pins.json").read_text())["apps"]}
    assert set(apps) | set(failed) == pinned
    assert all("source not available here" in why for why in failed.values()), failed
    assert all(a["identical_output"] and a["functions"] > 0 for a in apps.values()), apps
    assert [p["what"] for p in results["promises"]][0].startswith("CPython")
    assert (tmp_path / "results.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Promises" in proc.stdout
