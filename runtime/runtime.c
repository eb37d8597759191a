/* pyunbox C runtime (include/pyunbox/runtime.h): finds the record of a loaded
 * wrapper in memory. docs/RUNTIME.md describes the behaviour; this file the how.
 *
 * An object (the executable or a .so) is indexed once, on the first lookup
 * that lands in it: dl_iterate_phdr finds it and its segments, dlsym on its own
 * handle finds its pyunbox_sigs_bounds, the reader validates the whole section,
 * and the records become an array sorted by wrapper address.
 *
 * Objects with records are pinned: the runtime keeps the reference that
 * dlopen(RTLD_NOLOAD) gave it, so an indexed object is never unloaded and its
 * address range never reused. That is what makes the cache correct without a
 * check per lookup, and what lets readers hold on to struct pyunbox_core
 * pointers. Objects without records are neither pinned nor cached.
 *
 * Locking: the global table is guarded by a mutex that is a leaf lock: no dl*
 * function is ever called while it is held (the loader holds its own lock
 * while it runs constructors, which may look cores up). Each thread also keeps
 * a few recently used objects, so a repeated lookup takes no lock at all. */
#define _GNU_SOURCE
#include "pyunbox/runtime.h"

#include <dlfcn.h>
#include <link.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyunbox/reader.h"

#define API __attribute__((visibility("default")))

/* ---- thread-local error message ------------------------------------------ */

static _Thread_local char t_error[512];

static void set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void set_error(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(t_error, sizeof t_error, fmt, ap);
  va_end(ap);
}

API const char *pyunbox_runtime_error(void) { return t_error; }

/* ---- indexed objects ------------------------------------------------------ */

#define MAX_SEGMENTS 16

struct segment {
  uintptr_t lo, hi; /* [lo, hi) at run time */
  unsigned flags;   /* PF_R, PF_W, PF_X */
};

struct wrapper_entry {
  uintptr_t wrapper;
  size_t index; /* into cores; ties keep section order */
};

struct object {
  uintptr_t lo, hi; /* span of the PT_LOAD segments, reserved as one by ld.so */
  uintptr_t bias;
  char *path;       /* "" for the main program */
  int status;       /* PYUNBOX_RT_FOUND, or PYUNBOX_RT_ERR_SECTION */
  char *message;    /* what is wrong with the section */
  struct pyunbox_core *cores; /* section order */
  size_t count;
  struct wrapper_entry *by_wrapper; /* sorted by wrapper address */
  size_t nsegments;
  struct segment segments[MAX_SEGMENTS];
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static struct object **g_objects; /* sorted by lo; never freed, objects pinned */
static size_t g_count, g_capacity;

#define THREAD_CACHE 8
static _Thread_local struct object *t_cache[THREAD_CACHE];
static _Thread_local unsigned t_cache_next;

static const char *display_path(const struct object *o) {
  return o->path[0] ? o->path : "the main program";
}

/* [p, p + n) lies in one segment of o with all of `flags`. */
static int in_segment(const struct object *o, uintptr_t p, size_t n, unsigned flags) {
  for (size_t i = 0; i < o->nsegments; i++) {
    const struct segment *s = &o->segments[i];
    if ((s->flags & flags) == flags && p >= s->lo && p <= s->hi && n <= s->hi - p)
      return 1;
  }
  return 0;
}

static void free_object(struct object *o) {
  if (!o)
    return;
  free(o->path);
  free(o->message);
  free(o->cores);
  free(o->by_wrapper);
  free(o);
}

/* Binary search of the global table; call with g_lock held. */
static struct object *table_find(uintptr_t addr, size_t *insert_at) {
  size_t lo = 0, hi = g_count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (g_objects[mid]->hi <= addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (insert_at)
    *insert_at = lo;
  if (lo < g_count && g_objects[lo]->lo <= addr)
    return g_objects[lo];
  return NULL;
}

static struct object *cache_find(uintptr_t addr) {
  for (unsigned i = 0; i < THREAD_CACHE; i++) {
    struct object *o = t_cache[i];
    if (o && o->lo <= addr && addr < o->hi)
      return o;
  }
  return NULL;
}

static void cache_add(struct object *o) {
  t_cache[t_cache_next++ % THREAD_CACHE] = o;
}

/* ---- finding the object that contains an address ------------------------- */

struct find_context {
  uintptr_t addr;
  struct object *found; /* allocated by the callback; NULL when none */
  int out_of_memory;
};

static int find_callback(struct dl_phdr_info *info, size_t size, void *data) {
  struct find_context *ctx = data;
  (void)size;
  uintptr_t lo = UINTPTR_MAX, hi = 0;
  int contains = 0;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD)
      continue;
    uintptr_t start = info->dlpi_addr + ph->p_vaddr, end = start + ph->p_memsz;
    if (start < lo)
      lo = start;
    if (end > hi)
      hi = end;
    if (start <= ctx->addr && ctx->addr < end)
      contains = 1;
  }
  if (!contains)
    return 0;

