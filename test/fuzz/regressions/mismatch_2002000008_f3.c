/* pyunbox fuzz regression: mismatch at -O0 in f3
 * generated module seed 2002000008 (gen.py 2002000008: module 8 of fuzz.py --seed 2002), reduced by reduce.py,
 * then f3's error checks put back by hand (the reduction had dropped them, so f3 returned a value
 * with an exception set for a bad argument, which PyPy's cpyext answers differently call by call)
 * reproduce:
 *   clang-19 -O0 -Wall -fwrapv -fPIC -shared -I/usr/include/python3.11 -fpass-plugin=build/passes/libPyUnbox.so -Rpass-missed=pyunbox test/fuzz/regressions/mismatch_2002000008_f3.c -o /tmp/mismatch_2002000008_f3.so
 *   /usr/bin/python3 -m pytest test/fuzz -k mismatch_2002000008_f3
 * what failed:
 *   core's result differs from the wrapper's: f3(0, 0, -1.7976931348623157e+308, 255): wrapper ('returned', 557468403071), got ('returned', 557468403073)
 *   With the plugins up to 02d8c15: the wrapper tests `kwargs != NULL` after its parse. The draft
 *   (a call without keywords) has NULL there and folds the test away, but a call without keywords
 *   may pass an empty dict (the harness calls f(*args, **{})), and a call by name a full one, so
 *   the core and its keyword-passable record were right for neither. Since then such a wrapper
 *   gets no core (ArgumentEscapes: "reads its keywords dict beyond the parse").
 */
/* fz-manifest {"module":"fzm_2002000008","seed":2002000008,"functions":[{"name":"f3","cname":"fz_f3","flags":"METH_VARARGS | METH_KEYWORDS","params":[{"name":"a0","py":"int","ctype":"ullong","optional":false},{"name":"a1","py":"int","ctype":"ulong","optional":false},{"name":"a2","py":"float","ctype":"double","optional":false},{"name":"a3","py":"int","ctype":"ushort","optional":false}],"keywords":true,"min_args":4,"expect":"core","shape":{"conv":"varargs_kw","unbox":["O_AsUnsignedLongLongMask","O_AsUnsignedLongMask","O_FloatOrIntRead","code_H"],"tells_keywords":true,"error":"format_before","ret":"FromUnsignedLongLong","features":["libc","loop","state_read"]},"support":["fz_d2ll","fz_mod_llong","fz_ndigits"]}]} */

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

/* libc: the length of a number printed in decimal. */
static int fz_ndigits(long long v) {
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return (int)strlen(buf);
}

/* f3: varargs_kw, unbox O_AsUnsignedLongLongMask O_AsUnsignedLongMask O_FloatOrIntRead code_H, returns FromUnsignedLongLong, error format_before */
static PyObject *
fz_f3(PyObject *self, PyObject *args, PyObject *kwargs)
{
    unsigned long long a0;
    PyObject *a0_obj = NULL;
    unsigned long a1;
    PyObject *a1_obj = NULL;
    double a2;
    PyObject *a2_obj = NULL;
    unsigned short a3;
    static char *kwlist[] = {"a0", "a1", "a2", "a3", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOOH;f3 takes numbers", kwlist, &a0_obj, &a1_obj, &a2_obj, &a3))
        return NULL;
    if (kwargs != NULL)
        a3 = 0;
    a0 = PyLong_AsUnsignedLongLongMask(a0_obj);
    if (a0 == (unsigned long long)-1 && PyErr_Occurred())
        return NULL;
    a1 = PyLong_AsUnsignedLongMask(a1_obj);
    if (a1 == (unsigned long)-1 && PyErr_Occurred())
        return NULL;
    if (PyFloat_Check(a2_obj))
        a2 = PyFloat_AS_DOUBLE(a2_obj);
    else if (PyLong_Check(a2_obj)) {
        a2 = PyLong_AsDouble(a2_obj);
        if (a2 == -1.0 && PyErr_Occurred())
            return NULL;
    } else {
        PyErr_SetString(PyExc_TypeError, "f3: a2 must be a number");
        return NULL;
    }
    unsigned long v0 = ((unsigned long)(((unsigned long)(((unsigned long)(((unsigned long)(a3)) | a1)) - ((unsigned long)(a0)))) | ((!(((unsigned int)(a1)) <= ((unsigned int)(a3)))) ? ((unsigned long)(ULONG_MAX - 1)) : ((unsigned long)(fz_ndigits(((long long)(a3))))))));
    unsigned long long v5 = ((unsigned long long)(fz_st_l));
    v5 = (unsigned long long)(v5 ^ ((unsigned long long)fz_d2ll(a2)));
    v5 = (unsigned long long)(v5 ^ ((unsigned long long)(v0)));
    return PyLong_FromUnsignedLongLong(v5);
}

static PyMethodDef fz_methods[] = {
    {"_state", fz__state, METH_NOARGS, NULL},
    {"_set_state", fz__set_state, METH_VARARGS, NULL},
    {"f3", (PyCFunction)(void (*)(void))fz_f3, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}
};

static struct PyModuleDef fz_module = {
    PyModuleDef_HEAD_INIT, "fzm_2002000008", NULL, -1, fz_methods
};

PyMODINIT_FUNC
PyInit_fzm_2002000008(void)
{
    return PyModule_Create(&fz_module);
}
