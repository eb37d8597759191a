/* Argument Clinic's own output, as CPython 3.11.2's Tools/clinic/clinic.py
 * writes it for the declarations below (its .c.h inlined): METH_FASTCALL |
 * METH_KEYWORDS wrappers that unpack with _PyArg_UnpackKeywords, count the
 * optional arguments passed in noptargs and test `if (args[k])` for one a call
 * by name skipped. test_clinic.py checks their records (names, how each is
 * passed, defaults) and that an accelerated function gives the original's
 * outcome for every call shape, gap calls (f(1, c=5)) included. CPython only:
 * PyPy's headers have no _PyArg_UnpackKeywords. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
/*[clinic input]
module e2e_clinic
[clinic start generated code]*/
/* Argument Clinic (CPython 3.11.2, Tools/clinic/clinic.py) wrote what follows. */
/*[clinic input]
preserve
[clinic start generated code]*/

PyDoc_STRVAR(e2e_clinic_scale3__doc__,
"scale3($module, /, a, b=2, c=3)\n"
"--\n"
"\n");

#define E2E_CLINIC_SCALE3_METHODDEF    \
    {"scale3", _PyCFunction_CAST(e2e_clinic_scale3), METH_FASTCALL|METH_KEYWORDS, e2e_clinic_scale3__doc__},

static PyObject *
e2e_clinic_scale3_impl(PyObject *module, long a, long b, long c);

static PyObject *
e2e_clinic_scale3(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *return_value = NULL;
    static const char * const _keywords[] = {"a", "b", "c", NULL};
    static _PyArg_Parser _parser = {NULL, _keywords, "scale3", 0};
    PyObject *argsbuf[3];
    Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
    long a;
    long b = 2;
    long c = 3;

    args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 3, 0, argsbuf);
    if (!args) {
        goto exit;
    }
    a = PyLong_AsLong(args[0]);
    if (a == -1 && PyErr_Occurred()) {
        goto exit;
    }
    if (!noptargs) {
        goto skip_optional_pos;
    }
    if (args[1]) {
        b = PyLong_AsLong(args[1]);
        if (b == -1 && PyErr_Occurred()) {
            goto exit;
        }
        if (!--noptargs) {
            goto skip_optional_pos;
        }
    }
    c = PyLong_AsLong(args[2]);
    if (c == -1 && PyErr_Occurred()) {
        goto exit;
    }
skip_optional_pos:
    return_value = e2e_clinic_scale3_impl(module, a, b, c);

exit:
    return return_value;
}

PyDoc_STRVAR(e2e_clinic_mixd__doc__,
"mixd($module, /, x, y=1.5, z=-0.25, n=4)\n"
"--\n"
"\n");

#define E2E_CLINIC_MIXD_METHODDEF    \
    {"mixd", _PyCFunction_CAST(e2e_clinic_mixd), METH_FASTCALL|METH_KEYWORDS, e2e_clinic_mixd__doc__},

static PyObject *
e2e_clinic_mixd_impl(PyObject *module, double x, double y, double z, long n);

static PyObject *
e2e_clinic_mixd(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *return_value = NULL;
    static const char * const _keywords[] = {"x", "y", "z", "n", NULL};
    static _PyArg_Parser _parser = {NULL, _keywords, "mixd", 0};
    PyObject *argsbuf[4];
    Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
    double x;
    double y = 1.5;
    double z = -0.25;
    long n = 4;

    args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 4, 0, argsbuf);
    if (!args) {
        goto exit;
    }
    if (PyFloat_CheckExact(args[0])) {
        x = PyFloat_AS_DOUBLE(args[0]);
    }
    else
    {
        x = PyFloat_AsDouble(args[0]);
        if (x == -1.0 && PyErr_Occurred()) {
            goto exit;
        }
    }
    if (!noptargs) {
        goto skip_optional_pos;
    }
    if (args[1]) {
        if (PyFloat_CheckExact(args[1])) {
            y = PyFloat_AS_DOUBLE(args[1]);
        }
        else
        {
            y = PyFloat_AsDouble(args[1]);
            if (y == -1.0 && PyErr_Occurred()) {
                goto exit;
            }
        }
        if (!--noptargs) {
            goto skip_optional_pos;
        }
    }
    if (args[2]) {
        if (PyFloat_CheckExact(args[2])) {
            z = PyFloat_AS_DOUBLE(args[2]);
        }
        else
        {
            z = PyFloat_AsDouble(args[2]);
            if (z == -1.0 && PyErr_Occurred()) {
                goto exit;
            }
        }
        if (!--noptargs) {
            goto skip_optional_pos;
        }
    }
    n = PyLong_AsLong(args[3]);
    if (n == -1 && PyErr_Occurred()) {
        goto exit;
    }
