"""The record format of include/pyunbox/format.h, read in pure Python.

This is the reader for files (no code of the file is run) and the fallback for
loaded modules when the C runtime (libpyunbox_runtime.so) is not available.
It checks what docs/FORMAT.md "What a reader checks" lists, in that order, and
reads nothing from a section with a bad record.

The constants below are include/pyunbox/format.h's, copied so that the package
works installed without the repository; test/python/test_format_h.py compiles
a program against format.h and checks every one of them against it.
"""
import math
import struct

SECTION = "pyunbox_sigs"                # PYUNBOX_SECTION
BOUNDS_SYMBOL = "pyunbox_sigs_bounds"   # PYUNBOX_BOUNDS_SYMBOL
MAGIC = 0x42555950                      # PYUNBOX_MAGIC
VERSION = 1                             # PYUNBOX_VERSION
ALIGN = 8                               # PYUNBOX_ALIGN
MAX_PARAMS = 32                         # PYUNBOX_MAX_PARAMS
MAX_RESULTS = 8                         # PYUNBOX_MAX_RESULTS
EFFECT_NEEDS_INTERPRETER = 0x1          # PYUNBOX_EFFECT_NEEDS_INTERPRETER
PARAM_POSITIONAL = 0x1                  # PYUNBOX_PARAM_POSITIONAL
PARAM_KEYWORD = 0x2                     # PYUNBOX_PARAM_KEYWORD
PARAM_OPTIONAL = 0x4                    # PYUNBOX_PARAM_OPTIONAL
PARAM_DEFAULT = 0x8                     # PYUNBOX_PARAM_DEFAULT
PARAM_ANY_BUFFER = 0x10                 # PYUNBOX_PARAM_ANY_BUFFER
PARAM_NONE_IS_NULL = 0x20               # PYUNBOX_PARAM_NONE_IS_NULL
PARAM_KNOWN_BITS = 0x3F                 # PYUNBOX_PARAM_KNOWN_BITS
BASE_HEADER_SIZE = 72                   # PYUNBOX_BASE_HEADER_SIZE
PARAMS_HEADER_SIZE = 80                 # PYUNBOX_PARAMS_HEADER_SIZE
TYPE_HEADER_SIZE = 88                   # PYUNBOX_TYPE_HEADER_SIZE

# enum pyunbox_kind, index = value: (PYUNBOX_KIND_<name>, the C spelling that
# pyunbox-dump prints).
KIND_TABLE = (("VOID", "void"), ("BOOL", "_Bool"), ("UCHAR", "unsigned char"),
              ("SHORT", "short"), ("USHORT", "unsigned short"), ("INT", "int"),
              ("UINT", "unsigned int"), ("LONG", "long"), ("ULONG", "unsigned long"),
              ("LONGLONG", "long long"), ("ULONGLONG", "unsigned long long"),
              ("SSIZE_T", "Py_ssize_t"), ("FLOAT", "float"), ("DOUBLE", "double"),
              ("SCHAR", "signed char"),
              # Parameters only; a _SIZE kind is two C parameters.
              ("UTF8", "const char *"), ("UTF8_SIZE", "const char *, Py_ssize_t"),
              ("BYTES", "const char *"), ("BYTES_SIZE", "const char *, Py_ssize_t"),
              # Returns only: the core returns void, the items through pointers.
              ("TUPLE", "tuple"))
# The spellings, index = value. Not unique: tell kinds apart by number.
KINDS = tuple(spelling for _, spelling in KIND_TABLE)
# enum pyunbox_kind by name: KIND["UTF8"] == 15.
KIND = {name: value for value, (name, _) in enumerate(KIND_TABLE)}
KIND_LAST_SCALAR = KIND["SCHAR"]        # PYUNBOX_KIND_LAST_SCALAR: the last a core returns
KIND_LAST_PARAM = KIND["BYTES_SIZE"]    # PYUNBOX_KIND_LAST_PARAM


