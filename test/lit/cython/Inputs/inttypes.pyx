# Every integer width Cython converts (its __Pyx_PyInt_As_<type> and
# __Pyx_PyLong_As_<type> templates, one per C type, plain char too), C
# types whose name says nothing of their kind (enums, which are unsigned
# int or int by their values; a header's typedefs), float and bint, and
# the exception specifications of cpdef functions (nogil, noexcept,
# except? -1, except -1 with a raise), for test/e2e/test_cython.py and the
# lit tests.
from libc.stdint cimport int8_t, uint8_t, uint16_t, int16_t, uint32_t, int32_t, uint64_t, int64_t
from posix.types cimport pid_t, uid_t

cdef enum Color:
    RED = 1
    GREEN = 2
    BLUE = 4

cdef enum Delta:
    DOWN = -1
    UP = 1

def f_uchar(unsigned char x): return x
def f_schar(signed char x): return x
def f_char(char x): return x
def f_i8(int8_t x): return x
def f_u8(uint8_t x): return x
def f_short(short x): return x
def f_ushort(unsigned short x): return x
def f_i16(int16_t x): return x
def f_u16(uint16_t x): return x
def f_i32(int32_t x): return x
def f_u32(uint32_t x): return x
def f_i64(int64_t x): return x
def f_u64(uint64_t x): return x
def f_ll(long long x): return x
def f_ull(unsigned long long x): return x
def f_ssize(Py_ssize_t x): return x
def f_size(size_t x): return x
def f_float(float x): return x
def f_bint(bint x): return x
def f_pid(pid_t x): return x
def f_uid(uid_t x): return x
def f_color(Color x): return x
def f_delta(Delta x): return x

cpdef double c_nogil(double x) nogil:
    return x * 2

cpdef double c_noexcept(double x) noexcept nogil:
    return x * 2

cpdef int c_except_q(int x) except? -1:
    # |x % 1000| < 1000: no signed overflow.
    return x % 1000 + 1

cpdef int c_except_raises(int x) except -1:
    # The error path runs: the exception is built, raised and given a
    # traceback before the caller's -1 check returns NULL; the core bails
    # where that path starts.
    if x < 0:
        raise ValueError("negative")
    return x % 1000
