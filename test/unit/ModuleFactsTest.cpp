// What the pass reads off a module's types and constants: the tuple layout
// of either interpreter, the spelling of its C API, Cython's kwlists.
#include "pyunbox/passes/BoundaryPrimitives.h"
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
  auto M = parse(Ctx, R"(
    %struct.Entry = type { ptr, ptr, i64 }
    @__pyx_n_s_a = internal global ptr null
    @__pyx_n_s_b = internal global ptr null
    @__pyx_k_a = internal constant [2 x i8] c"a\00"
    @__pyx_k_b = internal constant [2 x i8] c"b\00"
    @__pyx_string_tab = internal global [2 x %struct.Entry] [
        %struct.Entry { ptr @__pyx_n_s_a, ptr @__pyx_k_a, i64 2 },
        %struct.Entry { ptr @__pyx_n_s_b, ptr @__pyx_k_b, i64 2 }]
    @argnames = internal global [3 x ptr] [ptr @__pyx_n_s_a, ptr @__pyx_n_s_b, ptr null]
    declare i32 @parse(ptr)
    define ptr @wrapper(ptr %self, ptr %args, ptr %kwds) {
      %r = call i32 @parse(ptr @argnames)
      ret ptr null
    })");
  auto Lists = internedNameLists(*M->getFunction("wrapper"));
  ASSERT_EQ(Lists.size(), 1u) << "one array, of two names";
  ASSERT_EQ(Lists[0].size(), 2u);
  EXPECT_EQ(Lists[0][0], "a");
  EXPECT_EQ(Lists[0][1], "b");
}

} // namespace
