def lscale(long x, long k=3):
    return x * k
def flip(double x, bint neg=False):
    return -x if neg else x
