# A fused def: Cython makes a wrapper per specialization (__pyx_fuse_0twice,
# __pyx_fuse_1twice), each with its core, and a dispatcher, the module's
# `twice`, which picks one by the arguments' types.
from cython cimport floating

def twice(floating x):
    return x * 2

def plain(double x):
    return x * 2
