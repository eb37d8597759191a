/* pyunbox fuzz regression: mismatch at -O2 in f4
 * generated module seed 1000037 (gen.py 1000037: module 37 of fuzz.py --seed 1); function f4 alone, cut by hand
 * reproduce:
 *   clang-19 -O2 -Wall -fwrapv -fPIC -shared -I/usr/include/python3.11 -fpass-plugin=build/passes/libPyUnbox.so -Rpass-missed=pyunbox test/fuzz/regressions/mismatch_1000037_f4.c -o /tmp/mismatch_1000037_f4.so
 *   /usr/bin/python3 -m pytest test/fuzz -k mismatch_1000037_f4
 * what failed:
 *   checking crashed in the core of f4: checker exited -11 (SIGSEGV).
 *   With the plugin built at 01:09 (before 8489bbb's successor), the -O2 IR of the core was
 *     define noundef double @pyunbox_core_fzm_1000037_f4() { unreachable }
 *   while the wrapper returns -DBL_MIN (PyFloat_FromDouble(v6)). Not reproduced in 25 rebuilds of
 *   the same file with the same plugin: the pass's output depended on something other than its input
 *   (the same run's crashes in pyunbox::scalarize -> SROA -> PromoteMemToReg point at a use of freed
 *   memory). Kept here unreduced (the predicate does not hold twice) as the function that showed it.
 */
/* fz-manifest {"module":"fzm_1000037","seed":1000037,"functions":[{"name":"f4","cname":"fz_f4","flags":"METH_NOARGS","params":[],"keywords":false,"min_args":0,"expect":"core","shape":{"conv":"noargs","unbox":[],"error":"none","ret":"FromDouble","features":["branch","libc","libm","loop","state_read"]},"support":["fz_d2ll","fz_mod_int"]}]} */

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

/* double -> integer without UB: 0 for NaN and out-of-range values. */
static long long fz_d2ll(double d) {
    if (!(d > -9.2e18 && d < 9.2e18))
        return 0;
    return (long long)d;
}

static int fz_mod_int(int a, int b) {
    if (b == 0 || (a == INT_MIN && b == -1))
        return a;
    return a % b;
}

/* f4: noargs, unbox -, returns FromDouble, error none */
static PyObject *
fz_f4(PyObject *self, PyObject *unused)
{
    long v0[4];
    memset(v0, 0, sizeof v0);
    v0[((unsigned long)((((long)2) != ((long)209675LL)))) % 4u] = ((long)fz_d2ll(((double)exp(((double)2.5e-7)))));
    long v1 = v0[0] ^ v0[3];
    double v2 = ((double)(((double)tanh(((((unsigned long)fz_d2ll(fz_st_d)) >= ((unsigned long)(v1))) ? ((double)((double)(v1))) : ((double)((double)(v1)))))) / ((double)(((double)log(((double)(v1)))) / ((double)(((double)(v1)) * ((double)(v1))))))));
    int v3 = ((int)(((int)(v1)) - ((int)-100)));
    for (int i4 = 0; i4 < 3; i4++) {
        v3 = (int)(v3 ^ ((int)(((int)(((int)(INT_MIN + 1)) - i4)) >> ((unsigned int)(fz_mod_int(((int)(fz_st_u)), i4)) & 31u))));
    }
    unsigned long long v5 = ((unsigned long long)-769671LL);
    if (!(((int)(((int)fz_d2ll(v2)) >> ((unsigned int)(((int)(v1))) & 31u))) != ((int)((((unsigned int)2) != ((unsigned int)fz_d2ll(fz_st_d))))))) {
        v5 = ((unsigned long long)-(((unsigned long long)(((unsigned long long)(v1)) ^ ((unsigned long long)fz_d2ll(v2))))));
    } else {
        v5 = ((unsigned long long)(((unsigned long long)(((unsigned long long)ULLONG_MAX) & ((unsigned long long)fz_d2ll(v2)))) * ((unsigned long long)(((unsigned long long)(v3)) * v5))));
    }
    double v6 = ((double)-DBL_MIN);
    return PyFloat_FromDouble(v6);
}

static PyMethodDef fz_methods[] = {
    {"_state", fz__state, METH_NOARGS, NULL},
    {"_set_state", fz__set_state, METH_VARARGS, NULL},
    {"f4", (PyCFunction)(void (*)(void))fz_f4, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef fz_module = {
    PyModuleDef_HEAD_INIT, "fzm_1000037", NULL, -1, fz_methods
};

PyMODINIT_FUNC
PyInit_fzm_1000037(void)
{
    return PyModule_Create(&fz_module);
}
