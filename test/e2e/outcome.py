"""test/fuzz imports these names from here; they live in pyunbox_testkit.outcome
(test/support), which the e2e suite and everything else import directly."""
import sys
from pathlib import Path

_SUPPORT = str(Path(__file__).resolve().parent.parent / "support")
if _SUPPORT not in sys.path:
    sys.path.insert(0, _SUPPORT)

from pyunbox_testkit.outcome import outcome, same_outcome, same_value, through_vectorcall  # noqa: E402,F401
