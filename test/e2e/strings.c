/* Wrappers that take the bytes of a str or a bytes (PyArg_ParseTuple's "s",
 * "s#", "y", "y#"): their cores take a `const char *`, and with '#' its
 * length (docs/FORMAT.md, "String kinds"). test_strings.py checks the
 * records, each core against its wrapper, and accelerate()'s parity. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* FNV-1a: any change of content or length changes it. Kept out of line at
 * -O0, where LLVM does not know that it only reads the bytes: no core. */
static unsigned long fnv_bytes(const char *p, Py_ssize_t n) {
  unsigned long h = 1469598103934665603UL;
  for (Py_ssize_t i = 0; i < n; i++) {
    h ^= (unsigned char)p[i];
    h *= 1099511628211UL;
  }
  return h;
}

static PyObject *fnv(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "s#", &s, &n))
    return NULL;
  return PyLong_FromUnsignedLong(fnv_bytes(s, n));
}

static PyObject *seeded(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  unsigned long seed = 7;
  if (!PyArg_ParseTuple(args, "s#|k", &s, &n, &seed))
    return NULL;
  return PyLong_FromUnsignedLong(fnv_bytes(s, n) ^ seed);
}

static PyObject *length(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  return PyLong_FromSsize_t((Py_ssize_t)strlen(s));
}

/* Reads the bytes in its own body: a core at every -O level. */
static PyObject *count(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  int c;
  if (!PyArg_ParseTuple(args, "y#i", &s, &n, &c))
    return NULL;
  long k = 0;
  for (Py_ssize_t i = 0; i < n; i++)
    k += (unsigned char)s[i] == c;
  return PyLong_FromLong(k);
}

static PyObject *first(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "y", &s))
    return NULL;
  return PyLong_FromLong((unsigned char)s[0]);
}

/* Raises for an unknown name: the core bails there. */
static PyObject *mode(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  if (strcmp(s, "fast") == 0)
    return PyLong_FromLong(1);
  if (strcmp(s, "slow") == 0)
    return PyLong_FromLong(2);
  PyErr_Format(PyExc_ValueError, "unknown mode '%s'", s);
  return NULL;
}

static PyObject *repeat(PyObject *self, PyObject *args, PyObject *kwds) {
  static char *names[] = {"data", "times", NULL};
  const char *s;
  Py_ssize_t n;
  int times = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "s#|i", names, &s, &n, &times))
    return NULL;
  return PyLong_FromSsize_t(n * times);
}

/* An optional string: its default is an address, so a call that omits it
 * takes the wrapper. */
static PyObject *joined(PyObject *self, PyObject *args) {
  const char *s, *sep = ", ";
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "y#|s", &s, &n, &sep))
    return NULL;
  Py_ssize_t k = 0;
  while (sep[k])
    k++;
  return PyLong_FromSsize_t(n + k);
}

/* "z#" and "z": "s#" and "s" that also take None, for which the core gets
 * NULL (and a length of 0). */
static PyObject *maybe_fnv(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "z#", &s, &n))
    return NULL;
  return PyLong_FromUnsignedLong(s ? fnv_bytes(s, n) : (unsigned long)n + 5);
}

static PyObject *maybe_len(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "z", &s))
    return NULL;
  long k = -1;
  if (s)
    for (k = 0; s[k]; k++)
      ;
  return PyLong_FromLong(k);
}

/* An optional "z" whose pointer is NULL before the parse (an errors=NULL
 * parameter's shape): omitted, it is None, which the record says. */
static PyObject *tagged(PyObject *self, PyObject *args, PyObject *kwds) {
  static char *names[] = {"text", "errors", NULL};
  const char *s, *errors = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kwds, "s|z:tagged", names, &s, &errors))
    return NULL;
  long k = 0;
  while (s[k])
    k++;
  if (errors)
    for (long e = 0; errors[e]; e++)
      k += 1000;
  return PyLong_FromLong(errors ? k : -k);
}

/* "z#" the same, its length 0 before the parse too. */
static PyObject *tag_size(PyObject *self, PyObject *args) {
  long n;
  const char *t = NULL;
  Py_ssize_t len = 0;
  if (!PyArg_ParseTuple(args, "l|z#", &n, &t, &len))
    return NULL;
  return PyLong_FromUnsignedLong(t ? fnv_bytes(t, len) ^ (unsigned long)n : (unsigned long)n + 7);
}

