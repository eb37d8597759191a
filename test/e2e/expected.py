"""What pyunbox must mine from shapes.c, written down by hand.

MINED maps each Python name to (convention, return type, parameter types), in
the C spellings pyunbox-dump prints. REFUSED names functions that must get no
core, with the key of the remark that says why. Every function of shapes.c is
in exactly one of the two (a test checks).
"""

MINED = {
    "answer": ("METH_NOARGS", "long", ()),
    "answer_short": ("METH_NOARGS", "long", ()),
    # It reads its unused argument, always NULL: a fact.
    "answer_checks_arg": ("METH_NOARGS", "long", ()),
    "inc": ("METH_O", "long", ("long",)),
    "neg_ll": ("METH_O", "long long", ("long long",)),
    "ssize_twice": ("METH_O", "Py_ssize_t", ("Py_ssize_t",)),
    "ulong_half": ("METH_O", "unsigned long", ("unsigned long",)),
    "ull_xor": ("METH_O", "unsigned long long", ("unsigned long long",)),
    "int_square": ("METH_O", "long", ("int",)),
    "dbl_affine": ("METH_O", "double", ("double",)),
    "dbl_diamond": ("METH_O", "double", ("double",)),
    # A float test, then PyLong_AsDouble for an int: the same value.
    "dbl_dispatch": ("METH_O", "double", ("double",)),
    # The same, the float's value read with PyFloat_AS_DOUBLE.
    "dbl_read_dispatch": ("METH_O", "double", ("double",)),
    # PyObject_IsTrue and "p" can only ever produce 0 or 1: _Bool, not int,
    # because a core must equal its wrapper on every value of its C types.
    "truth_not": ("METH_O", "_Bool", ("_Bool",)),
    "check_long": ("METH_O", "void", ("long",)),
    "is_even": ("METH_O", "_Bool", ("long",)),
    "is_prime": ("METH_O", "_Bool", ("int",)),
    "long_identity": ("METH_O", "long", ("long",)),
    "bv_long": ("METH_O", "long", ("long",)),
    "bv_double": ("METH_O", "double", ("double",)),
    "bv_int": ("METH_O", "int", ("int",)),
    "bv_ssize": ("METH_O", "Py_ssize_t", ("Py_ssize_t",)),
    "bv_within": ("METH_O", "_Bool", ("long",)),
    # A tuple of two scalars: the core stores them through pointers.
    "pair": ("METH_VARARGS", "tuple", ("long", "long")),
    "fc_mix": ("METH_FASTCALL", "long", ("long", "long")),
    "va_add": ("METH_VARARGS", "long", ("long", "long")),
    "va_hypot2": ("METH_VARARGS", "double", ("double", "double")),
    "va_int": ("METH_VARARGS", "long", ("int",)),
    "va_longlong": ("METH_VARARGS", "long long", ("long long",)),
    "va_ull_mask": ("METH_VARARGS", "unsigned long long", ("unsigned long long",)),
    "va_ul_shift": ("METH_VARARGS", "unsigned long", ("unsigned long",)),
    "va_ssize": ("METH_VARARGS", "Py_ssize_t", ("Py_ssize_t",)),
    "va_format_variable": ("METH_VARARGS", "long", ("long", "long")),
    "va_short": ("METH_VARARGS", "long", ("short",)),
    "va_ushort": ("METH_VARARGS", "long", ("unsigned short",)),
    "va_uchar": ("METH_VARARGS", "long", ("unsigned char",)),
    "va_uint": ("METH_VARARGS", "unsigned long", ("unsigned int",)),
    "va_float": ("METH_VARARGS", "double", ("float",)),
    "va_pred": ("METH_VARARGS", "_Bool", ("_Bool",)),
    # These raise from their own code: their cores bail (errors "bail").
    "raises_negative": ("METH_O", "long", ("long",)),
    "safe_div": ("METH_VARARGS", "long", ("long", "long")),
    "to_byte": ("METH_O", "long", ("long",)),
    "m_sqrt": ("METH_O", "double", ("double",)),
    "m_log": ("METH_O", "double", ("double",)),
    "m_exp": ("METH_O", "double", ("double",)),
    # METH_VARARGS | METH_KEYWORDS: the core is the call without keywords.
    "kw_add": ("METH_VARARGS", "long", ("long", "long")),
    # Optional arguments: the core takes them all, the record their defaults.
    "kw_affine": ("METH_VARARGS", "double", ("double", "double", "long")),
    "fc_opt": ("METH_FASTCALL", "long", ("long", "long")),
    # '$': the keyword-only parameter is the core's too, passed by name only.
    "kw_scale_only": ("METH_VARARGS", "double", ("double", "double")),
    # A wrapper that tells a call by name from a positional one by its
    # tuple's size: its record takes arguments by position only (PASSING).
    "kw_tells_count": ("METH_VARARGS", "long", ("long", "long")),
    # Defined with fewer parameters than the convention passes: without the
    # tuple (any arguments, ignored), without the keywords (ignored).
    "va_self_only": ("METH_VARARGS", "long", ()),
    "kw_undeclared": ("METH_VARARGS", "long", ("long", "long")),
    # Stores before it may raise: its core raises itself (errors "pyerr").
    "remember_then_check": ("METH_O", "long", ("long",)),
    # Raises, then asks PyErr_Occurred() in a later block (pyerr).
    "raise_then_check": ("METH_O", "long", ("long",)),
    # Boxes -1 signed and an unsigned 32-bit id unsigned: one long.
    "owner_id": ("METH_O", "long", ("int",)),
    # PyLong_AsLongAndOverflow: its flag is 0 for a long (bail).
    "id_in_range": ("METH_O", "long", ("long",)),
    # PyLong_Check(arg) first: true of an int.
    "int_checked": ("METH_O", "long", ("long",)),
    # PyObject_AsFileDescriptor: a ValueError for a negative int.
    "fd_next": ("METH_O", "long", ("int",)),
    # Use the interpreter for objects of their own: pyerr cores that check
    # their results as CPython does (CPython's spelling only).
    "count_up": ("METH_O", "Py_ssize_t", ("long",)),
    "note_none": ("METH_O", "void", ("long",)),
    "null_without_raise": ("METH_O", "long", ("long",)),
    "value_with_error": ("METH_O", "_Bool", ("long",)),
    "fd_plus_len": ("METH_O", "Py_ssize_t", ("int",)),
    # A validated setter: bails where it raises, returns nothing (void).
    "set_level": ("METH_VARARGS", "void", ("int",)),
    # METH_FASTCALL arguments unboxed in a loop of constant trip count.
    "fc_dot3": ("METH_FASTCALL", "double", ("double", "double", "double")),
    # The same up to nargs, after the arity test `nargs != 3`.
    "fc_wsum3": ("METH_FASTCALL", "double", ("double", "double", "double")),
    # A loop up to nargs, which its test lets be 1 to 3: the core takes 3.
    "fc_xor_upto3": ("METH_FASTCALL", "long", ("long", "long", "long")),
    # "O" units unboxed by the wrapper after the parse (PyArg_UnpackTuple's
    # too), an omitted one's default the constant used instead.
    "obj_scale": ("METH_VARARGS", "double", ("double", "double")),
    "unpack_mul": ("METH_VARARGS", "long", ("long", "long")),
}

