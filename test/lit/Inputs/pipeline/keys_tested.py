"""Every key of RefusalKeys.def that a remark can carry has a lit test that
asserts it (`KEY: Name: Key` in the optimization record). The keys no
remark carries are listed here, with the reason, and must not have one."""
import pathlib
import re
import sys

# EffectBeforeRaise: the wrapper is then analysed again as a core that
# raises itself, and the remark carries that analysis' key (the text keeps
# both reasons, as refusals/fsync-fd-added-functions.c and
# refusals/state-then-null-without-raise.c show).
NEVER_IN_A_REMARK = {"EffectBeforeRaise"}

keys = re.findall(r"^PYUNBOX_REFUSAL\((\w+),", open(sys.argv[1]).read(), re.M)
asserted = set()
for test in pathlib.Path(sys.argv[2]).rglob("*"):
    if test.is_file() and "Output" not in test.parts and test.suffix in (".c", ".ll", ".test", ".pyx"):
        asserted |= set(re.findall(r"KEY(?:-NEXT)?: Name: (\w+)", test.read_text(errors="replace")))
untested = [k for k in keys if k not in asserted and k not in NEVER_IN_A_REMARK]
wrongly = sorted(asserted & NEVER_IN_A_REMARK)
print(f"{len(keys)} keys; without a test: {untested or 'none'}; "
      f"asserted though no remark carries them: {wrongly or 'none'}")
sys.exit(1 if untested or wrongly else 0)
