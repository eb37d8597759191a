// METH_VARARGS | METH_KEYWORDS with PyArg_ParseTupleAndKeywords: the core is the
// call without keywords (kwargs NULL), with all arguments given (also those
// after '|'), and the kwlist names the parameters. A call passing some of them
// by name is the same call to the rest of the wrapper unless the wrapper tells
// the two apart: by its tuple's size (then its record takes them by position
// only) or by its keywords dict, which a call without keywords passes as NULL
// or as an empty dict (f(x, **{})): no core. A '$' makes the units after it
// keyword-only. A format or kwlist that CPython's parser fails on where every
// argument is given gets no core. A kwlist the module may rewrite (not
// const, written somewhere or not static) names nothing: positional calls
// only.
// RUN: %clang_pyunbox -O0 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 %remarks -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O0 -fPIC -c %s -o %t0.o
// RUN: %dump --json %t0.o | FileCheck %s --check-prefix=RECORD
// RUN: %clang_pyunbox -O2 -fPIC -c %s -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD

// REMARK-DAG: remark: core for 'clamp' (METH_VARARGS): double pyunbox_core_m_clamp(double, double, double)
// REMARK-DAG: remark: core for 'kwonly' (METH_VARARGS): double pyunbox_core_m_kwonly(double, double)
// REMARK-DAG: remark: core for 'kwrequired' (METH_VARARGS): double pyunbox_core_m_kwrequired(double, double)
// REMARK-DAG: remark: no core for 'readskw': reads its keywords dict beyond the parse: a call without keywords passes NULL or an empty dict there (f(x, **{})), which a core cannot tell apart
// REMARK-DAG: remark: core for 'readssize' (METH_VARARGS): long pyunbox_core_m_readssize(long, long)
// REMARK-DAG: remark: no core for 'kwonlyreadskw': reads its keywords dict beyond the parse
// REMARK-DAG: remark: no core for 'kwonlyreadssize': argument 2 is keyword-only ('$'), and the wrapper tells a call by name from a positional one (it reads its tuple's size, nargs or kwnames)
// REMARK-DAG: remark: no core for 'kwonlynoname': '_PyArg_ParseTupleAndKeywords_SizeT' format "l|$l" has an empty keyword name after a named one: CPython's parser fails on a call that passes every argument
// REMARK-DAG: remark: no core for 'kwonlylocal': argument 2 is keyword-only ('$'), and has no name in the keyword list
// REMARK-DAG: remark: core for 'posonlykwonly' (METH_VARARGS): long pyunbox_core_m_posonlykwonly(long, long)
// REMARK-DAG: remark: no core for 'dollarbar': '_PyArg_ParseTupleAndKeywords_SizeT' format "l$|l" has '$' before '|': CPython's parser fails on a call that passes every argument
// REMARK-DAG: remark: no core for 'bartwice': '_PyArg_ParseTupleAndKeywords_SizeT' format "l||l" has '|' twice: CPython's parser requires the units before the last, or fails on a call that passes every argument
// REMARK-DAG: remark: no core for 'extraname': '_PyArg_ParseTupleAndKeywords_SizeT' format "l|l" has 3 keyword names for 2 units: CPython's parser fails on a call that passes every argument
// REMARK-DAG: remark: core for 'renamed' (METH_VARARGS): long pyunbox_core_m_renamed(long, long)
// REMARK-DAG: remark: no core for 'dollarunnamed': '_PyArg_ParseTupleAndKeywords_SizeT' format "$ll" has '$' before the last positional-only (unnamed) parameter: CPython's parser fails on a call that passes every argument
// RECORD: "python_name": "renamed", {{.*}}"param_names": [null, null], "param_passing": ["positional-only", "positional-only"],
// RECORD: "python_name": "clamp", {{.*}}"param_names": ["x", "lo", "hi"], "param_passing": ["positional-or-keyword", "positional-or-keyword", "positional-or-keyword"], "param_optional": [false, true, true], "param_defaults": [null, 0.0, 1.0], "convention": "METH_VARARGS", "meth_flags": 3
// RECORD: "python_name": "kwonly", {{.*}}"param_names": ["x", "scale"], "param_passing": ["positional-or-keyword", "keyword-only"], "param_optional": [false, true], "param_defaults": [null, 1.0],
// RECORD: "python_name": "kwrequired", {{.*}}"param_names": ["x", "scale"], "param_passing": ["positional-or-keyword", "keyword-only"], "param_optional": [false, false], "param_defaults": [null, null],
// RECORD: "python_name": "readssize", {{.*}}"param_names": ["a", "b"], "param_passing": ["positional-only", "positional-only"], "param_optional": [false, true], "param_defaults": [null, null],
// RECORD: "python_name": "posonlykwonly", {{.*}}"param_names": [null, "scale"], "param_passing": ["positional-only", "keyword-only"], "param_optional": [false, false], "param_defaults": [null, null],

#include "../Inputs/module.h"

// Its init names the second parameter "base": f(1, b=2) raises.
static char *renamed_kwlist[] = {"a", "b", NULL};
static PyObject *renamed(PyObject *self, PyObject *args, PyObject *kwargs) {
  long a, b = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l|l", renamed_kwlist, &a, &b))
    return NULL;
  return PyLong_FromLong(a * 10 + b);
}

static PyObject *clamp(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"x", "lo", "hi", NULL};
  double x, lo = 0.0, hi = 1.0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "d|dd:clamp", kwlist, &x, &lo, &hi))
    return NULL;
  return PyFloat_FromDouble(x < lo ? lo : x > hi ? hi : x);
}

