# A def whose work is in another file (the lit tests' lto/helpers.c): under
# full LTO its core is made at the link.
cdef extern from *:
    """
    long mix_bits(long x);
    """
    long mix_bits(long x) nogil

def mixed(long x, long rounds=1):
    cdef long i
    for i in range(rounds):
        x = mix_bits(x)
    return x

def local(long x):
    return x * 3 + 1

# A cpdef: its def wrapper calls the C function, which calls the other file.
cpdef long via_cpdef(long y):
    return mix_bits(y)
