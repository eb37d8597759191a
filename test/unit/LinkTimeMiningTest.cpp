// What a full-LTO compile leaves to the link, and how the link's core
// replaces the compile's (LinkTimeMining.h).
#include "pyunbox/passes/LinkTimeMining.h"

#include "IRTestHelpers.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/raw_ostream.h"
#include "pyunbox/passes/LLVMCompat.h"

#include <gtest/gtest.h>

using namespace llvm;
using namespace pyunbox;

namespace {

TEST(LinkTimeMining, FullLTOIsTheModuleFlag) {
  LLVMContext Ctx;
  EXPECT_TRUE(preparesFullLTO(*test::parseIR(Ctx, R"(
    !llvm.module.flags = !{!0}
    !0 = !{i32 1, !"ThinLTO", i32 0})")));
  EXPECT_FALSE(preparesFullLTO(*test::parseIR(Ctx, R"(
    !llvm.module.flags = !{!0}
    !0 = !{i32 1, !"ThinLTO", i32 1})")));
  EXPECT_FALSE(preparesFullLTO(*test::parseIR(Ctx, "define void @f() { ret void }")));
}

TEST(LinkTimeMining, AnotherFilesFunctionThroughTheFilesOwn) {
  LLVMContext Ctx;
  auto M = test::parseIR(Ctx, R"(
    target triple = "x86_64-pc-linux-gnu"
    declare i64 @other_file(i64)
    declare double @sqrt(double)
    declare ptr @PyErr_Occurred()
    declare i64 @llvm.abs.i64(i64, i1)
    define internal i64 @helper(i64 %x) {
      %y = call i64 @other_file(i64 %x)
      ret i64 %y
    }
    define i64 @core(i64 %x) {
      %a = call i64 @llvm.abs.i64(i64 %x, i1 false)
      %y = call i64 @helper(i64 %a)
      ret i64 %y
    }
    define double @known(double %x) {
      %e = call ptr @PyErr_Occurred()
      %r = call double @sqrt(double %x)
      ret double %r
    })");
  TargetLibraryInfoImpl Impl{Triple(M->getTargetTriple())};
  TargetLibraryInfo TLI(Impl);
  EXPECT_EQ(calleeOfAnotherFile(*M->getFunction("core"), &TLI), "other_file");
  // The interpreter's functions and the C library's are no other file's.
  EXPECT_EQ(calleeOfAnotherFile(*M->getFunction("known"), &TLI), "");
}

TEST(LinkTimeMining, LeavesOneEntryToTheLinkAndFindsItsProvisionalCore) {
  LLVMContext Ctx;
  auto M = test::parseIR(Ctx, R"(
    define ptr @wrapper(ptr %s, ptr %a) { ret ptr null }
    define i64 @core_f(i64 %x) { ret i64 %x }
    define i64 @core_g(i64 %x) { ret i64 %x })");
  Function &W = *M->getFunction("wrapper");
  markMined(W, "f");
  markMined(W, "g"); // one wrapper under two names
  leaveToLink(W, "f", M->getFunction("core_f"));
  EXPECT_FALSE(alreadyMined(W, "f"));
  EXPECT_TRUE(alreadyMined(W, "g"));
  EXPECT_EQ(ProvisionalCores(*M).find(W, "f"), M->getFunction("core_f"));
  EXPECT_EQ(ProvisionalCores(*M).find(W, "g"), nullptr);
  leaveToLink(W, "g", nullptr); // dropped: nothing provisional
  EXPECT_FALSE(alreadyMined(W, "g"));
  EXPECT_EQ(ProvisionalCores(*M).find(W, "g"), nullptr);
}

TEST(LinkTimeMining, RetiresACoreWithItsRecord) {
  LLVMContext Ctx;
  // A record as RecordEmitter writes it: self-relative, through a private
  // alias of the exported core, kept by llvm.used.
  auto M = test::parseIR(Ctx, R"(
    @rec = private constant { i64, i64 } { i64 1, i64 sub (i64 ptrtoint (ptr @local to i64), i64 ptrtoint (ptr getelementptr inbounds ({ i64, i64 }, ptr @rec, i32 0, i32 1) to i64)) }, section "pyunbox_sigs", align 8
    @other = private constant i64 7, section "pyunbox_sigs"
    @local = private alias i64 (i64), ptr @core
    @llvm.used = appending global [2 x ptr] [ptr @rec, ptr @other], section "llvm.metadata"
    define i64 @core(i64 %x) { ret i64 %x }
    define i64 @caller(i64 %x) {
      %y = call i64 @kept(i64 %x)
      ret i64 %y
    }
    define i64 @kept(i64 %x) { ret i64 %x })");
  Function &Core = *M->getFunction("core");
  ASSERT_TRUE(retirable(Core));
  EXPECT_FALSE(retirable(*M->getFunction("kept"))); // called from code: not a record's alone
  retireCore(Core);
  EXPECT_EQ(M->getFunction("core"), nullptr);
  EXPECT_EQ(M->getNamedValue("local"), nullptr);
  EXPECT_EQ(M->getNamedValue("rec"), nullptr);
  ASSERT_NE(M->getNamedValue("other"), nullptr);
  GlobalVariable *Used = M->getGlobalVariable("llvm.used");
  ASSERT_NE(Used, nullptr);
  EXPECT_EQ(cast<ArrayType>(Used->getValueType())->getNumElements(), 1u);
  std::string Errors;
  raw_string_ostream OS(Errors);
  EXPECT_FALSE(verifyModule(*M, &OS)) << Errors;
}

} // namespace
