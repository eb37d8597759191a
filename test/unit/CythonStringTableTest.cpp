// Cython 3.1+'s parameter names: the replay of the import-time code that
// fills the module state's string table (ConstantReplay), and the names a
// wrapper's keyword parser takes from it (KeywordNames).
#include "IRTestHelpers.h"
#include "pyunbox/passes/ConstantReplay.h"
#include "pyunbox/passes/CythonStringTable.h"
#include "pyunbox/passes/KeywordNames.h"

#include "llvm/IR/Module.h"
#include <gtest/gtest.h>

using namespace llvm;
using namespace pyunbox;

namespace {

// Cython 3.3's shape, reduced: three strings "x", "abc", "y" cut from one
// byte string at bit-field lengths into state.tab[0..2] (offsets 8, 16, 24),
// interned; the wrapper's names are tab[2] and tab[1], the parser filling
// values + 1 (one positional-only parameter first). Fill and Exec are
// spliced in.
std::string module(const std::string &Fill, const std::string &Exec) {
  return R"(
    target datalayout = "e-m:e-i64:64-n8:16:32:64-S128"
    %struct.state = type { ptr, [3 x ptr] }
    %struct.len = type { i8, [3 x i8] }
    @state = internal global %struct.state zeroinitializer
    @lengths = private unnamed_addr constant [3 x %struct.len] [%struct.len { i8 1, [3 x i8] undef }, %struct.len { i8 3, [3 x i8] undef }, %struct.len { i8 1, [3 x i8] undef }]
    @bytes = internal constant [6 x i8] c"xabcy\00"
    @argnames = private unnamed_addr constant [3 x ptr] [ptr getelementptr (i8, ptr @state, i64 24), ptr getelementptr (i8, ptr @state, i64 16), ptr null]
    declare ptr @PyUnicode_DecodeUTF8(ptr, i64, ptr)
    declare void @PyUnicode_InternInPlace(ptr)
    declare i64 @PyObject_Hash(ptr)
    declare ptr @decompress(ptr, i64)
    declare i32 @parse(ptr, ptr, ptr, ptr, ptr, i64)
    declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

    define internal i32 @fill(ptr %mstate) {
    entry:
      %len = alloca [3 x %struct.len]
      %i = alloca i32
      %pos = alloca i64
      %s = alloca ptr
      )" + Fill + R"(
      call void @llvm.memcpy.p0.p0.i64(ptr %len, ptr @lengths, i64 12, i1 false)
      store i32 0, ptr %i
      store i64 0, ptr %pos
      br label %loop
    loop:
      %iv = load i32, ptr %i
      %more = icmp slt i32 %iv, 3
      br i1 %more, label %body, label %done
    body:
      %idx = sext i32 %iv to i64
      %lp = getelementptr inbounds [3 x %struct.len], ptr %len, i64 0, i64 %idx
      %lb = load i8, ptr %lp
      %l5 = and i8 %lb, 31
      %l = zext i8 %l5 to i64
      %p = load i64, ptr %pos
      %src = getelementptr inbounds i8, ptr @bytes, i64 %p
      %str = call ptr @PyUnicode_DecodeUTF8(ptr %src, i64 %l, ptr null)
      store ptr %str, ptr %s
      %ok = icmp ne ptr %str, null
      br i1 %ok, label %intern, label %fail
    intern:
      call void @PyUnicode_InternInPlace(ptr %s)
      %str2 = load ptr, ptr %s
      %tab = getelementptr inbounds %struct.state, ptr %mstate, i32 0, i32 1
      %slot = getelementptr inbounds ptr, ptr %tab, i64 %idx
      store ptr %str2, ptr %slot
      %np = add nsw i64 %p, %l
      store i64 %np, ptr %pos
      %ni = add nsw i32 %iv, 1
      store i32 %ni, ptr %i
      br label %loop
    fail:
      ret i32 -1
    done:
      %h = call i64 @PyObject_Hash(ptr null)
      ret i32 0
    }

    define i32 @exec(i1 %c) {
    entry:
      %m = alloca ptr
      store ptr null, ptr %m
      )" + Exec + R"(
      %mm = load ptr, ptr %m
      %r = call i32 @fill(ptr %mm)
      ret i32 %r
    }

    define ptr @wrapper(ptr %self, ptr %args, i64 %nargs, ptr %kwds) {
      %values = alloca [3 x ptr]
      %names = alloca [3 x ptr]
      call void @llvm.memcpy.p0.p0.i64(ptr %names, ptr @argnames, i64 24, i1 false)
      %n = getelementptr inbounds [3 x ptr], ptr %names, i64 0, i64 0
      %v0 = getelementptr inbounds [3 x ptr], ptr %values, i64 0, i64 0
      %v = getelementptr inbounds ptr, ptr %v0, i64 1
      %r = call i32 @parse(ptr %kwds, ptr %args, ptr %n, ptr null, ptr %v, i64 %nargs)
      ret ptr null
    })";
}