# Mined with the interpreter: their cores check their results as CPython does,
# which needs CPython's spelling of the C API (no core on PyPy).
INTERP = {"count_up", "note_none", "null_without_raise", "value_with_error",
          "fd_plus_len"}

# Memory effects other than the pyerr cores' "write": the module's state.
MEMORY = {"set_level": "write"}

# Parameter names the records must carry (the rest are positional-only: None).
NAMES = {"kw_add": ["a", "b"], "kw_affine": ["x", "scale", "shift"], "obj_scale": ["x", "scale"],
         "kw_scale_only": ["x", "scale"], "kw_tells_count": ["a", "b"]}

# How the records pass each parameter where it is not "positional-or-keyword"
# for a named one and "positional-only" for the rest.
PASSING = {"kw_scale_only": ["positional-or-keyword", "keyword-only"],
           "kw_tells_count": ["positional-only", "positional-only"]}

# Parameter defaults the records must carry (None: required), for the
# functions with optional parameters.
DEFAULTS = {"kw_affine": [None, 2.0, 1], "fc_opt": [None, 10], "obj_scale": [None, 2.5],
            "unpack_mul": [None, 10], "kw_scale_only": [None, 2.0]}

# Optional parameters without a default the record can state (calls that
# omit them take the wrapper); the rest are optional where they have one.
OPTIONAL = {"fc_xor_upto3": [False, True, True], "kw_tells_count": [False, True]}

# Cores that raise themselves, with the GIL held (CPython's convention).
PYERR = {"remember_then_check", "raise_then_check"} | INTERP

# Cores only a result check (CPython's spelling) makes: without it the pass
# cannot prove raise_then_check returns no value after a raise.
CPYTHON_ONLY = INTERP | {"raise_then_check"}

# The mined functions whose cores bail where the wrapper raises.
BAILS = {"raises_negative", "safe_div", "to_byte", "m_sqrt", "m_log", "m_exp",
         "id_in_range", "fd_next", "set_level"}

# name -> (the key of its -Rpass-missed remark, why it gets no core)
REFUSED = {
    # Its entry names swap_before, PyInit puts swap_after in its place: a core
    # of either could be bound to the wrong function (PyPy cannot ask which).
    "swapped_entry": ("TableRewritten", "PyInit stores another function into its table"),
    "uses_self": ("UsesSelf", "reads self"),
    "identity": ("ArgumentNotUnboxed", "returns its argument object"),
    "repr_of": ("ArgumentNotUnboxed", "calls PyObject_Repr"),
    "str_len": ("UnsupportedFormat", "format code es is a copy the wrapper frees"),
    "unbox_and_hash": ("ArgumentEscapes", "passes the unboxed object to PyObject_Hash"),
    "dbl_int_differs": ("IntCheckOfNonInt", "its int branch gives another value than its float's"),
    "kw_tells_keywords": ("ArgumentEscapes", "reads its keywords dict, NULL or {} without keywords"),
}

# How many positional arguments each function takes, for the wrapper tests.
ARITY = {name: len(params) for name, (_, _, params) in MINED.items()}
ARITY.update(uses_self=1, identity=1, repr_of=1, pair=2,
             str_len=1, unbox_and_hash=1, dbl_int_differs=1, kw_tells_keywords=2,
             swapped_entry=1)

ALL = sorted(ARITY)
