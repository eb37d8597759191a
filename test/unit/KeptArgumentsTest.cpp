// The first look before a draft (KeptArguments.cpp, KeptParameters.h): an
// argument object that surely goes to a call that keeps it refuses the
// wrapper, whether the wrapper or a helper makes the call; anything that
// only may run, and any use the boundary gives a meaning, does not.
#include "IRTestHelpers.h"
#include "pyunbox/passes/CalleeSummaries.h"
#include "pyunbox/passes/Drafting.h"
#include "pyunbox/passes/LLVMCompat.h"
#include "pyunbox/passes/HelperBodies.h"
#include "pyunbox/passes/KeptParameters.h"
#include "pyunbox/passes/MethodTables.h"
#include "pyunbox/passes/WrapperAnalysis.h"

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Verifier.h"
#include <gtest/gtest.h>

using namespace llvm;
using namespace pyunbox;

namespace {

// The first look at METH_O wrapper @w of IR: the refusal's reason, or "".
// The module must verify afterwards with no copy of a helper left.
std::string firstLook(const std::string &IR) {
  LLVMContext Ctx;
  auto M = test::parseWithPrelude(Ctx, "declare void @Py_INCREF(ptr)\n" + IR);
  TargetLibraryInfoImpl TLII{Triple(M->getTargetTriple())};
  TargetLibraryInfo TLI(TLII);
  CalleeSummaries Summaries(&TLI);
  HelperBodies Bodies;
  KeptParameters Kept(Bodies, MinerOptions().InlineRounds);
  Function *Draft = startDraft(*M->getFunction("w"), METH_O, Summaries);
  std::optional<Refusal> R = findKeptArgument(*Draft, METH_O, Summaries, Kept);
  Draft->eraseFromParent();
  Bodies.eraseAll(nullptr);
  EXPECT_FALSE(verifyModule(*M, &errs()));
  EXPECT_EQ(M->size(), std::distance(M->begin(), M->end()));
  for (Function &F : *M)
    EXPECT_FALSE(pyunbox::compat::startsWith(F.getName(), "pyunbox.")) << F.getName().str();
  if (R)
    EXPECT_EQ(R->Key, RefusalKey::ArgumentEscapes);
  return R ? R->Reason : "";
}

// A METH_O wrapper that unboxes its argument through @convert(o, out).
const char *ConvertingWrapper = R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
entry:
  %slot = alloca i64
  %ok = call i32 @convert(ptr %arg, ptr %slot)
  %v = load i64, ptr %slot
  %r = call ptr @PyLong_FromLong(i64 %v)
  ret ptr %r
}
)IR";

// A converter that hands the object out of the module first thing (it logs
// it in a list), then unboxes it.
TEST(KeptArguments, HelperThatCallsOutFirst) {
  EXPECT_EQ(firstLook(R"IR(
@seen = internal global ptr null
declare i32 @PyList_Append(ptr, ptr)
define internal i32 @convert(ptr %o, ptr %out) {
entry:
  %null = icmp eq ptr %o, null
  br i1 %null, label %none, label %some
none:
  ret i32 1
some:
  %list = load ptr, ptr @seen
  %ok = call i32 @PyList_Append(ptr %list, ptr %o)
  %v = call i64 @PyLong_AsLong(ptr %o)
  store i64 %v, ptr %out
  ret i32 1
}
)IR" + std::string(ConvertingWrapper)),
            "argument 1 is used for more than unboxing (a call of 'PyList_Append')");
}

// posix's path_converter takes a reference first thing: not a use that
// keeps the object, since the wrapper may release it on every path (then
// it is neutral: ArgumentReferences.cpp). The full analysis decides.
TEST(KeptArguments, ReferenceTakenIsNotKept) {
  EXPECT_EQ(firstLook(R"IR(
define internal i32 @convert(ptr %o, ptr %out) {
  call void @Py_INCREF(ptr %o)
  %v = call i64 @PyLong_AsLong(ptr %o)
  store i64 %v, ptr %out
  ret i32 1
}
)IR" + std::string(ConvertingWrapper)),
            "");
}

