// FaultContainment: a crash inside the contained work returns; a rollback
// leaves the module exactly as it was before the work.
#include "pyunbox/passes/FaultContainment.h"

#include "IRTestHelpers.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

using namespace llvm;
using namespace pyunbox;

namespace {

std::unique_ptr<Module> parse(LLVMContext &Ctx, const char *IR) { return test::parseIR(Ctx, IR); }

std::string print(const Module &M) {
  std::string S;
  raw_string_ostream OS(S);
  M.print(OS, nullptr);
  return S;
}

const char *Wrapper = R"(
@g = global i32 0
define i32 @w(i32 %x) {
  %y = add i32 %x, 1
  ret i32 %y
}
)";

TEST(FaultContainment, CrashReturnsWithItsSignal) {
  std::string Fault;
  bool Survived = runContained(
      [] {
        volatile int *Null = nullptr;
        *Null = 1;
      },
      Fault);
  EXPECT_FALSE(Survived);
  EXPECT_NE(Fault.find("signal"), std::string::npos) << Fault;
}

TEST(FaultContainment, WorkThatFinishesRuns) {
  std::string Fault;
  int Ran = 0;
  EXPECT_TRUE(runContained([&] { Ran = 1; }, Fault));
  EXPECT_EQ(Ran, 1);
  EXPECT_TRUE(Fault.empty());
}

TEST(FaultContainment, RollbackErasesWhatWasAdded) {
  LLVMContext Ctx;
  auto M = parse(Ctx, Wrapper);
  ASSERT_TRUE(M);
  std::string Before = print(*M);
  ModuleSnapshot Snapshot(*M);
  // What a core's making adds: a function that calls a new declaration and
  // uses a new global, which in turn refers to it.
  auto *I32 = Type::getInt32Ty(Ctx);
  FunctionCallee Decl = M->getOrInsertFunction("PyErr_Occurred", PointerType::get(Ctx, 0));
  Function *Core = Function::Create(FunctionType::get(I32, {I32}, false),
                                    GlobalValue::ExternalLinkage, "core", *M);
  IRBuilder<> B(BasicBlock::Create(Ctx, "", Core));
  B.CreateCall(Decl);
  B.CreateRet(B.CreateLoad(I32, M->getNamedGlobal("g")));
  new GlobalVariable(*M, PointerType::get(Ctx, 0), true, GlobalValue::PrivateLinkage, Core,
                     "record");
  EXPECT_NE(print(*M), Before);
  EXPECT_TRUE(Snapshot.rollback(nullptr, /*Verify=*/true));
  EXPECT_EQ(print(*M), Before);
}

TEST(FaultContainment, RollbackOfNothingChangesNothing) {
  LLVMContext Ctx;
  auto M = parse(Ctx, Wrapper);
  ASSERT_TRUE(M);
  std::string Before = print(*M);
  ModuleSnapshot Snapshot(*M);
  EXPECT_TRUE(Snapshot.rollback(nullptr, /*Verify=*/true));
  EXPECT_EQ(print(*M), Before);
}

TEST(FaultContainment, EmptyModule) {
  LLVMContext Ctx;
  Module M("empty", Ctx);
  ModuleSnapshot Snapshot(M);
  Function::Create(FunctionType::get(Type::getVoidTy(Ctx), false), GlobalValue::ExternalLinkage,
                   "f", M);
  new GlobalVariable(M, Type::getInt8Ty(Ctx), false, GlobalValue::ExternalLinkage, nullptr, "v");
  EXPECT_TRUE(Snapshot.rollback(nullptr, /*Verify=*/true));
  EXPECT_TRUE(M.empty());
  EXPECT_TRUE(M.global_empty());
}

} // namespace
