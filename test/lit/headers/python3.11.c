// The module of Inputs/headers/api.c against bookworm's CPython 3.11 headers,
// the ones every other test uses: the cores the newer releases' tests
// (python3.13.c, python3.14.c, python3.15.c) expect too.
// As C++ too: the headers' static inline functions (3.13's PyFloat_AS_DOUBLE
// among them, a macro before) then have mangled names.
// RUN: %clang -O0 -fwrapv -I%pyinc -fpass-plugin=%plugin %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,SIZET --implicit-check-not=remark:
// RUN: %clang -O2 -fwrapv -I%pyinc -fpass-plugin=%plugin %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,SIZET --implicit-check-not=remark:
// RUN: %clang -x c++ -w -O2 -fwrapv -I%pyinc -fpass-plugin=%plugin %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,SIZET --implicit-check-not=remark:
