// A module compiled for a target pyunbox makes no cores for (TargetSupport.h:
// 64-bit ELF with a 64-bit long, x86-64 or AArch64) keeps every wrapper as it
// was, with a remark for each, and builds as it builds without the plugin.
// Before, an i686 build made cores whose `long` was the wrong width and
// failed in code generation ("unsupported relocation type": the records'
// 64-bit addresses in a 32-bit object).
//
// The module's IR, retargeted, through opt's O2 pipeline with the plugin:
// RUN: %clang_pyunbox -O2 -Xclang -disable-llvm-passes -S -emit-llvm %s -o %t.ll
// RUN: sed -e 's/^target triple = .*/target triple = "i686-pc-linux-gnu"/' -e 's/"target-[a-z]*"="[^"]*"//g' %t.ll > %t.i686.ll
// RUN: %opt_pyunbox -passes='default<O2>' %opt_remarks -S %t.i686.ll -o - 2>%t.i686.err | FileCheck %s --check-prefix=NOCORE
// RUN: FileCheck %s --check-prefix=I686 --implicit-check-not=remark: < %t.i686.err
// RUN: %opt_pyunbox -passes='default<O2>' %opt_remarks_yaml=%t.yaml -disable-output %t.i686.ll
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: sed -e 's/^target triple = .*/target triple = "armv7-unknown-linux-gnueabihf"/' -e 's/"target-[a-z]*"="[^"]*"//g' %t.ll > %t.arm.ll
// RUN: %opt_pyunbox -passes='default<O2>' %opt_remarks -disable-output %t.arm.ll 2>&1 | FileCheck %s --check-prefix=ARM --implicit-check-not=remark:
// RUN: sed -e 's/^target triple = .*/target triple = "x86_64-pc-linux-gnux32"/' -e 's/"target-[a-z]*"="[^"]*"//g' %t.ll > %t.x32.ll
// RUN: %opt_pyunbox -passes='default<O2>' %opt_remarks -disable-output %t.x32.ll 2>&1 | FileCheck %s --check-prefix=X32 --implicit-check-not=remark:
// 64 bits, but big-endian with callee-extended results: not known.
// RUN: sed -e 's/^target triple = .*/target triple = "s390x-unknown-linux-gnu"/' -e 's/"target-[a-z]*"="[^"]*"//g' %t.ll > %t.s390x.ll
// RUN: %opt_pyunbox -passes='default<O2>' %opt_remarks -disable-output %t.s390x.ll 2>&1 | FileCheck %s --check-prefix=S390X --implicit-check-not=remark:
// 64-bit ELF but not Linux's: a core, as on Linux (the record is ELF's).
// RUN: sed -e 's/^target triple = .*/target triple = "aarch64-unknown-freebsd"/' -e 's/"target-[a-z]*"="[^"]*"//g' %t.ll > %t.a64.ll
// RUN: %opt_pyunbox -passes='default<O2>' %opt_remarks -disable-output %t.a64.ll 2>&1 | FileCheck %s --check-prefix=CORE --implicit-check-not=remark:
// Mach-O: no ELF section for the records.
// RUN: sed -e 's/^target triple = .*/target triple = "arm64-apple-macosx14.0.0"/' -e 's/"target-[a-z]*"="[^"]*"//g' %t.ll > %t.macho.ll
// RUN: %opt_pyunbox -passes='default<O2>' %opt_remarks -disable-output %t.macho.ll 2>&1 | FileCheck %s --check-prefix=MACHO --implicit-check-not=remark:
// No triple: the default target's (this machine's x86-64).
// RUN: sed -e '/^target triple = /d' -e 's/"target-[a-z]*"="[^"]*"//g' %t.ll > %t.default.ll
// RUN: %opt_pyunbox -passes='default<O2>' %opt_remarks -disable-output %t.default.ll 2>&1 | FileCheck %s --check-prefix=CORE --implicit-check-not=remark:
//
// A real 32-bit build (-m32; CPython's headers with a 32-bit pyconfig.h, as
// Debian's i386 python3-dev has) compiles, links into no record, and has no
// core:
// RUN: rm -rf %t.inc && mkdir -p %t.inc/%i386_pyconfig_dir
// RUN: sed -e 's/^#define SIZEOF_\(LONG\|SIZE_T\|VOID_P\|UINTPTR_T\|TIME_T\|PTHREAD_T\) 8$/#define SIZEOF_\1 4/' \
// RUN:     -e 's/^#define ALIGNOF_\(LONG\|SIZE_T\) 8$/#define ALIGNOF_\1 4/' -e 's/^#define SIZEOF_LONG_DOUBLE 16$/#define SIZEOF_LONG_DOUBLE 12/' \
// RUN:     %x86_64_pyconfig > %t.inc/%i386_pyconfig_dir/pyconfig.h
// RUN: %if i386-libc %{ %clang_pyunbox -m32 -isystem %t.inc -O2 %remarks -c %s -o %t.i386.o 2>&1 | FileCheck %s --check-prefix=I386 --implicit-check-not=remark: %}
// RUN: %if i386-libc %{ %llvm-readelf -S -s %t.i386.o | FileCheck %s --check-prefix=NOSECTION %}

