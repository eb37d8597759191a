"""Print how many dynamic relocations of an ELF file fall inside a section.

Usage: relocs_in_section.py READELF FILE SECTION
The records must need no dynamic relocation: this counts the ones that do."""
import re
import subprocess
import sys

readelf, path, name = sys.argv[1:4]
sections = subprocess.run([readelf, "-SW", path], check=True, capture_output=True, text=True).stdout
start = size = None
for line in sections.splitlines():
    m = re.search(r"\]\s+(\S+)\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", line)
    if m and m.group(1) == name:
        start, size = int(m.group(2), 16), int(m.group(3), 16)
if start is None:
    sys.exit(f"no section {name} in {path}")
relocs = subprocess.run([readelf, "-rW", path], check=True, capture_output=True, text=True).stdout
inside = 0
for line in relocs.splitlines():
    m = re.match(r"\s*([0-9a-f]{8,16})\s+[0-9a-f]+\s+R_", line)
    if m and start <= int(m.group(1), 16) < start + size:
        inside += 1
print(f"dynamic relocations in {name}: {inside}")
