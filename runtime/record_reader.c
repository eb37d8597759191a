/* Validating reader of pyunbox_sigs sections (see include/pyunbox/reader.h).
 * Every read goes through a bounds check against the section, and fields are
 * decoded byte by byte so that corrupt, unaligned or hostile input is safe. */
#include "pyunbox/reader.h"

#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(struct pyunbox_record) == PYUNBOX_TYPE_HEADER_SIZE,
               "format.h: the header with the method's type is 88 bytes");
_Static_assert(offsetof(struct pyunbox_record, type_name) == PYUNBOX_PARAMS_HEADER_SIZE,
               "format.h: the method's type follows the parameter table");
_Static_assert(offsetof(struct pyunbox_record, param_flags) == PYUNBOX_BASE_HEADER_SIZE,
               "format.h: the parameter table follows the first version 1 header");
_Static_assert(PYUNBOX_MAX_PARAMS <= 255, "param_count is a uint8_t");

#define FIELD(name) offsetof(struct pyunbox_record, name)

/* Little-endian decoding: the format is little-endian whatever the host. */
static uint16_t get16(const unsigned char *p) { return (uint16_t)(p[0] | (p[1] << 8)); }

static uint32_t get32(const unsigned char *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
         ((uint32_t)p[3] << 24);
}

static int64_t get64(const unsigned char *p) {
  uint64_t v = (uint64_t)get32(p) | ((uint64_t)get32(p + 4) << 32);
  int64_t s;
  memcpy(&s, &v, sizeof s); /* two's complement without implementation-defined casts */
  return s;
}

/* Records the error with its details; the status is sticky. */
static int fail(struct pyunbox_reader *r, int code, const char *fmt, ...) {
  int n = snprintf(r->message, sizeof r->message, "record at offset 0x%zx: ", r->pos);
  if (n < 0 || (size_t)n >= sizeof r->message)
    n = 0;
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(r->message + n, sizeof r->message - (size_t)n, fmt, ap);
  va_end(ap);
  r->status = code;
  return code;
}

/* Strict UTF-8 (no overlong forms, no surrogates, at most U+10FFFF) without
 * ASCII control characters: names and prototypes never hold them, and a tool
 * printing a hostile file must not send escape sequences to a terminal. */