// posix's path_converter: a reference taken, a test for None (never an
// argument), then a call that only may run (allow_fd && PyIndex_Check(o))
// and one that surely runs where those paths meet again (PyOS_FSPath here;
// posix's PyObject_CheckBuffer is a type test of the boundary's, whose
// answer the full analysis settles: BytesChecks).
TEST(KeptArguments, PathConverterShape) {
  EXPECT_EQ(firstLook(R"IR(
declare i32 @PyIndex_Check(ptr)
declare i32 @PyOS_FSPath(ptr)
define internal i32 @convert(ptr %o, ptr %path) {
entry:
  call void @Py_INCREF(ptr %o)
  %isnone = icmp eq ptr %o, @_Py_NoneStruct
  br i1 %isnone, label %none, label %some
none:
  ret i32 1
some:
  %allow = load i32, ptr %path
  %allowed = icmp ne i32 %allow, 0
  br i1 %allowed, label %index, label %join
index:
  %i = call i32 @PyIndex_Check(ptr %o)
  br label %join
join:
  %is_index = phi i32 [ 0, %some ], [ %i, %index ]
  %b = call i32 @PyOS_FSPath(ptr %o)
  ret i32 %b
}
define internal ptr @w(ptr %self, ptr %arg) {
  %path = alloca i32
  store i32 1, ptr %path
  %ok = call i32 @convert(ptr %arg, ptr %path)
  %r = call ptr @PyLong_FromLong(i64 0)
  ret ptr %r
}
)IR"),
            "argument 1 is used for more than unboxing (a call of 'PyOS_FSPath')");
}

// Through a helper of the helper, and a call out of the module.
TEST(KeptArguments, HelperOfAHelperThatCallsOut) {
  EXPECT_EQ(firstLook(R"IR(
declare ptr @PyObject_Str(ptr)
define internal i64 @inner(ptr %o) {
  %s = call ptr @PyObject_Str(ptr %o)
  %v = call i64 @PyLong_AsLong(ptr %o)
  ret i64 %v
}
define internal i64 @outer(i64 %k, ptr %o) {
  %v = call i64 @inner(ptr %o)
  ret i64 %v
}
define internal ptr @w(ptr %self, ptr %arg) {
  %v = call i64 @outer(i64 1, ptr %arg)
  %r = call ptr @PyLong_FromLong(i64 %v)
  ret ptr %r
}
)IR"),
            "argument 1 is used for more than unboxing (a call of 'PyObject_Str')");
}

// The reference is taken only on a path that depends on a value the first
// look does not know: it may never run, so only the full analysis decides.
TEST(KeptArguments, UseThatOnlyMayRunIsLeftToTheAnalysis) {
  EXPECT_EQ(firstLook(R"IR(
define internal i64 @convert(ptr %o, i32 %keep) {
entry:
  %k = icmp ne i32 %keep, 0
  br i1 %k, label %ref, label %done
ref:
  call void @Py_INCREF(ptr %o)
  br label %done
done:
  %v = call i64 @PyLong_AsLong(ptr %o)
  ret i64 %v
}
define internal ptr @w(ptr %self, ptr %arg) {
  %v = call i64 @convert(ptr %arg, i32 0)
  %r = call ptr @PyLong_FromLong(i64 %v)
  ret ptr %r
}
)IR"),
            "");
}

// After a call of another helper (which may end in a raise when inlined),
// nothing is sure to run.
TEST(KeptArguments, NothingIsSureAfterAHelperCall) {
  EXPECT_EQ(firstLook(R"IR(
define internal i32 @check(i64 %v) {
  %neg = icmp slt i64 %v, 0
  %r = zext i1 %neg to i32
  ret i32 %r
}
define internal ptr @w(ptr %self, ptr %arg) {
  %v = call i64 @PyLong_AsLong(ptr %arg)
  %bad = call i32 @check(i64 %v)
  call void @Py_INCREF(ptr %arg)
  %r = call ptr @PyLong_FromLong(i64 %v)
  ret ptr %r
}
)IR"),
            "");
}

// Unboxing and boxing alone: nothing kept.
TEST(KeptArguments, PlainWrapperPasses) {
  EXPECT_EQ(firstLook(R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
  %v = call i64 @PyLong_AsLong(ptr %arg)
  %r = call ptr @PyLong_FromLong(i64 %v)
  ret ptr %r
}
)IR"),
            "");
}

} // namespace