skip_optional_pos:
    return_value = e2e_clinic_mixd_impl(module, x, y, z, n);

exit:
    return return_value;
}

PyDoc_STRVAR(e2e_clinic_kwonly__doc__,
"kwonly($module, /, a, *, b=10)\n"
"--\n"
"\n");

#define E2E_CLINIC_KWONLY_METHODDEF    \
    {"kwonly", _PyCFunction_CAST(e2e_clinic_kwonly), METH_FASTCALL|METH_KEYWORDS, e2e_clinic_kwonly__doc__},

static PyObject *
e2e_clinic_kwonly_impl(PyObject *module, long a, long b);

static PyObject *
e2e_clinic_kwonly(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *return_value = NULL;
    static const char * const _keywords[] = {"a", "b", NULL};
    static _PyArg_Parser _parser = {NULL, _keywords, "kwonly", 0};
    PyObject *argsbuf[2];
    Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
    long a;
    long b = 10;

    args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 1, 0, argsbuf);
    if (!args) {
        goto exit;
    }
    a = PyLong_AsLong(args[0]);
    if (a == -1 && PyErr_Occurred()) {
        goto exit;
    }
    if (!noptargs) {
        goto skip_optional_kwonly;
    }
    b = PyLong_AsLong(args[1]);
    if (b == -1 && PyErr_Occurred()) {
        goto exit;
    }
skip_optional_kwonly:
    return_value = e2e_clinic_kwonly_impl(module, a, b);

exit:
    return return_value;
}

PyDoc_STRVAR(e2e_clinic_posonly__doc__,
"posonly($module, a, b=2, /, c=3)\n"
"--\n"
"\n");

#define E2E_CLINIC_POSONLY_METHODDEF    \
    {"posonly", _PyCFunction_CAST(e2e_clinic_posonly), METH_FASTCALL|METH_KEYWORDS, e2e_clinic_posonly__doc__},

static PyObject *
e2e_clinic_posonly_impl(PyObject *module, long a, long b, long c);

static PyObject *
e2e_clinic_posonly(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *return_value = NULL;
    static const char * const _keywords[] = {"", "", "c", NULL};
    static _PyArg_Parser _parser = {NULL, _keywords, "posonly", 0};
    PyObject *argsbuf[3];
    Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
    long a;
    long b = 2;
    long c = 3;

    args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 3, 0, argsbuf);
    if (!args) {
        goto exit;
    }
    a = PyLong_AsLong(args[0]);
    if (a == -1 && PyErr_Occurred()) {
        goto exit;
    }
    if (nargs < 2) {
        goto skip_optional_posonly;
    }
    noptargs--;
    b = PyLong_AsLong(args[1]);
    if (b == -1 && PyErr_Occurred()) {
        goto exit;
    }
skip_optional_posonly:
    if (!noptargs) {
        goto skip_optional_pos;
    }
    c = PyLong_AsLong(args[2]);
    if (c == -1 && PyErr_Occurred()) {
        goto exit;
    }
skip_optional_pos:
    return_value = e2e_clinic_posonly_impl(module, a, b, c);

exit:
    return return_value;
}

PyDoc_STRVAR(e2e_clinic_flags__doc__,
"flags($module, /, a, up=False, times=1)\n"
"--\n"
"\n");

#define E2E_CLINIC_FLAGS_METHODDEF    \
    {"flags", _PyCFunction_CAST(e2e_clinic_flags), METH_FASTCALL|METH_KEYWORDS, e2e_clinic_flags__doc__},

static PyObject *
e2e_clinic_flags_impl(PyObject *module, long a, int up, int times);