class StringKind:
    """What a string kind's wrapper accepts (docs/FORMAT.md, "String kinds"):
    a str (the core gets its UTF-8), a bytes, and whether the core also gets
    the length as a second C parameter (then the bytes may hold NUL; without
    it they end at the first NUL, so the wrapper refuses one)."""
    __slots__ = ("takes_str", "takes_bytes", "sized")

    def __init__(self, *, takes_str, takes_bytes, sized):
        self.takes_str, self.takes_bytes, self.sized = takes_str, takes_bytes, sized


STRING_KINDS = {KIND["UTF8"]: StringKind(takes_str=True, takes_bytes=False, sized=False),
                KIND["UTF8_SIZE"]: StringKind(takes_str=True, takes_bytes=True, sized=True),
                KIND["BYTES"]: StringKind(takes_str=False, takes_bytes=True, sized=False),
                KIND["BYTES_SIZE"]: StringKind(takes_str=False, takes_bytes=True, sized=True)}
SIZED_KINDS = frozenset(k for k, s in STRING_KINDS.items() if s.sized)
# enum pyunbox_convention: PYUNBOX_CONV_<name> is METH_<name>.
CONVENTIONS = {1: "METH_NOARGS", 2: "METH_O", 3: "METH_FASTCALL", 4: "METH_VARARGS"}
# enum pyunbox_memory and enum pyunbox_errors, index = value: PYUNBOX_MEMORY_<NAME>
# and PYUNBOX_ERRORS_<NAME>, in lower case.
MEMORY = ("none", "read", "write")
ERRORS = ("none", "bail", "pyerr")

# struct pyunbox_record, version 1, field by field: (name, struct code),
# little-endian, no padding (format.h lays it out so).
HEADER_FIELDS = (
    ("magic", "I"), ("version", "H"), ("header_size", "H"), ("record_size", "I"),
    ("meth_flags", "I"), ("wrapper_offset", "q"), ("core_offset", "q"),
    ("python_name", "I"), ("core_symbol", "I"), ("wrapper_symbol", "I"),
    ("module_name", "I"), ("c_prototype", "I"), ("param_names", "I"), ("param_kinds", "I"),
    ("convention", "B"), ("return_kind", "B"), ("param_count", "B"), ("effects", "B"),
    ("memory", "B"), ("errors", "B"), ("reserved", "6s"),
    ("param_flags", "I"), ("param_defaults", "I"), ("type_name", "I"), ("result_kinds", "I"))
# offsetof(struct pyunbox_record, field)
OFFSETS = {name: struct.calcsize("<" + "".join(code for _, code in HEADER_FIELDS[:i]))
           for i, (name, _) in enumerate(HEADER_FIELDS)}
_HEADER = struct.Struct("<" + "".join(code for _, code in HEADER_FIELDS))
# The header as first written, without the parameter table.
_BASE_HEADER = struct.Struct("<" + "".join(code for name, code in HEADER_FIELDS
                                           if OFFSETS[name] < BASE_HEADER_SIZE))
# magic, version, header_size: what every version's header starts with.
_PREFIX = struct.Struct("<" + "".join(code for _, code in HEADER_FIELDS[:3]))
HEADER_SIZE = _HEADER.size  # 88, sizeof(struct pyunbox_record) with the method's type
_MASK64 = (1 << 64) - 1


class FormatError(ValueError):
    """A corrupt, truncated or newer-version section: nothing of it is read."""


