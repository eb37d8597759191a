"""Random CPython extension modules for the pyunbox fuzzer (Csmith in spirit).

    /usr/bin/python3 test/fuzz/gen.py SEED [OUT.c]     # prints the C if no OUT

A module is a list of wrapper functions drawn from the shape space in
shapes.py: a calling convention and its parser or unboxers, a body of random
UB-free arithmetic (exprs.py) with branches, loops, helpers, libm/libc calls
and static state, an error path, and a boxer; plus near misses that pyunbox
must refuse. The same seed gives the same module, byte for byte.

generate() returns a manifest (a dict, JSON-serializable) that says, for
every function, its shape (the coverage axes), its Python parameters and
whether it must be refused; render() turns a manifest into C. The reducer
edits manifests (drops functions, lines) and renders them again.
"""
import json
import random
import re
import sys

from exprs import ExprGen, Scope, spelling, support_text
from shapes import (BOXERS, BUFFER_UNITS, BUILDVALUE_CODES, BYTES_USES, CONVENTIONS, CTYPES,
                    FLOAT_OR_INT, FLOAT_OR_INT_READ, HAND_BYTES, HAND_BYTES_CHECKS, ITEM_BOXERS, OR_STR_WAYS, NEAR_MISSES, NONE_UNITS, PARSE_CODES, STRING_UNITS,
                    UNBOXERS, sized)

# Static module state: read and written by the functions, observed by the
# harness through _state() and restored through _set_state().
STATE = {"fz_st_l": "long", "fz_st_d": "double", "fz_st_u": "ulong", "fz_st_i": "int"}
STATE_FORMAT = "ldki"  # Py_BuildValue/PyArg_ParseTuple codes, in STATE's order

# The C type a parameter is computed in: narrow types widen to int.
WORK_OF = {"uchar": "int", "short": "int", "ushort": "int", "int": "int", "uint": "uint",
           "long": "long", "ulong": "ulong", "llong": "llong", "ullong": "ullong",
           "ssize": "ssize", "size": "size", "float": "double", "double": "double"}


def py_kind(ctype, boolean=False):
    """How the harness passes a value of this parameter from Python (a
    string unit's is "string": its "unit" and record "kind" say which)."""
    if boolean:
        return "bool"
    return "float" if CTYPES[ctype].is_float else "int"


def c_literal(data):
    """A C string literal of these bytes (octal escapes of three digits: a
    digit after one is not read into it)."""
    return '"' + "".join(chr(b) if 32 <= b < 127 and chr(b) not in '"\\?' else f"\\{b:03o}"
                         for b in data) + '"'


# An optional string unit's default: a literal the variable points to before
# the parse (no default in the record: a call that omits it takes the wrapper),
# or for "z" and "z#" also NULL (and a length of 0): the record's default,
# None's (PARAM_DEFAULT with PARAM_NONE_IS_NULL).
STRING_DEFAULTS = [b"", b"dflt", "\u00e9t\u00e9".encode(), b"a\0b"]
NULL = "NULL"


