"""What the C source says about each PyMethodDef function: which table holds
it (the module's or a type's), its Argument Clinic signature if it has one,
and from that whether its Python signature is all C scalars ("eligible").

The rule (docs/CORPUS.md repeats it):
  - Methods of a type (a PyMethodDef table that no PyModuleDef or
    PyModule_AddFunctions names) are not eligible: `self` is an object.
  - A module function with a Clinic signature is eligible when every parameter
    has a scalar converter (SCALAR_CONVERTERS; no `object`, buffer, path, str,
    `*args`) and it returns a C scalar: a scalar return converter, or an
    `_impl` whose every `return` is NULL, None, True/False or a boxing call
    of a C scalar (directly or through a local variable assigned only so),
    and not None on some paths and a number on others (`int | None`).
  - A hand-written module function (no Clinic block) is eligible when the
    plugin mined it, or when the key of the plugin's refusal (the remark's
    Name in clang's optimization record) does not say that an argument or
    the result is an object (OBJECT_KEYS).
  - A mined function is always eligible (its record proves a scalar signature).
"""
import re
from dataclasses import dataclass, field
from pathlib import Path

# Clinic converters whose Python argument is a number that fits a C scalar.
# `fildes` also accepts objects with fileno(), but its value is a C int;
# `dir_fd` accepts None for "no fd" and is otherwise an int.
SCALAR_CONVERTERS = {
    "double", "float", "int", "unsigned_int", "long", "unsigned_long",
    "long_long", "unsigned_long_long", "Py_ssize_t", "size_t", "bool",
    "short", "unsigned_short", "unsigned_char", "pid_t", "uid_t", "gid_t",
    "id_t", "Py_off_t", "off_t", "dev_t", "fildes", "dir_fd", "intptr_t",
}
SCALAR_RETURN_CONVERTERS = SCALAR_CONVERTERS | {"NoneType"}

# Boxing of a C scalar: what an `_impl` may return for a scalar result.
SCALAR_BOXES = re.compile(
    r"^(PyFloat_FromDouble|PyLong_From(Long|UnsignedLong|LongLong|UnsignedLongLong|"
    r"Ssize_t|Size_t|Pid|Uid|Gid)|PyBool_FromLong|_PyLong_FromUid|_PyLong_FromGid|"
    r"PyLong_FromPid|Py_NewRef\(Py_(None|True|False)\))\b")
SCALAR_RETURNS = re.compile(r"^(NULL|Py_None|Py_True|Py_False|Py_NewRef\(Py_(None|True|False)\))$")
# Calls that raise and return NULL: an error path, not a result.
RAISES = re.compile(r"^(PyErr_\w+|\w*[Ee]rror\w*)\s*\(")
RETURN_MACROS = re.compile(r"\bPy_RETURN_(NONE|TRUE|FALSE)\b")

# Refusal keys (refuse("Key", ...) in passes/, a remark's Name) that say an
# argument or the result is an object, not a C scalar. Every other refusal
# is about how the function computes, so its signature may still be scalar.
OBJECT_KEYS = {
    "ArgumentEscapes",        # an argument object is used for more than unboxing
    "ArgumentNotUnboxed",     # no unboxer of a C scalar reaches the arguments
    "UnsupportedFormat",      # a format code or converter that gives no C scalar
    "UnsupportedBuildValue",  # Py_BuildValue of more than one scalar (a tuple)
    "ReturnsObject",          # the result is an object other than a boxed C scalar
}


@dataclass
class ClinicFunction:
    full_name: str            # e.g. "math.fmod", "select.poll.register"
    wrapper: str              # C name of the wrapper, e.g. "math_fmod"
    params: list              # [(name, converter base name)]
    return_converter: str     # "" when the _impl returns a PyObject *
    self_is_module: bool
    returns_scalar: bool = False
    star_args: bool = False


@dataclass
class Entry:
    python_name: str
    wrapper: str              # C function named in the table
    table: str
    module_level: bool


@dataclass
class SourceInfo:
    entries: list = field(default_factory=list)
    clinic: dict = field(default_factory=dict)     # wrapper C name -> ClinicFunction

    def entry_for(self, python_name, wrapper_hint=None):
        matches = [e for e in self.entries if e.python_name == python_name]
        if wrapper_hint:
            exact = [e for e in matches if e.wrapper == wrapper_hint]
            if exact:
                return exact[0]
        return matches[0] if len(matches) == 1 else (matches[0] if matches else None)


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)


