/* pyunbox record format: the single definition shared by the pass, the runtime
 * and the tools. docs/FORMAT.md explains the design; this header is the truth.
 *
 * A section named PYUNBOX_SECTION holds a sequence of records. Each record is a
 * fixed header (struct pyunbox_record) followed by a variable area holding its
 * strings and parameter kinds. Every reference inside a record is an offset from
 * the start of that record, and the two code addresses are self-relative, so the
 * section needs no dynamic relocation and reads the same from the file and from
 * memory. Records start at 8-byte aligned offsets; a reader skips zero padding
 * between them. All integers are in the target's byte order (little-endian on the
 * targets pyunbox supports). Plain C so that C, C++ and cffi can include it.
 */
#ifndef PYUNBOX_FORMAT_H
#define PYUNBOX_FORMAT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A C identifier, so that the static linker defines __start_/__stop_ symbols. */
#define PYUNBOX_SECTION "pyunbox_sigs"

/* Each linked object exports this weak symbol, a struct pyunbox_bounds, so a
 * runtime finds the records of a loaded .so in memory with dlsym() on that
 * object's handle, without reopening the file. */
#define PYUNBOX_BOUNDS_SYMBOL "pyunbox_sigs_bounds"

struct pyunbox_bounds {
  const void *start; /* first byte of this object's section */
  const void *stop;  /* one past its last byte */
};

#define PYUNBOX_MAGIC 0x42555950u /* "PYUB" in little-endian memory order */
#define PYUNBOX_VERSION 1u
#define PYUNBOX_ALIGN 8u
#define PYUNBOX_MAX_PARAMS 32u

/* How Python calls the wrapper (the PyMethodDef flag that decides it). */
enum pyunbox_convention {
  PYUNBOX_CONV_NOARGS = 1,   /* METH_NOARGS: f(self, NULL) */
  PYUNBOX_CONV_O = 2,        /* METH_O: f(self, arg) */
  PYUNBOX_CONV_FASTCALL = 3, /* METH_FASTCALL: f(self, args, nargs) */
  PYUNBOX_CONV_VARARGS = 4   /* METH_VARARGS: f(self, tuple) */
};

/* The C type of a core parameter or return value. Values are never reused. */
enum pyunbox_kind {
  PYUNBOX_KIND_VOID = 0, /* return only: the wrapper returns None */
  PYUNBOX_KIND_BOOL = 1, /* _Bool */
  PYUNBOX_KIND_UCHAR = 2,
  PYUNBOX_KIND_SHORT = 3,
  PYUNBOX_KIND_USHORT = 4,
  PYUNBOX_KIND_INT = 5,
  PYUNBOX_KIND_UINT = 6,
  PYUNBOX_KIND_LONG = 7,
  PYUNBOX_KIND_ULONG = 8,
  PYUNBOX_KIND_LONGLONG = 9,
  PYUNBOX_KIND_ULONGLONG = 10,
  PYUNBOX_KIND_SSIZE_T = 11, /* Py_ssize_t */
  PYUNBOX_KIND_FLOAT = 12,
  PYUNBOX_KIND_DOUBLE = 13,
  PYUNBOX_KIND_SCHAR = 14, /* signed char (int8_t) */
  /* Parameters only: the bytes of a Python argument, read-only for the call
   * (docs/FORMAT.md, "String kinds"), with a NUL after them for every kind.
   * A _SIZE kind is two C parameters, the pointer and then its length as
   * Py_ssize_t. */
  PYUNBOX_KIND_UTF8 = 15,       /* const char *: "s", a str's UTF-8, NUL-terminated */
  PYUNBOX_KIND_UTF8_SIZE = 16,  /* const char *, Py_ssize_t: "s#", a str's UTF-8 or a bytes' */
  PYUNBOX_KIND_BYTES = 17,      /* const char *: "y", a bytes' bytes, NUL-terminated */
  PYUNBOX_KIND_BYTES_SIZE = 18, /* const char *, Py_ssize_t: "y#", a bytes' bytes */
  /* Return only: the wrapper returns a tuple of C scalars (Py_BuildValue's
   * "(ii)"). The core returns void and takes, after every other C parameter
   * (the bail flag included), one pointer per item, of the item's kind
   * (result_kinds), through which it stores the items where it returns. */
  PYUNBOX_KIND_TUPLE = 19,
  PYUNBOX_KIND_LAST_SCALAR = PYUNBOX_KIND_SCHAR, /* the last kind a core may return as itself */
  PYUNBOX_KIND_LAST_PARAM = PYUNBOX_KIND_BYTES_SIZE, /* the last kind of a parameter */
  PYUNBOX_KIND_LAST = PYUNBOX_KIND_TUPLE
};

/* The most items of a tuple result. */
#define PYUNBOX_MAX_RESULTS 8u

/* What the core does to memory (LLVM's memory effects, coarsened). */
enum pyunbox_memory {
  PYUNBOX_MEMORY_NONE = 0,  /* no access to memory that outlives the call */
  PYUNBOX_MEMORY_READ = 1,  /* may read, never writes */
  PYUNBOX_MEMORY_WRITE = 2  /* may read and write */
};

/* How the core reports the calls where its wrapper raises. docs/FORMAT.md has
 * the rules; a reader that does not know a value refuses the record. */