class FunctionGen:
    """One wrapper function. Builds its C text line by line (self.lines) and
    its manifest entry."""

    def __init__(self, rng, index, helpers):
        self.rng = rng
        self.name = f"f{index}"
        self.cname = f"fz_{self.name}"
        self.support = set()
        self.features = set()
        self.helpers = helpers  # pure helpers of the module: (name, params, ret)
        self.exprs = ExprGen(rng, self.support, self.features, helpers, STATE)
        self.lines = []
        self.params = []        # manifest: {"name", "py", "ctype"} (strings: "unit", "kind")
        self.derived = []       # scalars computed from strings' bytes, as params
        self.allow_strings = False  # string units in formats (not in near misses)
        self.views = []         # the Py_buffer variables of "y*"/"s*" units
        self.release_from = None  # lines from here leave the wrapper with them filled
        self.scope = Scope()
        self.nlocals = 0
        self.shape = {}

    # -- small utilities ---------------------------------------------------------
    def emit(self, line, indent=1):
        self.lines.append("    " * indent + line)

    def local(self, t, init, indent=1):
        name = f"v{self.nlocals}"
        self.nlocals += 1
        self.emit(f"{spelling(t)} {name} = {init};", indent)
        self.scope.add_local(name, t)
        return name

    def raise_and_return(self, exc, message, indent=1):
        self.emit(f"PyErr_SetString(PyExc_{exc}, \"{self.name}: {message}\");", indent)
        self.emit("return NULL;", indent)

    def add_param(self, ctype, boolean=False, optional_default=None):
        name = f"a{len(self.params)}"
        self.params.append({"name": name, "py": py_kind(ctype, boolean), "ctype": ctype,
                            "optional": optional_default is not None})
        self.scope.add_local(name, ctype)  # every parameter reaches the result
        return name

    def add_string_param(self, unit, optional_default=None):
        """A string unit's parameter: `const char *aK` (and `Py_ssize_t aK_len`
        for '#'), which reaches the result through use_bytes()."""
        name = f"a{len(self.params)}"
        self.params.append({"name": name, "py": "string", "unit": unit,
                            "kind": STRING_UNITS.get(unit) or HAND_BYTES[unit], "ctype": None,
                            "optional": optional_default is not None,
                            "default_none": optional_default is NULL})
        return name

    def declare_string(self, var, unit, default=None):
        """The outputs of a string unit, pointing at `default` (bytes) before
        the parse where it is optional; their addresses for the parser. A
        buffer unit's is a `Py_buffer aK_view` (read_views() gives aK and
        aK_len after the parse); it is never optional (below)."""
        if unit in BUFFER_UNITS:
            assert default is None
            self.emit(f"Py_buffer {var}_view;")
            self.views.append(var)
            return f"&{var}_view"
        with_len = unit.endswith("#")
        before = NULL if default is NULL else c_literal(default) if default is not None else None
        self.emit(f"const char *{var}" + (f" = {before};" if before else ";"))
        if with_len:
            self.emit(f"Py_ssize_t {var}_len" + (f" = {len(default) if default is not NULL else 0};"
                                                 if default is not None else ";"))
        return f"&{var}, &{var}_len" if with_len else f"&{var}"

    def pick_code(self, optional=False):
        """A unit of a format. "y*" and "s*" only where required: an omitted
        one leaves its view unfilled (CPython does not touch it), and nothing
        the pass lets a wrapper read tells it so (a view's obj is refused)."""
        if self.allow_strings and self.rng.random() < 0.18:
            return self.rng.choice(sorted(u for u in STRING_UNITS
                                          if not (optional and u in BUFFER_UNITS)))
        return self.rng.choice(sorted(PARSE_CODES))

    def read_views(self):
        """After a successful parse: the bytes and length of each view, as
        "y#" gives them, so that use_bytes() reads them alike; from here on
        every return releases the views (release_views()). The length may
        be spelt with the view's other fields, constants of a bytes' view
        (one dimension of one-byte items, read-only, no suboffsets) that
        another buffer's wrapper call may read differently."""
        for var in self.views:
            v = f"{var}_view"
            length = self.rng.choice([f"{v}.len", f"{v}.len", f"{v}.len * {v}.itemsize",
                                      f"{v}.len + {v}.ndim - 1", f"({v}.readonly ? {v}.len : 0)",
                                      f"({v}.suboffsets == NULL ? {v}.len : -1)"])
            self.emit(f"const char *{var} = {v}.buf;")
            self.emit(f"Py_ssize_t {var}_len = {length};")
            if ".readonly" in length:  # check_module.wrapper_pool says why
                next(p for p in self.params if p["name"] == var)["reads_readonly"] = True
        self.release_from = len(self.lines) if self.views else None

    def release_views(self):
        """PyBuffer_Release of every view before each return after the parse
        (raises and results alike). A return that boxes a value does it
        before the release or after, into a variable; a return under a
        braceless if gets braces."""
        if self.release_from is None:
            return
        # A view's bytes or length nothing reads (a use that needs only the
        # length) is not read from it (-Wunused-variable).
        after = "\n".join(self.lines[self.release_from:])
        for k in range(self.release_from - 1, self.release_from - 1 - 2 * len(self.views), -1):
            name = self.lines[k].split(" = ")[0].split()[-1].lstrip("*")
            if not re.search(rf"\b{name}\b", after):
                del self.lines[k]
                self.release_from -= 1
        out = self.lines[:self.release_from]
        nret = 0
        for line in self.lines[self.release_from:]:
            body = line.strip()
            ind = line[:len(line) - len(line.lstrip())]
            is_return = body.startswith("return ") or body in (
                "Py_RETURN_NONE;", "Py_RETURN_TRUE;", "Py_RETURN_FALSE;")
            if not is_return:
                out.append(line)
                continue
            releases = [f"{ind}PyBuffer_Release(&{v}_view);" for v in self.views]
            expr = body[len("return "):-1] if body.startswith("return ") else None
            if expr and "(" in expr and self.rng.random() < 0.5:
                r = f"fz_ret{nret}"
                nret += 1
                new = [f"{ind}PyObject *{r} = {expr};"] + releases + [f"{ind}return {r};"]
            else:
                new = releases + [line]
            prev = out[-1].strip() if out else ""
            if re.match(r"(if|for|while|else)\b", prev) and not prev.endswith(("{", ";", "}")):
                head = out[-1]
                out[-1] = head + " {"
                new.append(head[:len(head) - len(head.lstrip())] + "}")
            out += new
        self.lines = out

    def use_strings(self):
        for p in self.params:
            if p["py"] == "string":
                for _ in range(2 if self.rng.random() < 0.15 else 1):
                    self.use_bytes(p)

    def use_bytes(self, p):
        """A scalar computed from a string parameter's bytes: a new local,
        unread, so it reaches the result; error paths may test it."""
        var, n = p["name"], f"{p['name']}_len"
        is_sized = sized(p["unit"])
        use = self.rng.choice(BYTES_USES[is_sized])
        self.shape.setdefault("bytes", []).append(use)
        r = f"v{self.nlocals}"
        i = f"i{self.nlocals}"
        self.nlocals += 1
        if p["unit"] in NONE_UNITS:
            # None's NULL (its length is 0) reads as other bytes than "".
            self.emit(f"const char *{r}_p = {var} != NULL ? {var} : \"~\";")
            var = f"{r}_p"
            if is_sized:
                self.emit(f"Py_ssize_t {r}_n = {p['name']} != NULL ? {n} : 1;")
                n = f"{r}_n"
        more = f"{i} < {n}" if is_sized else f"{var}[{i}] != '\\0'"
        loop = f"for (Py_ssize_t {i} = 0; {more}; {i}++)"
        byte = self.rng.choice([0x61, 0x20, 0xc3, 0xff, 0x78])
        lit = self.rng.choice([b"", b"a", b"ab", b"hello", "\u00e9".encode()])
        if use == "len":
            t = "ssize"
            if is_sized:
                self.emit(f"Py_ssize_t {r} = {n};")
            else:
                self.features.add("loop")
                self.emit(f"Py_ssize_t {r} = 0;")
                self.emit(f"while ({var}[{r}] != '\\0')")
                self.emit(f"{r}++;", 2)
        elif use == "strlen":
            t = "ssize"
            self.features.add("libc")
            self.emit(f"Py_ssize_t {r} = (Py_ssize_t)strlen({var});")
        elif use == "first":
            t = "int"
            first = f"(unsigned char){var}[0]"
            self.emit(f"int {r} = " + (f"{n} > 0 ? {first} : -1;" if is_sized else f"{first};"))
        elif use in ("sum", "hash"):
            t = "ulong"
            self.features.add("loop")
            if use == "sum":
                self.emit(f"unsigned long {r} = {self.rng.choice(['0', '7', '1000003'])}UL;")
                step = f"{r} = {r} * 31u + (unsigned char){{b}};"
            else:  # FNV-1a: any change of content or length changes it
                self.emit(f"unsigned long {r} = 1469598103934665603UL;")
                step = f"{r} = ({r} ^ (unsigned char){{b}}) * 1099511628211UL;"
            if not is_sized and self.rng.random() < 0.5:
                # a pointer of the core's own that walks the bytes
                q = f"q{self.nlocals}"
                self.emit(f"for (const char *{q} = {var}; *{q} != '\\0'; {q}++)")
                self.emit(step.format(b=f"*{q}"), 2)
            else:
                self.emit(loop)
                self.emit(step.format(b=f"{var}[{i}]"), 2)
        elif use == "count":
            t = "long"
            self.features.add("loop")
            self.emit(f"long {r} = 0;")
            self.emit(loop)
            self.emit(f"{r} += (unsigned char){var}[{i}] == {byte};", 2)
        elif use in ("memchr", "strchr"):
            # The C library's searches, whose result points into the bytes
            # and is used as an offset: where one is, or (_loop) how many,
            # each search from the last's result.
            t = "ssize"
            self.features.add("libc")
            variant = self.rng.choice(["", "", "_loop"] + ([] if is_sized else ["_last", "_sub"]))
            self.shape["bytes"][-1] = use + variant
            if variant == "_loop":
                if is_sized:
                    first = f"memchr({var}, {byte}, (size_t){n})"
                    step = f"memchr({r}_at + 1, {byte}, (size_t)({n} - ({r}_at + 1 - {var})))"
                else:
                    first, step = f"strchr({var}, {byte})", f"strchr({r}_at + 1, {byte})"
                self.emit(f"Py_ssize_t {r} = 0;")
                # (no byte is 0, which strchr would find at the NUL)
                self.emit(f"for (const char *{r}_at = {first}; {r}_at != NULL; {r}_at = {step})")
                self.emit(f"{r}++;", 2)
            else:
                call = (f"memchr({var}, {byte}, (size_t){n})" if is_sized else
                        f"strrchr({var}, {byte})" if variant == "_last" else
                        f"strstr({var}, {c_literal(lit)})" if variant == "_sub" else f"strchr({var}, {byte})")
                self.emit(f"const char *{r}_at = {call};")
                self.emit(f"Py_ssize_t {r} = {r}_at != NULL ? {r}_at - {var} : -1;")
        elif use == "memcmp":
            t = "int"
            self.features.add("libc")
            self.emit(f"int {r} = {n} >= {len(lit)} && memcmp({var}, {c_literal(lit)}, {len(lit)}) == 0;")
        elif use == "strcmp":
            t = "int"
            self.features.add("libc")
            # Its sign only: libc's and LLVM's folded strcmp differ in magnitude.
            self.emit(f"int {r}_cmp = strcmp({var}, {c_literal(lit)});")
            self.emit(f"int {r} = ({r}_cmp > 0) - ({r}_cmp < 0);")
        elif use == "ctype":
            t = "long"
            self.features.add("libc")
            self.features.add("loop")
            self.emit(f"long {r} = 0;")
            self.emit(loop)
            b = f"(unsigned char){var}[{i}]"
            self.emit(f"{r} = {r} * 3 + (isalpha({b}) != 0) + (toupper({b}) & 7);", 2)
        elif use == "parse":
            # A number read from the text: atoi (which -O2 makes a strtol) or
            # strtol given no end pointer, in base 0 (a prefix), 10 or 16.
            t = "long"
            self.features.add("libc")
            variant = self.rng.choice(["_atoi", "_0", "_10", "_16"])
            self.shape["bytes"][-1] = use + variant
            call = f"atoi({var})" if variant == "_atoi" else f"strtol({var}, NULL, {variant[1:]})"
            self.emit(f"long {r} = {call};")
        elif use == "strncpy":
            t = "ulong"
            self.features.add("libc")
            self.emit(f"char {r}_head[8];")
            self.emit(f"strncpy({r}_head, {var}, sizeof {r}_head - 1);")
            self.emit(f"{r}_head[sizeof {r}_head - 1] = '\\0';")
            self.emit(f"unsigned long {r} = 1469598103934665603UL;")
            self.emit(f"for (size_t {i} = 0; {i} < sizeof {r}_head; {i}++)")
            self.emit(f"{r} = ({r} ^ (unsigned char){r}_head[{i}]) * 1099511628211UL;", 2)
        elif use == "skip":
            # A static function of the module that returns a pointer into
            # the bytes (a scanner's skip), its result used as an offset, or
            # (_loop) as where the next skip starts.
            t = "ssize"
            self.features.add("helper")
            variant = self.rng.choice(["", "_loop"])
            self.shape["bytes"][-1] = use + variant
            fn, end = ("fz_bytes_skip", f", {var} + {n}") if is_sized else ("fz_cstr_skip", "")
            if variant == "_loop":
                # How many runs of the byte: each skip starts one past the
                # end of the last run.
                bound = f"{r}_at < {var} + {n}" if is_sized else f"*{r}_at != '\\0'"
                self.emit(f"Py_ssize_t {r} = 0;")
                self.emit(f"for (const char *{r}_at = {var}; {bound}; {r}_at++) {{")
                self.emit(f"const char *{r}_end = {fn}({r}_at{end}, {byte});", 2)
                self.emit(f"if ({r}_end != {r}_at) {{ {r}++; {r}_at = {r}_end - 1; }}", 2)
                self.emit("}")
            else:
                self.emit(f"Py_ssize_t {r} = {fn}({var}{end}, {byte}) - {var};")
        else:  # helper, helper_ni: a static function that only reads the bytes
            t = "ulong"
            self.features.add("helper")
            fn = ("fz_bytes_sum" if use == "helper" else "fz_bytes_fnv") if is_sized else \
                ("fz_cstr_sum" if use == "helper" else "fz_cstr_fnv")
            self.emit(f"unsigned long {r} = {fn}({var}" + (f", {n});" if is_sized else ");"))
        self.scope.add_local(r, t)
        self.derived.append({"name": r, "py": "int", "ctype": t, "of": var, "unit": p["unit"]})

    # -- unboxing, by convention -------------------------------------------------
    def unbox_with(self, unboxer_name, obj, var, indent=1, declare=True):
        u = UNBOXERS[unboxer_name]
        decl = f"{spelling(u.ctype)} " if declare else ""
        if u.call in (FLOAT_OR_INT, FLOAT_OR_INT_READ):
            read = "PyFloat_AS_DOUBLE" if u.call == FLOAT_OR_INT_READ else "PyFloat_AsDouble"
            self.emit(f"{decl}{var};", indent) if declare else None
            self.emit(f"if (PyFloat_Check({obj}))", indent)
            self.emit(f"{var} = {read}({obj});", indent + 1)
            self.emit(f"else if (PyLong_Check({obj})) {{", indent)
            self.emit(f"{var} = PyLong_AsDouble({obj});", indent + 1)
            self.emit(f"if ({u.failed.format(v=var)})", indent + 1)
            self.emit("return NULL;", indent + 2)
            self.emit("} else {", indent)
            self.raise_and_return("TypeError", f"{var} must be a number", indent + 1)
            self.emit("}", indent)
            return
        if u.overflow:
            self.emit(f"int {var}_ovf;", indent) if declare else None
            self.emit(f"{decl}{var} = {u.call}({obj}, &{var}_ovf);", indent)
            self.emit(f"if ({var}_ovf != 0) {{", indent)
            self.raise_and_return("OverflowError", f"{var} does not fit", indent + 1)
            self.emit("}", indent)
        elif u.exact_fast_path:
            self.emit(f"{decl}{var} = PyFloat_CheckExact({obj}) ? PyFloat_AS_DOUBLE({obj})"
                      f" : {u.call}({obj});", indent)
        else:
            self.emit(f"{decl}{var} = {u.call}({obj});", indent)
        self.emit(f"if ({u.failed.format(v=var)})", indent)
        self.emit("return NULL;", indent + 1)

    def pick_unboxer(self):
        return self.rng.choice(sorted(UNBOXERS))

    def read_bytes_by_hand(self, obj):
        """A bytes argument read without a parser (HAND_BYTES): a type test
        (or none), then PyBytes_AS_STRING or PyBytes_AsString, and for
        "bytes#" PyBytes_GET_SIZE, PyBytes_Size or Py_SIZE; or
        PyBytes_AsStringAndSize (HAND_BYTES_CHECKS says which)."""
        unit = self.rng.choice(sorted(HAND_BYTES))
        check = self.rng.choice([c for c in HAND_BYTES_CHECKS if c != "OrStr" or unit == "bytes#"])
        var = self.add_string_param(unit)
        # The str's way of a bytes-or-str dispatch (OR_STR_WAYS): the ones
        # that do with its UTF-8 what the bytes' way does with the bytes
        # give s#'s kind (analysis/BytesStrDispatch.cpp), the others keep
        # BYTES_SIZE (a str takes the wrapper).
        str_way = self.rng.choice(sorted(OR_STR_WAYS)) if check == "OrStr" else None
        if str_way and OR_STR_WAYS[str_way]:
            self.params[-1]["kind"] = "UTF8_SIZE"
        self.shape["unbox"] = [f"Hand_{unit}_{check}" + (f"_{str_way}" if str_way else "")]
        sized_ = unit == "bytes#"
        data = "PyBytes_AsString" if check == "Calls" else self.rng.choice(["PyBytes_AS_STRING",
                                                                              "PyBytes_AsString"])
        count = "PyBytes_Size" if check == "Calls" else self.rng.choice(["PyBytes_GET_SIZE",
                                                                         "PyBytes_Size", "Py_SIZE"])
        self.emit(f"const char *{var};")
        if sized_:
            self.emit(f"Py_ssize_t {var}_len;")
        if check == "Into":
            length = f"&{var}_len" if sized_ else "NULL"
            self.emit(f"if (PyBytes_AsStringAndSize({obj}, (char **)&{var}, {length}) < 0)")
            self.emit("return NULL;", 2)
        elif check == "Calls":
            if sized_:
                self.emit(f"{var}_len = PyBytes_Size({obj});")
                self.emit(f"if ({var}_len == -1 && PyErr_Occurred())")
                self.emit("return NULL;", 2)
            self.emit(f"{var} = PyBytes_AsString({obj});")
            self.emit(f"if ({var} == NULL)")
            self.emit("return NULL;", 2)
        else:
            test = {"Check": "PyBytes_Check", "CheckExact": "PyBytes_CheckExact",
                    "OrStr": self.rng.choice(["PyBytes_Check", "PyBytes_CheckExact"])}[check]
            bytes_way = [f"{var} = {data}({obj});"] + ([f"{var}_len = {count}({obj});"] if sized_ else [])
            str_first = check == "OrStr" and self.rng.random() < 0.5
            bytes_test = f"{test}({obj})"
            if str_first and self.rng.random() < 0.5:
                # hashlib.h's test first: PyPy reads the buffer procs
                # inline, which says nothing of a str, so only where the
                # str's way never asks is the same kind proven there too.
                bytes_test = f"PyObject_CheckBuffer({obj}) && {bytes_test}"
                self.shape["unbox"][-1] += "_procs"
            ways = [(bytes_test, bytes_way)]
            if check == "OrStr":
                str_test = self.rng.choice(["PyUnicode_Check", "PyUnicode_CheckExact"])
                # mmh3 stores the length in code points first, which the
                # UTF-8's length then overwrites; a wrong way uses it, or
                # adds one to the UTF-8's.
                str_way_lines = [f"{var}_len = PyUnicode_GET_LENGTH({obj});"] \
                    if str_way in ("points_first", "points") else []
                str_way_lines.append(f"{var} = PyUnicode_AsUTF8AndSize({obj}, &{var}_len);"
                                     if str_way != "points" else f"{var} = PyUnicode_AsUTF8({obj});")
                str_way_lines += [f"if ({var} == NULL)", "    return NULL;"]
                if str_way == "plus_one":
                    str_way_lines.append(f"{var}_len += 1;")
                ways.append((f"{str_test}({obj})", str_way_lines))
                if str_first:
                    ways.reverse()
            for k, (cond, lines) in enumerate(ways):
                self.emit(f"{'if' if k == 0 else '} else if'} ({cond}) {{")
                for line in lines:
                    self.emit(line.lstrip(), 3 if line.startswith("    ") else 2)
            self.emit("} else {")
            self.raise_and_return("TypeError", f"{var} must be bytes", 2)
            self.emit("}")
        self.use_strings()

    def conv_o(self):
        if self.allow_strings and self.rng.random() < 0.2:
            self.read_bytes_by_hand("arg")
            return
        if self.rng.random() < 0.2:
            if self.allow_strings and self.rng.random() < 0.35:
                unit = self.rng.choice(sorted(STRING_UNITS))
                var = self.add_string_param(unit)
                self.shape["unbox"] = [f"Parse_{unit}"]
                refs = self.declare_string(var, unit)
                self.emit(f"if (!PyArg_Parse(arg, \"{unit}:{self.name}\", {refs}))")
                self.emit("return NULL;", 2)
                self.read_views()
                self.use_strings()
                return
            code = self.rng.choice(sorted(PARSE_CODES))
            ctype = PARSE_CODES[code]
            var = self.add_param(ctype, boolean=code == "p")
            self.shape["unbox"] = [f"Parse_{code}"]
            self.emit(f"{spelling(ctype)} {var};")
            self.emit(f"if (!PyArg_Parse(arg, \"{code}:{self.name}\", &{var}))")
            self.emit("return NULL;", 2)
            return
        u = self.pick_unboxer()
        var = self.add_param(UNBOXERS[u].ctype, boolean=u == "IsTrue")
        self.shape["unbox"] = [u]
        self.unbox_with(u, "arg", var)

    def format_units(self, n, optional_from, keyword_only_from=None):
        codes = [self.pick_code(optional_from is not None and k >= optional_from)
                 for k in range(n)]
        units = []
        for k, code in enumerate(codes):
            if k == optional_from:
                units.append("|")
            if k == keyword_only_from:
                units.append("$")
            units.append(code)
        tail = self.rng.choice(["", f":{self.name}", f";{self.name} takes numbers"])
        return codes, "".join(units) + tail

    def declare_parse_vars(self, codes, optional_from, objects=None):
        """The outputs of the format's units; a unit in objects (k -> its
        unboxer) is an "O" unit: the variable is of the unboxer's type, beside
        a `PyObject *` one (NULL or None before the parse where optional).
        A string unit's are a pointer and, for '#', a length."""
        names = []
        self.sentinels = {}
        self.string_refs = {}
        for k, code in enumerate(codes):
            if code in STRING_UNITS:
                default = None
                if optional_from is not None and k >= optional_from:
                    default = self.rng.choice((STRING_DEFAULTS if sized(code) else
                                               [d for d in STRING_DEFAULTS if b"\0" not in d]) +
                                              [NULL] * 2 * (code in NONE_UNITS))
                var = self.add_string_param(code, optional_default=default)
                self.string_refs[var] = self.declare_string(var, code, default)
                names.append(var)
                continue
            if objects and k in objects:
                u = UNBOXERS[objects[k]]
                optional = optional_from is not None and k >= optional_from
                default = self.exprs.const(u.ctype) if optional else None
                var = self.add_param(u.ctype, boolean=objects[k] == "IsTrue", optional_default=default)
                if u.overflow:
                    self.emit(f"int {var}_ovf;")
                self.emit(f"{spelling(u.ctype)} {var}" + (f" = {default};" if default else ";"))
                sentinel = self.rng.choice(["NULL", "Py_None"]) if optional else "NULL"
                self.sentinels[var] = sentinel
                self.emit(f"PyObject *{var}_obj = {sentinel};")
                names.append(var)
                continue
            ctype = PARSE_CODES[code]
            default = None
            if optional_from is not None and k >= optional_from:
                default = self.exprs.const(WORK_OF[ctype]) if code != "p" else "1"
                if ctype == "float":
                    default = "0.25f"
                elif CTYPES[ctype].bits < 32:
                    default = f"({spelling(ctype)})3"
            var = self.add_param(ctype, boolean=code == "p", optional_default=default)
            self.emit(f"{spelling(ctype)} {var}" + (f" = {default};" if default else ";"))
            names.append(var)
        return names

    def conv_varargs(self, keywords):
        """PyArg_ParseTuple(AndKeywords) with numeric codes, "O" units among them."""
        n = self.rng.randint(1, 4)
        optional_from = self.rng.randint(1, n) if n > 1 and self.rng.random() < 0.3 else None
        if optional_from == n:
            optional_from = None
        # '$' (keywords only): the units after it are keyword-only, optional
        # where a '|' comes before it, else required by name.
        keyword_only_from = None
        if keywords and n > 1 and self.rng.random() < 0.2:
            keyword_only_from = self.rng.randint(optional_from or 1, n - 1)
            self.shape["keyword_only"] = True
        codes, fmt = self.format_units(n, optional_from, keyword_only_from)
        # Plain "O" units, unboxed by the wrapper after the parse (an
        # omitted optional one left NULL or None, then its default).
        objects = {}
        if self.rng.random() < 0.25:
            objects = {k: self.pick_unboxer() for k in range(n)
                       if codes[k] not in STRING_UNITS and self.rng.random() < 0.6}
            fmt = "".join("O" if c in PARSE_CODES and objects.get(i) else c
                          for i, c in zip(_unit_indices(fmt), fmt))
        self.shape["unbox"] = [f"O_{objects[k]}" if k in objects else f"code_{c}"
                               for k, c in enumerate(codes)]
        if optional_from is not None:
            self.shape["optional"] = True
        names = self.declare_parse_vars(codes, optional_from, objects)
        refs = ", ".join(f"&{v}_obj" if k in objects else self.string_refs.get(v, f"&{v}")
                         for k, v in enumerate(names))
        if keywords:
            kw = ", ".join(f"\"{v}\"" for v in names)
            self.emit(f"static char *kwlist[] = {{{kw}, NULL}};")
            self.emit(f"if (!PyArg_ParseTupleAndKeywords(args, kwargs, \"{fmt}\", kwlist, {refs}))")
        else:
            self.emit(f"if (!PyArg_ParseTuple(args, \"{fmt}\", {refs}))")
        self.emit("return NULL;", 2)
        self.read_views()
        # A wrapper that tells a call by name from a positional one: by its
        # keywords or its tuple's size, which a call by name makes smaller.
        coded = [k for k in range(n) if k not in objects and codes[k] not in STRING_UNITS]
        if keywords and coded and self.rng.random() < 0.3:
            tell = self.rng.choice(["kwargs != NULL", "kwargs != NULL && PyDict_GET_SIZE(kwargs) > 0",
                                    f"PyTuple_GET_SIZE(args) < {n}"])
            self.shape["tells_keywords"] = True
            self.emit(f"if ({tell})")
            self.emit(f"{names[coded[0]]} = 0;", 2)
        for k, u in sorted(objects.items()):
            var = names[k]
            if optional_from is not None and k >= optional_from:
                self.emit(f"if ({var}_obj != {self.sentinels[var]}) {{")
                self.unbox_with(u, f"{var}_obj", var, indent=2, declare=False)
                self.emit("}")
            else:
                self.unbox_with(u, f"{var}_obj", var, declare=False)
        self.use_strings()

    def conv_fastcall(self, check):
        n = self.rng.randint(1, 4)
        unboxers = [self.pick_unboxer() for _ in range(n)]
        self.shape["unbox"] = unboxers
        required = n
        if check == "positional":
            if n > 1 and self.rng.random() < 0.3:
                required = self.rng.randint(1, n - 1)
                self.shape["optional"] = True
            self.emit(f"if (!_PyArg_CheckPositional(\"{self.name}\", nargs, {required}, {n}))")
            self.emit("return NULL;", 2)
        else:
            self.emit(f"if (nargs != {n}) {{")
            self.emit(f"PyErr_Format(PyExc_TypeError, \"{self.name} expected {n} arguments, "
                      f"got %zd\", nargs);", 2)
            self.emit("return NULL;", 2)
            self.emit("}")
        for k, u in enumerate(unboxers):
            ctype = UNBOXERS[u].ctype
            if k < required:
                var = self.add_param(ctype, boolean=u == "IsTrue")
                self.unbox_with(u, f"args[{k}]", var)
            else:
                default = self.exprs.const(ctype)
                var = self.add_param(ctype, boolean=u == "IsTrue", optional_default=default)
                if UNBOXERS[u].overflow:
                    self.emit(f"int {var}_ovf;")
                self.emit(f"{spelling(ctype)} {var} = {default};")
                self.emit(f"if (nargs > {k}) {{")
                self.unbox_with(u, f"args[{k}]", var, indent=2, declare=False)
                self.emit("}")

    def conv_fastcall_loop(self):
        """Unboxing args[i] in a loop: of n rounds after `nargs != n`, or
        (SWIG's default arguments) of nargs rounds after a check that lets 1
        to n through, the rest padded with constants: the core takes all n,
        the others optional (Drafting.h's ArityAssumption)."""
        n = self.rng.randint(2, 4)
        u = self.rng.choice(["AsDouble", "AsLong", "AsLongLong", "AsSsize_t"])
        ctype = UNBOXERS[u].ctype
        least = self.rng.randint(1, n - 1) if self.rng.random() < 0.5 else n
        self.shape["unbox"] = [u] * n
        self.emit(f"{spelling(ctype)} vals[{n}];")
        self.emit("Py_ssize_t k;")
        if least == n:
            self.emit(f"if (nargs != {n}) {{")
            self.raise_and_return("TypeError", f"expected {n} arguments", 2)
        else:
            self.shape["optional"] = True
            self.emit(f"if (nargs < {least} || nargs > {n}) {{")
            self.raise_and_return("TypeError", f"expected {least} to {n} arguments", 2)
        self.emit("}")
        self.emit(f"for (k = 0; k < {n if least == n else 'nargs'}; k++) {{")
        self.emit(f"vals[k] = {UNBOXERS[u].call}(args[k]);", 2)
        self.emit(f"if ({UNBOXERS[u].failed.format(v='vals[k]')})", 2)
        self.emit("return NULL;", 3)
        self.emit("}")
        defaults = [self.exprs.const(ctype) for _ in range(n)]
        if least != n:
            self.emit(f"for (; k < {n}; k++)")
            self.emit(f"vals[k] = k == {n - 1} ? {defaults[n - 1]} : {defaults[least]};", 2)
        for k in range(n):
            var = self.add_param(ctype, optional_default=defaults[k] if k >= least else None)
            self.emit(f"{spelling(ctype)} {var} = vals[{k}];")

    # -- error paths -------------------------------------------------------------
    def int_params(self):
        return [p for p in self.params + self.derived if p["py"] == "int"]

    def scalars(self):
        """What an error path may test: the scalar parameters and the scalars
        computed from the strings' bytes."""
        return [p for p in self.params if p["py"] != "string"] + self.derived

    def range_limit(self, ctype, signed_low):
        bits = CTYPES[ctype].bits
        hi = {8: 200, 16: 30000, 32: 1 << 30, 64: 1 << 40}[bits]
        hi = self.rng.choice([hi, 100, 7])
        lo = -hi if signed_low else 0
        return lo, hi

    def error_before(self, kind):
        """A raise that depends only on the arguments, before any effect: a
        bail core. Returns False if this function has no parameter for it."""
        ints = self.int_params()
        scalars = self.scalars()
        if kind == "format_bytes":
            # The message quotes the bytes (a NUL ends them: "s" and "y" only).
            of_cstr = [d for d in self.derived if not sized(d["unit"])]
            if not of_cstr:
                return False
            d = self.rng.choice(of_cstr)
            m = self.rng.choice([2, 3, 5])
            self.emit(f"if ((unsigned long long){d['name']} % {m}u == {self.rng.randrange(m)}u) {{")
            self.emit(f"PyErr_Format(PyExc_ValueError, \"{self.name}: bad %.20s\", {d['of']});", 2)
            self.emit("return NULL;", 2)
            self.emit("}")
            return True
        if kind in ("range_before", "format_before") and scalars:
            p = self.rng.choice(scalars)
            var, ctype = p["name"], p["ctype"]
            if p["py"] == "float":
                cond = f"!({var} >= -1e6 && {var} <= 1e6)"
                fmt, val = "%d", f"(int)({var} > 0)"
            elif p["py"] == "bool":
                cond = f"{var} == {self.rng.randint(0, 1)}"
                fmt, val = "%d", f"(int){var}"
            elif CTYPES[ctype].signed:
                lo, hi = self.range_limit(ctype, True)
                cond = f"(long long){var} < {lo}LL || (long long){var} > {hi}LL"
                fmt, val = "%lld", f"(long long){var}"
            else:
                _, hi = self.range_limit(ctype, False)
                cond = f"(unsigned long long){var} > {hi}ULL"
                fmt, val = "%llu", f"(unsigned long long){var}"
            self.emit(f"if ({cond}) {{")
            if kind == "range_before":
                self.raise_and_return("ValueError", f"{var} out of range", 2)
            else:
                self.emit(f"PyErr_Format(PyExc_OverflowError, \"{self.name}: {fmt} is too large\", "
                          f"{val});", 2)
                self.emit("return NULL;", 2)
            self.emit("}")
            return True
        if kind == "zero_div" and ints:
            d = self.rng.choice(ints)
            x = self.rng.choice(ints)
            t = WORK_OF[d["ctype"]]
            sp = spelling(t)
            self.emit(f"if ({d['name']} == 0) {{")
            self.raise_and_return("ZeroDivisionError", "division by zero", 2)
            self.emit("}")
            op = self.rng.choice(["/", "%"])
            minus_one = f"({sp}){d['name']} == -1 ? ({sp})-({sp}){x['name']} : " \
                if CTYPES[t].signed else ""
            if op == "%" and minus_one:
                minus_one = f"({sp}){d['name']} == -1 ? ({sp})0 : "
            self.local(t, f"{minus_one}({sp}){x['name']} {op} ({sp}){d['name']}")
            return True
        if kind == "errno" and scalars:
            p = self.rng.choice(scalars)
            fn = self.rng.choice(["log", "sqrt", "exp", "acos", "log10", "cosh", "pow2"])
            self.features.add("libm")
            self.emit("errno = 0;")
            arg = f"(double){p['name']}"
            call = f"pow({arg}, 0.5)" if fn == "pow2" else f"{fn}({arg})"
            self.local("double", call)
            self.emit("if (errno != 0) {")
            self.emit("PyErr_SetFromErrno(PyExc_ValueError);", 2)
            self.emit("return NULL;", 2)
            self.emit("}")
            return True
        return False

    # -- body ------------------------------------------------------------------------
    def statement(self, depth=0):
        r = self.rng.random()
        t = self.rng.choice(["int", "uint", "long", "ulong", "llong", "ullong", "double"])
        if r < 0.35 or not self.scope.unread and r < 0.5:
            self.local(t, self.exprs.expr(self.scope, t))
        elif r < 0.55:
            self.features.add("branch")
            a = self.local(t, self.exprs.const(t))
            self.emit(f"if {self.exprs.cond(self.scope, 2)} {{")
            self.emit(f"{a} = {self.not_itself(a, self.exprs.expr(self.scope, t), t)};", 2)
            self.emit("} else {")
            self.emit(f"{a} = {self.not_itself(a, self.exprs.expr(self.scope, t, 2), t)};", 2)
            self.emit("}")
        elif r < 0.75:
            self.features.add("loop")
            acc = self.local(t, self.exprs.expr(self.scope, t, 1))
            counter = f"i{self.nlocals}"
            self.nlocals += 1
            if self.rng.random() < 0.5:
                bound = str(self.rng.randint(1, 9))
            else:
                bound = f"(int)((unsigned long){self.exprs.expr(self.scope, 'long', 1)} % 9u)"
            self.emit(f"for (int {counter} = 0; {counter} < {bound}; {counter}++) {{")
            self.scope.vars[counter] = "int"
            op = "+" if t == "double" else self.rng.choice(["+", "^", "*", "-"])
            self.emit(f"{acc} = ({spelling(t)})({acc} {op} {self.exprs.expr(self.scope, t, 2)});", 2)
            del self.scope.vars[counter]
            self.emit("}")
        elif r < 0.85:
            self.features.add("libc")
            arr = f"v{self.nlocals}"
            self.nlocals += 1
            self.emit(f"long {arr}[4];")
            self.emit(f"memset({arr}, 0, sizeof {arr});")
            idx = self.exprs.expr(self.scope, "ulong", 1)
            self.emit(f"{arr}[{idx} % 4u] = {self.exprs.expr(self.scope, 'long', 2)};")
            self.local("long", f"{arr}[0] ^ {arr}[{self.rng.randint(1, 3)}]")
        else:
            self.features.add("state_write")
            st = self.rng.choice(sorted(STATE))
            self.emit(f"{st} = {self.not_itself(st, self.exprs.expr(self.scope, STATE[st], 2), STATE[st])};")

    def not_itself(self, var, expr, t):
        """-Wself-assign: `x = x;` becomes `x = constant;`."""
        if expr != var:
            return expr
        if var in self.scope.vars:
            self.scope.unread.add(var)  # the read was dropped with it
        return self.exprs.const(t)

    def result(self, t):
        """The result expression of type t, with every unread local mixed in."""
        if not t:
            # No value returned: the bytes reach the module state instead.
            for d in self.derived:
                self.features.add("state_write")
                self.scope.read(d["name"])
                self.emit(f"fz_st_u = fz_st_u * 31u + (unsigned long){d['name']};")
            for name in sorted(self.scope.unread):
                self.emit(f"(void){name};")
            return None
        r = self.local(t, self.exprs.expr(self.scope, t))
        self.scope.read(r)
        for name in sorted(self.scope.unread):
            self.scope.read(name)
            if CTYPES[t].is_float:
                self.emit(f"{r} = {r} + {self.exprs.convert(name, self.scope.vars[name], t)};")
            else:
                self.emit(f"{r} = ({spelling(t)})({r} ^ "
                          f"{self.exprs.convert(name, self.scope.vars[name], t)});")
        return r

    def tuple_items(self):
        """A tuple of 2..3 boxes made item by item: PyTuple_New, then each
        box stored with PyTuple_SET_ITEM (each step checked, the boxes
        released where one fails) or with PyTuple_SetItem (checked)."""
        types = [self.rng.choice(sorted(ITEM_BOXERS)) for _ in range(self.rng.randint(2, 3))]
        self.shape["ret"] = "Tuple_items"
        items = [self.result(types[0])]
        for t in types[1:]:
            item = self.local(t, self.exprs.expr(self.scope, t))
            self.scope.read(item)
            items.append(item)
        if self.rng.random() < 0.5:
            boxes = []
            for k, (t, item) in enumerate(zip(types, items)):
                if t == "int" and self.rng.random() < 0.5:
                    self.emit(f"PyObject *box{k} = {item} ? Py_True : Py_False;")
                    self.emit(f"Py_INCREF(box{k});")
                else:
                    self.emit(f"PyObject *box{k} = {ITEM_BOXERS[t]}({item});")
                self.emit(f"if (box{k} == NULL) {{")
                for b in boxes:
                    self.emit(f"Py_DECREF({b});", 2)
                self.emit("return NULL;", 2)
                self.emit("}")
                boxes.append(f"box{k}")
            self.emit(f"PyObject *tup = PyTuple_New({len(items)});")
            self.emit("if (tup == NULL) {")
            for b in boxes:
                self.emit(f"Py_DECREF({b});", 2)
            self.emit("return NULL;", 2)
            self.emit("}")
            for k, b in enumerate(boxes):
                self.emit(f"PyTuple_SET_ITEM(tup, {k}, {b});")
        else:
            self.emit(f"PyObject *tup = PyTuple_New({len(items)});")
            self.emit("if (tup == NULL)")
            self.emit("return NULL;", 2)
            stores = " ||\n        ".join(f"PyTuple_SetItem(tup, {k}, {ITEM_BOXERS[t]}({item})) < 0"
                                          for k, (t, item) in enumerate(zip(types, items)))
            for n, line in enumerate(f"if ({stores}) {{".split("\n")):
                self.emit(line.strip(), 1 if n == 0 else 2)
            self.emit("Py_DECREF(tup);", 2)
            self.emit("return NULL;", 2)
            self.emit("}")
        self.emit("return tup;")

    def box(self):
        name = self.rng.choice(sorted(BOXERS))
        if name == "BuildValue" and self.rng.random() < 0.3:
            self.tuple_items()
            return
        if name == "BuildValue" and self.rng.random() < 0.4:
            # A tuple of 2..3 scalar codes, with or without parentheses: the
            # core returns the items through pointers.
            codes = [self.rng.choice(sorted(BUILDVALUE_CODES)) for _ in range(self.rng.randint(2, 3))]
            fmt = "".join(codes)
            fmt = f"({fmt})" if self.rng.random() < 0.7 else fmt
            self.shape["ret"] = "BuildValue_tuple"
            items = [self.result(BUILDVALUE_CODES[codes[0]])]
            for code in codes[1:]:
                t = BUILDVALUE_CODES[code]
                item = self.local(t, self.exprs.expr(self.scope, t))
                self.scope.read(item)
                items.append(item)
            self.emit(f"return Py_BuildValue(\"{fmt}\", {', '.join(items)});")
            return
        if name == "BuildValue":
            code = self.rng.choice(sorted(BUILDVALUE_CODES))
            self.shape["ret"] = f"BuildValue_{code}"
            r = self.result(BUILDVALUE_CODES[code])
            if self.rng.random() < 0.5:
                self.emit(f"PyObject *res = Py_BuildValue(\"{code}\", {r});")
                self.emit("if (res == NULL)")
                self.emit("return NULL;", 2)
                self.emit("return res;")
            else:
                self.emit(f"return Py_BuildValue(\"{code}\", {r});")
            return
        self.shape["ret"] = name
        boxer = BOXERS[name]
        r = self.result(boxer.ctype)
        for line in boxer.form.format(e=r).split("\n"):
            self.emit(line.strip(), 2 if line.startswith("        ") else 1)

    # -- whole functions -----------------------------------------------------------
    def signature(self, conv):
        if conv == "noargs":
            r = self.rng.random()
            if r < 0.2:
                self.shape["short_noargs"] = True
                return f"{self.cname}(PyObject *self)", "METH_NOARGS"
            if r < 0.3:
                # METH_VARARGS declared without its tuple, as old extensions
                # define a function of no arguments: it takes any, ignored.
                self.shape["short_varargs"] = True
                return f"{self.cname}(PyObject *self)", "METH_VARARGS"
            return f"{self.cname}(PyObject *self, PyObject *unused)", "METH_NOARGS"
        if conv == "o":
            return f"{self.cname}(PyObject *self, PyObject *arg)", "METH_O"
        if conv == "varargs":
            return f"{self.cname}(PyObject *self, PyObject *args)", "METH_VARARGS"
        if conv == "varargs_kw":
            if self.rng.random() < 0.15:
                # METH_KEYWORDS declared without its keywords: they are
                # ignored, and the tuple parsed by position.
                self.shape["short_keywords"] = True
                return (f"{self.cname}(PyObject *self, PyObject *args)",
                        "METH_VARARGS | METH_KEYWORDS")
            return (f"{self.cname}(PyObject *self, PyObject *args, PyObject *kwargs)",
                    "METH_VARARGS | METH_KEYWORDS")
        return (f"{self.cname}(PyObject *self, PyObject *const *args, Py_ssize_t nargs)",
                "METH_FASTCALL")

    def unbox(self, conv):
        if conv == "o":
            self.conv_o()
        elif conv in ("varargs", "varargs_kw"):
            self.conv_varargs(conv == "varargs_kw" and not self.shape.get("short_keywords"))
        elif conv == "fastcall":
            self.conv_fastcall("nargs")
        elif conv == "fastcall_check":
            self.conv_fastcall("positional")
        elif conv == "fastcall_loop":
            self.conv_fastcall_loop()
        else:
            self.shape["unbox"] = []

    def generate(self):
        rng = self.rng
        r = rng.random()
        if r < 0.12:
            return self.near_miss(rng.choice(NEAR_MISSES))
        if r < 0.18:
            return self.validated_setter()
        conv = rng.choice(CONVENTIONS)
        self.shape["conv"] = conv
        head, flags = self.signature(conv)
        self.allow_strings = True
        self.unbox(conv)
        error = rng.choice(["none", "none", "range_before", "format_before", "zero_div",
                            "errno", "raise_after_state"]
                           + ["format_bytes"] * 2 * any(p["py"] == "string" for p in self.params))
        if error != "raise_after_state" and error != "none" and not self.error_before(error):
            error = "none"
        for _ in range(rng.randint(0, 4)):
            self.statement()
        if error == "raise_after_state":
            self.features.add("state_write")
            st = rng.choice(sorted(STATE))
            self.emit(f"{st} = {self.not_itself(st, self.exprs.expr(self.scope, STATE[st], 2), STATE[st])};")
            self.emit(f"if {self.exprs.cond(self.scope, 1)} {{")
            if rng.random() < 0.5:
                self.raise_and_return("RuntimeError", "state check failed", 2)
            else:
                self.emit(f"PyErr_Format(PyExc_OverflowError, \"{self.name}: state %ld\", {st if STATE[st] == 'long' else '(long)' + st.replace('fz_st_d', 'fz_d2ll(fz_st_d)')});", 2)
                self.emit("return NULL;", 2)
            self.emit("}")
        self.shape["error"] = error
        self.box()
        return self.finish(head, flags, "core")

    def finish(self, head, flags, expect):
        self.release_views()
        self.shape["features"] = sorted(self.features)
        self.shape.setdefault("error", "none")
        self.shape.setdefault("ret", "none")
        self.shape.setdefault("conv", "o")
        body = "\n".join(self.lines)
        comment = (f"/* {self.name}: {self.shape['conv']}, unbox {' '.join(self.shape.get('unbox', [])) or '-'}"
                   f", returns {self.shape['ret']}, error {self.shape['error']}"
                   + (f", near miss {self.shape['near_miss']}" if "near_miss" in self.shape else "")
                   + " */")
        text = f"{comment}\nstatic PyObject *\n{head}\n{{\n{body}\n}}\n"
        return {
            "name": self.name, "cname": self.cname, "flags": flags, "text": text,
            "params": self.params, "keywords": "KEYWORDS" in flags,
            "min_args": sum(1 for p in self.params if not p["optional"]),
            "expect": expect, "shape": self.shape, "support": sorted(self.support),
        }

    def validated_setter(self):
        """Known defect (a): parse an int, ValueError for a bad one, store it, None."""
        conv = self.rng.choice(["varargs", "o", "fastcall"])
        self.shape.update(conv=conv, error="validated_setter", ret="RETURN_NONE")
        head, flags = self.signature(conv)
        if conv == "varargs":
            var = self.add_param("int")
            self.shape["unbox"] = ["code_i"]
            self.emit(f"int {var};")
            self.emit(f"if (!PyArg_ParseTuple(args, \"i:{self.name}\", &{var}))")
            self.emit("return NULL;", 2)
        elif conv == "o":
            u = self.rng.choice(["AsInt", "AsLong"])
            self.shape["unbox"] = [u]
            var = self.add_param(UNBOXERS[u].ctype)
            self.unbox_with(u, "arg", var)
        else:
            self.shape["unbox"] = ["AsLong"]
            self.emit("if (nargs != 1) {")
            self.raise_and_return("TypeError", "expected 1 argument", 2)
            self.emit("}")
            var = self.add_param("long")
            self.unbox_with("AsLong", "args[0]", var)
        lo, hi = self.rng.choice([(0, 100), (1, 65535), (-10, 10), (0, 0x7fffffff)])
        self.emit(f"if ({var} < {lo} || {var} > {hi}) {{")
        if self.rng.random() < 0.5:
            self.raise_and_return("ValueError", "bad value", 2)
        else:
            self.emit(f"PyErr_Format(PyExc_ValueError, \"{self.name}: bad value %d\", (int){var});", 2)
            self.emit("return NULL;", 2)
        self.emit("}")
        self.features.add("state_write")
        st = self.rng.choice(["fz_st_i", "fz_st_l"])
        self.emit(f"{st} = {var};")
        self.emit("Py_RETURN_NONE;")
        return self.finish(head, flags, "core")

    def near_miss(self, kind):
        """A function pyunbox must refuse (no record)."""
        if kind.startswith("bytes_"):
            return self.bytes_near_miss(kind)
        self.shape.update(near_miss=kind, error="none")
        conv = "o" if kind in ("escape_store", "escape_call", "return_arg") else \
            self.rng.choice(["o", "varargs", "fastcall"])
        self.shape["conv"] = conv
        head, flags = self.signature(conv)
        self.unbox(conv)
        var = self.params[0]["name"]
        t = WORK_OF[self.params[0]["ctype"]]
        sp = spelling(t)
        as_long = self.exprs.convert(var, self.params[0]["ctype"], "long")
        if kind == "escape_store":
            self.emit("Py_INCREF(arg);")
            self.emit("Py_XDECREF(fz_kept);")
            self.emit("fz_kept = arg;")
            self.shape["ret"] = "FromLong"
            self.emit(f"return PyLong_FromLong({as_long});")
        elif kind == "escape_call":
            self.emit("Py_hash_t h = fz_hash(arg);")
            self.emit("if (h == -1)")
            self.emit("return NULL;", 2)
            self.shape["ret"] = "FromLong"
            self.emit(f"return PyLong_FromLong((long)(h ^ {as_long}));")
        elif kind == "self_use":
            self.shape["ret"] = "FromLong"
            self.emit(f"return PyLong_FromLong({as_long} + (self == NULL));")
        elif kind == "return_arg":
            self.shape["ret"] = "object"
            self.emit("Py_INCREF(arg);")
            self.emit("return arg;")
        elif kind == "return_tuple":
            # A tuple of one item: an object no core returns (one of two or
            # more scalars has a core: box()).
            self.shape["ret"] = "tuple"
            self.emit(f"return Py_BuildValue(\"(d)\", (double){var} * 0.5);")
        elif kind == "none_or_number":
            self.shape["ret"] = "none_or_number"
            # A threshold every parameter type can pass (a bool only reaches 1).
            limit = "0" if self.params[0]["py"] == "bool" else "3"
            self.emit(f"if (({sp}){var} > ({sp}){limit})")
            self.emit("Py_RETURN_NONE;", 2)
            self.emit(f"return PyFloat_FromDouble((double){var});")
        return self.finish(head, flags, "refuse")

    def bytes_near_miss(self, kind):
        """A string unit whose pointer outlives the call (stored in a static)
        or goes where LLVM cannot see (a call through a volatile pointer):
        the bytes may be kept, so no core (ArgumentEscapes). Or a "y*"/"s*"
        unit's view read at a field that is neither a core's parameter nor a
        constant of a bytes' view, its owner (UnsupportedFormat)."""
        conv = self.rng.choice(["o", "varargs"])
        self.shape.update(near_miss=kind, error="none", conv=conv, ret="FromLong")
        head, flags = self.signature(conv)
        unit = self.rng.choice(sorted(BUFFER_UNITS if kind == "bytes_view_field" else
                                      set(STRING_UNITS) - NONE_UNITS))
        var = self.add_string_param(unit)
        self.shape["unbox"] = [("Parse_" if conv == "o" else "code_") + unit]
        refs = self.declare_string(var, unit)
        if conv == "o":
            self.emit(f"if (!PyArg_Parse(arg, \"{unit}:{self.name}\", {refs}))")
        else:
            self.emit(f"if (!PyArg_ParseTuple(args, \"{unit}:{self.name}\", {refs}))")
        self.emit("return NULL;", 2)
        self.read_views()
        first = f"(unsigned char){var}[0]"
        if sized(unit):
            first = f"({var}_len > 0 ? {first} : -1L)"
        if kind == "bytes_view_field":
            self.emit(f"long ro = Py_REFCNT({var}_view.obj) > 0;")
            self.emit(f"return PyLong_FromLong({first} * 2 + ro);")
        else:
            self.emit(f"fz_kept_bytes = {var};" if kind == "bytes_store" else f"fz_bytes_sink({var});")
            self.emit(f"return PyLong_FromLong({first});")
        return self.finish(head, flags, "refuse")


