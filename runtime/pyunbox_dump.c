/* pyunbox-dump: prints the pyunbox_sigs records of ELF files without running
 * or loading them. Each file is all-or-nothing: every record of every
 * pyunbox_sigs section is validated before the first one is printed. */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elf_file.h"
#include "pyunbox/format.h"
#include "pyunbox/reader.h"

static const char usage[] =
    "usage: pyunbox-dump [--json] FILE...\n"
    "\n"
    "Prints the records that the pyunbox pass wrote into the " PYUNBOX_SECTION " section\n"
    "of ELF64 little-endian files (.so, executables, relocatable .o). Nothing in\n"
    "the files is run. A file without the section has no records.\n"
    "\n"
    "  --json   one JSON object: {\"records\": [...]} for one file,\n"
    "           {\"files\": [{\"file\": ..., \"records\": [...]}, ...]} for several;\n"
    "           core_address/wrapper_address are virtual addresses in linked\n"
    "           files and null in a relocatable .o\n"
    "           param_kinds are enum pyunbox_kind values (format.h), which tell\n"
    "           kinds that param_types spells alike apart\n"
    "           param_any_buffer, only where a parameter has it: true where the\n"
    "           wrapper takes any bytes-like object (\"y*\", \"s*\")\n"
    "  --help   this text\n"
    "  --version  pyunbox's version and the record format version it reads\n"
    "\n"
    "Exit status: 0 when every file was read, 1 when a file could not be read or\n"
    "holds a corrupt or newer-version section, 2 for a usage error.\n";

/* The pyunbox_sigs sections of one file, all validated. */
struct dump_file {
  const char *path;
  unsigned char *bytes;
  size_t size;
  struct elf_file elf;
  struct elf_section *sections;
  size_t nsections;
  size_t nrecords;
  char error[512];
};

static int read_whole_file(struct dump_file *f) {
  FILE *fp = fopen(f->path, "rb");
  if (!fp) {
    snprintf(f->error, sizeof f->error, "cannot open: %s", strerror(errno));
    return -1;
  }
  size_t cap = 1 << 16, len = 0;
  unsigned char *buf = malloc(cap);
  for (;;) {
    if (!buf) {
      snprintf(f->error, sizeof f->error, "out of memory");
      fclose(fp);
      return -1;
    }
    len += fread(buf + len, 1, cap - len, fp);
    if (len < cap)
      break;
    unsigned char *bigger = cap <= SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
    if (!bigger)
      free(buf);
    buf = bigger;
    cap *= 2;
  }
  if (ferror(fp)) {
    snprintf(f->error, sizeof f->error, "cannot read: %s", strerror(errno));
    free(buf);
    fclose(fp);
    return -1;
  }
  fclose(fp);
  f->bytes = buf;
  f->size = len;
  return 0;
}

/* Finds and validates every pyunbox_sigs section. */
static int load(struct dump_file *f) {
  if (read_whole_file(f))
    return -1;
  if (elf_file_open(&f->elf, f->bytes, f->size, f->error, sizeof f->error))
    return -1;
  f->sections = calloc(f->elf.shnum ? f->elf.shnum : 1, sizeof *f->sections);
  if (!f->sections) {
    snprintf(f->error, sizeof f->error, "out of memory");
    return -1;
  }
  for (size_t i = 0; i < f->elf.shnum; i++) {
    struct elf_section s;
    if (elf_file_section(&f->elf, i, &s, f->error, sizeof f->error))
      return -1;
    if (strcmp(s.name, PYUNBOX_SECTION) != 0)
      continue;
    /* Several same-named sections occur in .o files (e.g. retained and
     * non-retained input sections); each is a sequence of records. */
    if (s.type == ELF_SHT_NOBITS || (s.flags & ELF_SHF_COMPRESSED)) {
      snprintf(f->error, sizeof f->error, "section [%zu] %s is %s; cannot read its records", i,
               s.name, s.type == ELF_SHT_NOBITS ? "SHT_NOBITS (no contents in the file)"
                                                : "compressed");
      return -1;
    }
    struct pyunbox_reader r;
    size_t n;
    if (pyunbox_reader_validate(&r, s.contents, s.size, &n) < 0) {
      snprintf(f->error, sizeof f->error, "section [%zu] %s: %s", i, s.name,
               pyunbox_reader_message(&r));
      return -1;
    }
    f->sections[f->nsections++] = s;
    f->nrecords += n;
  }
  return 0;
}

