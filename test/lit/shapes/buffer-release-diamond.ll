; A Py_buffer unit whose `if (data.obj) PyBuffer_Release(&data);` the
; optimizer has turned into a diamond, each arm ending the view's lifetime
; and joining after, with a value moved into the releasing arm: what the
; link's pipeline reads under full LTO where libscrc's parse helper
; (`static int parse(args, ...)`, called by every wrapper) was inlined and
; optimized before the link (clang-19 -O2 gives this shape). Where the view
; is filled, a bytes' or str's holds the object itself, so its tests against
; NULL are facts: the core takes the bytes, and the release goes. On the
; failed parse's way the same test is made; that way bails.
; RUN: %opt_pyunbox -passes=pyunbox,verify -pass-remarks=pyunbox -pass-remarks-missed=pyunbox -S %s -o %t.ll 2>&1 | FileCheck %s --check-prefix=REMARK
; RUN: FileCheck %s --input-file=%t.ll

; REMARK: remark: {{.*}}core for 'checksum' (METH_VARARGS): unsigned int pyunbox_core_m_checksum(const char *, Py_ssize_t, unsigned short)
; CHECK-LABEL: define {{.*}} @pyunbox_core_m_checksum(
; CHECK-NOT:     call {{.*}}@PyBuffer_Release
; CHECK:         ret i32

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-pc-linux-gnu"

%struct.PyMethodDef = type { ptr, ptr, i32, ptr }
%struct.Py_buffer = type { ptr, ptr, i64, i64, i32, i32, ptr, ptr, ptr, ptr, ptr }

@.name = private constant [9 x i8] c"checksum\00"
@.module = private constant [2 x i8] c"m\00"
@.format = private constant [5 x i8] c"y*|H\00"
@.result = private constant [2 x i8] c"I\00"
@methods = internal global [2 x %struct.PyMethodDef] [%struct.PyMethodDef { ptr @.name, ptr @checksum, i32 1, ptr null }, %struct.PyMethodDef zeroinitializer]
@moduledef = internal global { { { i64, ptr }, ptr, i64, ptr }, ptr, ptr, i64, ptr, ptr, ptr, ptr, ptr } { { { i64, ptr }, ptr, i64, ptr } zeroinitializer, ptr @.module, ptr null, i64 -1, ptr @methods, ptr null, ptr null, ptr null, ptr null }

declare i32 @_PyArg_ParseTuple_SizeT(ptr, ptr, ...)
declare void @PyBuffer_Release(ptr)
declare ptr @_Py_BuildValue_SizeT(ptr, ...)
declare ptr @PyModule_Create2(ptr, i32)
declare void @llvm.lifetime.start.p0(i64 immarg, ptr nocapture)
declare void @llvm.lifetime.end.p0(i64 immarg, ptr nocapture)
declare void @llvm.memset.p0.i64(ptr nocapture writeonly, i8, i64, i1 immarg)

define internal ptr @checksum(ptr %self, ptr %args) {
entry:
  %data = alloca %struct.Py_buffer, align 8
  %init = alloca i16, align 2
  call void @llvm.lifetime.start.p0(i64 80, ptr %data)
  call void @llvm.memset.p0.i64(ptr align 8 %data, i8 0, i64 80, i1 false)
  call void @llvm.lifetime.start.p0(i64 2, ptr %init)
  store i16 7, ptr %init, align 2
  %ok = call i32 (ptr, ptr, ...) @_PyArg_ParseTuple_SizeT(ptr %args, ptr @.format, ptr %data, ptr %init)
  %failed = icmp eq i32 %ok, 0
  br i1 %failed, label %fail, label %parsed

fail:
  %fobj.addr = getelementptr inbounds i8, ptr %data, i64 8
  %fobj = load ptr, ptr %fobj.addr, align 8
  %fnone = icmp eq ptr %fobj, null
  br i1 %fnone, label %fail.kept, label %fail.release

fail.release:
  call void @PyBuffer_Release(ptr %data)
  call void @llvm.lifetime.end.p0(i64 2, ptr %init)
  call void @llvm.lifetime.end.p0(i64 80, ptr %data)
  br label %out

fail.kept:
  call void @llvm.lifetime.end.p0(i64 2, ptr %init)
  call void @llvm.lifetime.end.p0(i64 80, ptr %data)
  br label %out

parsed:
  %buf = load ptr, ptr %data, align 8
  %len.addr = getelementptr inbounds i8, ptr %data, i64 16
  %len = load i64, ptr %len.addr, align 8
  %seed16 = load i16, ptr %init, align 2
  %seed = zext i16 %seed16 to i32
  %any = icmp sgt i64 %len, 0
  br i1 %any, label %loop, label %summed

loop:
  %i = phi i64 [ 0, %parsed ], [ %i.next, %loop ]
  %s = phi i32 [ %seed, %parsed ], [ %s.next, %loop ]
  %at = getelementptr inbounds i8, ptr %buf, i64 %i
  %byte = load i8, ptr %at, align 1
  %b = zext i8 %byte to i32
  %s31 = mul i32 %s, 31
  %s.next = add i32 %s31, %b
  %i.next = add nuw nsw i64 %i, 1
  %more = icmp slt i64 %i.next, %len
  br i1 %more, label %loop, label %summed

summed:
  %sum = phi i32 [ %seed, %parsed ], [ %s.next, %loop ]
  %obj.addr = getelementptr inbounds i8, ptr %data, i64 8
  %obj = load ptr, ptr %obj.addr, align 8
  %none = icmp eq ptr %obj, null
  br i1 %none, label %kept, label %release

release:
  call void @PyBuffer_Release(ptr %data)
  call void @llvm.lifetime.end.p0(i64 2, ptr %init)
  call void @llvm.lifetime.end.p0(i64 80, ptr %data)
  %masked.r = and i32 %sum, 65535
  br label %box

kept:
  call void @llvm.lifetime.end.p0(i64 2, ptr %init)
  call void @llvm.lifetime.end.p0(i64 80, ptr %data)
  %masked.k = and i32 %sum, 65535
  br label %box

box:
  %r = phi i32 [ %masked.r, %release ], [ %masked.k, %kept ]
  %boxed = call ptr (ptr, ...) @_Py_BuildValue_SizeT(ptr @.result, i32 %r)
  br label %out

out:
  %ret = phi ptr [ null, %fail.release ], [ null, %fail.kept ], [ %boxed, %box ]
  ret ptr %ret
}

define ptr @PyInit_m() {
  %m = call ptr @PyModule_Create2(ptr @moduledef, i32 1013)
  ret ptr %m
}