def _unit_indices(fmt):
    """For each character of a format, the index of the unit it is (None for
    '|', '$', a string unit's '#' or '*' and the ':name' or ';message' tail)."""
    out, k, tail = [], 0, False
    for c in fmt:
        tail = tail or c in ":;"
        if tail or c in "|$#*":
            out.append(None)
        else:
            out.append(k)
            k += 1
    return out


def gen_pure_helper(rng, name):
    """A static helper the wrappers call: integers or doubles in, one out,
    with a branch or a loop; reads module state sometimes."""
    t = rng.choice(["long", "ulong", "int", "double", "llong"])
    fg = FunctionGen(rng, 0, [])
    fg.scope = Scope({"a0": t, "a1": t})
    for _ in range(rng.randint(1, 3)):
        fg.statement()
    r = fg.result(t)
    fg.emit(f"return {r};")
    # A helper writes no state: a core that calls one stays as its wrapper.
    body = "\n".join(line for line in fg.lines)
    text = f"static {spelling(t)}\n{name}({spelling(t)} a0, {spelling(t)} a1)\n{{\n{body}\n}}\n"
    if "fz_st_" in body and re.search(r"fz_st_\w+ = ", body):
        return None  # keep helpers free of state writes; the wrappers write
    return {"name": name, "ret": t, "params": [t, t], "text": text, "support": sorted(fg.support)}


