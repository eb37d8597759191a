// Cython 3.1+ keeps a def's parameter names in its module state
// (__pyx_mstate_global->__pyx_n_u_b), which its import-time code fills from
// one constant byte string cut at constant lengths (3.3's __Pyx_InitConstants;
// cython33-param-names.test has the real thing). The wrapper hands its keyword
// parser a local array of pointers to those slots and values + 1: the one
// positional-only parameter `a` is not in it. The pass replays the decoding
// (CythonStringTable.cpp), so the record names b and c, and not a.
// Reduced by hand from Cython 3.3's output for
//     def mix(long a, /, long b, long c=7): return a * 3 + b - c
//
// With -DCOMPRESSED the bytes come from the module's own decompressor, as
// where Cython compresses a large table (LZSS by default): it fills a new
// bytes object through PyBytes_AS_STRING (past an assert of its type), and
// the replay follows it there, so the names are the same. With -DIMPORTED
// the decompressor is a module imported at run time (Cython's zlib, bz2 and
// zstd): the replay stops at the import, the record names no parameter, and
// a remark says why.
// RUN: %clang_pyunbox -O0 -c %s -o %t.o0.o
// RUN: %dump --json %t.o0.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -c %s -o %t.o2.o
// RUN: %dump --json %t.o2.o | FileCheck %s
// RUN: %clang_pyunbox -O0 -DCOMPRESSED -c %s -o %t.z0.o
// RUN: %dump --json %t.z0.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -DCOMPRESSED -DNDEBUG -c %s -o %t.z2.o
// RUN: %dump --json %t.z2.o | FileCheck %s
// RUN: %clang_pyunbox -O2 -DCOMPRESSED -DIMPORTED -Rpass-analysis=pyunbox -c %s -o %t.i.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: %dump --json %t.i.o | FileCheck %s --check-prefix=NONAMES

// CHECK: "python_name": "mix", {{.*}}"param_names": [null, "b", "c"], "param_passing": ["positional-only", "positional-or-keyword", "positional-or-keyword"]
// REMARK: remark: the record of 'mix' names no parameter: no replay of the string table's decoding reached its slot ('__Pyx_InitConstants' was replayed up to a call of 'PyImport_ImportModule', in '__Pyx_DecompressString_LZSS')
// NONAMES: "python_name": "mix", {{.*}}"param_names": [null, null, null]

#define PY_SSIZE_T_CLEAN
#include <Python.h>

typedef struct {
  PyObject *__pyx_d;
  PyObject *__pyx_string_tab[4];
} __pyx_mstatetype;
static __pyx_mstatetype __pyx_mstate_global_static;
#define __pyx_mstate_global (&__pyx_mstate_global_static)
#define __pyx_n_u_b __pyx_string_tab[1]
#define __pyx_n_u_c __pyx_string_tab[2]

#ifdef COMPRESSED
static PyObject *__Pyx_DecompressString_LZSS(const char *s, size_t n, size_t size) {
#ifdef IMPORTED
  PyObject *codec = PyImport_ImportModule("codec"); /* decompress() at run time */
  if (!codec)
    return NULL;
  PyObject *r = PyObject_CallMethod(codec, "decompress", "y#", s, (Py_ssize_t)n);
  Py_DECREF(codec);
  return r;
#else
  PyObject *r = PyBytes_FromStringAndSize(NULL, (Py_ssize_t)size);
  if (!r)
    return NULL;
  unsigned char *out = (unsigned char *)PyBytes_AS_STRING(r);
  for (size_t i = 0; i < size; i++) /* not LZSS: each byte stored plus one */
    out[i] = (unsigned char)(s[i] - 1);
  return r;
#endif
}
#endif

static int __Pyx_InitConstants(__pyx_mstatetype *__pyx_mstate) {
  const struct { const unsigned int length: 3; } str_length_index[] = {{1},{1},{1},{3}};
#ifdef COMPRESSED
  static const char cstring[] = "bcdnjy"; /* "abcmix", each byte plus one */
  PyObject *data = __Pyx_DecompressString_LZSS(cstring, 6, 6);
  if (!data)
    return -1;
  const char *const bytes = PyBytes_AS_STRING(data);
#else
  static const char bytes[] = "abcmix";
  PyObject *data = NULL;
#endif
  PyObject **stringtab = __pyx_mstate->__pyx_string_tab;
  Py_ssize_t pos = 0;
  for (int i = 0; i < 4; i++) {
    Py_ssize_t bytes_length = str_length_index[i].length;
    PyObject *string = PyUnicode_DecodeUTF8(bytes + pos, bytes_length, NULL);
    if (string)
      PyUnicode_InternInPlace(&string);
    if (!string) {
      Py_XDECREF(data);
      return -1;
    }
    stringtab[i] = string;
    pos += bytes_length;
  }
  Py_XDECREF(data);
  for (Py_ssize_t i = 0; i < 4; i++)
    if (PyObject_Hash(stringtab[i]) == -1)
      return -1;
  return 0;
}