static PyObject *
e2e_clinic_flags(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *return_value = NULL;
    static const char * const _keywords[] = {"a", "up", "times", NULL};
    static _PyArg_Parser _parser = {NULL, _keywords, "flags", 0};
    PyObject *argsbuf[3];
    Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
    long a;
    int up = 0;
    int times = 1;

    args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 3, 0, argsbuf);
    if (!args) {
        goto exit;
    }
    a = PyLong_AsLong(args[0]);
    if (a == -1 && PyErr_Occurred()) {
        goto exit;
    }
    if (!noptargs) {
        goto skip_optional_pos;
    }
    if (args[1]) {
        up = PyObject_IsTrue(args[1]);
        if (up < 0) {
            goto exit;
        }
        if (!--noptargs) {
            goto skip_optional_pos;
        }
    }
    times = _PyLong_AsInt(args[2]);
    if (times == -1 && PyErr_Occurred()) {
        goto exit;
    }
skip_optional_pos:
    return_value = e2e_clinic_flags_impl(module, a, up, times);

exit:
    return return_value;
}

PyDoc_STRVAR(e2e_clinic_narrow__doc__,
"narrow($module, /, a, s=-3, u=200, f=0.5)\n"
"--\n"
"\n");

#define E2E_CLINIC_NARROW_METHODDEF    \
    {"narrow", _PyCFunction_CAST(e2e_clinic_narrow), METH_FASTCALL|METH_KEYWORDS, e2e_clinic_narrow__doc__},

static PyObject *
e2e_clinic_narrow_impl(PyObject *module, long a, short s, unsigned char u,
                       float f);

static PyObject *
e2e_clinic_narrow(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *return_value = NULL;
    static const char * const _keywords[] = {"a", "s", "u", "f", NULL};
    static _PyArg_Parser _parser = {NULL, _keywords, "narrow", 0};
    PyObject *argsbuf[4];
    Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
    long a;
    short s = -3;
    unsigned char u = 200;
    float f = 0.5;

    args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 4, 0, argsbuf);
    if (!args) {
        goto exit;
    }
    a = PyLong_AsLong(args[0]);
    if (a == -1 && PyErr_Occurred()) {
        goto exit;
    }
    if (!noptargs) {
        goto skip_optional_pos;
    }
    if (args[1]) {
        {
            long ival = PyLong_AsLong(args[1]);
            if (ival == -1 && PyErr_Occurred()) {
                goto exit;
            }
            else if (ival < SHRT_MIN) {
                PyErr_SetString(PyExc_OverflowError,
                                "signed short integer is less than minimum");
                goto exit;
            }
            else if (ival > SHRT_MAX) {
                PyErr_SetString(PyExc_OverflowError,
                                "signed short integer is greater than maximum");
                goto exit;
            }
            else {
                s = (short) ival;
            }
        }
        if (!--noptargs) {
            goto skip_optional_pos;
        }
    }
    if (args[2]) {
        {
            long ival = PyLong_AsLong(args[2]);
            if (ival == -1 && PyErr_Occurred()) {
                goto exit;
            }
            else if (ival < 0) {
                PyErr_SetString(PyExc_OverflowError,
                                "unsigned byte integer is less than minimum");
                goto exit;
            }
            else if (ival > UCHAR_MAX) {
                PyErr_SetString(PyExc_OverflowError,
                                "unsigned byte integer is greater than maximum");
                goto exit;
            }
            else {
                u = (unsigned char) ival;
            }
        }
        if (!--noptargs) {
            goto skip_optional_pos;
        }
    }
    if (PyFloat_CheckExact(args[3])) {
        f = (float) (PyFloat_AS_DOUBLE(args[3]));
    }
    else
    {
        f = (float) PyFloat_AsDouble(args[3]);
        if (f == -1.0 && PyErr_Occurred()) {
            goto exit;
        }
    }
skip_optional_pos:
    return_value = e2e_clinic_narrow_impl(module, a, s, u, f);

exit:
    return return_value;
}

PyDoc_STRVAR(e2e_clinic_allopt__doc__,
"allopt($module, /, a=5, b=2.5)\n"
"--\n"
"\n");

#define E2E_CLINIC_ALLOPT_METHODDEF    \
    {"allopt", _PyCFunction_CAST(e2e_clinic_allopt), METH_FASTCALL|METH_KEYWORDS, e2e_clinic_allopt__doc__},

