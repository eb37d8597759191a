# Functions of a `bytes` argument (test/e2e/test_cython.py): Cython reads it
# by hand, after its type test (which lets None through), with
# PyBytes_AS_STRING and PyBytes_GET_SIZE (docs/PASS.md, "String parameters").

def blen(bytes data):
    return len(data)


def bsum(bytes data):
    cdef const unsigned char* p = data
    cdef unsigned long x = 0
    cdef Py_ssize_t i
    for i in range(len(data)):
        x = x * 31 + p[i]
    return x


def bseeded(bytes data not None, unsigned long seed=0):
    cdef const unsigned char* p = data
    cdef unsigned long x = seed ^ 16777619
    cdef Py_ssize_t i
    for i in range(len(data)):
        x = (x ^ p[i]) * 16777619
    return x


def ccount(const char* s, char c):
    # A `const char *` argument: __Pyx_PyObject_AsString, which tests
    # PyByteArray_Check (false of a bytes), then PyBytes_AsStringAndSize into
    # a length it ignores: a BYTES parameter, read up to its NUL.
    cdef long n = 0
    cdef long i = 0
    while s[i]:
        n += s[i] == c
        i += 1
    return n
