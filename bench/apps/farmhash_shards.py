"""pyfarmhash (veelion/python-farmhash): Google's FarmHash behind a C++
extension whose functions each hash a string by calling into another file
(python-farmhash.cc calls farmhash.cc), built under full LTO (pins.json).

    pypy3 farmhash_shards.py SRC_DIR OUT_DIR SCALE     (through launch.py)

The project ships no example, test or benchmark with a loop (its README shows
`farmhash.hash64('abc')` and `farmhash.hash64withseed('abc', 12345)`), so this
program, like jump's, is written here from its README: it does what such
hashes are used for, on text nobody here wrote, the words of the project's
own sources (farmhash.cc, python-farmhash.cc, README.md: 28,628 words):
  - first it writes the README's two examples as this version computes them
    (the README's values, of an older FarmHash, differ);
  - then SCALE times, with seed s = 0..SCALE-1: each word's 64-bit
    fingerprint (`fingerprint64`) gives the number of distinct words, and its
    seeded 32-bit hash (`hash32withseed(word, s)`) its shard among 16; it
    writes, per seed, the distinct count, the shard sizes and a checksum of
    the words' 32-bit hashes (`hash32`) and seeded 64-bit hashes
    (`hash64withseed(word, s)`).
Every value the program writes comes from the extension.
"""
import os
import re
import sys

src, out, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])

import farmhash  # noqa: E402

words = []
for rel in ("src/farmhash.cc", "src/python-farmhash.cc", "README.md"):
    with open(os.path.join(src, rel), encoding="utf-8") as f:
        words += re.findall(r"\w+", f.read())

MASK = (1 << 64) - 1
lines = [f"{len(words)} words; README's examples: hash64('abc') = {farmhash.hash64('abc')}, "
         f"hash64withseed('abc', 12345) = {farmhash.hash64withseed('abc', 12345)}"]
for seed in range(scale):
    distinct = len({farmhash.fingerprint64(w) for w in words})
    shards = [0] * 16
    check = 0
    for w in words:
        shards[farmhash.hash32withseed(w, seed) % 16] += 1
        check = (check * 31 + farmhash.hash32(w) + farmhash.hash64withseed(w, seed)) & MASK
    lines.append(f"seed {seed}: {distinct} distinct, shards {shards}, checksum {check:016x}")

with open(os.path.join(out, "shards.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")