/* A bytes read by hand, no parser (mmh3's, xxhash's way): the type test,
 * then PyBytes_AS_STRING and PyBytes_GET_SIZE (BytesObjectReads.cpp). */
static PyObject *bytes_fnv(PyObject *self, PyObject *o) {
  if (!PyBytes_Check(o)) {
    PyErr_Format(PyExc_TypeError, "a bytes is required, not '%.200s'", Py_TYPE(o)->tp_name);
    return NULL;
  }
  return PyLong_FromUnsignedLong(fnv_bytes(PyBytes_AS_STRING(o), PyBytes_GET_SIZE(o)));
}

/* METH_FASTCALL with an optional seed, the bytes through the functions
 * (PyBytes_Size, PyBytes_AsString), after the seed is unboxed. */
static PyObject *bytes_seeded(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  unsigned long seed = 0;
  if (nargs < 1 || nargs > 2) {
    PyErr_Format(PyExc_TypeError, "bytes_seeded() takes 1 or 2 arguments (%zd given)", nargs);
    return NULL;
  }
  if (nargs == 2) {
    seed = PyLong_AsUnsignedLong(args[1]);
    if (seed == (unsigned long)-1 && PyErr_Occurred())
      return NULL;
  }
  if (!PyBytes_CheckExact(args[0])) {
    PyErr_SetString(PyExc_TypeError, "an exact bytes is required");
    return NULL;
  }
  Py_ssize_t n = PyBytes_Size(args[0]);
  const char *p = PyBytes_AsString(args[0]);
  if (p == NULL)
    return NULL;
  return PyLong_FromUnsignedLong(fnv_bytes(p, n) ^ seed);
}

/* A bytes or a str, each by hand: the str's way does with its UTF-8 what
 * the bytes' way does with the bytes, so the core stands for both (a
 * UTF8_SIZE parameter: analysis/BytesStrDispatch.cpp). */
static PyObject *text_or_bytes(PyObject *self, PyObject *o) {
  const char *p;
  Py_ssize_t n;
  if (PyBytes_Check(o)) {
    n = PyBytes_GET_SIZE(o);
    p = PyBytes_AS_STRING(o);
  } else if (PyUnicode_Check(o)) {
    p = PyUnicode_AsUTF8AndSize(o, &n);
    if (p == NULL)
      return NULL;
  } else {
    PyErr_SetString(PyExc_TypeError, "a bytes or a str is required");
    return NULL;
  }
  return PyLong_FromUnsignedLong(fnv_bytes(p, n) + 1);
}

/* mmh3's hash: the str's length in code points stored first, then the
 * UTF-8's over it; a str whose UTF-8 fails is its own wrapper's (mmh3 hashes
 * the NULL; here it raises). */
static PyObject *text_hash(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  const char *p;
  Py_ssize_t n;
  if (nargs != 1) {
    PyErr_Format(PyExc_TypeError, "text_hash() takes 1 argument (%zd given)", nargs);
    return NULL;
  }
  if (PyBytes_Check(args[0])) {
    n = PyBytes_Size(args[0]);
    p = PyBytes_AS_STRING(args[0]);
  } else if (PyUnicode_Check(args[0])) {
    n = PyUnicode_GET_LENGTH(args[0]);
    p = PyUnicode_AsUTF8AndSize(args[0], &n);
    if (p == NULL)
      return NULL;
  } else {
    PyErr_Format(PyExc_TypeError, "argument 1 must be read-only bytes-like object, not '%s'",
                 Py_TYPE(args[0])->tp_name);
    return NULL;
  }
  return PyLong_FromUnsignedLong(fnv_bytes(p, n) ^ 5);
}

/* The str first; a bytes only where it has the buffer procs too. PyPy's
 * PyObject_CheckBuffer reads them inline, which says nothing of a str: the
 * str's way never asks, so its headers give UTF8_SIZE too. */
static PyObject *buffer_text(PyObject *self, PyObject *o) {
  const char *p;
  Py_ssize_t n;
  if (PyUnicode_Check(o)) {
    p = PyUnicode_AsUTF8AndSize(o, &n);
    if (p == NULL)
      return NULL;
  } else if (PyObject_CheckBuffer(o) && PyBytes_Check(o)) {
    p = PyBytes_AS_STRING(o);
    n = PyBytes_GET_SIZE(o);
  } else {
    PyErr_Format(PyExc_TypeError, "a str or bytes is required, not '%s'", Py_TYPE(o)->tp_name);
    return NULL;
  }
  return PyLong_FromUnsignedLong(fnv_bytes(p, n) ^ 9);
}