/* Cython's helpers, reduced to what the wrapper's shape needs. */
static long __Pyx_PyLong_As_long(PyObject *x) { return PyLong_AsLong(x); }
static int __Pyx_ParseKeywords(PyObject *kwds, PyObject *const *kwvalues,
                               PyObject **const argnames[], PyObject *kwds2, PyObject *values[],
                               Py_ssize_t num_pos_args, Py_ssize_t num_kwargs,
                               const char *function_name, int ignore_unknown_kwargs) {
  for (Py_ssize_t i = 0; i < num_kwargs; i++)
    for (PyObject **const *name = argnames; *name; name++)
      if (PyTuple_GET_ITEM(kwds, i) == **name)
        values[name - argnames] = Py_NewRef(kwvalues[i]);
  return 0;
}
static void __Pyx_RaiseArgtupleInvalid(const char *func, Py_ssize_t found) {
  PyErr_Format(PyExc_TypeError, "%s() takes 2 or 3 positional arguments (%zd given)", func, found);
}

static PyObject *__pyx_pf_3mix_mix(PyObject *self, long a, long b, long c) {
  return PyLong_FromLong(a * 3 + b - c);
}

static PyObject *__pyx_pw_3mix_1mix(PyObject *self, PyObject *const *args, Py_ssize_t nargs,
                                    PyObject *kwds) {
  long a, b, c;
  PyObject *values[3] = {0, 0, 0};
  PyObject *const *kwvalues = args + nargs;
  PyObject *r = NULL;
  {
    PyObject **const __pyx_pyargnames[] = {&__pyx_mstate_global->__pyx_n_u_b,
                                           &__pyx_mstate_global->__pyx_n_u_c, 0};
    const Py_ssize_t kwds_len = kwds ? PyTuple_GET_SIZE(kwds) : 0;
    if (kwds_len > 0) {
      switch (nargs) {
      case 3: values[2] = Py_NewRef(args[2]);
      case 2: values[1] = Py_NewRef(args[1]);
      case 1: values[0] = Py_NewRef(args[0]); break;
      default: goto argtuple_error;
      }
      if (__Pyx_ParseKeywords(kwds, kwvalues, __pyx_pyargnames, 0, values + 1, nargs - 1, kwds_len,
                              "mix", 0) < 0)
        goto error;
      if (!values[1])
        goto argtuple_error;
    } else {
      switch (nargs) {
      case 3: values[2] = Py_NewRef(args[2]);
      case 2:
        values[1] = Py_NewRef(args[1]);
        values[0] = Py_NewRef(args[0]);
        break;
      default: goto argtuple_error;
      }
    }
    a = __Pyx_PyLong_As_long(values[0]);
    if (a == -1 && PyErr_Occurred())
      goto error;
    b = __Pyx_PyLong_As_long(values[1]);
    if (b == -1 && PyErr_Occurred())
      goto error;
    if (values[2]) {
      c = __Pyx_PyLong_As_long(values[2]);
      if (c == -1 && PyErr_Occurred())
        goto error;
    } else {
      c = 7;
    }
  }
  r = __pyx_pf_3mix_mix(self, a, b, c);
  for (int i = 0; i < 3; i++)
    Py_XDECREF(values[i]);
  return r;
argtuple_error:
  __Pyx_RaiseArgtupleInvalid("mix", nargs);
error:
  for (int i = 0; i < 3; i++)
    Py_XDECREF(values[i]);
  return NULL;
}

static PyMethodDef __pyx_mdef_3mix_1mix = {
    "mix", (PyCFunction)(void (*)(void))__pyx_pw_3mix_1mix, METH_FASTCALL | METH_KEYWORDS, 0};
static PyMethodDef methods[] = {{NULL, NULL, 0, NULL}};
static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "mix", NULL, -1, methods};

static int __pyx_pymod_exec_mix(PyObject *m) {
  __pyx_mstatetype *__pyx_mstate = NULL;
  __pyx_mstate = __pyx_mstate_global;
  __pyx_mstate->__pyx_d = PyModule_GetDict(m);
  if (__Pyx_InitConstants(__pyx_mstate) < 0)
    return -1;
  PyObject *f = PyCFunction_New(&__pyx_mdef_3mix_1mix, NULL);
  return f ? PyModule_AddObject(m, "mix", f) : -1;
}

PyMODINIT_FUNC PyInit_mix(void) {
  PyObject *m = PyModule_Create(&module);
  if (m && __pyx_pymod_exec_mix(m) < 0) {
    Py_DECREF(m);
    return NULL;
  }
  return m;
}
