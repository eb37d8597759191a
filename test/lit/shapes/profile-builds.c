// Builds that profile or map coverage get the plain build's cores (the
// module of Inputs/headers/api.c, with 3.11's headers here).
// -fprofile-instr-generate and -fcoverage-mapping bump a counter
// (llvm.instrprof.increment) in every block of every function, before
// pyunbox mines; a bump in a float fast path's block, on one of a
// dispatch's two ways or before a raise was taken for the program's own
// work (no float fast path, no dispatch, "raises itself"). Drafts leave such
// annotations out (ToolAnnotations.h), as they do debug records.
// -fpseudo-probe-for-profiling and -funique-internal-linkage-names give a C
// file's static functions mangled names with a clone suffix
// (_ZL10_Py_NewRefP7_object.__uniq.1489...), the C API's inline helpers
// included: they are still known by their names.
// RUN: %clang_pyunbox -O0 -fwrapv -fprofile-instr-generate %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,SIZET --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-instr-generate %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,SIZET --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-instr-generate -fcoverage-mapping %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,SIZET --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-generate %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,SIZET --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -fpseudo-probe-for-profiling %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,SIZET --implicit-check-not=remark:
// RUN: %clang_pyunbox -O0 -fwrapv -funique-internal-linkage-names %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,SIZET --implicit-check-not=remark:
// RUN: %clang_pyunbox -O2 -fwrapv -funique-internal-linkage-names %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,SIZET --implicit-check-not=remark:
//
// The core bumps no counter: its wrapper counts the calls it runs.
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-instr-generate -S -emit-llvm %inputs/headers/api.c -o - | FileCheck %s --check-prefix=IR
//
// -fprofile-generate instruments each function after pyunbox, the cores
// too: the counters they bump are no memory effect (docs/FORMAT.md).
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-generate -c %inputs/headers/api.c -o %t.o
// RUN: %dump --json %t.o | FileCheck %s --check-prefix=RECORD
// RUN: %clang_pyunbox -O2 -fwrapv -fprofile-generate -fprofile-update=atomic -c %inputs/headers/api.c -o %t.atomic.o
// RUN: %dump --json %t.atomic.o | FileCheck %s --check-prefix=RECORD

// RECORD-DAG: "python_name": "square",{{.*}}"memory": "none", "errors": "none"
// RECORD-DAG: "python_name": "checked_div",{{.*}}"memory": "none", "errors": "bail"

// IR-LABEL: define {{.*}}@pyunbox_core_api_square(
// IR-NOT: __profc_
// IR: ret double