/* siphashc's siphash(key, plaintext): a helper for each argument, bytes by
 * PyBytes_AsStringAndSize, a str by PyUnicode_AsUTF8AndSize; two UTF8_SIZE
 * parameters. */
static int immutable_data(PyObject *o, const char *name, const char **data, Py_ssize_t *size) {
  if (PyBytes_Check(o)) {
    char *bytes;
    if (PyBytes_AsStringAndSize(o, &bytes, size) < 0)
      return 0;
    *data = bytes;
    return 1;
  }
  if (PyUnicode_Check(o)) {
    *data = PyUnicode_AsUTF8AndSize(o, size);
    return *data != NULL;
  }
  PyErr_Format(PyExc_TypeError, "%s must be str or bytes", name);
  return 0;
}

static PyObject *keyed_text(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  const char *key, *text;
  Py_ssize_t key_size, text_size;
  if (nargs != 2) {
    PyErr_Format(PyExc_TypeError, "keyed_text() takes exactly 2 arguments (%zd given)", nargs);
    return NULL;
  }
  if (!immutable_data(args[0], "key", &key, &key_size) ||
      !immutable_data(args[1], "text", &text, &text_size))
    return NULL;
  if (key_size > 8) {
    PyErr_SetString(PyExc_ValueError, "key must be at most 8 bytes long");
    return NULL;
  }
  return PyLong_FromUnsignedLong(fnv_bytes(text, text_size) * 31 + fnv_bytes(key, key_size));
}

/* Only the bytes, read as a C string (up to the first NUL): a BYTES
 * parameter, whose fast path passes no bytes with a NUL in them. */
static PyObject *c_length(PyObject *self, PyObject *o) {
  const char *p = PyBytes_AsString(o);
  if (p == NULL)
    return NULL;
  long n = 0;
  while (p[n])
    n++;
  return PyLong_FromLong(n * 3);
}

/* METH_O: PyArg_Parse of the one argument. */
static PyObject *weight(PyObject *self, PyObject *arg) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_Parse(arg, "s#", &s, &n))
    return NULL;
  long w = 0;
  for (Py_ssize_t i = 0; i < n; i++)
    w += (unsigned char)s[i];
  return PyLong_FromLong(w);
}

/* The C library's searches: their result points into the bytes (LLVM
 * marks no nocapture there), and the cores use it only as an offset from
 * the start, the same for a copy of the bytes (StringBytes.h). */
static PyObject *find(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  int c;
  if (!PyArg_ParseTuple(args, "s#i", &s, &n, &c))
    return NULL;
  const char *at = memchr(s, c, (size_t)n);
  return PyLong_FromSsize_t(at != NULL ? at - s : -1);
}

static PyObject *fields(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  long k = 1;
  for (const char *p = strchr(s, ','); p != NULL; p = strchr(p + 1, ','))
    k++;
  return PyLong_FromLong(k);
}

/* ~(at - s): -O2 spells it with an xor of -1, in which the address cancels
 * out as it does in a difference. */
static PyObject *not_offset(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  int c;
  if (!PyArg_ParseTuple(args, "s#i", &s, &n, &c))
    return NULL;
  const char *at = memchr(s, c, (size_t)n);
  return PyLong_FromSsize_t(at != NULL ? ~(at - s) : 0);
}

static PyObject *where(PyObject *self, PyObject *args) {
  const char *s, *needle;
  if (!PyArg_ParseTuple(args, "ys", &s, &needle))
    return NULL;
  const char *at = strstr(s, needle);
  return PyLong_FromSsize_t(at != NULL ? at - s : -1);
}

/* A helper of the module that returns a pointer into the bytes it is given
 * (a scanner's `p = skip_spaces(p, end)`), kept out of line as a larger one
 * would be: its result is one more pointer into the bytes, compared only
 * with others and used as an offset (StringBytes.h, PointerOrigins.h). */
