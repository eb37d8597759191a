/* pyunbox fuzz regression: internal at -O0 in f1
 * generated module seed 7000192 (gen.py 7000192: module 192 of fuzz.py --seed 7), reduced by reduce.py and then by hand
 * reproduce:
 *   clang-19 -O0 -Wall -fwrapv -fPIC -shared -I/usr/include/python3.11 -fpass-plugin=build/passes/libPyUnbox.so -Rpass-missed=pyunbox test/fuzz/regressions/internal_7000192_f1.c -o /tmp/internal_7000192_f1.so
 *   /usr/bin/python3 -m pytest test/fuzz -k internal_7000192_f1
 * what failed:
 *   InternalError remark in fz_f1, at -O0 and at -O2:
 *   remark: no core for 'f1': pyunbox faulted while outlining it (signal Segmentation fault);
 *     the wrapper is left as it was, without a core; please report this
 *   SIGSEGV in llvm::Instruction::eraseFromParent() called from
 *     pyunbox::Outliner::cutAtBailPoints (passes/CoreOutliner.cpp: the loop that erases S.Unneeded)
 *     <- Outliner::run <- outlineCore <- CrashRecoveryContext::RunSafely <- runContained
 *     <- mine (CoreMinerPass.cpp) (gdb on opt -passes=pyunbox of the -O0 IR)
 *   Shape: an argument dispatched on its type (PyFloat_Check then PyFloat_AS_DOUBLE,
 *   PyLong_Check then PyLong_AsDouble, else TypeError) whose value nothing executable
 *   reads. Also without the PyLong and TypeError arms (a1 = 0.0; if (PyFloat_Check(o))
 *   a1 = PyFloat_AS_DOUBLE(o);). With the value used, or with (void)a1, a core.
 */
/* fz-manifest {"module":"fzm_7000192","seed":7000192,"functions":[{"name":"f1","cname":"fz_f1","flags":"METH_FASTCALL","params":[{"name":"a0","py":"float","ctype":"double","optional":false},{"name":"a1","py":"float","ctype":"double","optional":false}],"keywords":false,"min_args":2,"expect":"core","shape":{"conv":"fastcall","unbox":["AsDouble","FloatOrIntRead"],"ret":"FromDouble","error":"none","features":[]},"support":[]}]} */

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Module state: the wrappers read and write it; the harness observes it
 * through _state() and restores it through _set_state(). */
static long fz_st_l = 0;
static double fz_st_d = 0.0;
static unsigned long fz_st_u = 0;
static int fz_st_i = 0;

static PyObject *
fz__state(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("(ldki)", fz_st_l, fz_st_d, fz_st_u, fz_st_i);
}

static PyObject *
fz__set_state(PyObject *self, PyObject *args)
{
    if (!PyArg_ParseTuple(args, "ldki:_set_state", &fz_st_l, &fz_st_d, &fz_st_u, &fz_st_i))
        return NULL;
    Py_RETURN_NONE;
}

/* f1: fastcall, unbox AsDouble FloatOrIntRead, returns FromDouble: the
 * second argument's value is used only under a constant false condition
 * (fuzz.py --seed 7 module 192's f1, reduced by hand) */
static PyObject *
fz_f1(PyObject *self, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "f1: expected 2 arguments");
        return NULL;
    }
    double a0 = PyFloat_AsDouble(args[0]);
    if (a0 == -1.0 && PyErr_Occurred())
        return NULL;
    double a1;
    if (PyFloat_Check(args[1]))
        a1 = PyFloat_AS_DOUBLE(args[1]);
    else if (PyLong_Check(args[1])) {
        a1 = PyLong_AsDouble(args[1]);
        if (a1 == -1.0 && PyErr_Occurred())
            return NULL;
    } else {
        PyErr_SetString(PyExc_TypeError, "f1: a1 must be a number");
        return NULL;
    }
    if (0 && a1 > 0.0)
        a0 = 1.0;
    return PyFloat_FromDouble(a0);
}

static PyMethodDef fz_methods[] = {
    {"_state", fz__state, METH_NOARGS, NULL},
    {"_set_state", fz__set_state, METH_VARARGS, NULL},
    {"f1", (PyCFunction)(void (*)(void))fz_f1, METH_FASTCALL, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef fz_module = {
    PyModuleDef_HEAD_INIT, "fzm_7000192", NULL, -1, fz_methods
};

PyMODINIT_FUNC
PyInit_fzm_7000192(void)
{
    return PyModule_Create(&fz_module);
}
