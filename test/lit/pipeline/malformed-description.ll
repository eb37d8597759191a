; A core description from elsewhere (or garbage) is dropped, never trusted:
; no crash, no record, valid IR.
; RUN: %opt_pyunbox -passes=pyunbox-records,verify -S %s | FileCheck %s
; CHECK-NOT: pyunbox_sigs
; CHECK-NOT: !pyunbox.core
; CHECK: define i64 @f(i64 %x)

define i64 @f(i64 %x) !pyunbox.core !0 {
  ret i64 %x
}
!0 = !{!"name", i64 7, !"not", !"a", !"description"}