// NOCORE-NOT: pyunbox_core
// NOCORE-NOT: pyunbox_sigs
// NOCORE: define {{.*}}@scale(
// NOCORE-NOT: pyunbox_core
// NOCORE-NOT: pyunbox_sigs

// I686-DAG: remark: {{.*}}no core for 'scale': pyunbox makes cores for 64-bit ELF targets where long is 64 bits (x86-64, AArch64), not 'i686-pc-linux-gnu'
// I686-DAG: remark: {{.*}}no core for 'twice': pyunbox makes cores for 64-bit ELF targets where long is 64 bits (x86-64, AArch64), not 'i686-pc-linux-gnu'
// KEY: Name: UnsupportedTarget
// KEY: Function: scale
// ARM-DAG: remark: {{.*}}no core for 'scale': {{.*}}not 'armv7-unknown-linux-gnueabihf'
// ARM-DAG: remark: {{.*}}no core for 'twice': {{.*}}not 'armv7-unknown-linux-gnueabihf'
// X32-DAG: remark: {{.*}}no core for 'scale': {{.*}}not 'x86_64-pc-linux-gnux32'
// X32-DAG: remark: {{.*}}no core for 'twice': {{.*}}not 'x86_64-pc-linux-gnux32'
// S390X-DAG: remark: {{.*}}no core for 'scale': {{.*}}not 's390x-unknown-linux-gnu'
// S390X-DAG: remark: {{.*}}no core for 'twice': {{.*}}not 's390x-unknown-linux-gnu'
// MACHO-DAG: remark: {{.*}}no core for 'scale': {{.*}}not 'arm64-apple-macosx14.0.0'
// MACHO-DAG: remark: {{.*}}no core for 'twice': {{.*}}not 'arm64-apple-macosx14.0.0'
// I386-DAG: remark: {{.*}}no core for 'scale': {{.*}}not 'i386-pc-linux-gnu'
// I386-DAG: remark: {{.*}}no core for 'twice': {{.*}}not 'i386-pc-linux-gnu'

// CORE-DAG: remark: {{.*}}core for 'scale' (METH_VARARGS): double pyunbox_core_m_scale(double, long)
// CORE-DAG: remark: {{.*}}core for 'twice' (METH_O): long pyunbox_core_m_twice(long)

// NOSECTION-NOT: pyunbox_sigs
// NOSECTION-NOT: pyunbox_core

#include "../Inputs/module.h"

static PyObject *scale(PyObject *self, PyObject *args) {
  double x;
  long k;
  if (!PyArg_ParseTuple(args, "dl", &x, &k))
    return NULL;
  return PyFloat_FromDouble(x * (double)k);
}

static PyObject *twice(PyObject *self, PyObject *arg) {
  long n = PyLong_AsLong(arg);
  if (n == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(2 * n);
}

DEFINE_MODULE(m, {"scale", scale, METH_VARARGS, NULL}, {"twice", twice, METH_O, NULL})
