/* pyunbox record reader: validates and iterates the records of a pyunbox_sigs
 * section held in a byte buffer (read from a file, or the section of a loaded
 * .so in memory). docs/FORMAT.md describes the bytes; format.h defines them.
 *
 * The reader never reads outside [data, data + size), whatever the bytes, and
 * hands out a record only after checking every offset, string and enum in it.
 * Plain C99, libc only, no allocation: the C runtime links it as well.
 */
#ifndef PYUNBOX_READER_H
#define PYUNBOX_READER_H

#include <stddef.h>
#include <stdint.h>

#include "pyunbox/format.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The size of the version 1 header as first written: a record's
 * header_size is at least this (format.h's PYUNBOX_BASE_HEADER_SIZE). */
#define PYUNBOX_HEADER_SIZE_V1 PYUNBOX_BASE_HEADER_SIZE

/* Results of pyunbox_reader_next(); negative values are errors. */
enum pyunbox_reader_status {
  PYUNBOX_READER_RECORD = 1,
  PYUNBOX_READER_END = 0,
  PYUNBOX_ERR_ARGUMENT = -1,        /* NULL reader, or NULL data with size > 0 */
  PYUNBOX_ERR_TRUNCATED = -2,       /* fewer bytes left than a header needs */
  PYUNBOX_ERR_MAGIC = -3,           /* not a record: wrong magic */
  PYUNBOX_ERR_VERSION_NEWER = -4,   /* written by a newer pyunbox */
  PYUNBOX_ERR_VERSION_ZERO = -5,    /* version 0 was never written */
  PYUNBOX_ERR_HEADER_SIZE = -6,     /* header_size below the v1 header */
  PYUNBOX_ERR_RECORD_SIZE = -7,     /* not a multiple of 8, or below header_size */
  PYUNBOX_ERR_RECORD_PAST_END = -8, /* record_size runs past the section */
  PYUNBOX_ERR_STRING_OFFSET = -9,   /* a string starts outside the variable area */
  PYUNBOX_ERR_STRING_UNTERMINATED = -10, /* no NUL before the record ends */
  PYUNBOX_ERR_STRING_UTF8 = -11,    /* not UTF-8, or holds an ASCII control character */
  PYUNBOX_ERR_STRING_EMPTY = -12,   /* python_name or core_symbol is "" */
  PYUNBOX_ERR_PARAM_COUNT = -13,    /* param_count > PYUNBOX_MAX_PARAMS */
  PYUNBOX_ERR_KINDS_OFFSET = -14,   /* param_kinds bytes outside the variable area */
  PYUNBOX_ERR_RETURN_KIND = -15,    /* return_kind a parameter-only kind, or unknown */
  PYUNBOX_ERR_PARAM_KIND = -16,     /* a param kind is VOID or > PYUNBOX_KIND_LAST_PARAM */
  PYUNBOX_ERR_CONVENTION = -17,     /* not an enum pyunbox_convention */
  PYUNBOX_ERR_EFFECTS = -18,        /* effect bits this version does not define */
  PYUNBOX_ERR_MEMORY = -19,         /* not an enum pyunbox_memory */
  PYUNBOX_ERR_ERRORS = -20,         /* not an enum pyunbox_errors */
  PYUNBOX_ERR_PARAM_TABLE = -21,    /* param_flags or param_defaults outside the variable area */
  PYUNBOX_ERR_PARAM_FLAGS = -22,    /* unknown PYUNBOX_PARAM_* bits, a default without OPTIONAL,
                                       or ANY_BUFFER on a kind other than a _SIZE string's */
  PYUNBOX_ERR_PARAM_DEFAULT = -23,  /* a default outside its kind's range */
  PYUNBOX_ERR_STRING_DEFAULT = -24, /* PYUNBOX_PARAM_DEFAULT on a string kind, but None's */
  PYUNBOX_ERR_RESULT_KINDS = -25    /* a tuple's result_kinds outside the variable area, a
                                       count outside 2..PYUNBOX_MAX_RESULTS, or an item kind
                                       that is not a scalar a core returns */
};

/* One validated record. Pointers point into the caller's buffer and stay valid
 * as long as it does; every string is NUL-terminated inside the record. */
struct pyunbox_record_view {
  const unsigned char *record; /* first byte of the record */
  size_t offset;               /* of the record from the start of the section */
  uint16_t version;
  uint16_t header_size;
  uint32_t record_size;
  uint32_t meth_flags;
  int64_t wrapper_offset; /* raw self-relative values; see pyunbox_record_*_address */
  int64_t core_offset;
  const char *python_name;
  const char *core_symbol;
  const char *wrapper_symbol;
  const char *module_name; /* "" when not known */
  const char *c_prototype;
  const char *param_names[PYUNBOX_MAX_PARAMS]; /* "" when not known */
  const uint8_t *param_kinds;                  /* param_count bytes */
  uint8_t convention;
  uint8_t return_kind;
  uint8_t param_count;
  uint8_t effects;
  uint8_t memory;
  uint8_t errors;
  /* PYUNBOX_PARAM_* bits; a record without the parameter table (header_size
   * below PYUNBOX_PARAMS_HEADER_SIZE) has POSITIONAL only: all required. */
  uint8_t param_flags[PYUNBOX_MAX_PARAMS];
  /* The default where param_flags has PYUNBOX_PARAM_DEFAULT, else 0:
   * integer kinds as int64_t (unsigned zero-extended), float kinds as the
   * bits of a double. */
  uint64_t param_defaults[PYUNBOX_MAX_PARAMS];
  /* The tp_name of the method's type, "" for a module's function, where not
   * known, or in a record older than PYUNBOX_TYPE_HEADER_SIZE. */
  const char *type_name;
  /* Where return_kind is PYUNBOX_KIND_TUPLE: the number of items and their
   * kinds (the core's last result_count parameters point to them); else 0
   * and a pointer that is never read. */
  uint8_t result_count;
  const uint8_t *result_kinds;
};

struct pyunbox_reader {
  const unsigned char *data;
  size_t size;
  size_t pos;    /* next 8-byte aligned offset to look at */
  int status;    /* sticky: once an error, always that error */
  char message[200]; /* details of the error, see pyunbox_reader_message() */
};

/* Starts reading the section [data, data + size). Returns 0, or
 * PYUNBOX_ERR_ARGUMENT. Records start at 8-byte aligned offsets from data, so
 * pass the start of the section. The reader copies every field byte by byte
 * (little-endian), so data itself needs no alignment. */
int pyunbox_reader_init(struct pyunbox_reader *reader, const void *data, size_t size);

/* Reads the next record into *out: 1 for a record, 0 at the end, a negative
 * PYUNBOX_ERR_* otherwise. After an error every later call returns it again. */
int pyunbox_reader_next(struct pyunbox_reader *reader, struct pyunbox_record_view *out);

/* A fixed sentence for a status code, e.g. "record runs past the end of the section". */
const char *pyunbox_reader_error(int code);

/* The last error with its details (record offset, values), e.g. "record at
 * offset 0x48: written by a newer pyunbox (format version 2, this reader knows
 * up to 1)". "" when there was no error. */
const char *pyunbox_reader_message(const struct pyunbox_reader *reader);

/* Validates a whole section; stores the number of records in *count (may be
 * NULL). Returns 0 or the first error, like pyunbox_reader_next. For callers
 * that must not act on any record of a corrupt section. */
int pyunbox_reader_validate(struct pyunbox_reader *reader, const void *data, size_t size,
                            size_t *count);

/* The C type spelling of a kind ("long", "Py_ssize_t", "void", ...), or NULL.
 * A _SIZE string kind is two C parameters: "const char *, Py_ssize_t". Two
 * kinds may share a spelling (UTF8 and BYTES): tell them apart by number. */
const char *pyunbox_kind_c_name(unsigned kind);

/* Writes a parameter's default as C text ("3", "0.5", "2.0", "true", "-inf",
 * "NULL" for a string's, which is None's) into buf (at least 32 bytes) and
 * returns buf; "?" where there is none. */
const char *pyunbox_param_default_text(const struct pyunbox_record_view *view, unsigned param,
                                       char *buf, size_t size);

/* "METH_O", ..., or NULL when out of range. */
const char *pyunbox_convention_name(unsigned convention);

/* "none", "read", "write", or NULL. */
const char *pyunbox_memory_name(unsigned memory);

/* "none", "bail", "pyerr", or NULL when out of range. */
const char *pyunbox_errors_name(unsigned errors);

/* The address of the core (wrapper) when the section was read from the memory
 * of a loaded object: address of the offset field plus its value. Meaningless
 * for bytes read from a file that is not loaded. */
const void *pyunbox_record_core_address(const struct pyunbox_record_view *view);
const void *pyunbox_record_wrapper_address(const struct pyunbox_record_view *view);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* PYUNBOX_READER_H */
