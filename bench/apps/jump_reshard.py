"""jump-consistent-hash (lithammer/python-jump-consistent-hash): `jump.hash(key,
num_buckets)` (the C extension `_jump`) placing keys into buckets while the
number of buckets grows, and counting the keys that move at each step.

    pypy3 jump_reshard.py SRC_DIR OUT_DIR SCALE     (through launch.py)

The project ships no example or benchmark with a loop (its tests call
`c_hash` five times), so this program is the one in bench/apps that is not
the project's own code; it follows its README to the letter and does what
the algorithm is for (Lamping and Veach, the paper the README cites: when n
buckets become n + 1, only about 1/(n + 1) of the keys move):
  - the keys are strings turned into integers as the README shows for `str`
    keys, `binascii.crc32(b"127.0.0.1") & 0xffffffff` (10,000 addresses
    10.0.x.y);
  - first it checks the README's own examples (`jump.hash(256, 1024)` is 520,
    the crc32 of b"127.0.0.1" is 3619153832) and the values its tests assert
    for the C extension (tests/test_jump.py), read from those files at the pin;
  - then for 1 to SCALE buckets it places every key and writes how many keys
    moved from the step before and the smallest and largest bucket.
"""
import binascii
import os
import re
import sys

src, out, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])

import jump  # noqa: E402

if jump.hash is not jump.c_hash or jump.c_hash is None:
    raise SystemExit("jump: the C extension _jump did not load")

# The README's and the tests' examples, from the files at the pin.
with open(os.path.join(src, "README.rst")) as f:
    readme = f.read()
with open(os.path.join(src, "tests", "test_jump.py")) as f:
    tests = f.read()
examples = [(int(k, 0), int(b), int(v)) for k, b, v in
            re.findall(r"jump\.c_hash\((\w+), (\d+)\)\n\s+self\.assertEqual\(h, (\d+)\)", tests)]
examples += [(256, 1024, int(re.search(r">>> jump\.hash\(256, 1024\)\n\s+(\d+)", readme).group(1)))]
if len(examples) != 6:
    raise SystemExit(f"expected the tests' 5 examples and the README's, found {examples}")
for key, buckets, expected in examples:
    assert jump.hash(key, buckets) == expected, (key, buckets, expected)
crc = int(re.search(r'binascii\.crc32\(b"127\.0\.0\.1"\) & 0xffffffff\n\s+(\d+)', readme).group(1))
assert binascii.crc32(b"127.0.0.1") & 0xffffffff == crc

keys = [binascii.crc32(f"10.0.{i // 256}.{i % 256}".encode()) & 0xffffffff for i in range(10000)]
lines = [f"{len(examples)} examples of the README and tests hold"]
previous = [0] * len(keys)
for buckets in range(1, scale + 1):
    placement = [jump.hash(key, buckets) for key in keys]
    moved = sum(1 for a, b in zip(previous, placement) if a != b)
    sizes = [0] * buckets
    for b in placement:
        sizes[b] += 1
    lines.append(f"{buckets} buckets: {moved} keys moved, bucket sizes {min(sizes)}..{max(sizes)}")
    previous = placement

with open(os.path.join(out, "reshard.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
print(lines[-1])
