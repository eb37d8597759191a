"""Objects a caller may pass where a C scalar is expected: __index__,
__float__ and __bool__ implementations (some raising) and subclasses of int
and float. No hypothesis here, so PyPy's tests can import it too."""


class Index:
    def __index__(self):
        return 5


class HugeIndex:
    def __index__(self):
        return 1 << 70


class FloatLike:
    def __float__(self):
        return 2.5


class BadIndex:
    def __index__(self):
        raise RuntimeError("BadIndex.__index__")


class BadFloat:
    def __float__(self):
        raise RuntimeError("BadFloat.__float__")


class BadBool:
    def __bool__(self):
        raise RuntimeError("BadBool.__bool__")


class IntSub(int):
    pass


class FloatSub(float):
    pass
