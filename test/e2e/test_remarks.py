"""(d) The plugin's remarks as tools read them: clang's optimization record
(YAML), one remark per function of a method table, keyed "Mined" or by the
refusal's key. The corpus tool (scripts/corpus) classifies refusals by these
keys, so every key it names must be one the pass can give."""
import importlib.util
import re

import pytest

from expected import MINED, REFUSED
from pyunbox_testkit import remarks
from pyunbox_testkit.build import compile_flags, run
from pyunbox_testkit.paths import CLANG, REPO, SHAPES, SHAPES_MODULE, require_plugin


@pytest.fixture
def shapes_remarks(tmp_path, opt):
    require_plugin()
    run([CLANG, *compile_flags(opt, plugin=True), *remarks.RECORD_FLAGS, "-c", SHAPES,
         "-o", tmp_path / "shapes.o"])
    return remarks.read([tmp_path / "shapes.opt.yaml"])


def test_one_mined_remark_per_core(shapes_remarks):
    mined = [r for r in shapes_remarks if r.key == remarks.MINED]
    assert sorted(r.python_name for r in mined) == sorted(MINED)
    # shapes.c names each wrapper like its Python function.
    assert all(r.kind == "Passed" and r.function == r.python_name for r in mined)


def test_module_in_the_record_only(shapes_remarks):
    """Each remark names its table's module in the record, not in its text."""
    assert {r.module for r in shapes_remarks if r.kind in ("Passed", "Missed")} == {SHAPES_MODULE}
    assert not any(r.message.endswith(SHAPES_MODULE) for r in shapes_remarks)


def test_refusals_by_key(shapes_remarks):
    missed = {r.python_name: r.key for r in shapes_remarks if r.kind == "Missed"}
    assert missed == {name: key for name, (key, _) in REFUSED.items()}


def test_corpus_keys_are_the_passes():
    """A key the pass no longer gives would silently classify nothing."""
    path = REPO / "scripts" / "corpus" / "source.py"
    spec = importlib.util.spec_from_file_location("pyunbox_corpus_source", path)
    source = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(source)
    text = "\n".join(p.read_text() for d in (REPO / "passes", REPO / "include" / "pyunbox")
                     for p in sorted(d.rglob("*")) if p.suffix in (".cpp", ".h", ".def"))
    # A key is a string literal (refuse("Key", ...)) or an entry of an X-macro
    # table (REFUSAL(Key, ...)).
    unknown = [key for key in sorted(source.OBJECT_KEYS)
               if not re.search(rf'"{key}"|\(\s*{key}\s*[,)]', text)]
    assert not unknown, f"scripts/corpus/source.py names keys passes/ does not give: {unknown}"
