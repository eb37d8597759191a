"""fastrand (lemire/fastrand) scripts/runtests.sh: the project's own benchmark,
`python -m timeit -s 'import fastrand' 'STMT'` for each fastrand statement
in it (fastrand.pcg32(), fastrand.pcg32bounded(1001),
fastrand.pcg32randint(100,1000)).

    pypy3 fastrand_timeit.py SRC_DIR OUT_DIR SCALE     (through launch.py)

The statements and setup are read from the script at the pin and run by the
timeit module, as `python -m timeit` runs them (timeit.Timer(stmt,
setup).timeit(number)). Edits, and why:
  - the script's other lines (building and installing with setup.py, and the
    timeit lines of `random` and `numpy`, which do not call fastrand) are not
    run;
  - a fixed number of loops, SCALE per statement, instead of timeit's
    automatic choice and best of 5: the end-to-end time is what is measured,
    and both runs must do the same work;
  - instead of timeit's timing line, which differs from run to run, it prints
    the loop count and the generator's next values (`fastrand.pcg32()` and
    `fastrand.xorshift128plus()` after each statement): the generators' global
    states, so the output is identical only if every call ran, in order, with
    the same results.
"""
import os
import re
import sys
import timeit

src, out, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
path = os.path.join(src, "scripts", "runtests.sh")
pattern = re.compile(r"^python3? -m timeit -s '(import fastrand)' '([^']*)'$", re.M)
with open(path) as f:
    statements = pattern.findall(f.read())
if len(statements) != 3:
    raise SystemExit(f"{path}: expected 3 fastrand timeit lines, found {statements}")

import fastrand  # noqa: E402  (the module the statements import)

with open(os.path.join(out, "fastrand.txt"), "w") as log:
    for setup, stmt in statements:
        timeit.Timer(stmt, setup).timeit(number=scale)
        line = (f"{stmt}: {scale} loops; next pcg32() = {fastrand.pcg32()}, "
                f"xorshift128plus() = {fastrand.xorshift128plus()}")
        print(line)
        log.write(line + "\n")
