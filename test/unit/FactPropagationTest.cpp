// FactPropagation: what executes once facts are fixed.
#include "IRTestHelpers.h"
#include "pyunbox/passes/FactPropagation.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include <gtest/gtest.h>

using namespace llvm;
using namespace pyunbox;

namespace {

BasicBlock *block(Function &F, StringRef Name) {
  for (BasicBlock &BB : F)
    if (BB.getName() == Name)
      return &BB;
  return nullptr;
}

TEST(FactPropagation, ShortCircuitOfErrorCheckFolds) {
  LLVMContext Ctx;
  auto M = test::parseWithPrelude(Ctx, R"IR(
define i64 @f(i64 %n) {
entry:
  %m1 = icmp eq i64 %n, -1
  br i1 %m1, label %rhs, label %end
rhs:
  %e = call ptr @PyErr_Occurred()
  %set = icmp ne ptr %e, null
  br label %end
end:
  %fail = phi i1 [ false, %entry ], [ %set, %rhs ]
  br i1 %fail, label %error, label %ok
error:
  ret i64 0
ok:
  ret i64 %n
}
)IR");
  ASSERT_TRUE(M);
  Function &F = *M->getFunction("f");
  DenseMap<Value *, Constant *> Facts;
  for (Instruction &I : instructions(F))
    if (auto *CB = dyn_cast<CallBase>(&I))
      Facts[CB] = ConstantPointerNull::get(PointerType::get(Ctx, 0));
  DenseMap<Value *, Value *> Models;
  FactPropagation FP(F, Facts, Models, [](const Value *) { return false; });
  EXPECT_TRUE(FP.isExecutable(block(F, "rhs")));
  EXPECT_FALSE(FP.isExecutable(block(F, "error")));
  EXPECT_TRUE(FP.isExecutable(block(F, "ok")));
  EXPECT_EQ(FP.foldedBranches().lookup(block(F, "end")), block(F, "ok"));
}

TEST(FactPropagation, LoopPhiBecomesOverdefined) {
  LLVMContext Ctx;
  auto M = test::parseWithPrelude(Ctx, R"IR(
define i64 @f(i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 10
  br i1 %done, label %exit, label %loop
exit:
  ret i64 %i
}
)IR");
  ASSERT_TRUE(M);
  Function &F = *M->getFunction("f");
  DenseMap<Value *, Constant *> Facts;
  DenseMap<Value *, Value *> Models;
  FactPropagation FP(F, Facts, Models, [](const Value *) { return false; });
  EXPECT_TRUE(FP.isExecutable(block(F, "exit")));
  EXPECT_TRUE(FP.foldedBranches().empty());
}

TEST(FactPropagation, UndefConditionTakesBothWays) {
  LLVMContext Ctx;
  auto M = test::parseWithPrelude(Ctx, R"IR(
define i64 @f() {
entry:
  br i1 undef, label %a, label %b
a:
  ret i64 1
b:
  ret i64 2
}
)IR");
  ASSERT_TRUE(M);
  Function &F = *M->getFunction("f");
  DenseMap<Value *, Constant *> Facts;
  DenseMap<Value *, Value *> Models;
  FactPropagation FP(F, Facts, Models, [](const Value *) { return false; });
  EXPECT_TRUE(FP.isExecutable(block(F, "a")));
  EXPECT_TRUE(FP.isExecutable(block(F, "b")));
}

} // namespace
