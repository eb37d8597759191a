// The module of Inputs/headers/api.c against CPython 3.15's headers
// (Debian's libpython3.15-dev, which scripts/python_headers.py fetches):
// the cores 3.11's headers give (python3.11.c), and those of 3.14's
// fixed-width boxers (PyLong_FromInt32 ...). A compile only: the interpreter does not run on bookworm.
// REQUIRES: python3.15-headers
// As C++ too: the headers' static inline functions (3.13's PyFloat_AS_DOUBLE
// among them, a macro before) then have mangled names.
// RUN: %clang -O0 -fwrapv -I%headers315 -fpass-plugin=%plugin %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,API314,PLAIN --implicit-check-not=remark:
// RUN: %clang -O2 -fwrapv -I%headers315 -fpass-plugin=%plugin %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,API314,PLAIN --implicit-check-not=remark:
// RUN: %clang -x c++ -w -O2 -fwrapv -I%headers315 -fpass-plugin=%plugin %remarks -c %inputs/headers/api.c -o /dev/null 2>&1 | FileCheck %inputs/headers/api.c --check-prefixes=CHECK,API314,PLAIN --implicit-check-not=remark:
