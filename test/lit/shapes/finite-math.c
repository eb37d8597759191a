// Built with -ffinite-math-only (part of -ffast-math), code promises that no
// value is infinite or NaN, so isinf(x) may fold to false. At -O0 the wrapper
// still tests it as written, and a core folded on that promise would answer
// otherwise for inf, which Python passes as readily as any float: no core.
// Optimized, wrapper and core are folded alike; the core is made, with a
// remark. Without the option, a core and no remark.
// RUN: %clang_pyunbox -O0 -ffast-math -Wno-nan-infinity-disabled %remarks -Rpass-analysis=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=O0 --implicit-check-not=remark:
// RUN: %clang_pyunbox -O0 -ffinite-math-only -Wno-nan-infinity-disabled %remarks %remarks_yaml=%t.yaml -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=O0 --implicit-check-not=remark:
// RUN: FileCheck %s --check-prefix=KEY < %t.yaml
// RUN: %clang_pyunbox -O2 -ffast-math -Wno-nan-infinity-disabled %remarks -Rpass-analysis=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=O2 --implicit-check-not=remark:
// RUN: %clang_pyunbox -O0 %remarks -Rpass-analysis=pyunbox -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=PLAIN --implicit-check-not=remark:

// O0: remark: no core for 'sign_or_inf': it is built with -ffinite-math-only (-ffast-math) at -O0: its code tests infinities and NaNs as written, a core would be folded on the promise that there are none
// O2: remark: core for 'sign_or_inf' (METH_O)
// O2: remark: the core for 'sign_or_inf' equals its wrapper only for finite values: both are built with -ffinite-math-only (-ffast-math), which lets the optimizer fold tests of infinities and NaNs in each differently
// KEY: Name: FiniteMathUnoptimized
// KEY: Function: sign_or_inf
// PLAIN: remark: core for 'sign_or_inf' (METH_O)

#include "../Inputs/module.h"
#include <math.h>

static PyObject *sign_or_inf(PyObject *self, PyObject *arg) {
  double x = PyFloat_AsDouble(arg);
  if (x == -1.0 && PyErr_Occurred())
    return NULL;
  if (isinf(x))
    return PyLong_FromLong(2);
  return PyLong_FromLong(x > 0);
}

DEFINE_MODULE(m, {"sign_or_inf", sign_or_inf, METH_O, NULL})
