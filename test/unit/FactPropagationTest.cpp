// FactPropagation: what executes once facts are fixed.
#include "IRTestHelpers.h"
#include "pyunbox/passes/FactPropagation.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
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

// Pessimistic: a branch on an unknown value goes to where its paths meet
// again, not into them; the join's phi merges paths not followed.
const char *SureJoinIR = R"IR(
declare void @stop()
define i64 @f(i1 %c, ptr %o, i64 %n) {
entry:
  %none = icmp eq ptr %o, @_Py_NoneStruct
  br i1 %none, label %isnone, label %branch
isnone:
  ret i64 0
branch:
  br i1 %c, label %then, label %join
then:
  br label %join
join:
  %v = phi i64 [ 1, %branch ], [ 2, %then ]
  br i1 %c, label %cycle, label %tail
cycle:
  %more = icmp ult i64 %n, 3
  br i1 %more, label %cycle, label %tail
tail:
  br i1 %c, label %stops, label %end
stops:
  call void @stop()
  br label %end
end:
  ret i64 %v
}
)IR";

TEST(FactPropagation, PessimisticGoesToWherePathsMeet) {
  LLVMContext Ctx;
  auto M = test::parseWithPrelude(Ctx, SureJoinIR);
  ASSERT_TRUE(M);
  Function &F = *M->getFunction("f");
  DenseMap<Value *, Constant *> Facts;
  DenseMap<Value *, Value *> Models;
  Argument *O = F.getArg(1);
  auto NeverNone = [O](const Value *V, const Constant *) { return V == O; };
  auto Stops = [](const Instruction &I) {
    auto *CB = dyn_cast<CallBase>(&I);
    return CB && CB->getCalledFunction()->getName() == "stop";
  };
  FactPropagation FP(F, Facts, Models, [](const Value *) { return false; }, Stops,
                     /*Pessimistic=*/true, NeverNone);
  EXPECT_FALSE(FP.isExecutable(block(F, "isnone"))); // %o is never None
  EXPECT_TRUE(FP.isExecutable(block(F, "branch")));
  EXPECT_FALSE(FP.isExecutable(block(F, "then"))); // may not run
  EXPECT_TRUE(FP.isExecutable(block(F, "join")));  // surely runs
  EXPECT_EQ(FP.constantOf(&*block(F, "join")->begin()), nullptr); // 1 or 2
  // Past a cycle, or past a block that may not come back, nothing is sure.
  EXPECT_FALSE(FP.isExecutable(block(F, "tail")));
  EXPECT_FALSE(FP.isExecutable(block(F, "end")));
}

TEST(FactPropagation, PessimisticStopsBeforeAPathThatMayNotComeBack) {
  LLVMContext Ctx;
  auto M = test::parseWithPrelude(Ctx, SureJoinIR);
  ASSERT_TRUE(M);
  Function &F = *M->getFunction("f");
  // Begin at tail: its branch's paths meet at end, one of them through a stop.
  BasicBlock *Tail = block(F, "tail");
  F.getEntryBlock().getTerminator()->eraseFromParent();
  BranchInst::Create(Tail, &F.getEntryBlock());
  DenseMap<Value *, Constant *> Facts;
  DenseMap<Value *, Value *> Models;
  auto Stops = [](const Instruction &I) {
    auto *CB = dyn_cast<CallBase>(&I);
    return CB && CB->getCalledFunction() && CB->getCalledFunction()->getName() == "stop";
  };
  FactPropagation FP(F, Facts, Models, [](const Value *) { return false; }, Stops,
                     /*Pessimistic=*/true);
  EXPECT_TRUE(FP.isExecutable(Tail));
  EXPECT_FALSE(FP.isExecutable(block(F, "end")));
  // Without the stop, end surely runs.
  FactPropagation NoStops(F, Facts, Models, [](const Value *) { return false; }, nullptr,
                          /*Pessimistic=*/true);
  EXPECT_TRUE(NoStops.isExecutable(block(F, "end")));
}

// Clinic's and Cython's check after an unboxer, `if (x == -1 &&
// PyErr_Occurred()) goto exit;`: the paths of the unknown test end apart
// (one returns), but under the fact that PyErr_Occurred() is NULL the
// inner branch goes one way only, so they surely meet at the use.
const char *DecidedRegionIR = R"IR(
declare i32 @unbox(ptr)
declare void @keep(ptr)
define i64 @f(ptr %o) {
entry:
  %x = call i32 @unbox(ptr %o)
  %bad = icmp eq i32 %x, -1
  br i1 %bad, label %check, label %use
check:
  %err = call ptr @PyErr_Occurred()
  %raised = icmp ne ptr %err, null
  br i1 %raised, label %fail, label %use
fail:
  ret i64 0
use:
  call void @keep(ptr %o)
  ret i64 1
}
)IR";

TEST(FactPropagation, PessimisticFollowsBranchesDecidedBetween) {
  LLVMContext Ctx;
  auto M = test::parseWithPrelude(Ctx, DecidedRegionIR);
  ASSERT_TRUE(M);
  Function &F = *M->getFunction("f");
  DenseMap<Value *, Value *> Models;
  auto Never = [](const Value *) { return false; };
  DenseMap<Value *, Constant *> NoFacts;
  FactPropagation Unknown(F, NoFacts, Models, Never, nullptr, /*Pessimistic=*/true);
  EXPECT_FALSE(Unknown.isExecutable(block(F, "use"))); // the check may fail
  auto *Err = &*block(F, "check")->begin();
  DenseMap<Value *, Constant *> Facts{{Err, ConstantPointerNull::get(PointerType::get(Ctx, 0))}};
  FactPropagation Known(F, Facts, Models, Never, nullptr, /*Pessimistic=*/true);
  EXPECT_TRUE(Known.isExecutable(block(F, "use")));
  EXPECT_FALSE(Known.isExecutable(block(F, "check"))); // between: not sure
  EXPECT_FALSE(Known.isExecutable(block(F, "fail")));
}

// A branch that names one block twice goes there whatever its condition:
// that block is the join, even where it holds a stop.
TEST(FactPropagation, PessimisticJoinOfABranchToOneBlock) {
  LLVMContext Ctx;
  auto M = test::parseWithPrelude(Ctx, R"IR(
declare void @stop()
define void @f(i1 %c) {
entry:
  br i1 %c, label %j, label %j
j:
  call void @stop()
  ret void
}
)IR");
  ASSERT_TRUE(M);
  Function &F = *M->getFunction("f");
  DenseMap<Value *, Constant *> Facts;
  DenseMap<Value *, Value *> Models;
  auto Stops = [](const Instruction &I) {
    auto *CB = dyn_cast<CallBase>(&I);
    return CB && CB->getCalledFunction() && CB->getCalledFunction()->getName() == "stop";
  };
  FactPropagation FP(F, Facts, Models, [](const Value *) { return false; }, Stops,
                     /*Pessimistic=*/true);
  EXPECT_TRUE(FP.isExecutable(block(F, "j")));
}

} // namespace