static PyObject *kwonly(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"x", "scale", NULL};
  double x, scale = 1.0;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "d|$d", kwlist, &x, &scale))
    return NULL;
  return PyFloat_FromDouble(x * scale);
}

// Without '|' the keyword-only one is required: every call passes it by name.
static PyObject *kwrequired(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"x", "scale", NULL};
  double x, scale;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "d$d", kwlist, &x, &scale))
    return NULL;
  return PyFloat_FromDouble(x * scale);
}

// f(1, b=2) and f(1, 2, **{}) return -1, f(1, 2) returns 3.
static PyObject *readskw(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"a", "b", NULL};
  long a, b = 5;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l|l", kwlist, &a, &b))
    return NULL;
  if (kwargs != NULL)
    return PyLong_FromLong(-1);
  return PyLong_FromLong(a + b);
}

// f(1, b=2) passes a tuple of one: a - b.
static PyObject *readssize(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"a", "b", NULL};
  long a, b = 5;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l|l", kwlist, &a, &b))
    return NULL;
  if (PyTuple_GET_SIZE(args) > 1)
    return PyLong_FromLong(a + b);
  return PyLong_FromLong(a - b);
}

static PyObject *kwonlyreadskw(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"x", "scale", NULL};
  long x, scale = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l|$l", kwlist, &x, &scale))
    return NULL;
  return PyLong_FromLong(kwargs ? x : x * scale);
}

static PyObject *kwonlyreadssize(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"x", "scale", NULL};
  long x, scale = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l|$l", kwlist, &x, &scale))
    return NULL;
  return PyLong_FromLong(PyTuple_GET_SIZE(args) == 1 ? x * scale : x);
}

static PyObject *kwonlynoname(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"x", "", NULL};
  long x, scale = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l|$l", kwlist, &x, &scale))
    return NULL;
  return PyLong_FromLong(x * scale);
}

// The kwlist is a local array: its names are not known.
static PyObject *kwonlylocal(PyObject *self, PyObject *args, PyObject *kwargs) {
  char *kwlist[] = {"x", "scale", NULL};
  long x, scale = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l|$l", kwlist, &x, &scale))
    return NULL;
  return PyLong_FromLong(x * scale);
}

// An unnamed (positional-only) x, then a keyword-only scale: valid.
static PyObject *posonlykwonly(PyObject *self, PyObject *args, PyObject *kwargs) {
  static char *kwlist[] = {"", "scale", NULL};
  long x, scale;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l$l", kwlist, &x, &scale))
    return NULL;
  return PyLong_FromLong(x * scale);
}

// What CPython's parser fails on with every argument given (a TypeError or a
// SystemError), though the format's units are all numeric.
#define MALFORMED(name, format, ...)                                                    \
  static PyObject *name(PyObject *self, PyObject *args, PyObject *kwargs) {            \
    static char *kwlist[] = {__VA_ARGS__, NULL};                                       \
    long x, scale = 1;                                                                 \
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, format, kwlist, &x, &scale))        \
      return NULL;                                                                     \
    return PyLong_FromLong(x * scale);                                                 \
  }
MALFORMED(dollarbar, "l$|l", "x", "scale")
MALFORMED(bartwice, "l||l", "x", "scale")
MALFORMED(extraname, "l|l", "x", "scale", "extra")
MALFORMED(dollarunnamed, "$ll", "", "scale")

void rename_keywords(void) { renamed_kwlist[1] = "base"; }

DEFINE_MODULE(m,
    {"renamed", (PyCFunction)(void (*)(void))renamed, METH_VARARGS | METH_KEYWORDS, NULL},
    {"clamp", (PyCFunction)(void (*)(void))clamp, METH_VARARGS | METH_KEYWORDS, NULL},
    {"kwonly", (PyCFunction)(void (*)(void))kwonly, METH_VARARGS | METH_KEYWORDS, NULL},
    {"kwrequired", (PyCFunction)(void (*)(void))kwrequired, METH_VARARGS | METH_KEYWORDS, NULL},
    {"readskw", (PyCFunction)(void (*)(void))readskw, METH_VARARGS | METH_KEYWORDS, NULL},
    {"readssize", (PyCFunction)(void (*)(void))readssize, METH_VARARGS | METH_KEYWORDS, NULL},
    {"kwonlyreadskw", (PyCFunction)(void (*)(void))kwonlyreadskw, METH_VARARGS | METH_KEYWORDS, NULL},
    {"kwonlyreadssize", (PyCFunction)(void (*)(void))kwonlyreadssize, METH_VARARGS | METH_KEYWORDS, NULL},
    {"kwonlylocal", (PyCFunction)(void (*)(void))kwonlylocal, METH_VARARGS | METH_KEYWORDS, NULL},
    {"posonlykwonly", (PyCFunction)(void (*)(void))posonlykwonly, METH_VARARGS | METH_KEYWORDS, NULL},
    {"dollarbar", (PyCFunction)(void (*)(void))dollarbar, METH_VARARGS | METH_KEYWORDS, NULL},
    {"bartwice", (PyCFunction)(void (*)(void))bartwice, METH_VARARGS | METH_KEYWORDS, NULL},
    {"extraname", (PyCFunction)(void (*)(void))extraname, METH_VARARGS | METH_KEYWORDS, NULL},
    {"dollarunnamed", (PyCFunction)(void (*)(void))dollarunnamed, METH_VARARGS | METH_KEYWORDS, NULL},
    {"kwonlynoname", (PyCFunction)(void (*)(void))kwonlynoname, METH_VARARGS | METH_KEYWORDS, NULL})
