/* Wrappers whose work is a function of another file (helpers.c), as real
 * extensions split a hash or a codec from its Python glue, one whose work is
 * in a library outside the link (outside_scale, never defined), and one
 * whose work, seen at the link, always raises (give_up). */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

long mix_bits(long x);
unsigned long fnv_bytes(const char *s, Py_ssize_t n);
long outside_scale(long x);
long give_up(long x);

static PyObject *mix(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(mix_bits(x));
}

static PyObject *digest(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "s#", &s, &n))
    return NULL;
  return PyLong_FromUnsignedLong(fnv_bytes(s, n));
}

static PyObject *scale(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(outside_scale(x));
}

static PyObject *halt(PyObject *self, PyObject *arg) {
  long x = PyLong_AsLong(arg);
  if (x == -1 && PyErr_Occurred())
    return NULL;
  long r = give_up(x);
  if (r == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(r);
}

static PyMethodDef methods[] = {{"mix", mix, METH_O, NULL},
                                {"digest", digest, METH_VARARGS, NULL},
                                {"scale", scale, METH_O, NULL},
                                {"halt", halt, METH_O, NULL},
                                {NULL, NULL, 0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "otherfile", NULL, -1, methods};

PyMODINIT_FUNC PyInit_otherfile(void) { return PyModule_Create(&def); }
