def inc(long x):
    return x + 1

def half(double x):
    return x / 2

def add(long a, long b):
    return a + b

cpdef int square(int x):
    # |x % 46341| < 46341, so the square fits an int: no signed overflow
    # (undefined behaviour, which two compilations may resolve differently).
    return (x % 46341) * (x % 46341)

def is_pos(long x):
    return x > 0

def flag(bint b):
    return not b

def uns(unsigned long x):
    return x * 2

def add3(long a, long b, long c):
    return a + b - c

def scale(double x, double k=2.0):
    return x * k

def pick(int a, bint neg):
    return -a if neg else a

cpdef unsigned int umix(unsigned int a, unsigned int b):
    return (a ^ b) >> 1

def lscale(long x, long k=3):
    return x * k

def iclamp(int x, int hi=10):
    return x if x < hi else hi

def flip(double x, bint neg=False):
    return -x if neg else x

def power(double x, double y):
    # Cython 3: cpow of the two as complex numbers, a float where the power
    # is real and a complex where it is not (the core bails there); 0.29:
    # pow().
    return x ** y

def root(double x):
    return x ** 0.5

cpdef ushift(unsigned long n, unsigned long k):
    # A cpdef without a return type: its C function returns the object it
    # boxes, NULL where boxing fails, which its wrapper tests before
    # returning it (FactPropagation: a phi of the box and that NULL).
    return (n ^ k) >> 3

cpdef midpoint(double a, double b):
    return (a + b) / 2

def triple(unsigned int x) -> int:
    # A return annotation: Cython 3 tests the box for an exact int
    # (__Pyx_PyInt_FromNumber, else PyNumber_Long), which a box the core
    # makes always is (ReturnNetwork.cpp's noteBoxTypeTests).
    return x * 3

def floor_divmod(long a, long b):
    # A tuple of two boxes made item by item (PyTuple_New, then
    # PyTuple_SET_ITEM: analysis/AssembledTuples.cpp). b == 0 raises
    # ZeroDivisionError: the core bails there.
    return a // b, a % b

cpdef (double, double) sum_diff(double a, double b):
    # A C tuple: its conversion to a Python tuple boxes each item.
    return (a + b, a - b)

def ordered(long a, long b):
    # Two tuples, one returned: a phi of them.
    return (a, b) if a <= b else (b, a)

def sign_split(long x):
    # A bint item: True or False chosen (__Pyx_PyBool_FromLong), an object
    # the core makes, whose _Bool is the item.
    return x < 0, x // 2

def compare(double a, double b):
    return a < b, a == b, a + b