class Record:
    """One core, with the fields of `pyunbox-dump --json` as attributes.

    Addresses are hex strings as in the dump: virtual addresses of the file
    for a record read from a file, run-time addresses for a loaded module.
    `param_kinds` and `return_kind` are the raw enum pyunbox_kind values
    (`param_types` spells UTF8 and BYTES alike). `param_any_buffer` says
    which _SIZE string parameters' wrappers take any bytes-like object
    (PARAM_ANY_BUFFER), `param_none_is_null` which string parameters'
    wrappers also take None, for which the core gets NULL ("z":
    PARAM_NONE_IS_NULL), `param_default_is_none` which of those stand for
    None where omitted (PARAM_DEFAULT: their `param_defaults` is None, as
    where there is no default); the dump prints each only where one has it.
    A tuple's `return_type` is "tuple", its items' kinds `result_kinds` and
    their spellings `result_types` (which the dump prints only for a tuple;
    [] otherwise).
    """
    FIELDS = ("python_name", "core_symbol", "wrapper_symbol", "module", "type", "c_prototype",
              "return_type", "param_types", "param_names", "param_passing", "param_optional",
              "param_defaults", "convention", "meth_flags",
              "needs_interpreter", "memory", "errors", "core_address",
              "wrapper_address", "format_version", "param_kinds")
    # Last in the dump, and only where a parameter has the flag.
    FLAG_LISTS = ("param_any_buffer", "param_none_is_null", "param_default_is_none")
    __slots__ = FIELDS + FLAG_LISTS + ("return_kind", "effects", "param_flags",
                                       "result_types", "result_kinds")

    def __init__(self, **fields):
        for name in self.__slots__:
            setattr(self, name, fields[name])

    def as_dict(self):
        """The record exactly as one element of pyunbox-dump --json's "records"."""
        fields = {name: getattr(self, name) for name in self.FIELDS}
        fields["param_defaults"] = [_json_default(d) for d in self.param_defaults]
        if self.return_kind == KIND["TUPLE"]:
            fields["result_types"] = list(self.result_types)
        # Last and only where set, so that other records print as before they existed.
        for name in self.FLAG_LISTS:
            if any(getattr(self, name)):
                fields[name] = list(getattr(self, name))
        return fields

    @property
    def core_addr(self):
        return int(self.core_address, 16)

    @property
    def wrapper_addr(self):
        return int(self.wrapper_address, 16)

    @property
    def qualified_name(self):
        """The name pyunbox-dump shows: "mod.Type.meth" for a type's method
        (tp_name names the module), "mod.func" for a module's function."""
        owner = self.type or self.module
        return f"{owner}.{self.python_name}" if owner else self.python_name

    def __repr__(self):
        return f"<pyunbox.Record {self.qualified_name}: {self.c_prototype}>"

    def __eq__(self, other):
        return isinstance(other, Record) and self.as_dict() == other.as_dict()

    __hash__ = None


def _json_default(value):
    # pyunbox-dump --json writes non-finite doubles as strings.
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if value != value else ("inf" if value > 0 else "-inf")
    return value


def passing_name(flags):
    """How a call passes a parameter, as pyunbox-dump --json's param_passing."""
    if flags & PARAM_POSITIONAL and flags & PARAM_KEYWORD:
        return "positional-or-keyword"
    return "positional-only" if flags & PARAM_POSITIONAL else "keyword-only"


def default_value(kind, bits):
    """The Python value of a default's 8 bytes (format.h): an int, a bool
    or a float."""
    spelling = KINDS[kind]
    if spelling in ("float", "double"):
        return struct.unpack("<d", struct.pack("<Q", bits))[0]
    if spelling == "_Bool":
        return bool(bits)
    if spelling.startswith("unsigned"):
        return bits
    return bits - (1 << 64) if bits >> 63 else bits


# The range of each integer kind that format.h's readers check a default
# against (64-bit kinds take every value).
_KIND_RANGES = {"_Bool": (0, 1), "signed char": (-128, 127), "unsigned char": (0, 255),
                "short": (-32768, 32767), "unsigned short": (0, 65535),
                "int": (-(1 << 31), (1 << 31) - 1), "unsigned int": (0, (1 << 32) - 1)}


