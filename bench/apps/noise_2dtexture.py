"""noise (caseman/noise) examples/2dtexture.py: writes a grayscale simplex-noise
texture as a PGM file, one `snoise2(x / freq, y / freq, octaves)` call per pixel.

    pypy3 noise_2dtexture.py SRC_DIR OUT_DIR SCALE     (through launch.py)

The program is the project's file, run as its own __main__ with its own
command line (`2dtexture.py FILE`, OCTAVES left at its default of 1). Edits,
each checked to match exactly (so a changed upstream file fails loudly):
  - the texture is SCALE x SCALE pixels instead of 256 x 256 (the two
    `range(256)` loops and the `256 256` PGM header): at 256 x 256 the 65,536
    calls take a few tens of milliseconds, less than the interpreter's start,
    so the end-to-end time would measure the start; nothing else changes.
The output compared between the runs is the PGM file it writes.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _adapt import edited, run_program  # noqa: E402

src, out, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
path = os.path.join(src, "examples", "2dtexture.py")
text = edited(path, [("range(256)", f"range({scale})", 2),
                     ("'256 256\\n'", f"'{scale} {scale}\\n'", 1)])
run_program(path, text, ["2dtexture.py", os.path.join(out, "texture.pgm")])
