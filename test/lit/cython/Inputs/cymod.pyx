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
