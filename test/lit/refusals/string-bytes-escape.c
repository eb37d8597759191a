// A string argument's bytes are the caller's for the call only (a consumer
// may pass a copy): a core that writes them or keeps a pointer to them
// differs from its wrapper, which had the object's own, so it is dropped
// when its record would be written, once optimization has shown what the
// core does with them (key ArgumentEscapes). So does one that compares
// their address with another string's or a literal's: a consumer encodes
// each str apart, and may pass one buffer for two equal bytes; a helper's
// `p != end` of the same bytes is no such comparison. memchr's and strchr's
// result points into the bytes (shapes/string-arguments.c keeps the cores
// that use it as an offset from their start): kept, or taken from another
// string's address, it tells a copy from the argument. So is a module
// helper's result where it is based on the bytes it was given (kept, it is
// withdrawn; e2e/strings.c keeps the cores that use it as an offset), and a
// helper that returns either those bytes or another pointer is one whose
// result may be either. A length stored into a
// variable narrower than the Py_ssize_t that "s#" writes is refused.
// RUN: %clang_pyunbox -O2 %remarks %remarks_yaml=%t.yaml -c %s -o %t.o 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: FileCheck %s --check-prefix=KEY < %t.yaml
// RUN: FileCheck %s --check-prefix=YAML < %t.yaml
// RUN: %dump %t.o | FileCheck %s --check-prefix=DUMP
// RUN: %clang_pyunbox -O2 -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR --implicit-check-not=pyunbox_core_m_keep --implicit-check-not=pyunbox_core_m_scribble

// REMARK-DAG: remark: no core for 'keep' after all: it stores a pointer to argument 1's bytes ('store') (a consumer may pass a copy that lives for the call only)
// REMARK-DAG: remark: no core for 'scribble' after all: it writes argument 1's bytes ('store')
// REMARK-DAG: remark: no core for 'stash' after all: it turns a pointer to argument 1's bytes into an integer ('ptrtoint')
// REMARK-DAG: remark: no core for 'same_buffer' after all: it compares a pointer to argument 1's bytes with another pointer ('icmp')
// REMARK-DAG: remark: no core for 'is_default' after all: it compares a pointer to argument 1's bytes with another pointer ('icmp')
// REMARK-DAG: remark: no core for 'keep_found' after all: it stores a pointer to argument 1's bytes ('store')
// REMARK-DAG: remark: no core for 'offset_in_other' after all: it turns a pointer to argument 1's bytes into an integer ('ptrtoint')
// REMARK-DAG: remark: no core for 'keep_skipped' after all: it stores a pointer to argument 1's bytes ('store')
// REMARK-DAG: remark: no core for 'picked' after all: it passes a pointer to argument 1's bytes to a call of 'pick'
// REMARK-DAG: remark: core for 'span' (METH_VARARGS)
// REMARK-DAG: remark: no core for 'narrow': '_PyArg_ParseTuple_SizeT' format "s#" stores the length of argument 1 into a variable narrower than Py_ssize_t

// KEY-DAG: Name: ArgumentEscapes
// KEY-DAG: Name: UnsupportedFormat

// The withdrawal names its function and module as every remark does.
// YAML: Name: ArgumentEscapes
// YAML: Function: keep
// YAML-NEXT: Args:
// YAML-NEXT: - String: 'no core for '''
// YAML-NEXT: - Function: keep
// YAML-NEXT: - String: ''' after all: '
// YAML-NEXT: - Detail: 'it stores a pointer to argument 1''s bytes (''store'') (a consumer may pass a copy that lives for the call only)'
// YAML: - Module: m

// DUMP: 2 records
// DUMP-DAG: m.recall
// DUMP-DAG: m.span

// IR: define internal {{.*}}ptr @keep(

#include "../Inputs/module.h"

static const char *kept;

static PyObject *keep(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  kept = s;
  return PyLong_FromLong(1);
}

static PyObject *scribble(PyObject *self, PyObject *args) {
  char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "y#", &s, &n))
    return NULL;
  if (n)
    s[0] = 'x';
  return PyLong_FromSsize_t(n);
}

