; PyPy's Py_INCREF is a macro: `Py_INCREF(Py_None); return Py_None;` bumps the
; refcount of _PyPy_NoneStruct inline. The core returns void and has no access
; to None at all; the wrapper keeps its increment.
; RUN: %opt_pyunbox -passes=pyunbox %opt_remarks -S %s -o %t.ll 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
; RUN: %opt -passes=verify -disable-output %t.ll
; RUN: FileCheck %s --check-prefix=IR < %t.ll

; REMARK: remark: {{.*}} core for 'store' (METH_O): void pyunbox_core_m_store(long)

; IR-LABEL: define internal ptr @store(ptr %self, ptr %arg)
; IR:         store i64 %rc1, ptr @_PyPy_NoneStruct
; IR:         ret ptr @_PyPy_NoneStruct
; IR-LABEL: define void @pyunbox_core_m_store(i64 noundef %0)
; IR-NOT:     {{@_?Py}}
; IR:         store i64 %0, ptr @last
; IR-NOT:     {{@_?Py}}
; IR:         ret void

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.PyMethodDef = type { ptr, ptr, i32, ptr }

@.store = private constant [6 x i8] c"store\00"
@.module = private constant [2 x i8] c"m\00"
@last = global i64 0
@_PyPy_NoneStruct = external global { i64, i64, ptr }
@methods = internal global [2 x %struct.PyMethodDef] [
  %struct.PyMethodDef { ptr @.store, ptr @store, i32 8, ptr null },
  %struct.PyMethodDef zeroinitializer]
@moduledef = internal global { { { i64, ptr }, ptr, i64, ptr }, ptr, ptr, i64, ptr, ptr, ptr, ptr, ptr } { { { i64, ptr }, ptr, i64, ptr } zeroinitializer, ptr @.module, ptr null, i64 -1, ptr @methods, ptr null, ptr null, ptr null, ptr null }

declare i64 @PyPyLong_AsLong(ptr)
declare ptr @PyPyErr_Occurred()
declare ptr @PyPyModule_Create2(ptr, i32)

define internal ptr @store(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyPyLong_AsLong(ptr %arg)
  %minus1 = icmp eq i64 %n, -1
  br i1 %minus1, label %check, label %ok
check:
  %err = call ptr @PyPyErr_Occurred()
  %noerr = icmp eq ptr %err, null
  br i1 %noerr, label %ok, label %fail
ok:
  store i64 %n, ptr @last
  %rc = load i64, ptr @_PyPy_NoneStruct
  %rc1 = add i64 %rc, 1
  store i64 %rc1, ptr @_PyPy_NoneStruct
  ret ptr @_PyPy_NoneStruct
fail:
  ret ptr null
}

define ptr @PyInit_m() {
  %m = call ptr @PyPyModule_Create2(ptr @moduledef, i32 1013)
  ret ptr %m
}