def make_record(*, python_name, core_symbol, wrapper_symbol, module, c_prototype, type_name="",
                param_names, param_kinds, return_kind, convention, meth_flags,
                effects, memory, errors, core_address, wrapper_address, version,
                param_flags=None, param_defaults=None, result_kinds=()):
    """A Record from decoded, validated values (shared with the C runtime path).
    Without the parameter table every parameter is positional and required."""
    if param_flags is None:
        param_flags = [PARAM_POSITIONAL] * len(param_kinds)
        param_defaults = [0] * len(param_kinds)
    return Record(
        python_name=python_name, core_symbol=core_symbol, wrapper_symbol=wrapper_symbol,
        module=module, type=type_name, c_prototype=c_prototype,
        return_type=KINDS[return_kind], param_types=[KINDS[k] for k in param_kinds],
        param_names=[n or None for n in param_names],
        param_passing=[passing_name(f) for f in param_flags],
        param_optional=[bool(f & PARAM_OPTIONAL) for f in param_flags],
        param_defaults=[default_value(k, d) if f & PARAM_DEFAULT and k not in STRING_KINDS
                        else None for k, f, d in zip(param_kinds, param_flags, param_defaults)],
        param_any_buffer=[bool(f & PARAM_ANY_BUFFER) for f in param_flags],
        param_none_is_null=[bool(f & PARAM_NONE_IS_NULL) for f in param_flags],
        param_default_is_none=[f & (PARAM_NONE_IS_NULL | PARAM_DEFAULT) ==
                               PARAM_NONE_IS_NULL | PARAM_DEFAULT for f in param_flags],
        param_flags=list(param_flags),
        convention=CONVENTIONS[convention], meth_flags=meth_flags,
        needs_interpreter=bool(effects & EFFECT_NEEDS_INTERPRETER),
        memory=MEMORY[memory], errors=ERRORS[errors],
        core_address=hex(core_address & _MASK64), wrapper_address=hex(wrapper_address & _MASK64),
        format_version=version, param_kinds=list(param_kinds), return_kind=return_kind,
        effects=effects, result_kinds=list(result_kinds),
        result_types=[KINDS[k] for k in result_kinds])


def _string(rec, off, header_size, what):
    if not header_size <= off < len(rec):
        raise FormatError(f"{what} at offset {off} is outside the string area "
                          f"[{header_size}, {len(rec)}) of the record")
    end = rec.find(b"\0", off)
    if end < 0:
        raise FormatError(f"{what} at offset {off} has no terminating NUL inside the record")
    raw = rec[off:end]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or any(c < 0x20 or c == 0x7F for c in raw):
        raise FormatError(f"{what} at offset {off} is not valid UTF-8 text "
                          "(or has a control character)")
    return text, end + 1


def parse_section(data, address=0):
    """All records of one section's bytes. `address` is where data[0] lives
    (sh_addr in a file, the run-time address in memory); code addresses are
    resolved against it. Raises FormatError, naming the record's offset."""
    data = bytes(data)
    records, pos = [], 0
    while pos < len(data):
        left = len(data) - pos
        if left < ALIGN:
            if any(data[pos:]):
                raise FormatError(f"{left} stray bytes at the end of the section")
            break
        if not any(data[pos:pos + ALIGN]):
            pos += ALIGN  # zero padding between translation units
            continue
        try:
            record, size = _parse_record(data, pos, address)
        except FormatError as e:
            raise FormatError(f"record at offset {pos:#x}: {e}") from None
        records.append(record)
        pos += size
    return records


