def negate(bint b):
    return not b
