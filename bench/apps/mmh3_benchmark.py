"""mmh3 (hajimes/mmh3) benchmark/benchmark.py: the project's own benchmark of
its hash functions, run on `mmh3.hash` (its `--test-hash mmh3_base_hash`)
with its two bytes workloads, `naive` (ten fixed buffers of one size, hashed
in turn) and `random` (its default: ten buffers of sizes within 10% of one,
at random offsets), for the sizes its main loop takes: the Fibonacci numbers
up to 1024 (its `--test-buffer-size-max` default).

    pypy3 mmh3_benchmark.py SRC_DIR OUT_DIR SCALE     (through launch.py)

The benchmark's own functions (`perf_hash`, `perf_hash_random`,
`init_buffer`, `generate_size`) run unchanged, read from the file at the pin
and run as __main__ (_adapt.py). Edits, and why:
  - its imports of pymmh3, pyperf and xxhash (packages Debian's PyPy does not
    have, used only by the other hashes and the pyperf runner) give stand-ins
    that name nothing this run calls;
  - instead of its pyperf main, which calibrates the loop count and times each
    size in worker processes, SCALE loops per size and workload are run in
    this process: the end-to-end time is what is measured, and both runs must
    do the same work;
  - instead of pyperf's timings, which differ from run to run, it writes, per
    size and workload, the hashes of the ten buffers the workload hashed (the
    workload run once more with a function that records them), so the output
    is identical only if `mmh3.hash` gave the same results.
`perf_hash_latency` is left out: it indexes its hash's result (`f(...)[0]`),
which only the digest functions give, and slices a memoryview, which
`mmh3.hash` refuses.
"""
import os
import sys
import types

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _adapt import edited, run_program  # noqa: E402

src, out, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
path = os.path.join(src, "benchmark", "benchmark.py")

# Stand-ins for the imports this run does not use (the other hashes' table
# entries read attributes of them, and its main is replaced below).
for name in ("pymmh3", "pyperf", "xxhash"):
    sys.modules[name] = types.SimpleNamespace(
        hash=None, hash128=None, Runner=None, xxh32_digest=None, xxh64_digest=None,
        xxh3_64_digest=None, xxh3_128_digest=None)

MAIN = '''
if __name__ == "__main__":
    runner = pyperf.Runner(add_cmdline_args=add_cmdline_args)
'''
DRIVER = f'''
def _run(scale, out):
    f = HASHES["mmh3_base_hash"]
    lines = []
    for test_type in ("naive", "random"):
        bench = BENCHMARKING_TYPES[test_type]
        fib1, fib2 = 1, 2
        while fib1 <= 1024:
            bench(scale, f, fib1)
            seen = []
            bench(1, lambda b: seen.append(f(b)), fib1)
            lines.append(f"{{test_type}} {{fib1}} bytes: {{seen}}")
            fib1, fib2 = fib2, fib1 + fib2
    with open(out, "w") as log:
        log.write("\\n".join(lines) + "\\n")


_run({scale}, {os.path.join(out, "mmh3.txt")!r})
if False:
    runner = pyperf.Runner(add_cmdline_args=add_cmdline_args)
'''
text = edited(path, [(MAIN, DRIVER, 1)])
run_program(path, text, [path])
