// PyArg_ParseTuple's "y*" and "s*" fill a Py_buffer, whose buf and len the
// wrapper reads before PyBuffer_Release gives the view back: for an exact
// bytes (or a str) those are what "y#" ("s#") gives, so the core takes the
// same two C parameters, records kind BYTES_SIZE (UTF8_SIZE) with
// PYUNBOX_PARAM_ANY_BUFFER (the wrapper takes any bytes-like object), and
// neither the release nor the GIL's around the work is in it (docs/FORMAT.md,
// "String kinds"). Argument Clinic's Py_buffer parameter is the same unit:
// PyObject_GetBuffer(args[k], &view, PyBUF_SIMPLE), which succeeds for a
// bytes, PyBuffer_IsContiguous (true), and `if (view.obj)
// PyBuffer_Release(&view);` at its exit. Some other fields of a bytes' view
// are constants (one dimension of one-byte items, read-only, no suboffsets).
// A view read for its owner or its format (which CPython and PyPy fill
// differently), handed to a function or writable ("w*", PyBUF_WRITABLE) is
// refused, as is "z*" (refusals/format-code-string.c).
// The module is test/e2e/buffers.c, whose cores test_buffers.py compares
// with their wrappers.
// RUN: %clang_pyunbox -O2 -fPIC %remarks -c %S/../../e2e/buffers.c -o %t2.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %dump %t2.o | FileCheck %s --check-prefix=TABLE
// RUN: %dump --json %t2.o | FileCheck %s --check-prefix=JSON
// RUN: %clang_pyunbox -O0 -fPIC %remarks -c %S/../../e2e/buffers.c -o %t0.o 2>&1 | FileCheck %s --check-prefix=REMARK --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -S -emit-llvm %S/../../e2e/buffers.c -o - | FileCheck %s --check-prefix=IR

// REMARK-DAG: remark: core for 'crc' (METH_VARARGS): unsigned long pyunbox_core_e2e_buffers_crc(const char *, Py_ssize_t, unsigned int)
// REMARK-DAG: remark: core for 'digest' (METH_VARARGS): long pyunbox_core_e2e_buffers_digest(const char *, Py_ssize_t, long long, _Bool, int *); bails where the wrapper raises
// REMARK-DAG: remark: core for 'weight' (METH_VARARGS): long pyunbox_core_e2e_buffers_weight(const char *, Py_ssize_t, int *); bails where the wrapper raises
// REMARK-DAG: remark: core for 'count' (METH_FASTCALL): Py_ssize_t pyunbox_core_e2e_buffers_count(const char *, Py_ssize_t, int)
// REMARK-DAG: remark: core for 'is_readonly' (METH_VARARGS): _Bool pyunbox_core_e2e_buffers_is_readonly(const char *, Py_ssize_t)
// REMARK-DAG: remark: core for 'layout' (METH_FASTCALL): long pyunbox_core_e2e_buffers_layout(const char *, Py_ssize_t, int *); bails where the wrapper raises
// REMARK-DAG: remark: no core for 'owner_refs': '_PyArg_ParseTuple_SizeT' format "s*" has a Py_buffer unit for argument 1, whose view is read at offset 8 (obj), which holds neither its buf, its len nor a constant of a bytes' view
// REMARK-DAG: remark: no core for 'item_format': 'PyObject_GetBuffer' of argument 1 fills a view that is read at offset 40 (format), which holds neither its buf, its len nor a constant of a bytes' view
// REMARK-DAG: remark: core for 'contiguous' (METH_VARARGS): _Bool pyunbox_core_e2e_buffers_contiguous(const char *, Py_ssize_t)
// REMARK-DAG: remark: core for 'object_view' (METH_VARARGS): long pyunbox_core_e2e_buffers_object_view(const char *, Py_ssize_t, long)
// REMARK-DAG: remark: no core for 'odd_order': 'PyObject_GetBuffer' of argument 1 fills a view that has its address taken for more than its filling and its release (a call of 'PyBuffer_IsContiguous')
// REMARK-DAG: remark: no core for 'stash': '_PyArg_ParseTuple_SizeT' format "y*" has a Py_buffer unit for argument 1, whose view has its address taken for more than its filling and its release ('store')
// REMARK-DAG: remark: core for 'scaled_sum' (METH_FASTCALL): long pyunbox_core_e2e_buffers_scaled_sum(const char *, Py_ssize_t, int)
// REMARK-DAG: remark: no core for 'zero_fill': 'PyObject_GetBuffer' of argument 1 asks for a writable view, which a bytes does not give
// REMARK-DAG: remark: no core for 'fill': '_PyArg_ParseTuple_SizeT' format "w*i" has code 'w*', which fills a view of a writable buffer, which the wrapper may write through

// TABLE-DAG: e2e_buffers.crc {{.*}} none none (data: any buffer, value=0)
// TABLE-DAG: e2e_buffers.digest {{.*}} none bail (key: any buffer, seed=0, signed=true)
// TABLE-DAG: e2e_buffers.count {{.*}} none none (_0: any buffer, _1, /)
// TABLE-DAG: e2e_buffers.scaled_sum {{.*}} none none (_0: any buffer, _1, /)
// JSON-DAG: "python_name": "crc", {{.*}}"param_kinds": [18, 6], "param_any_buffer": [true, false]
// JSON-DAG: "python_name": "digest", {{.*}}"param_kinds": [16, 9, 1]

// The wrapper is unchanged; the core has neither the view's release nor the
// GIL's.
// IR-DAG: define internal {{.*}}ptr @crc(
// IR-DAG: call {{.*}}@PyBuffer_Release(
// IR: define {{.*}}i64 @pyunbox_core_e2e_buffers_crc(ptr {{.*}}nonnull{{.*}}, i64 noundef %{{.*}}, i32 noundef %{{.*}})
// IR-NOT: call {{.*}}@Py
// IR: ret i64
