# Parameter names as Cython 3 keeps them: with defaults, for a cpdef, past
# the core's parameters (keyword-only ones), without the positional-only ones
# (left out of the names array), in UTF-8, and five of them (an array clang
# initializes element by element rather than by a copy).
def add(long a, long b):
    return a + b

def scale(double x, double k=2.0):
    return x * k

cpdef long cadd(long x, long y=3):
    return x + y

def kwonly(long x, long y=3, *, long z=4):
    return x + y * z

def posonly(long a, long b, /, long c=1):
    return a * 3 + b - c

def flip(double x, bint neg=False):
    return -x if neg else x

def accents(long über, long é=1):
    return über - é

def five(long a, long b, long c, long d, long e=0):
    return a + b + c + d + e