def read_sources(paths):
    """The module's .c files and the clinic .c.h files they include."""
    texts = {}
    for p in paths:
        p = Path(p)
        texts[p] = p.read_text(errors="replace")
        for inc in re.findall(r'#include\s+"(clinic/[^"]+)"', texts[p]):
            q = p.parent / inc
            if q.exists():
                texts[q] = q.read_text(errors="replace")
    return texts


def function_body(code, name):
    """The body of the C function definition `name(...) {...}` in comment-free code."""
    m = re.search(r"^%s\s*\([^;{]*?\)\s*\{" % re.escape(name), code, flags=re.M | re.S)
    if not m:
        return None
    depth, i = 1, m.end()
    while depth and i < len(code):
        c = code[i]
        depth += c == "{"
        depth -= c == "}"
        i += 1
    return code[m.end():i - 1]


def returns_only_scalars(body, code=""):
    """Every `return` of an _impl body yields NULL/None/bool or a boxed C scalar:
    directly, through a local, through either arm of `c ? x : y`, or through a
    call of a helper defined in `code` (posix_fildes_fd) that does."""
    values = scalar_returns(body, code, 0)
    if not values:
        return False
    nones = any(re.search(r"\bPy_None\b", v) for v in values)
    numbers = any(SCALAR_BOXES.match(v) and "Py_None" not in v for v in values)
    return not (nones and numbers)  # int | None: no C scalar


def scalar_returns(body, code, depth):
    """What the returns of body are ("Py_None", boxing calls, ...), or None
    when one of them is not known to be a C scalar."""
    if body is None:
        return None
    exprs = [e.strip() for e in re.findall(r"\breturn\b([^;]*);", body)]
    values = []   # what the scalar returns are: "None", a bool, a box
    while exprs:
        e = re.sub(r"^\((.*)\)$", r"\1", exprs.pop()).strip()
        arms = re.fullmatch(r"[^?:]*\?([^?:]*):([^?:]*)", e)
        if arms:
            exprs += [arms.group(1).strip(), arms.group(2).strip()]
            continue
        if SCALAR_RETURNS.match(e) or SCALAR_BOXES.match(e) or RAISES.match(e):
            values.append(e)
            continue
        helper = re.fullmatch(r"(\w+)\s*\(.*\)", e, flags=re.S)
        if helper and depth < 2:
            inner = scalar_returns(function_body(code, helper.group(1)), code, depth + 1)
            if inner:
                values += inner
                continue
        if re.fullmatch(r"[A-Za-z_]\w*", e):
            # A local: every assignment must be a boxing call or NULL/None.
            assigns = [a.strip() for a in re.findall(r"\b%s\s*=(?!=)\s*([^;]*);" % re.escape(e), body)]
            if assigns and all(SCALAR_RETURNS.match(a) or SCALAR_BOXES.match(a) for a in assigns):
                values += assigns
                continue
        return None
    values += ["Py_" + m.capitalize() for m in RETURN_MACROS.findall(body)]
    return values or None


