; A method table whose entries spell out the padding after ml_flags, as
; clang 22 emits an initialized PyMethodDef array ({ptr, ptr, i32, [4 x i8],
; ptr}); clang 19 uses %struct.PyMethodDef = {ptr, ptr, i32, ptr}. Both are
; PyMethodDef tables, whichever LLVM reads them.
; RUN: %opt_pyunbox -passes=pyunbox,verify %opt_remarks -disable-output %s 2>&1 | FileCheck %s --implicit-check-not=remark:

; CHECK: remark: {{.*}}core for 'inc' (METH_O): long pyunbox_core_demo_inc(long)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

@.name = private constant [4 x i8] c"inc\00"
@.module = private constant [5 x i8] c"demo\00"
@methods = internal global [2 x { ptr, ptr, i32, [4 x i8], ptr }] [{ ptr, ptr, i32, [4 x i8], ptr } { ptr @.name, ptr @inc, i32 8, [4 x i8] zeroinitializer, ptr null }, { ptr, ptr, i32, [4 x i8], ptr } zeroinitializer]
@moduledef = internal global { { { i64, ptr }, ptr, i64, ptr }, ptr, ptr, i64, ptr, ptr, ptr, ptr, ptr } { { { i64, ptr }, ptr, i64, ptr } zeroinitializer, ptr @.module, ptr null, i64 -1, ptr @methods, ptr null, ptr null, ptr null, ptr null }

declare i64 @PyLong_AsLong(ptr)
declare ptr @PyErr_Occurred()
declare ptr @PyLong_FromLong(i64)
declare ptr @PyModule_Create2(ptr, i32)

define internal ptr @inc(ptr %self, ptr %arg) {
entry:
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %m1 = icmp eq i64 %n, -1
  br i1 %m1, label %check, label %ok
check:
  %e = call ptr @PyErr_Occurred()
  %set = icmp ne ptr %e, null
  br i1 %set, label %fail, label %ok
fail:
  ret ptr null
ok:
  %r = add nsw i64 %n, 1
  %b = call ptr @PyLong_FromLong(i64 %r)
  ret ptr %b
}

define ptr @PyInit_demo() {
  %m = call ptr @PyModule_Create2(ptr @moduledef, i32 1013)
  ret ptr %m
}
