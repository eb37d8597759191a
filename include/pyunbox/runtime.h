/* pyunbox runtime: the C API for JIT authors and for the Python package.
 *
 * Given the ml_meth of a PyCFunction (or its PyMethodDef), find the record
 * of its core among the records of the loaded .so that defines it. Records are
 * read from memory through the object's PYUNBOX_BOUNDS_SYMBOL (format.h); the
 * file is never reopened. Each .so is indexed once, on the first lookup that
 * lands in it; later lookups are a binary search. Thread-safe. Depends on libc
 * and libdl only (no Python.h: a runtime can use it before Python is loaded).
 */
#ifndef PYUNBOX_RUNTIME_H
#define PYUNBOX_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include "pyunbox/format.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A record of a loaded object, validated, with its addresses resolved. Stays
 * valid while the object stays loaded. */
struct pyunbox_core {
  const char *python_name;
  const char *core_symbol;
  const char *wrapper_symbol;
  const char *module_name;   /* "" when not known */
  const char *c_prototype;
  const char *param_names[PYUNBOX_MAX_PARAMS]; /* "" when not known */
  uint8_t param_kinds[PYUNBOX_MAX_PARAMS];     /* enum pyunbox_kind (a _SIZE one is two C parameters) */
  unsigned param_count;
  unsigned return_kind;  /* enum pyunbox_kind */
  unsigned convention;   /* enum pyunbox_convention */
  unsigned meth_flags;
  unsigned effects;      /* PYUNBOX_EFFECT_* */
  unsigned memory;       /* enum pyunbox_memory */
  unsigned errors;       /* enum pyunbox_errors */
  void *core;            /* call it with the prototype in c_prototype */
  void *wrapper;         /* the PyCFunction: ml_meth */
  /* How a call passes each parameter (PYUNBOX_PARAM_*) and the default an
   * omitted one stands for, as struct pyunbox_record_view has them. */
  uint8_t param_flags[PYUNBOX_MAX_PARAMS];
  uint64_t param_defaults[PYUNBOX_MAX_PARAMS];
  const char *type_name; /* the method's type ("mod.Type"), "" for a module's function */
  /* Where return_kind is PYUNBOX_KIND_TUPLE, the items' kinds: the core
   * returns void and its last result_count parameters point to them. */
  unsigned result_count;
  uint8_t result_kinds[PYUNBOX_MAX_RESULTS];
};

/* Calling a core, by its `errors` (docs/RUNTIME.md has the whole rules):
 *   PYUNBOX_ERRORS_NONE   r = core(a, b);  every call returns a value.
 *   PYUNBOX_ERRORS_BAIL   int bail = 0; r = core(a, b, &bail);
 *                         if (bail) the call belongs to the wrapper: call it
 *                         through the normal C-API path with the same boxed
 *                         arguments; it raises the exact exception.
 *   PYUNBOX_ERRORS_PYERR  with the GIL held: r = core(a, b);
 *                         if (PyErr_Occurred()) handle the exception.
 * A tuple (return_kind PYUNBOX_KIND_TUPLE) comes through pointers after
 * every other parameter: long x; double y; core(a, &bail, &x, &y);
 * With PYUNBOX_EFFECT_NEEDS_INTERPRETER or memory other than NONE, call the
 * core with the GIL held, as its wrapper would be. */

/* Results: 1 found, 0 not found (no error), negative an error. */
enum pyunbox_runtime_status {
  PYUNBOX_RT_FOUND = 1,
  PYUNBOX_RT_NOT_FOUND = 0,
  PYUNBOX_RT_ERR_ARGUMENT = -1,  /* a NULL argument */
  PYUNBOX_RT_ERR_NOT_LOADED = -2, /* the address is in no loaded object */
  PYUNBOX_RT_ERR_SECTION = -3,   /* the object's section is corrupt or newer */
  PYUNBOX_RT_ERR_MEMORY = -4     /* out of memory while indexing */
};

/* The core of the function whose ml_meth is `ml_meth`. */
int pyunbox_lookup(const void *ml_meth, const struct pyunbox_core **out);

/* The same, from a PyMethodDef* (its ml_meth is read; no Python.h needed). */
int pyunbox_lookup_methoddef(const void *method_def, const struct pyunbox_core **out);

/* All records of the loaded object that contains `address` (any function or
 * data of it, such as its PyInit_ function), in section order. *count may be
 * 0: an object without records gives PYUNBOX_RT_FOUND, *cores NULL. */
int pyunbox_object_cores(const void *address, const struct pyunbox_core **cores, size_t *count);

/* A message for the last error of this thread, with details (the object's
 * path, what is wrong with its section); also says why for NOT_FOUND, and is
 * "" after a call that succeeded. Never NULL. */
const char *pyunbox_runtime_error(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PYUNBOX_RUNTIME_H */
