cpdef unsigned int umix(unsigned int a, unsigned int b):
    return (a ^ b) >> 1
