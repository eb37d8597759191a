def mix(long a, long b):
    return a * 3 + b
