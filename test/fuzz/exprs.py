"""Random C expressions and statements over scalar variables, free of
undefined behaviour under -fwrapv: the wrapper and its core must agree on
every input, and UB would let them differ for reasons unrelated to pyunbox.

What stays UB even with -fwrapv, and how it is avoided here:
- division and modulo by zero and MIN / -1: through fz_div_* / fz_mod_*
  helpers that return the dividend instead;
- shifts by the width or more, and left shifts of signed values: only
  unsigned values are shifted left, by an amount masked to width - 1;
- double -> integer conversion out of range or of NaN: through fz_d2ll,
  which returns 0 there; integer narrowing is implementation-defined
  (wraps), not undefined;
- labs/llabs of the minimum: guarded.
Every expression is fully parenthesized and cast, so -Wall stays quiet.
"""
import re

from shapes import CTYPES

SIGNED_MIN = {"int": "INT_MIN", "long": "LONG_MIN", "llong": "LLONG_MIN",
              "ssize": "PY_SSIZE_T_MIN"}
UNSIGNED_OF = {"int": "uint", "long": "ulong", "llong": "ullong", "ssize": "size",
               "uint": "uint", "ulong": "ulong", "ullong": "ullong", "size": "size"}
LIBM1 = ["sin", "cos", "tan", "sqrt", "exp", "log", "log1p", "fabs", "floor", "ceil",
         "trunc", "round", "cbrt", "atan", "tanh", "expm1"]
LIBM2 = ["fmod", "atan2", "hypot", "pow", "copysign", "fmin", "fmax", "remainder"]
FLOAT_CONSTS = ["0.0", "-0.0", "0.5", "-1.25", "3.0", "1e300", "-1e-300", "1e15",
                "2.5e-7", "DBL_MAX", "-DBL_MIN", "HUGE_VAL"]


VARIABLE = re.compile(r"\b(a\d+|v\d+|i\d+|fz_\w+)\b")


def is_constant(text):
    """No variable and no call: clang folds it and checks it at compile time."""
    return not VARIABLE.search(text)


def spelling(t):
    return CTYPES[t].spelling


def int_consts(t):
    c = CTYPES[t]
    sp = c.spelling
    out = [f"(({sp})0)", f"(({sp})1)", f"(({sp})2)", f"(({sp})7)", f"(({sp})255)",
           f"(({sp}){c.max_macro})", f"(({sp})({c.max_macro} - 1))",
           f"(({sp})0x5555555555555555ULL)", f"(({sp})1000003)"]
    if c.signed:
        out += [f"(({sp})-1)", f"(({sp}){c.min_macro})", f"(({sp})({c.min_macro} + 1))",
                f"(({sp})-100)"]
    return out


class Scope:
    """Variables an expression may read: name -> type key. `unread` tracks
    locals not yet read, so every local is used (-Wunused-but-set-variable)."""

    def __init__(self, variables=None):
        self.vars = dict(variables or {})
        self.unread = set()

    def add_local(self, name, t):
        self.vars[name] = t
        self.unread.add(name)

    def read(self, name):
        self.unread.discard(name)
        return name


