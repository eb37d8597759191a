// A PyMethodDef that names a wrapper defined in another translation unit.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY --match-full-lines < %t.yaml
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core

// REMARK: remark: no core for 'elsewhere': its wrapper 'elsewhere' is not defined in this module

// KEY: Name: NotDefined
// KEY: Function: elsewhere

// IR: declare {{.*}}ptr @elsewhere(

#include "../Inputs/module.h"

PyObject *elsewhere(PyObject *self, PyObject *arg);

DEFINE_MODULE(m, {"elsewhere", elsewhere, METH_O, NULL})
