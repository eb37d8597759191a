#!/usr/bin/env bash
# Install, build, build examples/fastmath with the plugin, show what was mined
# and why the rest was not, and call one core next to its wrapper.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=/usr/bin/python3  # Debian's, with its setuptools
OUT=$ROOT/build/examples/fastmath

scripts/setup.sh
scripts/build.sh

echo "== building examples/fastmath with the plugin (setuptools, CC=pyunbox-cc)"
(cd examples/fastmath &&
  PYUNBOX_BUILD_DIR=$ROOT/build "$PY" setup.py -q build_ext \
    --build-lib "$OUT" --build-temp "$OUT/tmp" --force)
SO=$(ls "$OUT"/fastmath*.so)

echo "== the plugin's remarks: each core made, and why the others were not"
clang-19 -O2 -fPIC -I"$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["include"])')" \
  -fpass-plugin=build/passes/libPyUnbox.so -Rpass=pyunbox -Rpass-missed=pyunbox \
  -c examples/fastmath/fastmath.c -o /dev/null 2>&1 | grep -E 'remark' || true

echo "== build/runtime/pyunbox-dump $(realpath --relative-to="$ROOT" "$SO")"
build/runtime/pyunbox-dump "$SO"

echo "== one core through ctypes, next to its wrapper"
"$PY" - "$SO" <<'PYEOF'
import ctypes, importlib.util, json, subprocess, sys

so = sys.argv[1]
spec = importlib.util.spec_from_file_location("fastmath", so)
fastmath = importlib.util.module_from_spec(spec)
spec.loader.exec_module(fastmath)
records = {r["python_name"]: r for r in json.loads(subprocess.check_output(
    ["build/runtime/pyunbox-dump", "--json", so]))["records"]}
if "gcd" not in records:
    sys.exit("demo: no core was mined for gcd")
r = records["gcd"]
# ctypes needs the prototype spelled out; it is the one the record gives.
assert (r["return_type"], r["param_types"]) == ("unsigned long long", ["long long"] * 2), r
core = ctypes.CDLL(so)[r["core_symbol"]]
core.restype = ctypes.c_ulonglong
core.argtypes = [ctypes.c_longlong, ctypes.c_longlong]
print(f"core: {r['c_prototype']}")
for a, b in [(12, 18), (-48, 180), (17, 0), (-(1 << 63), 0)]:
    wrapper_call = f"fastmath.gcd({a}, {b}) = {fastmath.gcd(a, b)}"
    print(f"  {wrapper_call:<60} {r['core_symbol']}({a}, {b}) = {core(a, b)}")
PYEOF