class ExprGen:
    """Expressions of a wanted type. `helpers` collects the support helpers
    the expressions use (fz_div_long, fz_d2ll, ...), `features` the body
    features (libm, libc, helper, state_read) that appeared."""

    def __init__(self, rng, support, features, pure_helpers=(), state_vars=None):
        self.rng = rng
        self.support = support          # set of support helper names used
        self.features = features        # set of feature names
        self.pure_helpers = list(pure_helpers)  # (name, [param types], return type)
        self.state_vars = state_vars or {}      # readable static state: name -> type

    # -- leaves --------------------------------------------------------------
    def var(self, scope, t):
        """A variable converted to type t, or None if the scope is empty."""
        names = list(scope.vars)
        if self.state_vars and self.rng.random() < 0.15:
            name = self.rng.choice(sorted(self.state_vars))
            self.features.add("state_read")
            return self.convert(name, self.state_vars[name], t)
        if not names:
            return None
        name = self.rng.choice(names)
        scope.read(name)
        return self.convert(name, scope.vars[name], t)

    def convert(self, expr, src, t):
        if src == t:
            return expr
        if CTYPES[t].is_float:
            return f"(({spelling(t)})({expr}))"
        if CTYPES[src].is_float:
            self.support.add("fz_d2ll")
            return f"(({spelling(t)})fz_d2ll({expr}))"
        return f"(({spelling(t)})({expr}))"

    def const(self, t):
        if CTYPES[t].is_float:
            return f"(({spelling(t)}){self.rng.choice(FLOAT_CONSTS)})"
        if self.rng.random() < 0.3:
            v = self.rng.randrange(-(1 << 20), 1 << 20)
            return f"(({spelling(t)}){v}LL)"
        return self.rng.choice(int_consts(t))

    # -- expressions ---------------------------------------------------------
    def expr(self, scope, t, depth=3):
        if depth <= 0 or self.rng.random() < 0.25:
            leaf = self.var(scope, t) if self.rng.random() < 0.75 else None
            return leaf or self.const(t)
        if CTYPES[t].is_float:
            return self.float_expr(scope, t, depth)
        return self.int_expr(scope, t, depth)

    def int_expr(self, scope, t, depth):
        sp = spelling(t)
        r = self.rng.random()
        a = lambda: self.expr(scope, t, depth - 1)  # noqa: E731
        if r < 0.35:
            op = self.rng.choice(["+", "-", "*", "&", "|", "^"])
            x, y = a(), a()
            if CTYPES[t].signed and is_constant(x) and is_constant(y):
                # clang warns (-Winteger-overflow) on constant signed overflow
                # even under -fwrapv; the unsigned spelling is the same value.
                usp = spelling(UNSIGNED_OF[t])
                return f"(({sp})(({usp}){x} {op} ({usp}){y}))"
            return f"(({sp})({x} {op} {y}))"
        if r < 0.45:
            kind = self.rng.choice(["div", "mod"])
            name = f"fz_{kind}_{t}"
            self.support.add(name)
            return f"{name}({a()}, {a()})"
        if r < 0.55:
            u = UNSIGNED_OF[t]
            usp = spelling(u)
            width = CTYPES[u].bits
            if self.rng.random() < 0.5:
                return f"(({sp})(({usp})({a()}) << (({usp})({a()}) & {width - 1}u)))"
            return f"(({sp})({a()} >> (({usp})({a()}) & {width - 1}u)))"
        if r < 0.62:
            op = self.rng.choice(["-", "~"])
            x = a()
            if CTYPES[t].signed and is_constant(x):
                return f"(({sp}){op}(({spelling(UNSIGNED_OF[t])}){x}))"
            return f"(({sp}){op}({x}))"
        if r < 0.72:
            return f"({self.cond(scope, depth - 1)} ? {a()} : {a()})"
        if r < 0.80:
            return self.convert(self.float_expr(scope, "double", depth - 1), "double", t)
        if r < 0.88 and self.pure_helpers:
            return self.helper_call(scope, t, depth)
        if r < 0.94:
            return self.libc(scope, t, depth)
        return f"(({sp})({self.cond(scope, depth - 1)}))"

    def float_expr(self, scope, t, depth):
        sp = spelling(t)
        r = self.rng.random()
        a = lambda: self.expr(scope, "double", depth - 1)  # noqa: E731
        if r < 0.35:
            op = self.rng.choice(["+", "-", "*", "/"])
            return f"(({sp})({a()} {op} {a()}))"
        if r < 0.55:
            self.features.add("libm")
            return f"(({sp}){self.rng.choice(LIBM1)}({a()}))"
        if r < 0.70:
            self.features.add("libm")
            return f"(({sp}){self.rng.choice(LIBM2)}({a()}, {a()}))"
        if r < 0.80:
            return f"({self.cond(scope, depth - 1)} ? (({sp}){a()}) : (({sp}){a()}))"
        if r < 0.88 and self.pure_helpers:
            return self.helper_call(scope, t, depth)
        wt = self.rng.choice(["long", "ulong", "int", "llong"])
        return f"(({sp}){self.int_expr(scope, wt, depth - 1)})"

    def cond(self, scope, depth):
        r = self.rng.random()
        if r < 0.6 or depth <= 0:
            t = self.rng.choice(["int", "uint", "long", "ulong", "llong", "double"])
            op = self.rng.choice(["<", "<=", ">", ">=", "==", "!="])
            x, y = self.expr(scope, t, depth), self.expr(scope, t, depth)
            if x == y:  # -Wtautological-compare
                y = self.const(t)
            return f"({x} {op} {y})"
        if r < 0.75:
            op = self.rng.choice(["&&", "||"])
            return f"({self.cond(scope, depth - 1)} {op} {self.cond(scope, depth - 1)})"
        if r < 0.85:
            return f"(!{self.cond(scope, depth - 1)})"
        self.features.add("libm")
        fn = self.rng.choice(["isnan", "isinf", "isfinite", "signbit"])
        return f"({fn}({self.expr(scope, 'double', depth - 1)}) != 0)"

    def helper_call(self, scope, t, depth):
        name, params, ret = self.rng.choice(self.pure_helpers)
        self.features.add("helper")
        args = ", ".join(self.expr(scope, p, depth - 1) for p in params)
        return self.convert(f"{name}({args})", ret, t)

    def libc(self, scope, t, depth):
        """libc calls on integers: labs/llabs with their minimum guarded (the
        operand is a plain variable so the guard costs no duplication), and
        strlen of a number printed with snprintf (through fz_ndigits)."""
        self.features.add("libc")
        if self.rng.random() < 0.5:
            v = self.var(scope, "long") or self.const("long")
            return self.convert(f"({v} == LONG_MIN ? 0L : labs({v}))", "long", t)
        self.support.add("fz_ndigits")
        return self.convert(f"fz_ndigits({self.expr(scope, 'llong', depth - 1)})", "int", t)


# Support helpers: name -> C text. Each is static and used only if referenced.
def support_text(name):
    if name == "fz_d2ll":
        return ("/* double -> integer without UB: 0 for NaN and out-of-range values. */\n"
                "static long long fz_d2ll(double d) {\n"
                "    if (!(d > -9.2e18 && d < 9.2e18))\n"
                "        return 0;\n"
                "    return (long long)d;\n"
                "}\n")
    if name == "fz_ndigits":
        return ("/* libc: the length of a number printed in decimal. */\n"
                "static int fz_ndigits(long long v) {\n"
                "    char buf[32];\n"
                "    snprintf(buf, sizeof buf, \"%lld\", v);\n"
                "    return (int)strlen(buf);\n"
                "}\n")
    kind, t = name[len("fz_"):].split("_", 1)
    sp = spelling(t)
    guard = f"b == 0"
    if t in SIGNED_MIN:
        guard += f" || (a == {SIGNED_MIN[t]} && b == -1)"
    op = "/" if kind == "div" else "%"
    return (f"static {sp} {name}({sp} a, {sp} b) {{\n"
            f"    if ({guard})\n"
            f"        return a;\n"
            f"    return a {op} b;\n"
            f"}}\n")
