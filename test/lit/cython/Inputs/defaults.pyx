def scale(double x, double k=2.0):
    return x * k