/* Calls fn for each record of the (validated) file. */
typedef void record_fn(const struct elf_section *, const struct pyunbox_record_view *, void *);

static void for_each_record(const struct dump_file *f, record_fn *fn, void *ctx) {
  for (size_t i = 0; i < f->nsections; i++) {
    struct pyunbox_reader r;
    struct pyunbox_record_view v;
    pyunbox_reader_init(&r, f->sections[i].contents, f->sections[i].size);
    while (pyunbox_reader_next(&r, &v) == PYUNBOX_READER_RECORD)
      fn(&f->sections[i], &v, ctx);
  }
}

/* ---- table ---- */

/* How a call passes parameter i, as in `pyunbox-dump --json`'s param_passing. */
static const char *passing_name(uint8_t flags) {
  if ((flags & PYUNBOX_PARAM_POSITIONAL) && (flags & PYUNBOX_PARAM_KEYWORD))
    return "positional-or-keyword";
  return (flags & PYUNBOX_PARAM_POSITIONAL) ? "positional-only" : "keyword-only";
}

/* ", \"key\": [true, false, ...]", which parameters have every bit of
 * flags: only where one does. */
static void print_flag_list(const struct pyunbox_record_view *v, uint8_t flags, const char *key) {
  int any = 0;
  for (unsigned i = 0; i < v->param_count; i++)
    any |= (v->param_flags[i] & flags) == flags;
  if (!any)
    return;
  printf(", \"%s\": [", key);
  for (unsigned i = 0; i < v->param_count; i++)
    printf("%s%s", i ? ", " : "", (v->param_flags[i] & flags) == flags ? "true" : "false");
  fputs("]", stdout);
}

/* The Python parameter list, "(x, y, octaves=1, /)": '/' after positional-only
 * parameters, '*' before keyword-only ones, "=?" for an optional parameter
 * whose default is not a constant; an unnamed parameter is "_<i>". A string
 * whose wrapper takes any bytes-like object is annotated, "(data: any buffer)",
 * and one that also takes None, "(name: also None)": its C type alone does not
 * say so. */
static void python_parameters(const struct pyunbox_record_view *v, char *out, size_t len) {
  size_t n = 0;
  int star = 0;
#define PUT(...) (n += (size_t)snprintf(out + (n < len ? n : len), n < len ? len - n : 0, __VA_ARGS__))
  PUT("(");
  for (unsigned i = 0; i < v->param_count; i++) {
    uint8_t f = v->param_flags[i];
    if (!(f & PYUNBOX_PARAM_POSITIONAL) && !star)
      PUT("%s*", i ? ", " : ""), star = 1;
    char def[40];
    if (*v->param_names[i])
      PUT("%s%s", i || star ? ", " : "", v->param_names[i]);
    else
      PUT("%s_%u", i || star ? ", " : "", i);
    if (f & PYUNBOX_PARAM_ANY_BUFFER)
      PUT(": any buffer");
    if (f & PYUNBOX_PARAM_NONE_IS_NULL)
      PUT("%s also None", (f & PYUNBOX_PARAM_ANY_BUFFER) ? "," : ":");
    /* Spaced after an annotation, as Python writes it. */
    if (f & PYUNBOX_PARAM_OPTIONAL)
      PUT((f & (PYUNBOX_PARAM_ANY_BUFFER | PYUNBOX_PARAM_NONE_IS_NULL)) ? " = %s" : "=%s",
          pyunbox_param_default_text(v, i, def, sizeof def));
#define POSITIONAL_ONLY(flags) (((flags) & (PYUNBOX_PARAM_POSITIONAL | PYUNBOX_PARAM_KEYWORD)) == PYUNBOX_PARAM_POSITIONAL)
    if (POSITIONAL_ONLY(f) && (i + 1 == v->param_count || !POSITIONAL_ONLY(v->param_flags[i + 1])))
      PUT(", /");
  }
  PUT(")");
#undef POSITIONAL_ONLY
#undef PUT
}

