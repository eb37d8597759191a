/* Wrappers that take a bytes-like object's buffer (PyArg_ParseTuple's "y*"
 * and "s*": a Py_buffer whose buf and len they read, then release), in the
 * shapes of real checksum and hash extensions (crc32c's crc32c, mmh3's
 * hash_from_buffer): their cores take the buffer's bytes and length, as for
 * "y#" and "s#" (docs/FORMAT.md, "String kinds"). test_buffers.py checks the
 * records, each core against its wrapper, and accelerate()'s parity; the
 * lit test shapes/buffer-arguments.c the remarks and the refusals. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* CRC-32 (reflected, 0xEDB88320), bit by bit: any change of a byte, of the
 * length or of the start value changes it. */
static uint32_t crc_update(uint32_t crc, const unsigned char *p, Py_ssize_t n) {
  crc = ~crc;
  for (Py_ssize_t i = 0; i < n; i++) {
    crc ^= p[i];
    for (int k = 0; k < 8; k++)
      crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

/* crc32c's shape: keywords, an optional start value, the GIL released
 * around the work for long buffers, the view released before boxing. */
static PyObject *crc(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"data", "value", NULL};
  Py_buffer view;
  unsigned int value = 0;
  uint32_t result;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "y*|I", kwlist, &view, &value))
    return NULL;
  if (view.len >= 4096) {
    Py_BEGIN_ALLOW_THREADS
    result = crc_update(value, view.buf, view.len);
    Py_END_ALLOW_THREADS
  } else {
    result = crc_update(value, view.buf, view.len);
  }
  PyBuffer_Release(&view);
  return PyLong_FromUnsignedLong(result);
}

/* mmh3's hash_from_buffer shape: "s*" (a str's UTF-8 or any bytes-like
 * object), a checked seed that raises (without releasing the view, as
 * mmh3 does), and a flag choosing the result's sign. */
static PyObject *digest(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"key", "seed", "signed", NULL};
  Py_buffer view;
  long long seed = 0;
  int is_signed = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s*|Lp", kwlist, &view, &seed, &is_signed))
    return NULL;
  if (seed < 0 || seed > 0xffffffffLL) {
    PyErr_SetString(PyExc_ValueError, "seed is out of range");
    return NULL;
  }
  uint32_t h = crc_update((uint32_t)seed, view.buf, view.len);
  PyBuffer_Release(&view);
  return PyLong_FromLong(is_signed ? (long)(int32_t)h : (long)h);
}

/* A view set to zero before the parse, released at a common exit, and its
 * length compared before its bytes are read. */
static PyObject *weight(PyObject *self, PyObject *args) {
  Py_buffer view = {NULL, NULL};
  long total = -1;
  if (!PyArg_ParseTuple(args, "y*", &view))
    goto done;
  total = 0;
  if (view.len == 0)
    goto done;
  for (Py_ssize_t i = 0; i < view.len; i++)
    total += (long)((const unsigned char *)view.buf)[i] * (long)(i + 1);
done:
  PyBuffer_Release(&view);
  if (total < 0)
    return NULL;
  return PyLong_FromLong(total);
}

/* CPython's Modules/hashlib.h fills a view as mmh3's buffer functions do
 * (GET_BUFFER_VIEW_OR_ERROUT): a str refused first, then an object without
 * the buffer protocol, then a view of more than one dimension. */
static PyObject *hashlib_sum(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  Py_buffer view;
  unsigned long seed = 0;
  if (nargs < 1 || nargs > 2) {
    PyErr_Format(PyExc_TypeError, "hashlib_sum() takes 1 or 2 arguments (%d given)", (int)nargs);
    return NULL;
  }
  if (nargs == 2) {
    seed = PyLong_AsUnsignedLong(args[1]);
    if (seed == (unsigned long)-1 && PyErr_Occurred())
      return NULL;
  }
  if (PyUnicode_Check(args[0])) {
    PyErr_SetString(PyExc_TypeError, "Strings must be encoded before hashing");
    return NULL;
  }
  if (!PyObject_CheckBuffer(args[0])) {
    PyErr_SetString(PyExc_TypeError, "object supporting the buffer API required");
    return NULL;
  }
  if (PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) == -1)
    return NULL;
  if (view.ndim > 1) {
    PyErr_SetString(PyExc_BufferError, "Buffer must be single dimension");
    PyBuffer_Release(&view);
    return NULL;
  }
  unsigned long h = seed;
  for (Py_ssize_t i = 0; i < view.len; i++)
    h = (h ^ ((const unsigned char *)view.buf)[i]) * 1099511628211UL;
  PyBuffer_Release(&view);
  return PyLong_FromUnsignedLong(h);
}