  /* The name is copied here: it lives in the loader's memory, which this
   * object's unloading would free. Calling malloc here is fine (no dl lock). */
  struct object *o = calloc(1, sizeof *o);
  char *path = strdup(info->dlpi_name ? info->dlpi_name : "");
  if (!o || !path) {
    free(o);
    free(path);
    ctx->out_of_memory = 1;
    return 1;
  }
  o->path = path;
  o->lo = lo;
  o->hi = hi;
  o->bias = info->dlpi_addr;
  for (ElfW(Half) i = 0; i < info->dlpi_phnum && o->nsegments < MAX_SEGMENTS; i++) {
    const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
    if (ph->p_type != PT_LOAD)
      continue;
    struct segment *s = &o->segments[o->nsegments++];
    s->lo = info->dlpi_addr + ph->p_vaddr;
    s->hi = s->lo + ph->p_memsz;
    s->flags = ph->p_flags;
  }
  ctx->found = o;
  return 1;
}

static int cmp_wrapper(const void *a, const void *b) {
  const struct wrapper_entry *x = a, *y = b;
  if (x->wrapper != y->wrapper)
    return x->wrapper < y->wrapper ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

static int section_error(struct object *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int section_error(struct object *o, const char *fmt, ...) {
  char detail[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(detail, sizeof detail, fmt, ap);
  va_end(ap);
  size_t n = strlen(o->path) + strlen(detail) + 64;
  o->message = malloc(n);
  if (!o->message)
    return PYUNBOX_RT_ERR_MEMORY;
  snprintf(o->message, n, "%s: section " PYUNBOX_SECTION ": %s", display_path(o), detail);
  o->status = PYUNBOX_RT_ERR_SECTION;
  free(o->cores);
  free(o->by_wrapper);
  o->cores = NULL;
  o->by_wrapper = NULL;
  o->count = 0;
  return PYUNBOX_RT_FOUND; /* indexed: the error is the object's state */
}

/* Validates the whole section [start, stop) of o and builds its index. All or
 * nothing: on any error o keeps no record and holds the message. Returns
 * PYUNBOX_RT_FOUND (o indexed, possibly with a section error) or
 * PYUNBOX_RT_ERR_MEMORY. */
static int index_section(struct object *o, const void *start, const void *stop) {
  uintptr_t s = (uintptr_t)start, e = (uintptr_t)stop;
  if (s == e) { /* no record (both NULL when the linker made no section) */
    o->status = PYUNBOX_RT_FOUND;
    return PYUNBOX_RT_FOUND;
  }
  if (e < s || !in_segment(o, s, e - s, PF_R))
    return section_error(o, "its bounds [%p, %p) are not inside a readable segment of the object",
                         start, stop);
  size_t size = e - s, count = 0;
  struct pyunbox_reader reader;
  if (pyunbox_reader_validate(&reader, start, size, &count) != 0)
    return section_error(o, "%zu bytes at %p: %s; no record of it is used", size, start,
                         pyunbox_reader_message(&reader));
  o->status = PYUNBOX_RT_FOUND;
  if (count == 0)
    return PYUNBOX_RT_FOUND;

  o->cores = calloc(count, sizeof *o->cores);
  o->by_wrapper = calloc(count, sizeof *o->by_wrapper);
  if (!o->cores || !o->by_wrapper)
    return PYUNBOX_RT_ERR_MEMORY;
  pyunbox_reader_init(&reader, start, size);
  struct pyunbox_record_view v;
  size_t n = 0;
  while (n < count && pyunbox_reader_next(&reader, &v) == PYUNBOX_READER_RECORD) {
    struct pyunbox_core *c = &o->cores[n];
    c->python_name = v.python_name;
    c->core_symbol = v.core_symbol;
    c->wrapper_symbol = v.wrapper_symbol;
    c->module_name = v.module_name;
    c->type_name = v.type_name;
    c->c_prototype = v.c_prototype;
    for (unsigned i = 0; i < v.param_count; i++) {
      c->param_names[i] = v.param_names[i];
      c->param_kinds[i] = v.param_kinds[i];
      c->param_flags[i] = v.param_flags[i];
      c->param_defaults[i] = v.param_defaults[i];
    }
    c->param_count = v.param_count;
    c->return_kind = v.return_kind;
    c->result_count = v.result_count;
    for (unsigned i = 0; i < v.result_count; i++)
      c->result_kinds[i] = v.result_kinds[i];
    c->convention = v.convention;
    c->meth_flags = v.meth_flags;
    c->effects = v.effects;
    c->memory = v.memory;
    c->errors = v.errors;
    c->core = (void *)pyunbox_record_core_address(&v);
    c->wrapper = (void *)pyunbox_record_wrapper_address(&v);
    /* The reader checks bytes; only memory can tell whether the self-relative
     * offsets land in this object's code. A record that points elsewhere is
     * corrupt, and calling through it must never happen. */
    if (!in_segment(o, (uintptr_t)c->core, 1, PF_X) ||
        !in_segment(o, (uintptr_t)c->wrapper, 1, PF_X))
      return section_error(o,
                           "record at offset 0x%zx (%s): its %s address %p is not in an "
                           "executable segment of the object; no record of it is used",
                           v.offset, v.python_name,
                           in_segment(o, (uintptr_t)c->core, 1, PF_X) ? "wrapper" : "core",
                           in_segment(o, (uintptr_t)c->core, 1, PF_X) ? c->wrapper : c->core);
    o->by_wrapper[n].wrapper = (uintptr_t)c->wrapper;
    o->by_wrapper[n].index = n;
    n++;
  }
  if (n != count) /* the bytes changed between two passes: not ours to read */
    return section_error(o, "changed while it was read");
  o->count = count;
  qsort(o->by_wrapper, count, sizeof *o->by_wrapper, cmp_wrapper);
  return PYUNBOX_RT_FOUND;
}

/* Finds and indexes the object containing addr, outside g_lock. On success
 * *out is a new object (with records or a section error) that holds a pinning
 * reference *handle, or NULL with PYUNBOX_RT_NOT_FOUND when the object has no
 * records (then the thread's message says which object). */
static int build_object(uintptr_t addr, struct object **out, void **handle) {
  *out = NULL;
  *handle = NULL;
  struct find_context ctx = {addr, NULL, 0};
  dl_iterate_phdr(find_callback, &ctx);
  if (ctx.out_of_memory) {
    set_error("out of memory while looking for the object that contains %p", (void *)addr);
    return PYUNBOX_RT_ERR_MEMORY;
  }
  struct object *o = ctx.found;
  if (!o) {
    set_error("%p is not in any loaded object", (void *)addr);
    return PYUNBOX_RT_ERR_NOT_LOADED;
  }

  /* A handle of the object's own: dlopen(NULL) for the main program, whose
   * name is "" (dladdr would give argv[0], which dlopen cannot match). The
   * bias check makes sure the name still means this very object. */
  void *h = dlopen(o->path[0] ? o->path : NULL, RTLD_LAZY | RTLD_NOLOAD);
  if (!h)
    dlerror(); /* leave no dlerror() behind for the application */
  struct link_map *map = NULL;
  if (!h || dlinfo(h, RTLD_DI_LINKMAP, &map) != 0 || !map || map->l_addr != o->bias) {
    set_error("%s (which contains %p) has no pyunbox records: no handle of its own "
              "(the vDSO, or an object loaded under another name)",
              display_path(o), (void *)addr);
    if (h)
      dlclose(h);
    free_object(o);
    return PYUNBOX_RT_NOT_FOUND;
  }

  /* dlsym on a handle also searches the object's dependencies: a bounds
   * symbol outside this object's own segments belongs to another object. */
  const void *sym = dlsym(h, PYUNBOX_BOUNDS_SYMBOL);
  if (!sym)
    dlerror();
  if (!sym || !in_segment(o, (uintptr_t)sym, sizeof(struct pyunbox_bounds), PF_R)) {
    set_error("%s (which contains %p) has no pyunbox records (no " PYUNBOX_BOUNDS_SYMBOL
              " of its own)",
              display_path(o), (void *)addr);
    dlclose(h);
    free_object(o);
    return PYUNBOX_RT_NOT_FOUND;
  }
  struct pyunbox_bounds bounds;
  memcpy(&bounds, sym, sizeof bounds);
  int rc = index_section(o, bounds.start, bounds.stop);
  if (rc != PYUNBOX_RT_FOUND) {
    set_error("out of memory while indexing the records of %s", display_path(o));
    dlclose(h);
    free_object(o);
    return rc;
  }
  *out = o;
  *handle = h;
  return PYUNBOX_RT_FOUND;
}

/* The indexed object that contains addr. PYUNBOX_RT_FOUND with *out set, or
 * another status with the thread's message set. */
static int find_object(uintptr_t addr, struct object **out) {
  struct object *o = cache_find(addr);
  if (o) {
    *out = o;
    return PYUNBOX_RT_FOUND;
  }
  pthread_mutex_lock(&g_lock);
  o = table_find(addr, NULL);
  pthread_mutex_unlock(&g_lock);
  if (!o) {
    void *handle = NULL;
    struct object *built = NULL;
    int rc = build_object(addr, &built, &handle);
    if (rc != PYUNBOX_RT_FOUND)
      return rc;
    size_t at;
    pthread_mutex_lock(&g_lock);
    o = table_find(addr, &at); /* another thread may have indexed it meanwhile */
    if (!o && g_count == g_capacity) {
      size_t capacity = g_capacity ? 2 * g_capacity : 16;
      struct object **grown = realloc(g_objects, capacity * sizeof *grown);
      if (grown) {
        g_objects = grown;
        g_capacity = capacity;
      }
    }
    int inserted = 0;
    if (!o && g_count < g_capacity) {
      memmove(g_objects + at + 1, g_objects + at, (g_count - at) * sizeof *g_objects);
      g_objects[at] = built;
      g_count++;
      o = built;
      inserted = 1;
    }
    pthread_mutex_unlock(&g_lock);
    if (!inserted) {
      dlclose(handle); /* the object is already pinned by the winner, or we failed */
      free_object(built);
      if (!o) {
        set_error("out of memory while indexing the records of the object containing %p",
                  (void *)addr);
        return PYUNBOX_RT_ERR_MEMORY;
      }
    }
    /* else: the handle is deliberately never closed (pinned). */
  }
  cache_add(o);
  *out = o;
  return PYUNBOX_RT_FOUND;
}

/* ---- the API --------------------------------------------------------------- */

/* First entry of o->by_wrapper with this wrapper, or o->count. */
static size_t first_with_wrapper(const struct object *o, uintptr_t wrapper) {
  size_t lo = 0, hi = o->count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (o->by_wrapper[mid].wrapper < wrapper)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < o->count && o->by_wrapper[lo].wrapper == wrapper ? lo : o->count;
}

/* The object of ml_meth, checked: FOUND with *out, or a status and message. */
static int object_of_wrapper(const void *ml_meth, struct object **out) {
  int rc = find_object((uintptr_t)ml_meth, out);
  if (rc != PYUNBOX_RT_FOUND)
    return rc;
  if ((*out)->status != PYUNBOX_RT_FOUND) {
    set_error("%s", (*out)->message);
    return (*out)->status;
  }
  return PYUNBOX_RT_FOUND;
}

API int pyunbox_lookup(const void *ml_meth, const struct pyunbox_core **out) {
  if (!ml_meth || !out) {
    set_error("pyunbox_lookup: %s is NULL", ml_meth ? "out" : "ml_meth");
    return PYUNBOX_RT_ERR_ARGUMENT;
  }
  *out = NULL;
  struct object *o;
  int rc = object_of_wrapper(ml_meth, &o);
  if (rc != PYUNBOX_RT_FOUND)
    return rc;
  size_t i = first_with_wrapper(o, (uintptr_t)ml_meth);
  if (i == o->count) {
    set_error("%s has no record for the function at %p (%zu records; the function got no "
              "core, or is not a wrapper)",
              display_path(o), ml_meth, o->count);
    return PYUNBOX_RT_NOT_FOUND;
  }
  *out = &o->cores[o->by_wrapper[i].index];
  t_error[0] = '\0';
  return PYUNBOX_RT_FOUND;
}

/* The leading fields of CPython's (and PyPy cpyext's) PyMethodDef. */
struct method_def_prefix {
  const char *ml_name;
  const void *ml_meth;
  int ml_flags;
};

API int pyunbox_lookup_methoddef(const void *method_def, const struct pyunbox_core **out) {
  if (!method_def || !out) {
    set_error("pyunbox_lookup_methoddef: %s is NULL", method_def ? "out" : "method_def");
    return PYUNBOX_RT_ERR_ARGUMENT;
  }
  *out = NULL;
  struct method_def_prefix def;
  memcpy(&def, method_def, sizeof def);
  if (!def.ml_meth) {
    set_error("pyunbox_lookup_methoddef: the PyMethodDef at %p has a NULL ml_meth (the "
              "table's sentinel?)",
              method_def);
    return PYUNBOX_RT_ERR_ARGUMENT;
  }
  struct object *o;
  int rc = object_of_wrapper(def.ml_meth, &o);
  if (rc != PYUNBOX_RT_FOUND)
    return rc;
  /* One C function may serve several entries (aliases, other flags): the
   * record must be for these flags, and for this name when there is one. */
  const struct pyunbox_core *by_flags = NULL;
  size_t first = first_with_wrapper(o, (uintptr_t)def.ml_meth);
  for (size_t i = first; i < o->count && o->by_wrapper[i].wrapper == (uintptr_t)def.ml_meth;
       i++) {
    const struct pyunbox_core *c = &o->cores[o->by_wrapper[i].index];
    if (c->meth_flags != (unsigned)def.ml_flags)
      continue;
    if (def.ml_name && strcmp(def.ml_name, c->python_name) == 0) {
      *out = c;
      t_error[0] = '\0';
      return PYUNBOX_RT_FOUND;
    }
    if (!by_flags)
      by_flags = c;
  }
  if (by_flags) {
    *out = by_flags;
    t_error[0] = '\0';
    return PYUNBOX_RT_FOUND;
  }
  if (first < o->count)
    set_error("%s: the record of %p is for ml_flags 0x%x, the PyMethodDef at %p has 0x%x",
              display_path(o), def.ml_meth, o->cores[o->by_wrapper[first].index].meth_flags,
              method_def, (unsigned)def.ml_flags);
  else
    set_error("%s has no record for the function at %p (%zu records; the function got no "
              "core, or is not a wrapper)",
              display_path(o), def.ml_meth, o->count);
  return PYUNBOX_RT_NOT_FOUND;
}

API int pyunbox_object_cores(const void *address, const struct pyunbox_core **cores,
                             size_t *count) {
  if (!address || !cores || !count) {
    set_error("pyunbox_object_cores: %s is NULL",
              !address ? "address" : !cores ? "cores" : "count");
    return PYUNBOX_RT_ERR_ARGUMENT;
  }
  *cores = NULL;
  *count = 0;
  struct object *o;
  int rc = find_object((uintptr_t)address, &o);
  if (rc == PYUNBOX_RT_NOT_FOUND) { /* an object without records: it has none */
    t_error[0] = '\0';
    return PYUNBOX_RT_FOUND;
  }
  if (rc != PYUNBOX_RT_FOUND)
    return rc;
  if (o->status != PYUNBOX_RT_FOUND) {
    set_error("%s", o->message);
    return o->status;
  }
  *cores = o->cores;
  *count = o->count;
  t_error[0] = '\0';
  return PYUNBOX_RT_FOUND;
}
