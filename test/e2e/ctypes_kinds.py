"""test/fuzz imports these names from here; they live in pyunbox_testkit.kinds
(test/support), which the e2e suite and everything else import directly."""
import sys
from pathlib import Path

_SUPPORT = str(Path(__file__).resolve().parent.parent / "support")
if _SUPPORT not in sys.path:
    sys.path.insert(0, _SUPPORT)

from pyunbox_testkit.kinds import edge_values, f32, int_range  # noqa: E402,F401