def _parse_record(data, pos, address):
    magic, version, header_size = _PREFIX.unpack_from(data, pos)
    if magic != MAGIC:
        raise FormatError(f"bad magic {magic:#010x} (expected {MAGIC:#010x}, \"PYUB\")")
    if version > VERSION:
        raise FormatError(f"written by a newer pyunbox (format version {version}, "
                          f"this reader knows up to {VERSION})")
    if version == 0:
        raise FormatError("format version 0 does not exist")
    left = len(data) - pos
    if left < BASE_HEADER_SIZE:
        raise FormatError(f"only {left} bytes left, too few for a record header")
    (_, _, _, size, meth_flags, wrapper_off, core_off, name_o, core_o, wrapper_o,
     module_o, proto_o, names_o, kinds_o, convention, return_kind, count, effects,
     memory, errors, _) = _BASE_HEADER.unpack_from(data, pos)
    if header_size < BASE_HEADER_SIZE:
        raise FormatError(f"header_size {header_size} is below the version 1 header "
                          f"({BASE_HEADER_SIZE})")
    if size % ALIGN or size < header_size:
        raise FormatError(f"record_size {size} is not a multiple of {ALIGN} at least "
                          f"header_size {header_size}")
    if size > left:
        raise FormatError(f"record_size {size} runs past the end of the section "
                          f"({left} bytes left)")
    if convention not in CONVENTIONS:
        raise FormatError(f"convention {convention} is not one of 1..4")
    if return_kind >= len(KINDS):
        raise FormatError(f"return kind {return_kind} is not a known kind "
                          f"(0..{len(KINDS) - 1})")
    if KIND_LAST_SCALAR < return_kind < KIND["TUPLE"]:
        raise FormatError(f"return kind {return_kind} ({KINDS[return_kind]}) is a "
                          f"parameter-only kind: a core returns 0..{KIND_LAST_SCALAR} or "
                          f"{KIND['TUPLE']} (a tuple)")
    if count > MAX_PARAMS:
        raise FormatError(f"param_count {count} exceeds the maximum {MAX_PARAMS}")
    if effects & ~EFFECT_NEEDS_INTERPRETER:
        raise FormatError(f"unknown effect bits {effects:#04x}")
    if memory >= len(MEMORY):
        raise FormatError(f"memory {memory} is not one of 0..2")
    if errors >= len(ERRORS):
        raise FormatError(f"errors {errors} is not one of 0..{len(ERRORS) - 1}")
    rec = data[pos:pos + size]
    strings = {}
    for what, off in (("python_name", name_o), ("core_symbol", core_o),
                      ("wrapper_symbol", wrapper_o), ("module_name", module_o),
                      ("c_prototype", proto_o)):
        strings[what] = _string(rec, off, header_size, what)[0]
    strings["type_name"] = ""
    if header_size >= TYPE_HEADER_SIZE:
        type_o = struct.unpack_from("<I", rec, OFFSETS["type_name"])[0]
        strings["type_name"] = _string(rec, type_o, header_size, "type_name")[0]
    for what in ("python_name", "core_symbol"):
        if not strings[what]:
            raise FormatError(f"{what} is empty")
    names, off = [], names_o
    for i in range(count):
        name, off = _string(rec, off, header_size, f"param_names[{i}]")
        names.append(name)
    kinds = list(rec[kinds_o:kinds_o + count]) if count else []
    if count and not (header_size <= kinds_o and kinds_o + count <= size):
        raise FormatError(f"param_kinds at offset {kinds_o} ({count} bytes) is outside "
                          f"the area [{header_size}, {size})")
    for i, kind in enumerate(kinds):
        if not 1 <= kind <= KIND_LAST_PARAM:
            raise FormatError(f"kind {kind} of parameter {i} is not a value kind")
    results = _result_kinds(rec, header_size, size) if return_kind == KIND["TUPLE"] else []
    flags, defaults = _param_table(rec, header_size, size, kinds)
    record = make_record(
        python_name=strings["python_name"], core_symbol=strings["core_symbol"],
        wrapper_symbol=strings["wrapper_symbol"], module=strings["module_name"],
        type_name=strings["type_name"], c_prototype=strings["c_prototype"], param_names=names, param_kinds=kinds,
        return_kind=return_kind, convention=convention, meth_flags=meth_flags,
        effects=effects, memory=memory, errors=errors,
        # Self-relative: from the address of the field itself.
        core_address=address + pos + OFFSETS["core_offset"] + core_off,
        wrapper_address=address + pos + OFFSETS["wrapper_offset"] + wrapper_off,
        version=version, param_flags=flags, param_defaults=defaults, result_kinds=results)
    return record, size


