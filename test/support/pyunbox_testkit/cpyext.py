"""What PyPy's cpyext makes of a Python object that no function of the
arguments can be compared on."""
import array


def sure_of_readonly(value):
    """Whether cpyext fills a view of `value` with the same `readonly` on
    every call: an exact bytes (PyPy fills its view itself) or an object that
    is no buffer (a str's view is its UTF-8 bytes'). A bytearray's is 1 or 0
    from one call to the next (54 and 6 of 60 calls, 2026-12-06, on a build
    without the plugin), and so was a memoryview of bytes' (the CI runs of
    3e9a5c3 and a50d6f0): a wrapper that reads it gives no outcome to
    compare on such an argument."""
    return type(value) is bytes or not isinstance(value, (bytes, bytearray, memoryview, array.array))
