// PyArg_ParseTuple's "s", "s#", "y" and "y#" pass the argument's bytes: the
// core takes a `const char *` (and with '#' its length, a Py_ssize_t, as a
// second C parameter), records kinds UTF8, UTF8_SIZE, BYTES and BYTES_SIZE
// (docs/FORMAT.md, "String kinds"), and reading those bytes is no memory
// effect. A core that calls a helper with them is kept only where the
// helper is known to read them and keep no pointer to them: by what C says
// of the C library's (strlen, strcmp; memchr's result points into them and is
// checked as they are), by LLVM's attributes, or, for a function of the file
// (fnv_bytes), by the same check of its parameter
// (shapes/memory-through-helpers.c; refusals/string-bytes-escape.c has the
// others). "z" and "z#" are "s" and "s#" that also take None, for which the
// core gets NULL (and a length of 0): their kinds with PARAM_NONE_IS_NULL,
// and no nonnull on their pointer.
// '#' in the plain parser (plain_len: what 3.13's headers call for every
// parse) stores a Py_ssize_t from CPython 3.13 on and raises SystemError
// before: its core reads the running interpreter's Py_Version (weak: PyPy
// has none) and bails below 3.13. A bytes read by hand (bytes_fnv, ...:
// shapes/bytes-read-by-hand.c) takes the same kinds. The module is test/e2e/strings.c, whose
// cores test_strings.py compares with their wrappers.
// RUN: %clang_pyunbox -O2 -fPIC %remarks -c %S/../../e2e/strings.c -o %t2.o 2>&1 | FileCheck %s --check-prefix=O2 --implicit-check-not="no core"
// RUN: %dump %t2.o | FileCheck %s --check-prefix=TABLE
// RUN: %dump --json %t2.o | FileCheck %s --check-prefix=JSON
// RUN: %clang_pyunbox -O0 -fPIC %remarks -c %S/../../e2e/strings.c -o %t0.o 2>&1 | FileCheck %s --check-prefix=O0 --implicit-check-not="no core"
// RUN: %dump --json %t0.o | FileCheck %s --check-prefix=JSON0
// RUN: %clang_pyunbox -O2 -S -emit-llvm %S/../../e2e/strings.c -o - | FileCheck %s --check-prefix=IR
// With PyPy's headers (inline type tests, PyObject_CheckBuffer's too), the
// same kinds:
// RUN: %clang -O2 -I%pypyinc -fpass-plugin=%plugin -fPIC -c %S/../../e2e/strings.c -o %tp.o
// RUN: %dump --json %tp.o | FileCheck %s --check-prefix=PYPY

// O2-DAG: remark: core for 'fnv' (METH_VARARGS): unsigned long pyunbox_core_e2e_strings_fnv(const char *, Py_ssize_t)
// O2-DAG: remark: core for 'bytes_fnv' (METH_O): unsigned long pyunbox_core_e2e_strings_bytes_fnv(const char *, Py_ssize_t)
// O2-DAG: remark: core for 'bytes_seeded' (METH_FASTCALL): unsigned long pyunbox_core_e2e_strings_bytes_seeded(const char *, Py_ssize_t, unsigned long)
// O2-DAG: remark: core for 'text_or_bytes' (METH_O): unsigned long pyunbox_core_e2e_strings_text_or_bytes(const char *, Py_ssize_t)
// O2-DAG: remark: core for 'c_length' (METH_O): long pyunbox_core_e2e_strings_c_length(const char *)
// O2-DAG: remark: core for 'seeded' (METH_VARARGS): unsigned long pyunbox_core_e2e_strings_seeded(const char *, Py_ssize_t, unsigned long)
// O2-DAG: remark: core for 'length' (METH_VARARGS): Py_ssize_t pyunbox_core_e2e_strings_length(const char *)
// O2-DAG: remark: core for 'count' (METH_VARARGS): long pyunbox_core_e2e_strings_count(const char *, Py_ssize_t, int)
// O2-DAG: remark: core for 'first' (METH_VARARGS): long pyunbox_core_e2e_strings_first(const char *)
// O2-DAG: remark: core for 'mode' (METH_VARARGS): long pyunbox_core_e2e_strings_mode(const char *, int *); bails where the wrapper raises
// O2-DAG: remark: core for 'repeat' (METH_VARARGS): Py_ssize_t pyunbox_core_e2e_strings_repeat(const char *, Py_ssize_t, int)
// O2-DAG: remark: core for 'joined' (METH_VARARGS): Py_ssize_t pyunbox_core_e2e_strings_joined(const char *, Py_ssize_t, const char *)
// O2-DAG: remark: core for 'weight' (METH_O): long pyunbox_core_e2e_strings_weight(const char *, Py_ssize_t)
// O2-DAG: remark: core for 'plain_len' (METH_VARARGS): long pyunbox_core_e2e_strings_plain_len(const char *, Py_ssize_t, int *); bails where the wrapper raises
// O2-DAG: remark: core for 'maybe_fnv' (METH_VARARGS): unsigned long pyunbox_core_e2e_strings_maybe_fnv(const char *, Py_ssize_t)
// O2-DAG: remark: core for 'maybe_len' (METH_VARARGS): long pyunbox_core_e2e_strings_maybe_len(const char *)
// The C library's searches, whose result points into the bytes, used as an
// offset from their start (a length: the same for a copy).
// O2-DAG: remark: core for 'find' (METH_VARARGS): Py_ssize_t pyunbox_core_e2e_strings_find(const char *, Py_ssize_t, int)
// O2-DAG: remark: core for 'fields' (METH_VARARGS): long pyunbox_core_e2e_strings_fields(const char *)
// O2-DAG: remark: core for 'where' (METH_VARARGS): Py_ssize_t pyunbox_core_e2e_strings_where(const char *, const char *)
// JSON-DAG: "python_name": "fields", {{.*}}"memory": "none"