def generate(seed, nfuncs=None):
    rng = random.Random(seed)
    module = f"fzm_{seed}"
    helpers = []
    for k in range(rng.randint(0, 3)):
        h = gen_pure_helper(rng, f"fz_h{k}")
        if h:
            helpers.append(h)
    sigs = [(h["name"], h["params"], h["ret"]) for h in helpers]
    n = nfuncs or rng.randint(4, 10)
    functions = [FunctionGen(rng, k, sigs).generate() for k in range(n)]
    return {"module": module, "seed": seed, "helpers": helpers, "functions": functions}


PRELUDE = """\
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
"""

STATE_TEXT = """\
/* Module state: the wrappers read and write it; the harness observes it
 * through _state() and restores it through _set_state(). */
static long fz_st_l = 0;
static double fz_st_d = 0.0;
static unsigned long fz_st_u = 0;
static int fz_st_i = 0;

static PyObject *
fz__state(PyObject *self, PyObject *unused)
{
    return Py_BuildValue("(ldki)", fz_st_l, fz_st_d, fz_st_u, fz_st_i);
}

static PyObject *
fz__set_state(PyObject *self, PyObject *args)
{
    if (!PyArg_ParseTuple(args, "ldki:_set_state", &fz_st_l, &fz_st_d, &fz_st_u, &fz_st_i))
        return NULL;
    Py_RETURN_NONE;
}
"""