/* METH_FASTCALL with a Py_buffer and an int: a count of one byte value. */
static PyObject *count(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  Py_buffer view;
  int byte;
  if (!_PyArg_ParseStack(args, nargs, "y*i:count", &view, &byte))
    return NULL;
  Py_ssize_t n = 0;
  for (Py_ssize_t i = 0; i < view.len; i++)
    n += ((const unsigned char *)view.buf)[i] == (unsigned char)byte;
  PyBuffer_Release(&view);
  return PyLong_FromSsize_t(n);
}

/* Argument Clinic's Py_buffer parameter (audioop's, zlib's): the view filled
 * by PyObject_GetBuffer, tested for contiguity, handed to the impl, and
 * released at the exit where it was filled. */
static PyObject *scaled_sum_impl(PyObject *module, Py_buffer *data, int scale) {
  long total = 0;
  for (Py_ssize_t i = 0; i < data->len; i++)
    total += ((const signed char *)data->buf)[i];
  return PyLong_FromLong(total * scale);
}

static PyObject *scaled_sum(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
  PyObject *return_value = NULL;
  Py_buffer data = {NULL, NULL};
  int scale;
  if (!_PyArg_CheckPositional("scaled_sum", nargs, 2, 2))
    goto exit;
  if (PyObject_GetBuffer(args[0], &data, PyBUF_SIMPLE) != 0)
    goto exit;
  if (!PyBuffer_IsContiguous(&data, 'C')) {
    _PyArg_BadArgument("scaled_sum", "argument 1", "contiguous buffer", args[0]);
    goto exit;
  }
  scale = _PyLong_AsInt(args[1]);
  if (scale == -1 && PyErr_Occurred())
    goto exit;
  return_value = scaled_sum_impl(module, &data, scale);
exit:
  /* Cleanup for data */
  if (data.obj) {
    PyBuffer_Release(&data);
  }
  return return_value;
}

/* No core: a writable view, which a bytes refuses. */
static PyObject *zero_fill(PyObject *module, PyObject *arg) {
  Py_buffer data;
  if (PyObject_GetBuffer(arg, &data, PyBUF_WRITABLE) != 0)
    return NULL;
  memset(data.buf, 0, data.len);
  Py_ssize_t n = data.len;
  PyBuffer_Release(&data);
  return PyLong_FromSsize_t(n);
}

/* A bytes' view is read-only: the flag is 1 in the core (the wrapper's
 * answer for a bytearray, 0, is the wrapper's alone). */
static PyObject *is_readonly(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "y*", &view))
    return NULL;
  int ro = view.readonly;
  PyBuffer_Release(&view);
  return PyBool_FromLong(ro);
}

/* A view's contiguity: a bytes' is, whatever the order. */
static PyObject *contiguous(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "y*", &view))
    return NULL;
  int c = PyBuffer_IsContiguous(&view, 'F');
  PyBuffer_Release(&view);
  return PyBool_FromLong(c);
}

/* The fields every interpreter gives a bytes' view alike: one dimension of
 * one-byte items, read-only, no suboffsets, no internal data (Clinic's way,
 * with PyBUF_SIMPLE). */
static PyObject *layout(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
  Py_buffer view = {NULL, NULL};
  long r = 0;
  if (nargs != 1) {
    PyErr_SetString(PyExc_TypeError, "layout() takes one argument");
    return NULL;
  }
  if (PyObject_GetBuffer(args[0], &view, PyBUF_SIMPLE) != 0)
    goto exit;
  if (view.ndim != 1) {
    PyErr_SetString(PyExc_BufferError, "one dimension, please");
    goto exit;
  }
  r = view.len * 100000 + view.itemsize * 10000 + view.readonly * 1000 + (view.suboffsets == NULL) * 8 +
      (view.internal == NULL) * 16;
exit:
  if (view.obj)
    PyBuffer_Release(&view);
  return r ? PyLong_FromLong(r) : NULL;
}