def parse_clinic(text):
    """Clinic input blocks of one .c file -> {wrapper C name: ClinicFunction}."""
    out, by_name = {}, {}
    code = strip_comments(text)
    for m in re.finditer(r"/\*\[clinic input\]\n(.*?)\[clinic start generated code\]\*/", text, flags=re.S):
        impl = re.match(r"\s*(?:static\s+)?[^\n(]*\n(\w+)_impl\s*\(([^,)]*)", text[m.end():])
        if not impl:
            continue  # a directive block (module, class, ...)
        block, wrapper, first = m.group(1), impl.group(1), impl.group(2)
        lines = [l for l in block.split("\n")]
        head_i = None
        for i, l in enumerate(lines):
            s = l.strip()
            if not s or l.startswith(" ") or s.startswith("@") or \
               re.match(r"(module|class)\s", s) or s.startswith("#"):
                continue
            head_i = i
            break
        if head_i is None:
            continue
        head = lines[head_i].strip()
        ret = ""
        if "->" in head:
            head, ret = [x.strip() for x in head.split("->", 1)]
            ret = re.sub(r"\(.*", "", ret).strip()
        params, star = [], False
        if "=" in head:
            name, src = [x.strip() for x in head.split("=", 1)]
            base = by_name.get(src)
            if base:
                params, star = list(base.params), base.star_args
                ret = ret or base.return_converter
        else:
            name = head
        for l in lines[head_i + 1:]:
            pm = re.match(r"^    (\S.*)$", l)
            if not pm:
                continue
            s = pm.group(1).strip()
            if s in ("/", "*", "[", "]") or s.startswith("#"):
                continue
            pd = re.match(r"^(\*{0,2})(\w+)(?:\s+as\s+\w+)?\s*:\s*([\w]+)", s)
            if not pd:
                continue
            if pd.group(1):
                star = True
            params.append((pd.group(2), pd.group(3)))
        self_is_module = bool(re.search(r"\bPyObject\s*\*\s*module\b", first)) or \
            "@staticmethod" in block
        f = ClinicFunction(name, wrapper, params, ret, self_is_module, star_args=star)
        if ret:
            f.returns_scalar = ret in SCALAR_RETURN_CONVERTERS
        else:
            f.returns_scalar = returns_only_scalars(function_body(code, wrapper + "_impl"), code)
        out[wrapper] = f
        by_name[name] = f
    return out


def parse_tables(texts):
    """PyMethodDef tables -> entries, each marked module-level or not."""
    alltext = "\n".join(strip_comments(t) for t in texts.values())
    macros = {k: v for k, v in re.findall(
        r'#define\s+(\w+_METHODDEF)\s*\\\s*(\{[^}]*\})', alltext)}
    module_tables = set()
    for m in re.finditer(r"PyModuleDef\s+\w+\s*=\s*\{(.*?)\};", alltext, flags=re.S):
        module_tables |= set(re.findall(r"\w+", m.group(1)))
    module_tables |= set(re.findall(r"PyModule_AddFunctions\s*\(\s*\w+\s*,\s*(\w+)", alltext))
    entries = []
    for m in re.finditer(r"PyMethodDef\s+(\w+)\s*\[\s*\]\s*=\s*\{(.*?)\n\};", alltext, flags=re.S):
        table, body = m.group(1), m.group(2)
        for piece in re.finditer(r"(\{[^{}]*\})|(\b\w+_METHODDEF\b)", body):
            item = piece.group(1) or macros.get(piece.group(2), "")
            em = re.match(r'\{\s*"([^"]+)"\s*,\s*(?:\(PyCFunction\)\s*|\(\w+\)\s*)?'
                          r'(?:_PyCFunction_CAST\s*\()?\s*\(?(?:\(\w+\)\s*)?(\w+)', item)
            if em:
                entries.append(Entry(em.group(1), em.group(2), table, table in module_tables))
    return entries


def analyse(paths):
    texts = read_sources(paths)
    info = SourceInfo()
    info.entries = parse_tables(texts)
    for t in texts.values():
        info.clinic.update(parse_clinic(t))
    return info


def clinic_verdict(f):
    """(eligible, why) for a module function with a Clinic signature."""
    if not f.self_is_module:
        return False, "method (self is an object)"
    if f.star_args:
        return False, "takes *args"
    bad = [f"{n}: {c}" for n, c in f.params if c not in SCALAR_CONVERTERS]
    if bad:
        return False, "parameter " + ", ".join(bad)
    if not f.returns_scalar:
        return False, "returns an object"
    return True, "scalar Clinic signature"


def eligibility(info, python_name, wrapper_hint, mined, key):
    """(eligible, basis) for one PyMethodDef function, by the rule above."""
    entry = info.entry_for(python_name, wrapper_hint)
    wrapper = entry.wrapper if entry else wrapper_hint
    if mined:
        return True, "mined"
    if entry is not None and not entry.module_level:
        return False, "method (self is an object)"
    f = info.clinic.get(wrapper)
    if f is not None:
        return clinic_verdict(f)
    if key in OBJECT_KEYS:
        return False, "hand-written; refused for an object argument or result"
    return True, "hand-written; refused, but not for objects"
