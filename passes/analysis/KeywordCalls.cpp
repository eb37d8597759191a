//===- analysis/KeywordCalls.cpp - Which calls with keywords a core stands for -===//
//
// The draft is the wrapper called without keywords (Drafting's
// assumeNoKeywords). A call that passes a parameter by name is the same call
// to everything after the parse when the keyword parser puts the value where
// the positional one goes and nothing else tells the two calls apart.
// Argument Clinic's and Cython's parsers are generated: their `_impl` and
// function body see the parsed values only. A hand-written wrapper that
// parses its tuple with PyArg_ParseTuple(AndKeywords) may look at more:
//  - at its keywords dict (`if (kwds)`, the dict's size: Drafting's
//    readsKeywordsBeyondParse). A METH_VARARGS call without keywords passes
//    NULL there, or an empty dict (`f(x, **{})`, CPython's PyObject_Call),
//    which no caller of a core can tell apart: no core.
//  - at its tuple's size, which a call by name makes smaller: the core
//    stands for positional calls only (no name in the record takes a
//    keyword).
// So may a METH_FASTCALL one that parses with _PyArg_ParseStackAndKeywords
// (Clinic's code with it reads nothing else): at nargs, which a call by name
// makes smaller, or at kwnames, which only a call by name sets (f(**{})
// passes NULL): the core stands for positional calls only.
//
// Argument Clinic's own code with _PyArg_UnpackKeywords reads nargs and
// kwnames in ways a call by name and one by position agree on (its macro's
// fast path, noptargs, the skips of positional-only parameters); a
// hand-written wrapper in its style may read them otherwise, `if (nargs <
// 2)` for a parameter a call may name: the core stands for positional calls
// only. Which reads they are is asked of the wrapper before the draft folds
// kwnames away (KeywordCallArity.cpp). A call by name may also skip an
// optional parameter and name a later one, which leaves NULL in the unpacked
// array and the count of arguments (noptargs) smaller than the core's: no
// parameter after the first optional one takes a name.
//
// A format's '$' makes the units after it keyword-only: a call without
// keywords omits them (their value is the one stored before the parse, as
// for an omitted optional one), any other passes them by name. A core has
// them as parameters only where a call can pass them by name.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"

#include "pyunbox/passes/Drafting.h"

using namespace llvm;

namespace pyunbox {

std::optional<Refusal> WrapperAnalyzer::settleKeywordCalls(const FactPropagation &Full) {
  if (!HasKeywords)
    return std::nullopt;
  const BoundaryPrimitive *Parser =
      S.Parses.empty() ? nullptr : calledPrimitive(S.Parses.front().Call);
  bool ParsesByHand = Parser && S.Conv == Convention::VarArgs &&
                      (Parser->Role == PrimitiveRole::ParseTupleAndKeywords ||
                       Parser->Role == PrimitiveRole::ParseTuple);
  if (ParsesByHand && readsKeywordsBeyondParse(F))
    return refuse(RefusalKey::ArgumentEscapes,
                  "reads its keywords dict beyond the parse: a call without keywords passes "
                  "NULL or an empty dict there (f(x, **{})), which a core cannot tell apart");
  auto ByPosition = [&](const Twine &Why) {
    if (S.KeywordCallsMatch)
      S.ByPositionWhy = Why.str();
    S.KeywordCallsMatch = false;
  };
  if (ParsesByHand && !TupleSizes.empty())
    ByPosition("the wrapper reads its tuple's size, which a call by name makes smaller");
  if (Parser && S.Conv == Convention::FastCall &&
      Parser->Role == PrimitiveRole::ParseStackAndKeywords &&
      (readsKeywordsBeyondParse(F) || (NArgs && readsBeyondParse(*NArgs, 1))))
    ByPosition("the wrapper reads nargs or kwnames beyond the parse, which a call by name "
               "changes");
  // Argument Clinic's _PyArg_UnpackKeywords: the wrapper's own reads of
  // nargs and kwnames agree on a call by name that passes at least Least
  // arguments by position (KeywordCallArity.cpp); a call always passes the
  // required positional-only ones so, and may name any other.
  std::optional<unsigned> Least = leastPositionalForKeywordCalls(F);
  unsigned SurePositional = 0;
  while (SurePositional < NumSlots && S.ParamNames[SurePositional].empty() &&
         SurePositional < S.Passing.size() &&
         !(S.Passing[SurePositional].Flags & PYUNBOX_PARAM_OPTIONAL))
    ++SurePositional;
  if (!Least)
    ByPosition("the wrapper reads nargs or kwnames otherwise than Argument Clinic's code does, "
               "so that a call by name and the call of the same values by position differ");
  else if (*Least > SurePositional)
    ByPosition("the wrapper tests nargs as if at least " + Twine(*Least) +
               " arguments were passed by position, which a call by name need not do");
  // Its buffer holds NULL for an optional parameter a call by name skips
  // (f(1, c=5) of f(a, b=2, c=3)), which the wrapper then tests: unless
  // every such call is shown to take the defaults (ParameterDefaults.cpp),
  // only the first optional one may be named, so that a call by name omits
  // none before those it passes.
  if (UnpacksKeywords && S.KeywordCallsMatch && !gapCallsTakeDefaults(Full))
    for (unsigned K = 0; K != S.Passing.size(); ++K)
      if (S.Passing[K].Flags & PYUNBOX_PARAM_OPTIONAL) {
        S.NamedBefore = K + 1;
        std::string Skipped = K < S.ParamNames.size() && !S.ParamNames[K].empty()
                                  ? "'" + S.ParamNames[K] + "'"
                                  : "argument " + std::to_string(K + 1);
        S.ByPositionWhy = "a call that skips " + Skipped +
                          " and names a later parameter was not shown to give each skipped one "
                          "its default (Clinic's unpack leaves NULL in its place)";
        break;
      }
  if (!FormatKeywordOnlyFrom || *FormatKeywordOnlyFrom >= NumSlots)
    return std::nullopt;
  S.KeywordOnlyFrom = *FormatKeywordOnlyFrom;
  for (unsigned K = S.KeywordOnlyFrom; K != NumSlots; ++K) {
    if (K < S.ParamNames.size() && !S.ParamNames[K].empty() && S.KeywordCallsMatch)
      continue;
    return refuse(RefusalKey::UnsupportedFormat,
                  "argument " + Twine(K + 1) + " is keyword-only ('$'), and " +
                      (S.KeywordCallsMatch ? Twine("has no name in the keyword list")
                                           : Twine("the wrapper tells a call by name from a "
                                                   "positional one (it reads its tuple's size, "
                                                   "nargs or kwnames)")));
  }
  return std::nullopt;
}

// Whether V has a use other than as operand No of the parse.
bool WrapperAnalyzer::readsBeyondParse(const Value &V, unsigned No) const {
  const CallBase *Parse = S.Parses.front().Call;
  return any_of(V.uses(), [&](const Use &U) {
    return U.getUser() != Parse || !Parse->isArgOperand(&U) || Parse->getArgOperandNo(&U) != No;
  });
}

} // namespace pyunbox