static PyObject *
e2e_clinic_allopt_impl(PyObject *module, long a, double b);

static PyObject *
e2e_clinic_allopt(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *return_value = NULL;
    static const char * const _keywords[] = {"a", "b", NULL};
    static _PyArg_Parser _parser = {NULL, _keywords, "allopt", 0};
    PyObject *argsbuf[2];
    Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 0;
    long a = 5;
    double b = 2.5;

    args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 0, 2, 0, argsbuf);
    if (!args) {
        goto exit;
    }
    if (!noptargs) {
        goto skip_optional_pos;
    }
    if (args[0]) {
        a = PyLong_AsLong(args[0]);
        if (a == -1 && PyErr_Occurred()) {
            goto exit;
        }
        if (!--noptargs) {
            goto skip_optional_pos;
        }
    }
    if (PyFloat_CheckExact(args[1])) {
        b = PyFloat_AS_DOUBLE(args[1]);
    }
    else
    {
        b = PyFloat_AsDouble(args[1]);
        if (b == -1.0 && PyErr_Occurred()) {
            goto exit;
        }
    }
skip_optional_pos:
    return_value = e2e_clinic_allopt_impl(module, a, b);

exit:
    return return_value;
}

PyDoc_STRVAR(e2e_clinic_allopt_po__doc__,
"allopt_po($module, a=5, /, b=2)\n"
"--\n"
"\n");

#define E2E_CLINIC_ALLOPT_PO_METHODDEF    \
    {"allopt_po", _PyCFunction_CAST(e2e_clinic_allopt_po), METH_FASTCALL|METH_KEYWORDS, e2e_clinic_allopt_po__doc__},

static PyObject *
e2e_clinic_allopt_po_impl(PyObject *module, long a, long b);

static PyObject *
e2e_clinic_allopt_po(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *return_value = NULL;
    static const char * const _keywords[] = {"", "b", NULL};
    static _PyArg_Parser _parser = {NULL, _keywords, "allopt_po", 0};
    PyObject *argsbuf[2];
    Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 0;
    long a = 5;
    long b = 2;

    args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 0, 2, 0, argsbuf);
    if (!args) {
        goto exit;
    }
    if (nargs < 1) {
        goto skip_optional_posonly;
    }
    noptargs--;
    a = PyLong_AsLong(args[0]);
    if (a == -1 && PyErr_Occurred()) {
        goto exit;
    }
skip_optional_posonly:
    if (!noptargs) {
        goto skip_optional_pos;
    }
    b = PyLong_AsLong(args[1]);
    if (b == -1 && PyErr_Occurred()) {
        goto exit;
    }
skip_optional_pos:
    return_value = e2e_clinic_allopt_po_impl(module, a, b);

exit:
    return return_value;
}

PyDoc_STRVAR(e2e_clinic_conv__doc__,
"conv($module, /, a, n=3, m=9)\n"
"--\n"
"\n");

#define E2E_CLINIC_CONV_METHODDEF    \
    {"conv", _PyCFunction_CAST(e2e_clinic_conv), METH_FASTCALL|METH_KEYWORDS, e2e_clinic_conv__doc__},

static PyObject *
e2e_clinic_conv_impl(PyObject *module, long a, unsigned int n, size_t m);

static PyObject *
e2e_clinic_conv(PyObject *module, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    PyObject *return_value = NULL;
    static const char * const _keywords[] = {"a", "n", "m", NULL};
    static _PyArg_Parser _parser = {NULL, _keywords, "conv", 0};
    PyObject *argsbuf[3];
    Py_ssize_t noptargs = nargs + (kwnames ? PyTuple_GET_SIZE(kwnames) : 0) - 1;
    long a;
    unsigned int n = 3;
    size_t m = 9;

    args = _PyArg_UnpackKeywords(args, nargs, NULL, kwnames, &_parser, 1, 3, 0, argsbuf);
    if (!args) {
        goto exit;
    }
    a = PyLong_AsLong(args[0]);
    if (a == -1 && PyErr_Occurred()) {
        goto exit;
    }
    if (!noptargs) {
        goto skip_optional_pos;
    }
    if (args[1]) {
        if (!_PyLong_UnsignedInt_Converter(args[1], &n)) {
            goto exit;
        }
        if (!--noptargs) {
            goto skip_optional_pos;
        }
    }
    if (!_PyLong_Size_t_Converter(args[2], &m)) {
        goto exit;
    }
skip_optional_pos:
    return_value = e2e_clinic_conv_impl(module, a, n, m);

exit:
    return return_value;
}
/* The functions themselves. */
/*[clinic input]
e2e_clinic.scale3 

    a: long
    b: long = 2
    c: long = 3

[clinic start generated code]*/