def _result_kinds(rec, header_size, size):
    """A tuple result's item kinds, checked as format.h says."""
    at = struct.unpack_from("<I", rec, OFFSETS["result_kinds"])[0] \
        if header_size >= TYPE_HEADER_SIZE else 0
    if not header_size <= at < size:
        raise FormatError(f"result_kinds at offset {at} is outside the area "
                          f"[{header_size}, {size})")
    count = rec[at]
    if not 2 <= count <= MAX_RESULTS or at + 1 + count > size:
        raise FormatError(f"a tuple of {count} items at offset {at} (2..{MAX_RESULTS}, "
                          f"inside the record's {size} bytes)")
    kinds = list(rec[at + 1:at + 1 + count])
    for i, kind in enumerate(kinds):
        if not 1 <= kind <= KIND_LAST_SCALAR:
            raise FormatError(f"kind {kind} of result {i} is not a scalar kind")
    return kinds


def _param_table(rec, header_size, size, kinds):
    """(flags, default bits) of each parameter, checked as format.h says."""
    count = len(kinds)
    if header_size < PARAMS_HEADER_SIZE or not count:
        return [PARAM_POSITIONAL] * count, [0] * count
    flags_o, defaults_o = struct.unpack_from("<II", rec, OFFSETS["param_flags"])
    if not (header_size <= flags_o and flags_o + count <= size):
        raise FormatError(f"param_flags at offset {flags_o} ({count} bytes) is outside the "
                          f"area [{header_size}, {size})")
    if not (header_size <= defaults_o and defaults_o + 8 * count <= size):
        raise FormatError(f"param_defaults at offset {defaults_o} ({count} values) is outside "
                          f"the area [{header_size}, {size})")
    flags = list(rec[flags_o:flags_o + count])
    defaults = list(struct.unpack_from(f"<{count}Q", rec, defaults_o))
    for i, (kind, f) in enumerate(zip(kinds, flags)):
        if f & ~PARAM_KNOWN_BITS or (f & PARAM_DEFAULT and not f & PARAM_OPTIONAL) or \
                not f & (PARAM_POSITIONAL | PARAM_KEYWORD):
            raise FormatError(f"flags {f:#04x} of parameter {i}: unknown bits, a default of a "
                              "required parameter, or no way to pass it")
        if f & PARAM_ANY_BUFFER and kind not in SIZED_KINDS:
            raise FormatError(f"parameter {i} of kind {kind} ({KINDS[kind]}) takes any buffer, "
                              "which only a UTF8_SIZE or BYTES_SIZE parameter does")
        if f & PARAM_NONE_IS_NULL and kind not in (KIND["UTF8"], KIND["UTF8_SIZE"]):
            raise FormatError(f"parameter {i} of kind {kind} ({KINDS[kind]}) takes None as NULL, "
                              "which only a UTF8 or UTF8_SIZE parameter does")
        if not f & PARAM_DEFAULT:
            defaults[i] = 0
            continue
        if kind in STRING_KINDS:
            # An address, but for None's NULL where the wrapper takes None.
            if f & PARAM_NONE_IS_NULL and defaults[i] == 0:
                continue
            raise FormatError(f"parameter {i} of kind {kind} ({KINDS[kind]}) has a default, "
                              "which a string parameter has only as None (NONE_IS_NULL, 0)")
        lo, hi = _KIND_RANGES.get(KINDS[kind], (None, None))
        value = defaults[i] - (1 << 64) if defaults[i] >> 63 else defaults[i]
        if lo is not None and not lo <= value <= hi:
            raise FormatError(f"default {value} of parameter {i} is outside the range of "
                              f"{KINDS[kind]}")
    return flags, defaults