const char *StoreState = "store ptr @state, ptr %m\n br label %call\n call:";

std::optional<KeywordNames> namesOf(Module &M) {
  CythonStringTable Strings(M);
  return keywordNames(*M.getFunction("wrapper"), Strings);
}

TEST(CythonStringTable, NamesFromTheReplayedTable) {
  LLVMContext Ctx;
  auto M = test::parseIR(Ctx, module("", StoreState));
  auto KW = namesOf(*M);
  ASSERT_TRUE(KW.has_value());
  EXPECT_EQ(KW->FirstParam, 1u) << "values + 1: one positional-only parameter first";
  ASSERT_EQ(KW->Names.size(), 2u) << KW->WhyNot;
  EXPECT_EQ(KW->Names[0], "y");
  EXPECT_EQ(KW->Names[1], "abc");
}

TEST(CythonStringTable, CompressedBytesGiveNoNames) {
  // The bytes come from a call the replay has no model of (Cython's LZSS,
  // zlib, bz2): it stops there, before the first str.
  LLVMContext Ctx;
  auto M = test::parseIR(Ctx, module("%data = call ptr @decompress(ptr @bytes, i64 5)", StoreState));
  auto KW = namesOf(*M);
  ASSERT_TRUE(KW.has_value());
  EXPECT_TRUE(KW->Names.empty());
  EXPECT_NE(KW->WhyNot.find("a call of 'decompress'"), std::string::npos) << KW->WhyNot;
}

TEST(CythonStringTable, AStateNotProvenGivesNoNames) {
  // On one path the state variable keeps NULL up to the call: the filler's
  // argument is not proven, and its stores go through a pointer the replay
  // does not know.
  LLVMContext Ctx;
  auto M = test::parseIR(
      Ctx, module("", "br i1 %c, label %set, label %call\n set:\n store ptr @state, ptr %m\n "
                      "br label %call\n call:"));
  auto KW = namesOf(*M);
  ASSERT_TRUE(KW.has_value());
  EXPECT_TRUE(KW->Names.empty());
}

TEST(CythonStringTable, FollowsTheCallThatFillsTheTable) {
  // Cython 3.1's shape, reduced: __Pyx_InitStrings(table, target) makes
  // target[i] from entry i's text (PyUnicode_InternFromString) and hashes
  // it; only its caller, __Pyx_InitConstants(mstate), which the exec
  // function hands the static state, proves where target points.
  LLVMContext Ctx;
  auto M = test::parseIR(Ctx, R"(
    target datalayout = "e-m:e-i64:64-n8:16:32:64-S128"
    %struct.state = type { ptr, [2 x ptr] }
    %struct.entry = type { ptr, i64 }
    @state = internal global %struct.state zeroinitializer
    @x = private constant [2 x i8] c"x\00"
    @abc = private constant [4 x i8] c"abc\00"
    @table = internal constant [3 x %struct.entry] [%struct.entry { ptr @x, i64 2 }, %struct.entry { ptr @abc, i64 4 }, %struct.entry zeroinitializer]
    @argnames = private unnamed_addr constant [3 x ptr] [ptr getelementptr (i8, ptr @state, i64 16), ptr getelementptr (i8, ptr @state, i64 8), ptr null]
    declare ptr @PyUnicode_InternFromString(ptr)
    declare i64 @PyObject_Hash(ptr)
    declare i32 @parse(ptr, ptr, ptr, ptr, ptr, i64)
    declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)

    define internal i32 @initstrings(ptr %t0, ptr %target0) {
    entry:
      br label %loop
    loop:
      %t = phi ptr [ %t0, %entry ], [ %tn, %next ]
      %target = phi ptr [ %target0, %entry ], [ %targetn, %next ]
      %s = load ptr, ptr %t
      %more = icmp ne ptr %s, null
      br i1 %more, label %body, label %done
    body:
      %str = call ptr @PyUnicode_InternFromString(ptr %s)
      %ok = icmp ne ptr %str, null
      br i1 %ok, label %store, label %fail
    store:
      store ptr %str, ptr %target
      %h = call i64 @PyObject_Hash(ptr %str)
      %bad = icmp eq i64 %h, -1
      br i1 %bad, label %fail, label %next
    next:
      %tn = getelementptr inbounds %struct.entry, ptr %t, i64 1
      %targetn = getelementptr inbounds ptr, ptr %target, i64 1
      br label %loop
    fail:
      ret i32 -1
    done:
      ret i32 0
    }

    define internal i32 @initconstants(ptr %mstate) {
      %tab = getelementptr inbounds %struct.state, ptr %mstate, i32 0, i32 1
      %r = call i32 @initstrings(ptr @table, ptr %tab)
      ret i32 %r
    }

    define i32 @exec() {
      %r = call i32 @initconstants(ptr @state)
      ret i32 %r
    }

    define ptr @wrapper(ptr %self, ptr %args, i64 %nargs, ptr %kwds) {
      %values = alloca [3 x ptr]
      %names = alloca [3 x ptr]
      call void @llvm.memcpy.p0.p0.i64(ptr %names, ptr @argnames, i64 24, i1 false)
      %n = getelementptr inbounds [3 x ptr], ptr %names, i64 0, i64 0
      %v = getelementptr inbounds [3 x ptr], ptr %values, i64 0, i64 0
      %r = call i32 @parse(ptr %kwds, ptr %args, ptr %n, ptr null, ptr %v, i64 %nargs)
      ret ptr null
    })");
  auto KW = namesOf(*M);
  ASSERT_TRUE(KW.has_value());
  ASSERT_EQ(KW->Names.size(), 2u) << KW->WhyNot;
  EXPECT_EQ(KW->Names[0], "abc");
  EXPECT_EQ(KW->Names[1], "x");
}