/* No core: its owner's reference count is no field of the view a core knows. */
static PyObject *owner_refs(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "s*", &view))
    return NULL;
  Py_ssize_t n = Py_REFCNT(view.obj);
  PyBuffer_Release(&view);
  return PyLong_FromSsize_t(n);
}

/* No core: a view's format is CPython's "B" where the flags ask for it and
 * NULL where they do not; PyPy's is "B" either way. */
static PyObject *item_format(PyObject *self, PyObject *arg) {
  Py_buffer view;
  if (PyObject_GetBuffer(arg, &view, PyBUF_FORMAT) != 0)
    return NULL;
  int c = view.format[0];
  PyBuffer_Release(&view);
  return PyLong_FromLong(c);
}

/* An "O" unit whose object's view is taken: its one output stands for the
 * view's two C parameters, and the unit after it is the third. */
static PyObject *object_view(PyObject *self, PyObject *args) {
  PyObject *o;
  long k;
  Py_buffer v;
  if (!PyArg_ParseTuple(args, "Ol", &o, &k))
    return NULL;
  if (PyObject_GetBuffer(o, &v, PyBUF_SIMPLE) != 0)
    return NULL;
  long r = (long)v.len * 1000 + k;
  PyBuffer_Release(&v);
  return PyLong_FromLong(r);
}

/* No core: an order CPython does not know ('X') is never contiguous. */
static PyObject *odd_order(PyObject *self, PyObject *arg) {
  Py_buffer view = {NULL, NULL};
  if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) != 0)
    return NULL;
  int c = PyBuffer_IsContiguous(&view, 'X');
  PyBuffer_Release(&view);
  return PyLong_FromLong(c);
}

/* No core: the view's address is kept past the call. */
static Py_buffer *last_view;
static PyObject *stash(PyObject *self, PyObject *args) {
  Py_buffer view;
  if (!PyArg_ParseTuple(args, "y*", &view))
    return NULL;
  last_view = &view;
  Py_ssize_t n = view.len;
  PyBuffer_Release(&view);
  return PyLong_FromSsize_t(n);
}

/* No core: "w*" is a writable buffer, which a core's read-only bytes are not. */
static PyObject *fill(PyObject *self, PyObject *args) {
  Py_buffer view;
  int byte;
  if (!PyArg_ParseTuple(args, "w*i", &view, &byte))
    return NULL;
  memset(view.buf, byte, view.len);
  Py_ssize_t n = view.len;
  PyBuffer_Release(&view);
  return PyLong_FromSsize_t(n);
}

static PyMethodDef methods[] = {
    {"crc", (PyCFunction)(void (*)(void))crc, METH_VARARGS | METH_KEYWORDS, NULL},
    {"digest", (PyCFunction)(void (*)(void))digest, METH_VARARGS | METH_KEYWORDS, NULL},
    {"weight", weight, METH_VARARGS, NULL},
    {"count", (PyCFunction)(void (*)(void))count, METH_FASTCALL, NULL},
    {"hashlib_sum", (PyCFunction)(void (*)(void))hashlib_sum, METH_FASTCALL, NULL},
    {"scaled_sum", (PyCFunction)(void (*)(void))scaled_sum, METH_FASTCALL, NULL},
    {"zero_fill", zero_fill, METH_O, NULL},
    {"is_readonly", is_readonly, METH_VARARGS, NULL},
    {"contiguous", contiguous, METH_VARARGS, NULL},
    {"layout", (PyCFunction)(void (*)(void))layout, METH_FASTCALL, NULL},
    {"owner_refs", owner_refs, METH_VARARGS, NULL},
    {"item_format", item_format, METH_O, NULL},
    {"object_view", object_view, METH_VARARGS, NULL},
    {"odd_order", odd_order, METH_O, NULL},
    {"stash", stash, METH_VARARGS, NULL},
    {"fill", fill, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "e2e_buffers", NULL, -1, methods};

PyMODINIT_FUNC PyInit_e2e_buffers(void) { return PyModule_Create(&module); }