static PyObject *
e2e_clinic_scale3_impl(PyObject *module, long a, long b, long c)
{ return PyLong_FromLong(a * 100 + b * 10 + c); }
/*[clinic input]
e2e_clinic.mixd 

    x: double
    y: double = 1.5
    z: double = -0.25
    n: long = 4

[clinic start generated code]*/

static PyObject *
e2e_clinic_mixd_impl(PyObject *module, double x, double y, double z, long n)
{ return PyFloat_FromDouble(x * 1000.0 + y * 100.0 + z * 10.0 + (double)n); }
/*[clinic input]
e2e_clinic.kwonly 

    a: long
    *
    b: long = 10

[clinic start generated code]*/

static PyObject *
e2e_clinic_kwonly_impl(PyObject *module, long a, long b)
{ return PyLong_FromLong(a * b); }
/*[clinic input]
e2e_clinic.posonly 

    a: long
    b: long = 2
    /
    c: long = 3

[clinic start generated code]*/

static PyObject *
e2e_clinic_posonly_impl(PyObject *module, long a, long b, long c)
{ return PyLong_FromLong(a * 100 + b * 10 + c); }
/*[clinic input]
e2e_clinic.flags 

    a: long
    up: bool = False
    times: int = 1

[clinic start generated code]*/

static PyObject *
e2e_clinic_flags_impl(PyObject *module, long a, int up, int times)
{ return PyLong_FromLong((up ? a + 1 : a) * times); }
/*[clinic input]
e2e_clinic.narrow 

    a: long
    s: short = -3
    u: unsigned_char = 200
    f: float = 0.5

[clinic start generated code]*/

static PyObject *
e2e_clinic_narrow_impl(PyObject *module, long a, short s, unsigned char u,
                       float f)
{ return PyFloat_FromDouble((double)a * 1e6 + (double)s * 1e3 + (double)u + (double)f); }
/*[clinic input]
e2e_clinic.allopt 

    a: long = 5
    b: double = 2.5

[clinic start generated code]*/

static PyObject *
e2e_clinic_allopt_impl(PyObject *module, long a, double b)
{ return PyFloat_FromDouble((double)a * 10.0 + b); }
/*[clinic input]
e2e_clinic.allopt_po 

    a: long = 5
    /
    b: long = 2

[clinic start generated code]*/

static PyObject *
e2e_clinic_allopt_po_impl(PyObject *module, long a, long b)
{ return PyLong_FromLong(a * 10 + b); }
/*[clinic input]
e2e_clinic.conv 

    a: long
    n: unsigned_int(bitwise=False) = 3
    m: size_t = 9

[clinic start generated code]*/

static PyObject *
e2e_clinic_conv_impl(PyObject *module, long a, unsigned int n, size_t m)
{ return PyLong_FromUnsignedLongLong((unsigned long long)a * 1000u + n * 10u + m); }
static PyMethodDef e2e_clinic_methods[] = {
    E2E_CLINIC_SCALE3_METHODDEF
    E2E_CLINIC_MIXD_METHODDEF
    E2E_CLINIC_KWONLY_METHODDEF
    E2E_CLINIC_POSONLY_METHODDEF
    E2E_CLINIC_FLAGS_METHODDEF
    E2E_CLINIC_NARROW_METHODDEF
    E2E_CLINIC_ALLOPT_METHODDEF
    E2E_CLINIC_ALLOPT_PO_METHODDEF
    E2E_CLINIC_CONV_METHODDEF
    {NULL,NULL,0,NULL}};
static struct PyModuleDef e2e_clinic_module = {PyModuleDef_HEAD_INIT, "e2e_clinic", NULL, -1, e2e_clinic_methods};
PyMODINIT_FUNC PyInit_e2e_clinic(void) { return PyModule_Create(&e2e_clinic_module); }
