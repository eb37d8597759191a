#include "IRTestHelpers.h"

#include "llvm/AsmParser/Parser.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"
#include <gtest/gtest.h>

namespace pyunbox::test {

static const char *Prelude = R"IR(
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"
@_Py_NoneStruct = external global i8
@_Py_TrueStruct = external global i8
@_Py_FalseStruct = external global i8
@PyFloat_Type = external global i8
@PyExc_TypeError = external global ptr
@PyExc_ValueError = external global ptr
declare i64 @PyLong_AsLong(ptr)
declare i32 @_PyLong_AsInt(ptr)
declare double @PyFloat_AsDouble(ptr)
declare i32 @PyObject_IsTrue(ptr)
declare ptr @PyLong_FromLong(i64)
declare ptr @PyFloat_FromDouble(double)
declare ptr @PyBool_FromLong(i64)
declare ptr @PyErr_Occurred()
declare void @PyErr_SetString(ptr, ptr)
declare i32 @_PyArg_ParseTuple_SizeT(ptr, ptr, ...)
declare ptr @Py_BuildValue(ptr, ...)
declare ptr @PyObject_Repr(ptr)
declare i32 @Py_IS_TYPE(ptr, ptr)
declare ptr @_Py_NewRef(ptr)
declare ptr @PyTuple_New(i64)
declare i32 @PyTuple_SetItem(ptr, i64, ptr)
declare i64 @PyPyLong_AsLong(ptr)
declare ptr @PyPyLong_FromLong(i64)
declare double @sqrt(double)
declare i64 @external_helper(i64)
)IR";

std::unique_ptr<llvm::Module> parseWithPrelude(llvm::LLVMContext &Ctx, const std::string &Body) {
  return parseIR(Ctx, std::string(Prelude) + Body);
}

std::unique_ptr<llvm::Module> parseIR(llvm::LLVMContext &Ctx, const std::string &IR) {
  llvm::SMDiagnostic Err;
  auto M = llvm::parseAssemblyString(IR, Err, Ctx);
  if (!M) {
    std::string Msg;
    llvm::raw_string_ostream OS(Msg);
    Err.print("unit-test", OS);
    ADD_FAILURE() << Msg;
  }
  return M;
}

} // namespace pyunbox::test
