"""Every key of RefusalKeys.def is named in docs/PASS.md's table of refusals
(as `Key`), and the table names no key the .def lacks."""
import re
import sys

keys = re.findall(r"^PYUNBOX_REFUSAL\((\w+),", open(sys.argv[1]).read(), re.M)
doc = open(sys.argv[2]).read()
table = doc[doc.index("## Refusals"):]
table = table[:table.index("\n## ", 1)]
# The keys column: the first cell of each row.
named = {k for row in re.findall(r"^\| ([^|]*)\|", table, re.M) for k in re.findall(r"`(\w+)`", row)}
missing = [k for k in keys if k not in named]
extra = sorted(named - set(keys))
print(f"{len(keys)} keys; missing from PASS.md: {missing or 'none'}; "
      f"unknown in PASS.md: {extra or 'none'}")
sys.exit(1 if missing or extra else 0)