enum { COLS = 7 };
static const char *const table_head[COLS] = {"python name", "C prototype", "convention",
                                             "needs_interpreter", "memory", "errors",
                                             "parameters"};

static void table_row(const struct pyunbox_record_view *v, const char *cell[COLS], char *qual,
                      size_t quallen, char *params, size_t paramslen) {
  /* A method by its type's tp_name, which names the module itself. */
  if (*v->type_name)
    snprintf(qual, quallen, "%s.%s", v->type_name, v->python_name);
  else if (*v->module_name)
    snprintf(qual, quallen, "%s.%s", v->module_name, v->python_name);
  else
    snprintf(qual, quallen, "%s", v->python_name);
  cell[0] = qual;
  cell[1] = v->c_prototype;
  cell[2] = pyunbox_convention_name(v->convention);
  cell[3] = (v->effects & PYUNBOX_EFFECT_NEEDS_INTERPRETER) ? "yes" : "no";
  cell[4] = pyunbox_memory_name(v->memory);
  cell[5] = pyunbox_errors_name(v->errors);
  python_parameters(v, params, paramslen);
  cell[6] = params;
}

static void table_widths(const struct elf_section *s, const struct pyunbox_record_view *v,
                         void *ctx) {
  (void)s;
  size_t *width = ctx;
  const char *cell[COLS];
  char qual[1024], params[2048];
  table_row(v, cell, qual, sizeof qual, params, sizeof params);
  for (int c = 0; c < COLS; c++)
    if (strlen(cell[c]) > width[c])
      width[c] = strlen(cell[c]);
}

static void table_print_cells(const char *const cell[COLS], const size_t *width) {
  fputs("  ", stdout);
  for (int c = 0; c < COLS - 1; c++)
    printf("%-*s  ", (int)width[c], cell[c]);
  printf("%s\n", cell[COLS - 1]);
}

static void table_print(const struct elf_section *s, const struct pyunbox_record_view *v,
                        void *ctx) {
  (void)s;
  const char *cell[COLS];
  char qual[1024], params[2048];
  table_row(v, cell, qual, sizeof qual, params, sizeof params);
  table_print_cells(cell, ctx);
}

static void print_table(const struct dump_file *f) {
  printf("%s: %zu record%s (ELF %s%s)\n", f->path, f->nrecords, f->nrecords == 1 ? "" : "s",
         elf_file_type_name(&f->elf),
         f->elf.type == 1 ? "; code addresses are unresolved relocations" : "");
  if (!f->nrecords)
    return;
  size_t width[COLS];
  for (int c = 0; c < COLS; c++)
    width[c] = strlen(table_head[c]);
  for_each_record(f, table_widths, width);
  table_print_cells(table_head, width);
  for_each_record(f, table_print, width);
}

/* ---- JSON ---- */

/* Strings were validated as UTF-8 without control characters; escaping them
 * anyway keeps the output valid JSON should that rule ever be relaxed. */
static void json_string(const char *s) {
  if (!s) {
    fputs("null", stdout);
    return;
  }
  putchar('"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': fputs("\\\"", stdout); break;
    case '\\': fputs("\\\\", stdout); break;
    case '\n': fputs("\\n", stdout); break;
    case '\t': fputs("\\t", stdout); break;
    case '\r': fputs("\\r", stdout); break;
    default:
      if (*p < 0x20 || *p == 0x7f)
        printf("\\u%04x", *p);
      else
        putchar(*p);
    }
  }
  putchar('"');
}

