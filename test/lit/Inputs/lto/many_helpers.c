/* A wrapper whose work is in another file (helpers.c's mix_bits) and which
 * calls forty helpers of its own, each calling one more: the compile copies
 * them for the link (PristineWrappers.h), up to its bound of 64, while the
 * map of copies grows. lto-pristine.test. */
#include <Python.h>

long mix_bits(long x);

#define HELPER(N)                                                                                 \
  static long leaf##N(long x) { return x * N + 1; }                                              \
  static long step##N(long x) { return leaf##N(x) ^ N; }
#define TEN(D) HELPER(D##0) HELPER(D##1) HELPER(D##2) HELPER(D##3) HELPER(D##4) HELPER(D##5) \
  HELPER(D##6) HELPER(D##7) HELPER(D##8) HELPER(D##9)
TEN(1) TEN(2) TEN(3) TEN(4)
#define SUM(D) step##D##0(v) + step##D##1(v) + step##D##2(v) + step##D##3(v) + step##D##4(v) + \
  step##D##5(v) + step##D##6(v) + step##D##7(v) + step##D##8(v) + step##D##9(v)

static PyObject *many(PyObject *self, PyObject *arg) {
  long v = PyLong_AsLong(arg);
  if (v == -1 && PyErr_Occurred())
    return NULL;
  return PyLong_FromLong(mix_bits(SUM(1) + SUM(2) + SUM(3) + SUM(4)));
}

static PyMethodDef methods[] = {{"many", many, METH_O, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "many", NULL, -1, methods};
PyMODINIT_FUNC PyInit_many(void) { return PyModule_Create(&def); }