enum pyunbox_errors {
  /* Every call returns a value; nothing to check. */
  PYUNBOX_ERRORS_NONE = 0,
  /* The core takes one more parameter after the recorded ones, int *bail. The
   * caller sets *bail = 0; where the wrapper would raise, the core sets
   * *bail = 1 and returns an unspecified value, having done nothing observable
   * (errno aside). The caller then calls the wrapper, which raises the exact
   * exception. The core never needs the interpreter. */
  PYUNBOX_ERRORS_BAIL = 1,
  /* CPython's convention: where the wrapper raises, the core sets the
   * exception and returns an unspecified value; the caller checks
   * PyErr_Occurred() after each call. The core needs the interpreter. */
  PYUNBOX_ERRORS_PYERR = 2,
  PYUNBOX_ERRORS_LAST = PYUNBOX_ERRORS_PYERR
};

/* Bits of a parameter's byte in param_flags: how a call may pass it. A
 * reader that finds a bit it does not know refuses the record. */
#define PYUNBOX_PARAM_POSITIONAL 0x1u /* by position */
#define PYUNBOX_PARAM_KEYWORD 0x2u    /* by its name (param_names) */
#define PYUNBOX_PARAM_OPTIONAL 0x4u   /* may be omitted */
#define PYUNBOX_PARAM_DEFAULT 0x8u    /* omitted, it is param_defaults[i] (with OPTIONAL) */
/* A _SIZE string kind's parameter whose wrapper takes any bytes-like object
 * (a Py_buffer unit, "y*" or "s*": bytearray, memoryview, ...), not only
 * what the kind names. The core is the same; the kind still says what a
 * fast path passes to it (docs/FORMAT.md, "String kinds"). */
#define PYUNBOX_PARAM_ANY_BUFFER 0x10u
/* A UTF8 or UTF8_SIZE parameter whose wrapper also takes None ("z",
 * "z#"), for which the core gets NULL (and a length of 0). Without this
 * bit a string parameter is never NULL (docs/FORMAT.md, "String kinds").
 * With PYUNBOX_PARAM_DEFAULT its default is 0: omitted, it is None; no
 * other string parameter has a default. */
#define PYUNBOX_PARAM_NONE_IS_NULL 0x20u
#define PYUNBOX_PARAM_KNOWN_BITS 0x3Fu

/* Bits of pyunbox_record.effects. */
#define PYUNBOX_EFFECT_NEEDS_INTERPRETER 0x1u /* call with the GIL held */

struct pyunbox_record {
  uint32_t magic;          /* PYUNBOX_MAGIC */
  uint16_t version;        /* PYUNBOX_VERSION of the writer */
  uint16_t header_size;    /* sizeof(struct pyunbox_record) of the writer */
  uint32_t record_size;    /* whole record incl. its variable area; multiple of 8 */
  uint32_t meth_flags;     /* ml_flags of the PyMethodDef entry */
  int64_t wrapper_offset;  /* wrapper address minus the address of this field */
  int64_t core_offset;     /* core address minus the address of this field */
  /* Offsets from the record start to NUL-terminated UTF-8 strings. */
  uint32_t python_name;    /* ml_name */
  uint32_t core_symbol;    /* exported symbol of the core */
  uint32_t wrapper_symbol; /* symbol of the wrapper in its translation unit */
  uint32_t module_name;    /* PyModuleDef m_name, or "" when not known */
  uint32_t c_prototype;    /* e.g. "long pyunbox_core_demo_inc(long)" */
  uint32_t param_names;    /* param_count consecutive strings; "" when unknown */
  uint32_t param_kinds;    /* param_count bytes of enum pyunbox_kind */
  uint8_t convention;      /* enum pyunbox_convention */
  uint8_t return_kind;     /* enum pyunbox_kind */
  uint8_t param_count;     /* at most PYUNBOX_MAX_PARAMS */
  uint8_t effects;         /* PYUNBOX_EFFECT_* bits */
  uint8_t memory;          /* enum pyunbox_memory */
  uint8_t errors;          /* enum pyunbox_errors */
  uint8_t reserved[6];     /* zero */
  /* From here on, only where header_size >= PYUNBOX_PARAMS_HEADER_SIZE
   * (written since the parameter table; older records end above, and a
   * reader then takes every parameter as positional and required). */
  uint32_t param_flags;    /* param_count bytes of PYUNBOX_PARAM_* bits */
  uint32_t param_defaults; /* param_count 8-byte values, 8-aligned: the C
                              value an omitted parameter stands for, where
                              its flags have PYUNBOX_PARAM_DEFAULT (else 0):
                              an integer kind's value as int64_t (unsigned
                              kinds zero-extended), a float or double kind's
                              as the bits of a double, a NONE_IS_NULL
                              string's 0 (None: NULL, and a length of 0) */
  /* From here on, only where header_size >= PYUNBOX_TYPE_HEADER_SIZE
   * (written since records name a method's type; older records end above,
   * and a reader then takes type_name as ""). */
  uint32_t type_name;      /* offset of the tp_name of the type whose method
                              this is ("mod.Type": a static PyTypeObject's
                              tp_methods, or a PyType_Spec's Py_tp_methods
                              slot), "" for a module's function or where the
                              table's type is not known */
  uint32_t result_kinds;   /* where return_kind is PYUNBOX_KIND_TUPLE, the
                              offset of a byte holding the number of items
                              (2..PYUNBOX_MAX_RESULTS), then one byte of enum
                              pyunbox_kind per item (1..KIND_LAST_SCALAR);
                              else 0 (written as 0, a reserved field, by
                              writers before tuple results) */
};

/* The header of version 1 as first written, with the parameter table, and
 * with the method's type. */
#define PYUNBOX_BASE_HEADER_SIZE 72u
#define PYUNBOX_PARAMS_HEADER_SIZE 80u
#define PYUNBOX_TYPE_HEADER_SIZE 88u

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PYUNBOX_FORMAT_H */