static void json_field(const char *key, const char *value, int last) {
  printf("\"%s\": ", key);
  json_string(value);
  fputs(last ? "" : ", ", stdout);
}

struct json_ctx {
  const struct dump_file *file;
  size_t index;
};

/* The virtual address a self-relative field points to in a linked file (the
 * section's address + the field's place + its value), or null in a .o, where
 * the field is still a relocation. */
static void json_address(const char *key, const struct json_ctx *c, const struct elf_section *s,
                         const struct pyunbox_record_view *v, size_t field, int64_t value) {
  printf("\"%s\": ", key);
  if (c->file->elf.type == 1) {
    fputs("null, ", stdout);
    return;
  }
  uint64_t addr = s->addr + v->offset + field + (uint64_t)value; /* wraps like the CPU */
  printf("\"0x%llx\", ", (unsigned long long)addr);
}

static void json_record(const struct elf_section *s, const struct pyunbox_record_view *v,
                        void *ctx) {
  struct json_ctx *c = ctx;
  fputs(c->index ? ",\n  {" : "\n  {", stdout);
  c->index++;
  json_field("python_name", v->python_name, 0);
  json_field("core_symbol", v->core_symbol, 0);
  json_field("wrapper_symbol", v->wrapper_symbol, 0);
  json_field("module", v->module_name, 0);
  json_field("type", v->type_name, 0);
  json_field("c_prototype", v->c_prototype, 0);
  json_field("return_type", pyunbox_kind_c_name(v->return_kind), 0);
  if (v->return_kind == PYUNBOX_KIND_TUPLE) {
    fputs("\"result_types\": [", stdout);
    for (unsigned i = 0; i < v->result_count; i++) {
      fputs(i ? ", " : "", stdout);
      json_string(pyunbox_kind_c_name(v->result_kinds[i]));
    }
    fputs("], ", stdout);
  }
  fputs("\"param_types\": [", stdout);
  for (unsigned i = 0; i < v->param_count; i++) {
    fputs(i ? ", " : "", stdout);
    json_string(pyunbox_kind_c_name(v->param_kinds[i]));
  }
  fputs("], \"param_names\": [", stdout);
  for (unsigned i = 0; i < v->param_count; i++) {
    fputs(i ? ", " : "", stdout);
    json_string(*v->param_names[i] ? v->param_names[i] : NULL);
  }
  fputs("], \"param_passing\": [", stdout);
  for (unsigned i = 0; i < v->param_count; i++) {
    fputs(i ? ", " : "", stdout);
    json_string(passing_name(v->param_flags[i]));
  }
  fputs("], \"param_optional\": [", stdout);
  for (unsigned i = 0; i < v->param_count; i++)
    printf("%s%s", i ? ", " : "", (v->param_flags[i] & PYUNBOX_PARAM_OPTIONAL) ? "true" : "false");
  /* JSON numbers (a double's always with a "." or an exponent, so that
   * 2.0 and -0.0 read back as doubles); true/false for _Bool; "inf",
   * "-inf", "nan" as strings;
   * null where there is no constant default, and for a string's, None
   * (param_default_is_none tells the two apart). */
  fputs("], \"param_defaults\": [", stdout);
  for (unsigned i = 0; i < v->param_count; i++) {
    char def[40];
    pyunbox_param_default_text(v, i, def, sizeof def);
    fputs(i ? ", " : "", stdout);
    if (!(v->param_flags[i] & PYUNBOX_PARAM_DEFAULT) || (v->param_flags[i] & PYUNBOX_PARAM_NONE_IS_NULL))
      fputs("null", stdout);
    else if (def[0] == 'n' || (def[0] == 'i') || (def[0] == '-' && def[1] == 'i'))
      json_string(def);
    else
      fputs(def, stdout);
  }
  fputs("], ", stdout);
  json_field("convention", pyunbox_convention_name(v->convention), 0);
  printf("\"meth_flags\": %u, ", v->meth_flags);
  printf("\"needs_interpreter\": %s, ",
         (v->effects & PYUNBOX_EFFECT_NEEDS_INTERPRETER) ? "true" : "false");
  json_field("memory", pyunbox_memory_name(v->memory), 0);
  json_field("errors", pyunbox_errors_name(v->errors), 0);
  json_address("core_address", c, s, v, offsetof(struct pyunbox_record, core_offset),
               v->core_offset);
  json_address("wrapper_address", c, s, v, offsetof(struct pyunbox_record, wrapper_offset),
               v->wrapper_offset);
  printf("\"format_version\": %u, ", v->version);
  /* The enum pyunbox_kind values: param_types' spellings are not unique
   * (UTF8 and BYTES are both "const char *"). Last, so that the fields
   * before keep their places. */
  fputs("\"param_kinds\": [", stdout);
  for (unsigned i = 0; i < v->param_count; i++)
    printf("%s%u", i ? ", " : "", v->param_kinds[i]);
  fputs("]", stdout);
  /* Last, and only where a parameter has the flag: every other record
   * prints as before the flag existed. */
  print_flag_list(v, PYUNBOX_PARAM_ANY_BUFFER, "param_any_buffer");
  print_flag_list(v, PYUNBOX_PARAM_NONE_IS_NULL, "param_none_is_null");
  print_flag_list(v, PYUNBOX_PARAM_NONE_IS_NULL | PYUNBOX_PARAM_DEFAULT, "param_default_is_none");
  fputs("}", stdout);
}

