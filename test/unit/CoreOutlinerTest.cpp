// The outliner: drafts and cores are valid IR with the C signature the
// analysis described, and the wrapper is left exactly as it was.
#include "IRTestHelpers.h"
#include "pyunbox/passes/CoreOutliner.h"
#include "pyunbox/passes/CalleeSummaries.h"
#include "pyunbox/passes/Drafting.h"
#include "pyunbox/passes/MethodTables.h"

#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "pyunbox/passes/LLVMCompat.h" // Triple.h, whose place changed
#include <gtest/gtest.h>

using namespace llvm;
using namespace pyunbox;

namespace {

std::string print(const Function &F) {
  std::string S;
  raw_string_ostream OS(S);
  F.print(OS);
  return S;
}

Function *mineOne(Module &M, StringRef Wrapper, unsigned Flags, std::string &Why) {
  TargetLibraryInfoImpl TLII{Triple(M.getTargetTriple())};
  TargetLibraryInfo TLI(TLII);
  CalleeSummaries Summaries(&TLI);
  Function *Draft = buildDraft(*M.getFunction(Wrapper), Flags, Summaries);
  AnalysisResult R = analyzeWrapper(*Draft, Flags, Summaries);
  if (!R.Shape) {
    Why = R.Why.Reason;
    Draft->eraseFromParent();
    return nullptr;
  }
  return outlineCore(*Draft, *R.Shape, "core", "f", Why);
}

TEST(CoreOutliner, VarargsCoreFromAnAllocaWrapper) {
  LLVMContext Ctx;
  // What clang emits at -O0: every value through the stack.
  auto M = test::parseWithPrelude(Ctx, R"IR(
@fmt = private constant [7 x i8] c"lp:add\00"
define internal ptr @w(ptr %self, ptr %args) {
entry:
  %self.addr = alloca ptr
  %args.addr = alloca ptr
  %a = alloca i64
  %flag = alloca i32
  %retval = alloca ptr
  store ptr %self, ptr %self.addr
  store ptr %args, ptr %args.addr
  %t = load ptr, ptr %args.addr
  %ok = call i32 (ptr, ptr, ...) @_PyArg_ParseTuple_SizeT(ptr %t, ptr @fmt, ptr %a, ptr %flag)
  %failed = icmp eq i32 %ok, 0
  br i1 %failed, label %fail, label %body
fail:
  store ptr null, ptr %retval
  br label %out
body:
  %x = load i64, ptr %a
  %f = load i32, ptr %flag
  %fz = icmp ne i32 %f, 0
  %neg = sub i64 0, %x
  %v = select i1 %fz, i64 %neg, i64 %x
  %box = call ptr @PyLong_FromLong(i64 %v)
  store ptr %box, ptr %retval
  br label %out
out:
  %r = load ptr, ptr %retval
  ret ptr %r
}
)IR");
  ASSERT_TRUE(M);
  std::string Before = print(*M->getFunction("w")), Why;
  Function *Core = mineOne(*M, "w", METH_VARARGS, Why);
  ASSERT_NE(Core, nullptr) << Why;
  EXPECT_FALSE(verifyFunction(*Core, &errs()));
  EXPECT_FALSE(verifyModule(*M, &errs()));
  EXPECT_EQ(print(*M->getFunction("w")), Before) << "the wrapper must not change";
  EXPECT_EQ(Core->arg_size(), 2u);
  EXPECT_TRUE(Core->getReturnType()->isIntegerTy(64));
  EXPECT_TRUE(Core->getArg(1)->getType()->isIntegerTy(1));
  EXPECT_TRUE(Core->hasParamAttribute(1, Attribute::ZExt));
  // No call of the C API is left in the core.
  for (BasicBlock &BB : *Core)
    for (Instruction &I : BB)
      if (auto *CB = dyn_cast<CallBase>(&I))
        ADD_FAILURE() << "unexpected call in core: " << print(*Core);
  EXPECT_EQ(M->getFunction("pyunbox.draft.w"), nullptr) << "the draft is consumed";
}

TEST(CoreOutliner, NoneReturningCoreIsVoid) {
  LLVMContext Ctx;
  auto M = test::parseWithPrelude(Ctx, R"IR(
@counter = internal global i64 0
define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i64 @PyLong_AsLong(ptr %arg)
  store i64 %n, ptr @counter
  %r = load i64, ptr @_Py_NoneStruct
  %r1 = add i64 %r, 1
  store i64 %r1, ptr @_Py_NoneStruct
  ret ptr @_Py_NoneStruct
}
)IR");
  ASSERT_TRUE(M);
  std::string Why;
  Function *Core = mineOne(*M, "w", METH_O, Why);
  ASSERT_NE(Core, nullptr) << Why;
  EXPECT_TRUE(Core->getReturnType()->isVoidTy());
  EXPECT_FALSE(verifyFunction(*Core, &errs()));
  EXPECT_EQ(print(*Core).find("_Py_NoneStruct"), std::string::npos)
      << "reference counting of None is gone: " << print(*Core);
  EXPECT_NE(print(*Core).find("@counter"), std::string::npos) << "the wrapper's own effect stays";
}

TEST(CoreOutliner, RefusedDraftLeavesNothing) {
  LLVMContext Ctx;
  auto M = test::parseWithPrelude(Ctx, R"IR(
define internal ptr @w(ptr %self, ptr %arg) {
  ret ptr %self
}
)IR");
  ASSERT_TRUE(M);
  size_t Before = M->size();
  std::string Why;
  EXPECT_EQ(mineOne(*M, "w", METH_O, Why), nullptr);
  EXPECT_EQ(M->size(), Before);
  EXPECT_FALSE(verifyModule(*M, &errs()));
}

TEST(MethodTables, FindsEntriesAndTheModuleName) {
  LLVMContext Ctx;
  auto M = test::parseWithPrelude(Ctx, R"IR(
%struct.PyMethodDef = type { ptr, ptr, i32, ptr }
@.n1 = private constant [4 x i8] c"inc\00"
@.mn = private constant [5 x i8] c"demo\00"
@methods = internal global [2 x %struct.PyMethodDef] [%struct.PyMethodDef { ptr @.n1, ptr @w, i32 8, ptr null }, %struct.PyMethodDef zeroinitializer]
@def = internal global { { { i64, ptr }, ptr, i64, ptr }, ptr, ptr, i64, ptr, ptr, ptr, ptr, ptr } { { { i64, ptr }, ptr, i64, ptr } zeroinitializer, ptr @.mn, ptr null, i64 -1, ptr @methods, ptr null, ptr null, ptr null, ptr null }
declare ptr @PyModule_Create2(ptr, i32)
define internal ptr @w(ptr %self, ptr %arg) {
  ret ptr %self
}
define ptr @PyInit_demo() {
  %m = call ptr @PyModule_Create2(ptr @def, i32 1013)
  ret ptr %m
}
)IR");
  ASSERT_TRUE(M);
  auto Entries = findMethodEntries(*M);
  ASSERT_EQ(Entries.size(), 1u);
  EXPECT_EQ(Entries[0].PythonName, "inc");
  EXPECT_EQ(Entries[0].ModuleName, "demo");
  EXPECT_EQ(Entries[0].Flags, unsigned(METH_O));
  EXPECT_EQ(Entries[0].Wrapper, M->getFunction("w"));
}

} // namespace