// An optional string has no default (its default is an address).
// TABLE-DAG: e2e_strings.seeded {{.*}} none {{.*}} (_0, _1=7, /)
// TABLE-DAG: e2e_strings.repeat {{.*}} none {{.*}} (data, times=1)
// TABLE-DAG: e2e_strings.joined {{.*}} none {{.*}} (_0, _1=?, /)
// TABLE-DAG: e2e_strings.maybe_fnv {{.*}} none {{.*}} (_0: also None, /)
// JSON-DAG: "python_name": "fnv", {{.*}}"param_types": ["const char *, Py_ssize_t"], {{.*}}"memory": "none", {{.*}}"param_kinds": [16]
// JSON-DAG: "python_name": "length", {{.*}}"param_types": ["const char *"], {{.*}}"memory": "none", {{.*}}"param_kinds": [15]
// JSON-DAG: "python_name": "count", {{.*}}"memory": "none", {{.*}}"param_kinds": [18, 5]
// JSON-DAG: "python_name": "first", {{.*}}"memory": "none", {{.*}}"param_kinds": [17]
// JSON-DAG: "python_name": "repeat", {{.*}}"param_optional": [false, true], "param_defaults": [null, 1]
// JSON-DAG: "python_name": "maybe_fnv", {{.*}}"param_kinds": [16], "param_none_is_null": [true]}
// JSON-DAG: "python_name": "maybe_len", {{.*}}"param_kinds": [15], "param_none_is_null": [true]}
// A bytes or a str, each read by hand, the str's way proven the same
// (shapes/bytes-or-str-dispatch.c): s#'s kind, at -O0 too.
// JSON-DAG: "python_name": "text_or_bytes", {{.*}}"param_kinds": [16]
// JSON-DAG: "python_name": "text_hash", {{.*}}"param_kinds": [16]
// JSON-DAG: "python_name": "keyed_text", {{.*}}"param_kinds": [16, 16]
// JSON-DAG: "python_name": "buffer_text", {{.*}}"param_kinds": [16]
// PYPY-DAG: "python_name": "text_or_bytes", {{.*}}"param_kinds": [16]
// PYPY-DAG: "python_name": "text_hash", {{.*}}"param_kinds": [16]
// PYPY-DAG: "python_name": "keyed_text", {{.*}}"param_kinds": [16, 16]
// PYPY-DAG: "python_name": "buffer_text", {{.*}}"param_kinds": [16]

// -O0 too: the cores that hand the bytes to a function of the file that
// only reads them, or to the C library's (strlen, strcmp, memchr), known by
// what C says of them where LLVM has inferred no attributes.
// O0-DAG: remark: core for 'fnv' (METH_VARARGS): unsigned long pyunbox_core_e2e_strings_fnv(const char *, Py_ssize_t)
// O0-DAG: remark: core for 'length' (METH_VARARGS): Py_ssize_t pyunbox_core_e2e_strings_length(const char *)
// O0-DAG: remark: core for 'find' (METH_VARARGS): Py_ssize_t pyunbox_core_e2e_strings_find(const char *, Py_ssize_t, int)
// JSON0-DAG: "python_name": "length", {{.*}}"memory": "none"
// JSON0-DAG: "python_name": "mode", {{.*}}"memory": "none"
// JSON0-DAG: "python_name": "count", {{.*}}"memory": "none"
// JSON0-DAG: "python_name": "text_hash", {{.*}}"param_kinds": [16]
// JSON0-DAG: "python_name": "keyed_text", {{.*}}"param_kinds": [16, 16]
// JSON0-DAG: "python_name": "buffer_text", {{.*}}"param_kinds": [16]
// JSON0-DAG: "python_name": "first", {{.*}}"memory": "none"
// JSON0-DAG: "python_name": "plain_len", {{.*}}"errors": "bail"

// The bytes are the caller's, never NULL (but None's for "z"); the wrapper is unchanged; the
// plain parse's core bails where Py_Version is missing or below 3.13.
// IR-DAG: @Py_Version = extern_weak {{.*}}constant i64
// IR-DAG: define {{.*}}i64 @pyunbox_core_e2e_strings_fnv(ptr {{.*}}nonnull{{.*}}, i64 noundef %{{.*}})
// IR-DAG: define {{.*}}i64 @pyunbox_core_e2e_strings_maybe_fnv(ptr noundef {{(readonly |captures\([a-z_]+\) )*}}%{{[0-9]+}}, i64 noundef %{{.*}})
// IR-DAG: define internal {{.*}}ptr @fnv(
// IR: define {{.*}}i64 @pyunbox_core_e2e_strings_plain_len(
// IR: icmp eq {{.*}}@Py_Version, {{.*}}null
// IR: load i64, ptr @Py_Version
// IR: icmp ugt i64 %{{.*}}, 51183615