static void print_json_records(const struct dump_file *f) {
  struct json_ctx c = {f, 0};
  fputs("\"records\": [", stdout);
  for_each_record(f, json_record, &c);
  fputs(c.index ? "\n]" : "]", stdout);
}

static void free_file(struct dump_file *f) {
  free(f->bytes);
  free(f->sections);
}

int main(int argc, char **argv) {
  int json = 0, nfiles = 0, options_done = 0;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (options_done || a[0] != '-' || a[1] == '\0') {
      argv[1 + nfiles++] = argv[i];
    } else if (!strcmp(a, "--")) {
      options_done = 1;
    } else if (!strcmp(a, "--json")) {
      json = 1;
    } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      fputs(usage, stdout);
      return 0;
    } else if (!strcmp(a, "--version")) {
      /* PYUNBOX_RELEASE comes from cmake/PyUnboxInstall.cmake. */
      printf("pyunbox-dump %s (record format version %u)\n", PYUNBOX_RELEASE, PYUNBOX_VERSION);
      return 0;
    } else {
      fprintf(stderr, "pyunbox-dump: unknown option '%s'\n%s", a, usage);
      return 2;
    }
  }
  if (!nfiles) {
    fprintf(stderr, "pyunbox-dump: no input file\n%s", usage);
    return 2;
  }

  int status = 0;
  if (json && nfiles > 1)
    fputs("{\"files\": [", stdout);
  for (int i = 0; i < nfiles; i++) {
    struct dump_file f;
    memset(&f, 0, sizeof f);
    f.path = argv[1 + i];
    int ok = load(&f) == 0;
    if (!ok) {
      fprintf(stderr, "pyunbox-dump: %s: %s\n", f.path, f.error);
      status = 1;
    }
    if (json && nfiles > 1) {
      fputs(i ? ",\n{\"file\": " : "\n{\"file\": ", stdout);
      json_string(f.path);
      fputs(", ", stdout);
      if (ok)
        print_json_records(&f);
      else
        json_field("error", f.error, 1);
      fputs("}", stdout);
    } else if (json && ok) {
      fputs("{", stdout);
      print_json_records(&f);
      fputs("}\n", stdout);
    } else if (ok) {
      if (i)
        putchar('\n');
      print_table(&f);
    }
    free_file(&f);
  }
  if (json && nfiles > 1)
    fputs("\n]}\n", stdout);
  return status;
}
