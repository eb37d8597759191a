// What the pass reads off a module's types and constants: the tuple layout
// of either interpreter, the spelling of its C API, Cython's kwlists.
#include "pyunbox/passes/BoundaryPrimitives.h"
#include "pyunbox/passes/CythonStringTable.h"
#include "pyunbox/passes/KeywordNames.h"
#include "pyunbox/passes/MethodTables.h"

#include "IRTestHelpers.h"
#include "llvm/IR/Module.h"

#include <gtest/gtest.h>

using namespace llvm;
using namespace pyunbox;

namespace {

std::unique_ptr<Module> parse(LLVMContext &Ctx, const char *IR) { return test::parseIR(Ctx, IR); }

TEST(ModuleFacts, TupleLayoutOfEachInterpreter) {
  LLVMContext Ctx;
  // CPython: ob_refcnt, ob_type, then ob_size; PyPy adds ob_pypy_link.
  auto CPython = parse(Ctx, R"(
    target datalayout = "e-m:e-i64:64-n8:16:32:64-S128"
    %struct.PyObject = type { i64, ptr }
    %struct.PyVarObject = type { %struct.PyObject, i64 }
    %struct.PyTupleObject = type { %struct.PyVarObject, [1 x ptr] }
    @t = global %struct.PyTupleObject zeroinitializer)");
  auto Layout = tupleLayout(*CPython);
  ASSERT_TRUE(Layout.has_value());
  EXPECT_EQ(Layout->SizeOffset, 16u);
  EXPECT_EQ(Layout->ItemOffset, 24u);
  LLVMContext Ctx2;
  auto PyPy = parse(Ctx2, R"(
    target datalayout = "e-m:e-i64:64-n8:16:32:64-S128"
    %struct.PyObject = type { i64, i64, ptr }
    %struct.PyVarObject = type { %struct.PyObject, i64 }
    %struct.PyTupleObject = type { %struct.PyVarObject, [1 x ptr] }
    @t = global %struct.PyTupleObject zeroinitializer
    declare ptr @PyPyLong_FromLong(i64))");
  Layout = tupleLayout(*PyPy);
  ASSERT_TRUE(Layout.has_value());
  EXPECT_EQ(Layout->SizeOffset, 24u);
  EXPECT_EQ(Layout->ItemOffset, 32u);
  EXPECT_TRUE(usesPyPySpelling(*PyPy));
  EXPECT_FALSE(usesPyPySpelling(*CPython));
}

TEST(ModuleFacts, NoTupleTypeNoLayout) {
  LLVMContext Ctx;
  auto M = parse(Ctx, "declare ptr @PyLong_FromLong(i64)");
  EXPECT_FALSE(tupleLayout(*M).has_value());
}

TEST(ModuleFacts, CythonKwlistNamesThroughTheStringTable) {
  LLVMContext Ctx;
  // Cython 0.29: the parser takes the names and values[], which it fills.
  auto M = parse(Ctx, R"(
    target datalayout = "e-m:e-i64:64-n8:16:32:64-S128"
    %struct.Entry = type { ptr, ptr, i64 }
    @__pyx_n_s_a = internal global ptr null
    @__pyx_n_s_b = internal global ptr null
    @__pyx_k_a = internal constant [2 x i8] c"a\00"
    @__pyx_k_b = internal constant [2 x i8] c"b\00"
    @__pyx_string_tab = internal global [2 x %struct.Entry] [
        %struct.Entry { ptr @__pyx_n_s_a, ptr @__pyx_k_a, i64 2 },
        %struct.Entry { ptr @__pyx_n_s_b, ptr @__pyx_k_b, i64 2 }]
    @argnames = internal global [3 x ptr] [ptr @__pyx_n_s_a, ptr @__pyx_n_s_b, ptr null]
    declare i32 @parse(ptr, ptr, ptr, ptr, i64)
    define ptr @wrapper(ptr %self, ptr %args, ptr %kwds) {
      %values = alloca [2 x ptr]
      %v = getelementptr inbounds [2 x ptr], ptr %values, i64 0, i64 0
      %r = call i32 @parse(ptr %kwds, ptr @argnames, ptr null, ptr %v, i64 0)
      ret ptr null
    })");
  CythonStringTable Strings(*M);
  auto KW = keywordNames(*M->getFunction("wrapper"), Strings);
  ASSERT_TRUE(KW.has_value()) << "one array, handed to the parser";
  EXPECT_EQ(KW->FirstParam, 0u);
  ASSERT_EQ(KW->Names.size(), 2u) << KW->WhyNot;
  EXPECT_EQ(KW->Names[0], "a");
  EXPECT_EQ(KW->Names[1], "b");
}

TEST(ModuleFacts, NamesNoParserTakesAreNone) {
  LLVMContext Ctx;
  auto M = parse(Ctx, R"(
    target datalayout = "e-m:e-i64:64-n8:16:32:64-S128"
    @__pyx_n_s_a = internal global ptr null
    @argnames = internal global [2 x ptr] [ptr @__pyx_n_s_a, ptr null]
    declare i32 @parse(ptr)
    define ptr @wrapper(ptr %self, ptr %args, ptr %kwds) {
      %r = call i32 @parse(ptr @argnames)
      ret ptr null
    })");
  CythonStringTable Strings(*M);
  EXPECT_FALSE(keywordNames(*M->getFunction("wrapper"), Strings).has_value())
      << "without values[] there is no place for the first name";
}

} // namespace