static int valid_text(const unsigned char *s, size_t n) {
  size_t i = 0;
  while (i < n) {
    unsigned c = s[i];
    size_t len;
    unsigned min;
    if (c < 0x20 || c == 0x7f) {
      return 0;
    } else if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4, min = 0x10000;
    } else {
      return 0;
    }
    if (n - i < len)
      return 0;
    unsigned cp = c & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++) {
      if ((s[i + k] & 0xC0) != 0x80)
        return 0;
      cp = (cp << 6) | (s[i + k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += len;
  }
  return 1;
}

/* Checks the string at offset `off` of the record [rec, rec + size): it starts
 * in the variable area and ends with a NUL inside the record. On success
 * stores it and the offset just past its NUL. */
static int read_string(struct pyunbox_reader *r, const unsigned char *rec, uint32_t header_size,
                       uint32_t size, uint32_t off, const char *what, const char **out,
                       uint32_t *next) {
  if (off < header_size || off >= size)
    return fail(r, PYUNBOX_ERR_STRING_OFFSET,
                "%s at offset %u is outside the string area [%u, %u) of the record", what, off,
                header_size, size);
  const unsigned char *nul = memchr(rec + off, 0, size - off);
  if (!nul)
    return fail(r, PYUNBOX_ERR_STRING_UNTERMINATED,
                "%s at offset %u has no terminating NUL inside the record", what, off);
  if (!valid_text(rec + off, (size_t)(nul - (rec + off))))
    return fail(r, PYUNBOX_ERR_STRING_UTF8,
                "%s at offset %u is not valid UTF-8 text (or has a control character)", what,
                off);
  *out = (const char *)(rec + off);
  if (next)
    *next = (uint32_t)(nul - rec) + 1;
  return 0;
}

int pyunbox_reader_init(struct pyunbox_reader *r, const void *data, size_t size) {
  if (!r)
    return PYUNBOX_ERR_ARGUMENT;
  memset(r, 0, sizeof *r);
  r->data = data;
  r->size = size;
  if (!data && size) {
    r->size = 0;
    r->status = PYUNBOX_ERR_ARGUMENT;
    snprintf(r->message, sizeof r->message, "%s", pyunbox_reader_error(PYUNBOX_ERR_ARGUMENT));
    return PYUNBOX_ERR_ARGUMENT;
  }
  return 0;
}

/* The parameter-only kinds: the bytes of a str or bytes argument (docs/FORMAT.md,
 * "String kinds"). Never a default, never an integer. */
static int string_kind(unsigned kind) {
  return kind >= PYUNBOX_KIND_UTF8 && kind <= PYUNBOX_KIND_BYTES_SIZE;
}

/* The string kinds that pass a length: a Py_buffer unit (s*, y*: flag
 * PYUNBOX_PARAM_ANY_BUFFER) hands the core its buf and len, so is one of them. */
static int sized_string_kind(unsigned kind) {
  return kind == PYUNBOX_KIND_UTF8_SIZE || kind == PYUNBOX_KIND_BYTES_SIZE;
}

/* The range of an integer kind's values, as int64_t (unsigned long long's
 * upper half does not fit: its defaults are read as uint64_t, unchecked). */
static int kind_range(unsigned kind, int64_t *lo, int64_t *hi) {
  switch (kind) {
  case PYUNBOX_KIND_BOOL: *lo = 0, *hi = 1; return 1;
  case PYUNBOX_KIND_SCHAR: *lo = INT8_MIN, *hi = INT8_MAX; return 1;
  case PYUNBOX_KIND_UCHAR: *lo = 0, *hi = UINT8_MAX; return 1;
  case PYUNBOX_KIND_SHORT: *lo = INT16_MIN, *hi = INT16_MAX; return 1;
  case PYUNBOX_KIND_USHORT: *lo = 0, *hi = UINT16_MAX; return 1;
  case PYUNBOX_KIND_INT: *lo = INT32_MIN, *hi = INT32_MAX; return 1;
  case PYUNBOX_KIND_UINT: *lo = 0, *hi = UINT32_MAX; return 1;
  default: return 0; /* 64-bit kinds take every value; float kinds any bits */
  }
}

/* The parameter table of a record whose header has it (format.h): flags
 * with known bits only and consistent with the kind, defaults inside the
 * record and in range. */
static int read_param_table(struct pyunbox_reader *r, const unsigned char *rec,
                            struct pyunbox_record_view *v) {
  for (unsigned i = 0; i < v->param_count; i++)
    v->param_flags[i] = PYUNBOX_PARAM_POSITIONAL;
  if (v->header_size < PYUNBOX_PARAMS_HEADER_SIZE || !v->param_count)
    return PYUNBOX_READER_RECORD;
  uint32_t flags = get32(rec + FIELD(param_flags));
  uint32_t defaults = get32(rec + FIELD(param_defaults));
  uint32_t size = v->record_size, count = v->param_count;
  if (flags < v->header_size || flags > size || size - flags < count)
    return fail(r, PYUNBOX_ERR_PARAM_TABLE,
                "param_flags at offset %u (%u bytes) is outside the area [%u, %u)", flags, count,
                v->header_size, size);
  if (defaults < v->header_size || defaults > size || (size - defaults) / 8 < count)
    return fail(r, PYUNBOX_ERR_PARAM_TABLE,
                "param_defaults at offset %u (%u values) is outside the area [%u, %u)", defaults,
                count, v->header_size, size);
  for (unsigned i = 0; i < count; i++) {
    uint8_t f = rec[flags + i];
    uint64_t d = (uint64_t)get64(rec + defaults + 8 * i);
    if ((f & ~PYUNBOX_PARAM_KNOWN_BITS) ||
        ((f & PYUNBOX_PARAM_DEFAULT) && !(f & PYUNBOX_PARAM_OPTIONAL)) ||
        !(f & (PYUNBOX_PARAM_POSITIONAL | PYUNBOX_PARAM_KEYWORD)))
      return fail(r, PYUNBOX_ERR_PARAM_FLAGS,
                  "flags 0x%02x of parameter %u: unknown bits, a default of a required "
                  "parameter, or no way to pass it", f, i);
    if ((f & PYUNBOX_PARAM_ANY_BUFFER) && !sized_string_kind(v->param_kinds[i]))
      return fail(r, PYUNBOX_ERR_PARAM_FLAGS,
                  "parameter %u of kind %u (%s) takes any buffer, which only a UTF8_SIZE or "
                  "BYTES_SIZE parameter does", i, v->param_kinds[i],
                  pyunbox_kind_c_name(v->param_kinds[i]));
    if ((f & PYUNBOX_PARAM_NONE_IS_NULL) && v->param_kinds[i] != PYUNBOX_KIND_UTF8 &&
        v->param_kinds[i] != PYUNBOX_KIND_UTF8_SIZE)
      return fail(r, PYUNBOX_ERR_PARAM_FLAGS,
                  "parameter %u of kind %u (%s) takes None as NULL, which only a UTF8 or "
                  "UTF8_SIZE parameter does", i, v->param_kinds[i],
                  pyunbox_kind_c_name(v->param_kinds[i]));
    /* Its default would be an address (a call that omits it takes the
     * wrapper), but for None's NULL, 0, where the wrapper takes None. */
    if ((f & PYUNBOX_PARAM_DEFAULT) && string_kind(v->param_kinds[i]) &&
        (!(f & PYUNBOX_PARAM_NONE_IS_NULL) || d != 0))
      return fail(r, PYUNBOX_ERR_STRING_DEFAULT,
                  "parameter %u of kind %u (%s) has a default, which a string parameter "
                  "has only as None (NONE_IS_NULL, 0)", i, v->param_kinds[i],
                  pyunbox_kind_c_name(v->param_kinds[i]));
    int64_t lo, hi, value;
    memcpy(&value, &d, sizeof value);
    if ((f & PYUNBOX_PARAM_DEFAULT) && kind_range(v->param_kinds[i], &lo, &hi) &&
        (value < lo || value > hi))
      return fail(r, PYUNBOX_ERR_PARAM_DEFAULT,
                  "default %lld of parameter %u is outside the range of %s",
                  (long long)value, i, pyunbox_kind_c_name(v->param_kinds[i]));
    v->param_flags[i] = f;
    v->param_defaults[i] = (f & PYUNBOX_PARAM_DEFAULT) ? d : 0;
  }
  return PYUNBOX_READER_RECORD;
}

/* Validates the header and variable area of the record at r->pos, which has
 * already been found to start with a non-zero 8-byte word. */
static int read_record(struct pyunbox_reader *r, struct pyunbox_record_view *v) {
  const unsigned char *rec = r->data + r->pos;
  size_t left = r->size - r->pos;

  uint32_t magic = get32(rec + FIELD(magic));
  if (magic != PYUNBOX_MAGIC)
    return fail(r, PYUNBOX_ERR_MAGIC, "bad magic 0x%08x (expected 0x%08x, \"PYUB\")", magic,
                PYUNBOX_MAGIC);
  /* The version is checked before any other field: a newer writer may have
   * changed everything after it, and "too new" is the useful message. */
  uint16_t version = get16(rec + FIELD(version));
  if (version > PYUNBOX_VERSION)
    return fail(r, PYUNBOX_ERR_VERSION_NEWER,
                "written by a newer pyunbox (format version %u, this reader knows up to %u)",
                version, PYUNBOX_VERSION);
  if (version == 0)
    return fail(r, PYUNBOX_ERR_VERSION_ZERO, "format version 0 does not exist");
  if (left < FIELD(record_size) + 4)
    return fail(r, PYUNBOX_ERR_TRUNCATED, "only %zu bytes left, too few for a record header",
                left);
  uint16_t header_size = get16(rec + FIELD(header_size));
  uint32_t size = get32(rec + FIELD(record_size));
  if (header_size < PYUNBOX_HEADER_SIZE_V1)
    return fail(r, PYUNBOX_ERR_HEADER_SIZE, "header_size %u is below the version 1 header (%u)",
                header_size, PYUNBOX_HEADER_SIZE_V1);
  if (size < header_size || size % PYUNBOX_ALIGN != 0)
    return fail(r, PYUNBOX_ERR_RECORD_SIZE,
                "record_size %u is not a multiple of %u at least header_size %u", size,
                PYUNBOX_ALIGN, header_size);
  if (size > left)
    return fail(r, PYUNBOX_ERR_RECORD_PAST_END,
                "record_size %u runs past the end of the section (%zu bytes left)", size, left);

  /* From here on the whole v1 header and [0, size) are inside the buffer. */
  memset(v, 0, sizeof *v);
  v->record = rec;
  v->offset = r->pos;
  v->version = version;
  v->header_size = header_size;
  v->record_size = size;
  v->meth_flags = get32(rec + FIELD(meth_flags));
  v->wrapper_offset = get64(rec + FIELD(wrapper_offset));
  v->core_offset = get64(rec + FIELD(core_offset));
  v->convention = rec[FIELD(convention)];
  v->return_kind = rec[FIELD(return_kind)];
  v->param_count = rec[FIELD(param_count)];
  v->effects = rec[FIELD(effects)];
  v->memory = rec[FIELD(memory)];
  v->errors = rec[FIELD(errors)];

  if (v->convention < PYUNBOX_CONV_NOARGS || v->convention > PYUNBOX_CONV_VARARGS)
    return fail(r, PYUNBOX_ERR_CONVENTION, "convention %u is not one of 1..4", v->convention);
  if (v->return_kind > PYUNBOX_KIND_LAST)
    return fail(r, PYUNBOX_ERR_RETURN_KIND, "return kind %u is not a known kind (0..%u)",
                v->return_kind, PYUNBOX_KIND_LAST);
  if (v->return_kind > PYUNBOX_KIND_LAST_SCALAR && v->return_kind != PYUNBOX_KIND_TUPLE)
    return fail(r, PYUNBOX_ERR_RETURN_KIND,
                "return kind %u (%s) is a parameter-only kind: a core returns 0..%u or %u (a tuple)",
                v->return_kind, pyunbox_kind_c_name(v->return_kind), PYUNBOX_KIND_LAST_SCALAR,
                PYUNBOX_KIND_TUPLE);
  if (v->param_count > PYUNBOX_MAX_PARAMS)
    return fail(r, PYUNBOX_ERR_PARAM_COUNT, "param_count %u exceeds the maximum %u",
                v->param_count, PYUNBOX_MAX_PARAMS);
  /* New effect bits would change how a core may be called: they come with a
   * new version, so an unknown bit here is corruption. */
  if (v->effects & ~PYUNBOX_EFFECT_NEEDS_INTERPRETER)
    return fail(r, PYUNBOX_ERR_EFFECTS, "unknown effect bits 0x%02x", v->effects);
  if (v->memory > PYUNBOX_MEMORY_WRITE)
    return fail(r, PYUNBOX_ERR_MEMORY, "memory %u is not one of 0..2", v->memory);
  if (v->errors > PYUNBOX_ERRORS_LAST)
    return fail(r, PYUNBOX_ERR_ERRORS, "errors %u is not one of 0..%u", v->errors,
                PYUNBOX_ERRORS_LAST);

  static const struct {
    size_t field;
    const char *what;
    size_t view;
  } strings[] = {
      {FIELD(python_name), "python_name", offsetof(struct pyunbox_record_view, python_name)},
      {FIELD(core_symbol), "core_symbol", offsetof(struct pyunbox_record_view, core_symbol)},
      {FIELD(wrapper_symbol), "wrapper_symbol",
       offsetof(struct pyunbox_record_view, wrapper_symbol)},
      {FIELD(module_name), "module_name", offsetof(struct pyunbox_record_view, module_name)},
      {FIELD(c_prototype), "c_prototype", offsetof(struct pyunbox_record_view, c_prototype)},
  };
  for (size_t i = 0; i < sizeof strings / sizeof strings[0]; i++) {
    const char **slot = (const char **)((char *)v + strings[i].view);
    int rc = read_string(r, rec, header_size, size, get32(rec + strings[i].field),
                         strings[i].what, slot, NULL);
    if (rc)
      return rc;
  }
  v->type_name = "";
  if (header_size >= PYUNBOX_TYPE_HEADER_SIZE) {
    int rc = read_string(r, rec, header_size, size, get32(rec + FIELD(type_name)), "type_name",
                         &v->type_name, NULL);
    if (rc)
      return rc;
  }
  if (!*v->python_name || !*v->core_symbol)
    return fail(r, PYUNBOX_ERR_STRING_EMPTY, "%s is empty",
                *v->python_name ? "core_symbol" : "python_name");

  /* With no parameters the two offsets are not used; a writer may put 0. */
  uint32_t names = get32(rec + FIELD(param_names));
  uint32_t kinds = get32(rec + FIELD(param_kinds));
  for (unsigned i = 0; i < v->param_count; i++) {
    char what[32];
    snprintf(what, sizeof what, "param_names[%u]", i);
    int rc = read_string(r, rec, header_size, size, names, what, &v->param_names[i], &names);
    if (rc)
      return rc;
  }
  if (v->param_count) {
    if (kinds < header_size || kinds > size || size - kinds < v->param_count)
      return fail(r, PYUNBOX_ERR_KINDS_OFFSET,
                  "param_kinds at offset %u (%u bytes) is outside the area [%u, %u)", kinds,
                  v->param_count, header_size, size);
    v->param_kinds = rec + kinds;
    for (unsigned i = 0; i < v->param_count; i++)
      if (v->param_kinds[i] == PYUNBOX_KIND_VOID || v->param_kinds[i] > PYUNBOX_KIND_LAST_PARAM)
        return fail(r, PYUNBOX_ERR_PARAM_KIND, "kind %u of parameter %u is not a value kind",
                    v->param_kinds[i], i);
  } else {
    v->param_kinds = rec + header_size; /* never read: a valid pointer for empty loops */
  }
  v->result_kinds = rec + header_size; /* never read unless a tuple's */
  if (v->return_kind == PYUNBOX_KIND_TUPLE) {
    uint32_t at = header_size >= PYUNBOX_TYPE_HEADER_SIZE ? get32(rec + FIELD(result_kinds)) : 0;
    if (at < header_size || at >= size)
      return fail(r, PYUNBOX_ERR_RESULT_KINDS,
                  "result_kinds at offset %u is outside the area [%u, %u)", at, header_size, size);
    v->result_count = rec[at];
    if (v->result_count < 2 || v->result_count > PYUNBOX_MAX_RESULTS ||
        size - at - 1 < v->result_count)
      return fail(r, PYUNBOX_ERR_RESULT_KINDS,
                  "a tuple of %u items at offset %u (2..%u, inside the record's %u bytes)",
                  v->result_count, at, PYUNBOX_MAX_RESULTS, size);
    v->result_kinds = rec + at + 1;
    for (unsigned i = 0; i < v->result_count; i++)
      if (v->result_kinds[i] == PYUNBOX_KIND_VOID || v->result_kinds[i] > PYUNBOX_KIND_LAST_SCALAR)
        return fail(r, PYUNBOX_ERR_RESULT_KINDS, "kind %u of result %u is not a scalar kind",
                    v->result_kinds[i], i);
  }
  return read_param_table(r, rec, v);
}

static int all_zero(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (p[i])
      return 0;
  return 1;
}

int pyunbox_reader_next(struct pyunbox_reader *r, struct pyunbox_record_view *out) {
  if (!r || !out)
    return PYUNBOX_ERR_ARGUMENT;
  if (r->status < 0)
    return r->status;
  /* Linkers align each input section, which can leave zero words between the
   * records of different translation units: skip them 8 bytes at a time. */
  while (r->pos < r->size) {
    size_t left = r->size - r->pos;
    if (left < PYUNBOX_ALIGN) {
      if (all_zero(r->data + r->pos, left))
        break;
      return fail(r, PYUNBOX_ERR_TRUNCATED, "%zu stray bytes at the end of the section", left);
    }
    if (!all_zero(r->data + r->pos, PYUNBOX_ALIGN)) {
      int rc = read_record(r, out);
      if (rc < 0)
        return rc;
      r->pos += out->record_size;
      return PYUNBOX_READER_RECORD;
    }
    r->pos += PYUNBOX_ALIGN;
  }
  r->pos = r->size;
  return PYUNBOX_READER_END;
}

int pyunbox_reader_validate(struct pyunbox_reader *r, const void *data, size_t size,
                            size_t *count) {
  struct pyunbox_record_view view;
  size_t n = 0;
  int rc = pyunbox_reader_init(r, data, size);
  while (rc == 0 && (rc = pyunbox_reader_next(r, &view)) == PYUNBOX_READER_RECORD) {
    n++;
    rc = 0;
  }
  if (count)
    *count = n;
  return rc;
}

const char *pyunbox_reader_error(int code) {
  switch (code) {
  case PYUNBOX_READER_RECORD: return "a record";
  case PYUNBOX_READER_END: return "no error";
  case PYUNBOX_ERR_ARGUMENT: return "invalid argument (NULL reader or data)";
  case PYUNBOX_ERR_TRUNCATED: return "section truncated: too few bytes for a record";
  case PYUNBOX_ERR_MAGIC: return "bad magic: not a pyunbox record (corrupt section)";
  case PYUNBOX_ERR_VERSION_NEWER: return "record written by a newer pyunbox format version";
  case PYUNBOX_ERR_VERSION_ZERO: return "record has format version 0, which does not exist";
  case PYUNBOX_ERR_HEADER_SIZE: return "header_size is smaller than the version 1 header";
  case PYUNBOX_ERR_RECORD_SIZE: return "record_size is not a multiple of 8 or below header_size";
  case PYUNBOX_ERR_RECORD_PAST_END: return "record runs past the end of the section";
  case PYUNBOX_ERR_STRING_OFFSET: return "a string offset points outside the record";
  case PYUNBOX_ERR_STRING_UNTERMINATED: return "a string is not NUL-terminated inside the record";
  case PYUNBOX_ERR_STRING_UTF8: return "a string is not valid UTF-8 text without control characters";
  case PYUNBOX_ERR_STRING_EMPTY: return "python_name or core_symbol is empty";
  case PYUNBOX_ERR_PARAM_COUNT: return "param_count exceeds PYUNBOX_MAX_PARAMS";
  case PYUNBOX_ERR_KINDS_OFFSET: return "param_kinds points outside the record";
  case PYUNBOX_ERR_RETURN_KIND: return "unknown return kind, or one a core cannot return";
  case PYUNBOX_ERR_PARAM_KIND: return "invalid parameter kind";
  case PYUNBOX_ERR_CONVENTION: return "unknown calling convention";
  case PYUNBOX_ERR_EFFECTS: return "unknown effect bits";
  case PYUNBOX_ERR_MEMORY: return "unknown memory effect";
  case PYUNBOX_ERR_ERRORS: return "unknown error convention";
  case PYUNBOX_ERR_PARAM_TABLE: return "the parameter table points outside the record";
  case PYUNBOX_ERR_PARAM_FLAGS: return "invalid parameter flags";
  case PYUNBOX_ERR_PARAM_DEFAULT: return "a parameter default outside its kind's range";
  case PYUNBOX_ERR_STRING_DEFAULT: return "a string parameter with a default other than None";
  case PYUNBOX_ERR_RESULT_KINDS: return "a tuple result's item kinds are outside the record or not scalars";
  default: return "unknown pyunbox reader error";
  }
}

const char *pyunbox_reader_message(const struct pyunbox_reader *r) {
  return r ? r->message : "";
}

const char *pyunbox_kind_c_name(unsigned kind) {
  static const char *const names[] = {
      "void", "_Bool", "unsigned char", "short", "unsigned short", "int", "unsigned int",
      "long", "unsigned long", "long long", "unsigned long long", "Py_ssize_t", "float",
      "double", "signed char",
      /* Parameters only; a _SIZE kind is two C parameters. */
      "const char *", "const char *, Py_ssize_t", "const char *", "const char *, Py_ssize_t",
      /* Returns only: the core returns void, the items through pointers. */
      "tuple"};
  _Static_assert(sizeof names / sizeof names[0] == PYUNBOX_KIND_LAST + 1,
                 "one spelling per kind");
  return kind <= PYUNBOX_KIND_LAST ? names[kind] : NULL;
}

/* The shortest "%.Ng" text that reads back as d ("0.1", not
 * "0.10000000000000001"), with ".0" added where it would read as an
 * integer: "2.0" and "-0.0" stay doubles for a JSON or Python reader,
 * which take "2" for an int and "-0" for 0. */
static void shortest_double_text(double d, char *buf, size_t size) {
  for (int digits = 1; digits <= 17; digits++) {
    snprintf(buf, size, "%.*g", digits, d);
    if (strtod(buf, NULL) == d && (d != 0 || signbit(strtod(buf, NULL)) == signbit(d)))
      break;
  }
  if (!strpbrk(buf, ".e"))
    strncat(buf, ".0", size - strlen(buf) - 1);
}

const char *pyunbox_param_default_text(const struct pyunbox_record_view *v, unsigned i,
                                       char *buf, size_t size) {
  if (!v || i >= v->param_count || !(v->param_flags[i] & PYUNBOX_PARAM_DEFAULT)) {
    snprintf(buf, size, "?");
    return buf;
  }
  if (string_kind(v->param_kinds[i])) { /* None's, the one a string has */
    snprintf(buf, size, "NULL");
    return buf;
  }
  uint64_t bits = v->param_defaults[i];
  unsigned kind = v->param_kinds[i];
  if (kind == PYUNBOX_KIND_FLOAT || kind == PYUNBOX_KIND_DOUBLE) {
    double d;
    memcpy(&d, &bits, sizeof d);
    if (d != d)
      snprintf(buf, size, "nan");
    else if (d > 1.7976931348623157e308 || d < -1.7976931348623157e308)
      snprintf(buf, size, "%sinf", d < 0 ? "-" : "");
    else
      shortest_double_text(d, buf, size);
  } else if (kind == PYUNBOX_KIND_BOOL) {
    snprintf(buf, size, "%s", bits ? "true" : "false");
  } else if (kind == PYUNBOX_KIND_ULONG || kind == PYUNBOX_KIND_ULONGLONG) {
    snprintf(buf, size, "%llu", (unsigned long long)bits);
  } else {
    int64_t value;
    memcpy(&value, &bits, sizeof value);
    snprintf(buf, size, "%lld", (long long)value);
  }
  return buf;
}

const char *pyunbox_convention_name(unsigned convention) {
  switch (convention) {
  case PYUNBOX_CONV_NOARGS: return "METH_NOARGS";
  case PYUNBOX_CONV_O: return "METH_O";
  case PYUNBOX_CONV_FASTCALL: return "METH_FASTCALL";
  case PYUNBOX_CONV_VARARGS: return "METH_VARARGS";
  default: return NULL;
  }
}

const char *pyunbox_memory_name(unsigned memory) {
  switch (memory) {
  case PYUNBOX_MEMORY_NONE: return "none";
  case PYUNBOX_MEMORY_READ: return "read";
  case PYUNBOX_MEMORY_WRITE: return "write";
  default: return NULL;
  }
}

const char *pyunbox_errors_name(unsigned errors) {
  switch (errors) {
  case PYUNBOX_ERRORS_NONE: return "none";
  case PYUNBOX_ERRORS_BAIL: return "bail";
  case PYUNBOX_ERRORS_PYERR: return "pyerr";
  default: return NULL;
  }
}

/* Integer arithmetic: the target is outside the section object, so pointer
 * arithmetic on the record would be undefined behaviour. */
static const void *self_relative(const unsigned char *field, int64_t offset) {
  return (const void *)((uintptr_t)field + (uintptr_t)offset);
}

const void *pyunbox_record_core_address(const struct pyunbox_record_view *v) {
  return self_relative(v->record + FIELD(core_offset), v->core_offset);
}

const void *pyunbox_record_wrapper_address(const struct pyunbox_record_view *v) {
  return self_relative(v->record + FIELD(wrapper_offset), v->wrapper_offset);
}
