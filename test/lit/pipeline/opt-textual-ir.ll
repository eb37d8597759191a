; opt runs the whole pass (mine, then records) on textual IR; the result is
; valid IR with the core and its record in the pyunbox_sigs section.
; RUN: %opt_pyunbox -passes=pyunbox,verify -S %s | FileCheck %s

; CHECK: @pyunbox.record.pyunbox_core_demo_inc = private constant {{.*}} section "pyunbox_sigs", align 8
; CHECK: @llvm.used = appending global {{.*}} @pyunbox.record.pyunbox_core_demo_inc
; CHECK: @pyunbox_sigs_bounds = weak constant { ptr, ptr } { ptr @__start_pyunbox_sigs, ptr @__stop_pyunbox_sigs }
; CHECK-LABEL: define internal ptr @inc(ptr %self, ptr %arg)
; CHECK:         call i64 @PyLong_AsLong(ptr %arg)
; CHECK-LABEL: define noundef i64 @pyunbox_core_demo_inc(i64 noundef %0)
; CHECK-NOT:     call
; CHECK:         ret i64

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.PyMethodDef = type { ptr, ptr, i32, ptr }

@.name = private constant [4 x i8] c"inc\00"
@.module = private constant [5 x i8] c"demo\00"
@methods = internal global [2 x %struct.PyMethodDef] [%struct.PyMethodDef { ptr @.name, ptr @inc, i32 8, ptr null }, %struct.PyMethodDef zeroinitializer]
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
