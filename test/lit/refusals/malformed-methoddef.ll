; Malformed PyMethodDef entries never crash the pass, and its output verifies:
; entries whose ml_meth is not a function (a global, null), whose ml_name is not
; a string or whose ml_flags is not a constant are skipped without a remark; an
; entry whose function has the wrong IR signature for its flags is refused (a
; METH_O function that declares only self, here read as if it were the object).
; RUN: %opt_pyunbox -passes=pyunbox %opt_remarks %opt_remarks_yaml=%t.yaml -S %s -o %t.ll 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
; RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
; RUN: %opt -passes=verify -disable-output %t.ll
; RUN: FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core < %t.ll

; REMARK: remark: {{.*}} no core for 'three': declares no parameter for METH_O's argument

; KEY: Name: UnexpectedSignature
; KEY: Function: one_param

; IR: define internal ptr @w(ptr %self, ptr %arg)
; IR: define internal ptr @one_param(ptr %arg)

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.PyMethodDef = type { ptr, ptr, i32, ptr }

@.one = private constant [4 x i8] c"one\00"
@.two = private constant [4 x i8] c"two\00"
@.three = private constant [6 x i8] c"three\00"
@.module = private constant [2 x i8] c"m\00"
@not_a_function = global i64 0
@flags = global i32 8
@methods = internal global [6 x %struct.PyMethodDef] [
  %struct.PyMethodDef { ptr @.one, ptr @not_a_function, i32 8, ptr null },
  %struct.PyMethodDef { ptr null, ptr @w, i32 8, ptr null },
  %struct.PyMethodDef { ptr @.two, ptr @w, i32 ptrtoint (ptr @flags to i32), ptr null },
  %struct.PyMethodDef { ptr @.three, ptr @one_param, i32 8, ptr null },
  %struct.PyMethodDef { ptr @.one, ptr null, i32 8, ptr null },
  %struct.PyMethodDef zeroinitializer]
@moduledef = internal global { { { i64, ptr }, ptr, i64, ptr }, ptr, ptr, i64, ptr, ptr, ptr, ptr, ptr } { { { i64, ptr }, ptr, i64, ptr } zeroinitializer, ptr @.module, ptr null, i64 -1, ptr @methods, ptr null, ptr null, ptr null, ptr null }

declare i64 @PyLong_AsLong(ptr)
declare ptr @PyLong_FromLong(i64)
declare ptr @PyModule_Create2(ptr, i32)

define internal ptr @w(ptr %self, ptr %arg) {
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %box = call ptr @PyLong_FromLong(i64 %n)
  ret ptr %box
}

define internal ptr @one_param(ptr %arg) {
  %n = call i64 @PyLong_AsLong(ptr %arg)
  %box = call ptr @PyLong_FromLong(i64 %n)
  ret ptr %box
}

define ptr @PyInit_m() {
  %m = call ptr @PyModule_Create2(ptr @moduledef, i32 1013)
  ret ptr %m
}
