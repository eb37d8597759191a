// Drafts inline their helpers with inlineIntoDraft: the same code as
// llvm::InlineFunction gives (DraftInlining.h), but for the lifetime markers
// it adds to the stack slots it moves, which drafts promote away. Each case
// inlines one callee both ways, in two copies of a module, and compares the
// caller's text.
#include "IRTestHelpers.h"
#include "pyunbox/passes/DraftInlining.h"

#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include <gtest/gtest.h>

using namespace llvm;
using namespace pyunbox;

namespace {

// The caller's calls of @callee, inlined by How.
void inlineCalls(Module &M, function_ref<bool(CallBase &)> How) {
  SmallVector<CallBase *, 4> Calls;
  for (Instruction &I : instructions(*M.getFunction("caller")))
    if (auto *CB = dyn_cast<CallBase>(&I); CB && CB->getCalledFunction() == M.getFunction("callee"))
      Calls.push_back(CB);
  ASSERT_FALSE(Calls.empty());
  for (CallBase *CB : Calls)
    ASSERT_TRUE(How(*CB));
}

std::string callerText(Module &M, bool DropLifetimeMarkers) {
  Function &Caller = *M.getFunction("caller");
  if (DropLifetimeMarkers)
    for (Instruction &I : make_early_inc_range(instructions(Caller)))
      if (auto *II = dyn_cast<IntrinsicInst>(&I); II && II->isLifetimeStartOrEnd())
        II->eraseFromParent();
  EXPECT_FALSE(verifyFunction(Caller, &errs()));
  std::string S;
  raw_string_ostream OS(S);
  Caller.print(OS);
  return OS.str();
}

// inlineIntoDraft and InlineFunction give the same caller.
void expectSameAsLLVM(const std::string &IR) {
  LLVMContext Ctx;
  auto Ours = test::parseIR(Ctx, IR);
  auto Theirs = test::parseIR(Ctx, IR);
  ASSERT_TRUE(Ours && Theirs);
  inlineCalls(*Ours, [](CallBase &CB) { return inlineIntoDraft(CB); });
  inlineCalls(*Theirs, [](CallBase &CB) {
    InlineFunctionInfo IFI;
    return InlineFunction(CB, IFI).isSuccess();
  });
  EXPECT_EQ(callerText(*Ours, false), callerText(*Theirs, true));
}

TEST(DraftInlining, OneBlockGoesInBeforeTheCall) {
  expectSameAsLLVM(R"(
declare i64 @g(i64)
define internal i64 @callee(ptr %o) {
  %p = getelementptr i8, ptr %o, i64 8
  %v = load i64, ptr %p
  %r = tail call i64 @g(i64 %v)
  %s = add i64 %r, 0
  ret i64 %s
}
define i64 @caller(ptr %a) {
  %x = call i64 @callee(ptr %a) #0
  %y = call i64 @callee(ptr null)
  %z = add i64 %x, %y
  ret i64 %z
}
attributes #0 = { nounwind }
)");
}

TEST(DraftInlining, ReturnsMeetInAPhi) {
  expectSameAsLLVM(R"(
define internal i64 @callee(i64 %x) {
entry:
  %neg = icmp slt i64 %x, 0
  br i1 %neg, label %bad, label %good
bad:
  ret i64 -1
good:
  %d = mul i64 %x, 2
  ret i64 %d
}
define i64 @caller(i64 %a) {
entry:
  %r = call i64 @callee(i64 %a)
  %s = add i64 %r, 1
  ret i64 %s
}
)");
}

TEST(DraftInlining, ConstantArgumentsPruneBranchesAndPhis) {
  expectSameAsLLVM(R"(
declare void @f()
declare i32 @h(i32)
define internal i32 @callee(i32 %k, i32 %v) {
entry:
  %c = icmp eq i32 %k, 0
  br i1 %c, label %zero, label %other
zero:
  call void @f()
  br label %join
other:
  %w = call i32 @h(i32 %v)
  br label %join
join:
  %p = phi i32 [ %v, %zero ], [ %w, %other ]
  switch i32 %k, label %dflt [ i32 0, label %z2
                               i32 1, label %o2 ]
z2:
  ret i32 %p
o2:
  ret i32 1
dflt:
  ret i32 2
}
define i32 @caller(i32 %a, i32 %b) {
entry:
  %x = call i32 @callee(i32 0, i32 %a)
  %y = call i32 @callee(i32 %b, i32 %x)
  ret i32 %y
}
)");
}

TEST(DraftInlining, AVoidCalleesReturnBlockJoinsTheRest) {
  expectSameAsLLVM(R"(
declare void @f(ptr)
define internal void @callee(ptr %o) {
entry:
  %slot = alloca ptr
  store ptr %o, ptr %slot
  %n = icmp eq ptr %o, null
  br i1 %n, label %done, label %use
use:
  call void @f(ptr %slot)
  br label %done
done:
  ret void
}
define void @caller(ptr %a) {
entry:
  %keep = alloca i32
  call void @callee(ptr %a)
  call void @f(ptr %keep)
  ret void
}
)");
}

TEST(DraftInlining, NoaliasArgumentsGoToInlineFunction) {
  expectSameAsLLVM(R"(
define internal i32 @callee(ptr noalias %p) {
  %v = load i32, ptr %p
  ret i32 %v
}
define i32 @caller(ptr %a) {
  %r = call i32 @callee(ptr %a)
  ret i32 %r
}
)");
}

} // namespace