# Static functions that only read a string unit's bytes (use_bytes()'s
# "helper" and "helper_ni"). LLVM infers that they neither write nor keep them
# at -O2 (FunctionAttrs), not at -O0, where a core that calls one is dropped.
BYTES_HELPERS = {
    "fz_bytes_sum": """\
static unsigned long fz_bytes_sum(const char *p, Py_ssize_t n) {
    unsigned long s = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        s = s * 31u + (unsigned char)p[i];
    return s ^ (unsigned long)n;
}
""",
    "fz_bytes_fnv": """\
__attribute__((noinline)) static unsigned long fz_bytes_fnv(const char *p, Py_ssize_t n) {
    unsigned long h = 1469598103934665603UL;
    for (Py_ssize_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211UL;
    return h;
}
""",
    "fz_cstr_sum": """\
static unsigned long fz_cstr_sum(const char *p) {
    unsigned long s = 0;
    while (*p != '\\0')
        s = s * 31u + (unsigned char)*p++;
    return s;
}
""",
    "fz_cstr_fnv": """\
__attribute__((noinline)) static unsigned long fz_cstr_fnv(const char *p) {
    unsigned long h = 1469598103934665603UL;
    for (Py_ssize_t i = 0; p[i] != '\\0'; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211UL;
    return h;
}
""",
    # Return a pointer into the bytes ("skip"): past the run of c at p.
    "fz_bytes_skip": """\
__attribute__((noinline)) static const char *fz_bytes_skip(const char *p, const char *end, int c) {
    while (p < end && (unsigned char)*p == c)
        p++;
    return p;
}
""",
    "fz_cstr_skip": """\
__attribute__((noinline)) static const char *fz_cstr_skip(const char *p, int c) {
    while (*p != '\\0' && (unsigned char)*p == c)
        p++;
    return p;
}
""",
}


