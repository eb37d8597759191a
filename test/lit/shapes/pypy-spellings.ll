; PyPy's cpyext spellings are the same boundary primitives as CPython's:
; PyPyLong_AsLong, PyPyErr_Occurred, PyPyLong_FromLong, _PyPyArg_ParseTuple_SizeT,
; and PyPyModule_Create2 names the module.
; RUN: %opt_pyunbox -passes=pyunbox %opt_remarks -S %s -o %t.ll 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
; RUN: %opt -passes=verify -disable-output %t.ll
; RUN: FileCheck %s --check-prefix=IR < %t.ll

; REMARK: remark: {{.*}} core for 'inc' (METH_O): long pyunbox_core_m_inc(long)
; REMARK: remark: {{.*}} core for 'add' (METH_VARARGS): long pyunbox_core_m_add(long, long)

; IR-LABEL: define internal ptr @inc(ptr %self, ptr %arg)
; IR:         call i64 @PyPyLong_AsLong(ptr %arg)
; IR-LABEL: define internal ptr @add(ptr %self, ptr %args)
; IR:         call i32 (ptr, ptr, ...) @_PyPyArg_ParseTuple_SizeT(
; IR-LABEL: define noundef i64 @pyunbox_core_m_inc(i64 noundef %0)
; IR-NOT:     {{@_?Py}}
; IR:         add nsw i64 %0, 1
; IR-LABEL: define noundef i64 @pyunbox_core_m_add(i64 noundef %0, i64 noundef %1)
; IR-NOT:     {{@_?Py}}
; IR:         add nsw i64 %0, %1
; IR-NEXT:    ret i64

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.PyMethodDef = type { ptr, ptr, i32, ptr }

@.inc = private constant [4 x i8] c"inc\00"
@.add = private constant [4 x i8] c"add\00"
@.fmt = private constant [3 x i8] c"ll\00"
@.module = private constant [2 x i8] c"m\00"
@methods = internal global [3 x %struct.PyMethodDef] [
  %struct.PyMethodDef { ptr @.inc, ptr @inc, i32 8, ptr null },
  %struct.PyMethodDef { ptr @.add, ptr @add, i32 1, ptr null },
  %struct.PyMethodDef zeroinitializer]
@moduledef = internal global { { { i64, ptr }, ptr, i64, ptr }, ptr, ptr, i64, ptr, ptr, ptr, ptr, ptr } { { { i64, ptr }, ptr, i64, ptr } zeroinitializer, ptr @.module, ptr null, i64 -1, ptr @methods, ptr null, ptr null, ptr null, ptr null }

declare i64 @PyPyLong_AsLong(ptr)
declare ptr @PyPyErr_Occurred()
declare ptr @PyPyLong_FromLong(i64)
declare i32 @_PyPyArg_ParseTuple_SizeT(ptr, ptr, ...)
declare ptr @PyPyModule_Create2(ptr, i32)

define internal ptr @inc(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyPyLong_AsLong(ptr %arg)
  %minus1 = icmp eq i64 %n, -1
  br i1 %minus1, label %check, label %ok
check:
  %err = call ptr @PyPyErr_Occurred()
  %noerr = icmp eq ptr %err, null
  br i1 %noerr, label %ok, label %fail
ok:
  %r = add nsw i64 %n, 1
  %box = call ptr @PyPyLong_FromLong(i64 %r)
  ret ptr %box
fail:
  ret ptr null
}

define internal ptr @add(ptr %self, ptr %args) {
entry:
  %a = alloca i64
  %b = alloca i64
  %ok = call i32 (ptr, ptr, ...) @_PyPyArg_ParseTuple_SizeT(ptr %args, ptr @.fmt, ptr %a, ptr %b)
  %failed = icmp eq i32 %ok, 0
  br i1 %failed, label %fail, label %body
body:
  %x = load i64, ptr %a
  %y = load i64, ptr %b
  %s = add nsw i64 %x, %y
  %box = call ptr @PyPyLong_FromLong(i64 %s)
  ret ptr %box
fail:
  ret ptr null
}

define ptr @PyInit_m() {
  %m = call ptr @PyPyModule_Create2(ptr @moduledef, i32 1013)
  ret ptr %m
}