static unsigned long stashed;

/* The address kept as a number, which a later call may turn back into a
 * pointer: as good as keeping the pointer. */
static PyObject *stash(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  stashed = (unsigned long)s ^ 0x5a5a;
  return PyLong_FromLong(1);
}

static PyObject *recall(PyObject *self, PyObject *noargs) {
  return PyLong_FromLong(stashed ? *(const char *)(stashed ^ 0x5a5a) : -1);
}

static PyObject *narrow(PyObject *self, PyObject *args) {
  const char *s;
  int n;
  if (!PyArg_ParseTuple(args, "s#", &s, &n))
    return NULL;
  return PyLong_FromLong(n);
}

/* True for one str passed twice, false for "a" and b"a": a consumer's copies
 * tell neither. */
static PyObject *same_buffer(PyObject *self, PyObject *args) {
  const char *a, *b;
  Py_ssize_t na, nb;
  if (!PyArg_ParseTuple(args, "s#s#", &a, &na, &b, &nb))
    return NULL;
  return PyBool_FromLong(a == b);
}

static const char default_name[] = "default";

/* Whether the argument was omitted, told by the default's address. */
static PyObject *is_default(PyObject *self, PyObject *args) {
  const char *s = default_name;
  if (!PyArg_ParseTuple(args, "|s", &s))
    return NULL;
  return PyBool_FromLong(s == default_name);
}

/* Two pointers into the same bytes, compared in a helper of the module. */
__attribute__((noinline)) static long run_length(const char *p, const char *end) {
  long longest = 0, run = 0;
  for (const char *q = p; q != end; ++q) {
    run = q != p && q[-1] == *q ? run + 1 : 1;
    longest = run > longest ? run : longest;
  }
  return longest;
}

static PyObject *span(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "y#", &s, &n))
    return NULL;
  return PyLong_FromLong(run_length(s, s + n));
}

static const char *kept_at;

static PyObject *keep_found(PyObject *self, PyObject *args) {
  const char *s;
  Py_ssize_t n;
  if (!PyArg_ParseTuple(args, "s#", &s, &n))
    return NULL;
  kept_at = memchr(s, ',', (size_t)n);
  return PyLong_FromLong(kept_at != NULL);
}

/* An offset from another string's bytes: two buffers' addresses. */
static PyObject *offset_in_other(PyObject *self, PyObject *args) {
  const char *s, *t;
  if (!PyArg_ParseTuple(args, "ss", &s, &t))
    return NULL;
  const char *at = strchr(s, ',');
  return PyLong_FromSsize_t(at != NULL ? at - t : -1);
}

__attribute__((noinline)) static const char *skip_spaces(const char *p) {
  while (*p == ' ')
    p++;
  return p;
}

static PyObject *keep_skipped(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  kept = skip_spaces(s);
  return PyLong_FromLong(*kept);
}

static const char fallback[] = "none";

__attribute__((noinline)) static const char *pick(const char *p) { return *p ? p : fallback; }

static PyObject *picked(PyObject *self, PyObject *args) {
  const char *s;
  if (!PyArg_ParseTuple(args, "s", &s))
    return NULL;
  return PyLong_FromLong(*pick(s));
}

DEFINE_MODULE(m, {"keep", keep, METH_VARARGS, NULL}, {"scribble", scribble, METH_VARARGS, NULL},
              {"narrow", narrow, METH_VARARGS, NULL}, {"stash", stash, METH_VARARGS, NULL},
              {"recall", recall, METH_NOARGS, NULL}, {"same_buffer", same_buffer, METH_VARARGS, NULL},
              {"is_default", is_default, METH_VARARGS, NULL}, {"span", span, METH_VARARGS, NULL},
              {"keep_found", keep_found, METH_VARARGS, NULL},
              {"offset_in_other", offset_in_other, METH_VARARGS, NULL},
              {"keep_skipped", keep_skipped, METH_VARARGS, NULL}, {"picked", picked, METH_VARARGS, NULL})