def support_closure(texts, helpers):
    """Support helper names the texts reference, with those their helpers need."""
    names = set()
    for text in texts:
        names |= set(re.findall(r"\b(fz_(?:div|mod)_\w+|fz_d2ll|fz_ndigits)\(", text))
    return names


def render(manifest, header=""):
    """The module's C text. Only the helpers the functions reference are
    emitted (-Wunused-function)."""
    funcs = manifest["functions"]
    helper_names = set()
    for f in funcs:
        helper_names |= set(re.findall(r"\b(fz_h\d+)\(", f["text"]))
    helpers = [h for h in manifest["helpers"] if h["name"] in helper_names]
    texts = [f["text"] for f in funcs] + [h["text"] for h in helpers]
    support = sorted(support_closure(texts, helpers))
    out = [header, PRELUDE, STATE_TEXT]
    if any(re.search(r"\bfz_kept\b", t) for t in texts):
        out.append("/* A near miss keeps its argument object here. */\n"
                   "static PyObject *fz_kept = NULL;\n")
    if any("fz_hash" in t for t in texts):
        out.append("/* A near miss passes its argument object to a function it cannot see. */\n"
                   "static Py_hash_t (*volatile fz_hash)(PyObject *) = PyObject_Hash;\n")
    if any("fz_kept_bytes" in t for t in texts):
        out.append("/* A near miss keeps a pointer to its string's bytes here. */\n"
                   "static const char *volatile fz_kept_bytes = NULL;\n")
    if any("fz_bytes_sink" in t for t in texts):
        out.append("/* A near miss passes its string's bytes to a function it cannot see. */\n"
                   "static void fz_bytes_noop(const char *p) { (void)p; }\n"
                   "static void (*volatile fz_bytes_sink)(const char *) = fz_bytes_noop;\n")
    out += [text for name, text in BYTES_HELPERS.items()
            if any(re.search(rf"\b{name}\(", t) for t in texts)]
    out += [support_text(s) for s in support]
    out += [h["text"] for h in helpers]
    out += [f["text"] for f in funcs]
    table = ["static PyMethodDef fz_methods[] = {",
             "    {\"_state\", fz__state, METH_NOARGS, NULL},",
             "    {\"_set_state\", fz__set_state, METH_VARARGS, NULL},"]
    for f in funcs:
        table.append(f"    {{\"{f['name']}\", (PyCFunction)(void (*)(void)){f['cname']}, "
                     f"{f['flags']}, NULL}},")
    table += ["    {NULL, NULL, 0, NULL}", "};", ""]
    out.append("\n".join(table))
    name = manifest["module"]
    out.append(f"static struct PyModuleDef fz_module = {{\n    PyModuleDef_HEAD_INIT, \"{name}\", "
               f"NULL, -1, fz_methods\n}};\n\n"
               f"PyMODINIT_FUNC\nPyInit_{name}(void)\n{{\n    return PyModule_Create(&fz_module);\n}}\n")
    return "\n".join(out)


def manifest_comment(manifest):
    """The manifest without C text, as a C comment: a regression file is then
    self-contained (the harness reads the parameters back from it)."""
    slim = {"module": manifest["module"], "seed": manifest["seed"],
            "functions": [{k: v for k, v in f.items() if k != "text"}
                          for f in manifest["functions"]]}
    return "/* fz-manifest " + json.dumps(slim, separators=(",", ":")) + " */\n"


def read_manifest_comment(text):
    m = re.search(r"/\* fz-manifest (\{.*?\}) \*/", text)
    return json.loads(m.group(1)) if m else None


if __name__ == "__main__":
    seed = int(sys.argv[1])
    c = render(generate(seed))
    if len(sys.argv) > 2:
        open(sys.argv[2], "w").write(c)
    else:
        sys.stdout.write(c)