__attribute__((noinline)) static const char *skip_spaces(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

static PyObject *words(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "y#", &s, &n))
    return NULL;
  const char *end = s + n, *p = s;
  long k = 0;
  while ((p = skip_spaces(p, end)) < end) {
    k++;
    while (p < end && *p != ' ' && *p != '\t')
      p++;
  }
  return PyLong_FromLong(k);
}

static PyObject *indent(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  return PyLong_FromSsize_t(skip_spaces(s, s + strlen(s)) - s);
}

/* The C library's strncpy from the bytes into a buffer of the core's own:
 * LLVM's attributes for it (its source only read, no pointer kept, only
 * its arguments' memory touched) hold at -O0 too, where its declaration is
 * bare (LibcRoles.h). */
static PyObject *clipped(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  char head[8];
  strncpy(head, s, sizeof head - 1);
  head[sizeof head - 1] = 0;
  unsigned long h = 5381;
  for (size_t i = 0; i < sizeof head; i++)
    h = h * 33 + (unsigned char)head[i];
  return PyLong_FromUnsignedLong(h);
}

/* The number parser given no end pointer: it reads the bytes and the
 * locale, keeps no pointer, and writes errno at most (LibcRoles.h): memory
 * "read", at -O0 as at -O2. */
static PyObject *hex_value(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  return PyLong_FromLong(strtol(s, NULL, 16));
}

/* '#' in the plain parser, as CPython 3.13's headers call it for every
 * parse: a Py_ssize_t length from 3.13 on, SystemError before (PyPy's
 * stores an int). The core reads the running interpreter's version and bails
 * below 3.13. Last in the file: the #undef holds from here on. */
#ifndef PYPY_VERSION
#undef PyArg_ParseTuple
PyAPI_FUNC(int) PyArg_ParseTuple(PyObject *, const char *, ...);
static PyObject *plain_len(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "y#", &s, &n))
    return NULL;
  long w = 0;
  for (Py_ssize_t i = 0; i < n; i++)
    w += s[i] == 'a';
  return PyLong_FromLong(w + n);
}
#define PLAIN_METHODS {"plain_len", plain_len, METH_VARARGS, NULL},
#else
#define PLAIN_METHODS
#endif

static PyMethodDef methods[] = {
    {"fnv", fnv, METH_VARARGS, NULL},
    {"seeded", seeded, METH_VARARGS, NULL},
    {"length", length, METH_VARARGS, NULL},
    {"count", count, METH_VARARGS, NULL},
    {"first", first, METH_VARARGS, NULL},
    {"mode", mode, METH_VARARGS, NULL},
    {"repeat", (PyCFunction)(void (*)(void))repeat, METH_VARARGS | METH_KEYWORDS, NULL},
    {"joined", joined, METH_VARARGS, NULL},
    {"weight", weight, METH_O, NULL},
    {"maybe_fnv", maybe_fnv, METH_VARARGS, NULL},
    {"maybe_len", maybe_len, METH_VARARGS, NULL},
    {"tagged", (PyCFunction)(void (*)(void))tagged, METH_VARARGS | METH_KEYWORDS, NULL},
    {"tag_size", tag_size, METH_VARARGS, NULL},
    {"bytes_fnv", bytes_fnv, METH_O, NULL},
    {"bytes_seeded", (PyCFunction)(void (*)(void))bytes_seeded, METH_FASTCALL, NULL},
    {"text_or_bytes", text_or_bytes, METH_O, NULL},
    {"text_hash", (PyCFunction)(void (*)(void))text_hash, METH_FASTCALL, NULL},
    {"keyed_text", (PyCFunction)(void (*)(void))keyed_text, METH_FASTCALL, NULL},
    {"buffer_text", buffer_text, METH_O, NULL},
    {"c_length", c_length, METH_O, NULL},
    {"find", find, METH_VARARGS, NULL},
    {"fields", fields, METH_VARARGS, NULL},
    {"where", where, METH_VARARGS, NULL},
    {"not_offset", not_offset, METH_VARARGS, NULL},
    {"words", words, METH_VARARGS, NULL},
    {"indent", indent, METH_VARARGS, NULL},
    {"clipped", clipped, METH_VARARGS, NULL},
    {"hex_value", hex_value, METH_VARARGS, NULL},
    PLAIN_METHODS
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "e2e_strings", NULL, -1, methods};
PyMODINIT_FUNC PyInit_e2e_strings(void) { return PyModule_Create(&module); }
