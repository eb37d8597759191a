"""test/fuzz imports these names from here; they live in pyunbox_testkit
(test/support), which the e2e suite and everything else import directly."""
import sys
from pathlib import Path

_SUPPORT = str(Path(__file__).resolve().parent.parent / "support")
if _SUPPORT not in sys.path:
    sys.path.insert(0, _SUPPORT)

from pyunbox_testkit.build import Build  # noqa: E402,F401
from pyunbox_testkit.cores import Bailed  # noqa: E402,F401
from pyunbox_testkit.paths import CLANG  # noqa: E402,F401