TEST(ConstantReplay, FillsABytesObjectLaidOutAsTheModuleSays) {
  // A decompressor's shape (Cython 3.3's LZSS): a new bytes object of 3
  // bytes to be written, written through its ob_sval (the last field of the
  // module's PyBytesObject) past an assert of its type that the replay
  // cannot decide (a failed assert ends the process), then decoded.
  LLVMContext Ctx;
  auto M = test::parseIR(Ctx, R"(
    target datalayout = "e-m:e-i64:64-n8:16:32:64-S128"
    %struct.PyBytesObject = type { i64, ptr, i64, i64, [1 x i8] }
    @g = internal global ptr null
    declare ptr @PyBytes_FromStringAndSize(ptr, i64)
    declare ptr @PyUnicode_DecodeUTF8(ptr, i64, ptr)
    declare void @__assert_fail(ptr, ptr, i32, ptr) noreturn
    define internal void @f() {
    entry:
      %b = call ptr @PyBytes_FromStringAndSize(ptr null, i64 3)
      %tp = getelementptr inbounds %struct.PyBytesObject, ptr %b, i32 0, i32 1
      %type = load ptr, ptr %tp
      %isbytes = icmp ne ptr %type, null
      br i1 %isbytes, label %ok, label %abort
    abort:
      call void @__assert_fail(ptr null, ptr null, i32 0, ptr null)
      unreachable
    ok:
      %sval = getelementptr inbounds %struct.PyBytesObject, ptr %b, i32 0, i32 4
      store i8 97, ptr %sval
      %s1 = getelementptr inbounds i8, ptr %sval, i64 1
      store i8 98, ptr %s1
      %s2 = getelementptr inbounds i8, ptr %sval, i64 2
      store i8 99, ptr %s2
      %str = call ptr @PyUnicode_DecodeUTF8(ptr %sval, i64 3, ptr null)
      store ptr %str, ptr @g
      ret void
    })");
  ConstantReplay R(M->getDataLayout());
  R.run(*M->getFunction("f"), {});
  EXPECT_EQ(R.stoppedAt(), "");
  ConstantReplay::Slot S = R.slotAt(*M->getGlobalVariable("g", true), 0);
  ASSERT_EQ(S.K, ConstantReplay::Slot::Str);
  EXPECT_EQ(S.Text, "abc");
}

TEST(ConstantReplay, StopsAtAnOverflowItsFlagsExclude) {
  LLVMContext Ctx;
  auto M = test::parseIR(Ctx, R"(
    target datalayout = "e-m:e-i64:64-n8:16:32:64-S128"
    @g = internal global [2 x i32] zeroinitializer
    define internal void @f() {
      store i32 1, ptr @g
      %x = add nsw i32 2147483647, 1
      store i32 %x, ptr getelementptr (i8, ptr @g, i64 4)
      ret void
    })");
  ConstantReplay R(M->getDataLayout());
  R.run(*M->getFunction("f"), {});
  EXPECT_EQ(R.stoppedAt(), "an overflow its flags exclude");
  EXPECT_EQ(R.slotAt(*M->getGlobalVariable("g", true), 0).K, ConstantReplay::Slot::Other);
}

} // namespace
