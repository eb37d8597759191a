"""noise (caseman/noise) test.py: the project's own unit tests, which call all
six functions (pnoise1/2/3, snoise2/3/4) in loops of 2,000 to 20,000 calls,
with the optional arguments omitted (`pnoise2(x, y)`) or given by keyword
(`octaves=o + 1`, `base=5`), and check every value.

    pypy3 noise_tests.py SRC_DIR OUT_DIR SCALE     (through launch.py)

The test classes are the project's file, loaded unchanged as a module (its
`unittest.main()` is guarded by `__name__ == '__main__'` and does not run).
Edits, and why:
  - the suite runs SCALE times in one process (unittest.TextTestRunner on the
    file's TestCases, in the file's order), instead of once: once takes a few
    tenths of a second, less than the interpreter's start;
  - the runner's report goes to OUT_DIR/tests.txt and stdout with its
    "Ran N tests in X.XXXs" time removed (it differs between any two runs);
    the rest (the test count, OK or the failures) is compared.
"""
import io
import os
import re
import sys
import types
import unittest

src, out, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
path = os.path.join(src, "test.py")
module = types.ModuleType("noise_test")
module.__file__ = path
with open(path) as f:
    exec(compile(f.read(), path, "exec"), module.__dict__)
cases = [v for v in vars(module).values()
         if isinstance(v, type) and issubclass(v, unittest.TestCase)]
if len(cases) != 2:
    raise SystemExit(f"{path}: expected the Perlin and Simplex TestCases, found {cases}")

stream = io.StringIO()
runner = unittest.TextTestRunner(stream=stream, verbosity=2)
loader = unittest.TestLoader()
for _ in range(scale):
    runner.run(unittest.TestSuite(loader.loadTestsFromTestCase(c) for c in cases))
report = re.sub(r"(Ran \d+ tests?) in [0-9.]+s", r"\1", stream.getvalue())
with open(os.path.join(out, "tests.txt"), "w") as f:
    f.write(report)
sys.stdout.write(report.splitlines()[-1] + "\n" if report.strip() else "no tests ran\n")
