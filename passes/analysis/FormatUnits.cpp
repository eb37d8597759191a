//===- analysis/FormatUnits.cpp - PyArg_Parse* formats and converters -------===//
//
// The parsers of an argument list: PyArg_ParseTuple(AndKeywords), the
// METH_FASTCALL stack parsers, PyArg_Parse of METH_O, Argument Clinic's
// _PyArg_Parser (format and keywords) and its positional checks, and the
// converters of one argument (O& and Clinic's). A format is accepted only if
// every unit unboxes one C scalar; its outputs become the core's parameters
// and its keyword list their names.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"

using namespace llvm;

namespace pyunbox {

namespace {

// Argument Clinic's static _PyArg_Parser {format, keywords, ...}: the two
// constants, or nullptrs.
std::pair<Constant *, Constant *> clinicParser(Value *V) {
  auto *GV = dyn_cast_or_null<GlobalVariable>(V ? V->stripPointerCasts() : nullptr);
  auto *CS = GV && GV->hasInitializer() ? dyn_cast<ConstantStruct>(GV->getInitializer()) : nullptr;
  if (!CS || CS->getNumOperands() < 2)
    return {nullptr, nullptr};
  return {CS->getOperand(0), CS->getOperand(1)};
}

} // namespace

std::optional<Refusal> WrapperAnalyzer::visitParse(CallBase &CB, const BoundaryPrimitive &P) {
  StringRef Name = CB.getCalledFunction()->getName();
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  // (args, fmt, outs...), (args, kwargs, fmt, kwlist, outs...),
  // (args, nargs, fmt, outs...) of METH_FASTCALL, or (arg, fmt, out) of
  // METH_O, where one format unit converts the object itself.
  bool Keywords = P.Role == PrimitiveRole::ParseTupleAndKeywords;
  unsigned FormatArg = 1, FirstOut = 2;
  bool Ours = Arg(0) == Second;
  // The keywords argument: the wrapper's own, or the NULL the draft has
  // for it (buildDraft).
  auto IsKeywords = [&](Value *V) {
    return HasKeywords && (V == F.getArg(F.arg_size() - 1) || isa_and_nonnull<ConstantPointerNull>(V));
  };
  switch (P.Role) {
  case PrimitiveRole::ParseTupleAndKeywords:
    FormatArg = 2, FirstOut = 4;
    Ours &= S.Conv == Convention::VarArgs && IsKeywords(Arg(1));
    break;
  case PrimitiveRole::ParseStack:
    FormatArg = 2, FirstOut = 3;
    Ours &= S.Conv == Convention::FastCall && NArgs && Arg(1) == NArgs;
    break;
  case PrimitiveRole::ParseStackAndKeywords:
    // (args, nargs, kwnames, &_parser, outs...): Argument Clinic's parser
    // holds the format and the keywords.
    FormatArg = 3, FirstOut = 4;
    Ours &= S.Conv == Convention::FastCall && NArgs && Arg(1) == NArgs && IsKeywords(Arg(2));
    break;
  case PrimitiveRole::ParseObject:
    Ours &= S.Conv == Convention::O;
    break;
  default:
    Ours &= S.Conv == Convention::VarArgs;
  }
  Value *FormatPtr = Arg(FormatArg);
  if (P.Role == PrimitiveRole::ParseStackAndKeywords) {
    auto [Format, Keywords] = clinicParser(FormatPtr);
    FormatPtr = Format;
    if (Keywords)
      ClinicKeywords = Keywords;
  }
  StringRef Format;
  if (!Ours || !FormatPtr || !getConstantStringInfo(FormatPtr, Format))
    return std::nullopt;
  if (!S.Parses.empty()) {
    Problems[&CB] = refuse(RefusalKey::ParsesTwice, "parses its arguments more than once");
    return std::nullopt;
  }
  ParseSite Site{&CB, {}, {}};
  StringRef Codes = Format.take_until([](char C) { return C == ':' || C == ';'; });
  // '|' starts the optional arguments: a core takes them all (full arity),
  // and a call may pass those before it only (ParameterDefaults.cpp). "O&"
  // is one unit.
  StringRef BeforeBar = Codes.take_until([](char C) { return C == '|'; });
  FormatRequired = BeforeBar.size() - BeforeBar.count('&');
  std::string Required = Codes.str();
  Required.erase(std::remove(Required.begin(), Required.end(), '|'), Required.end());
  Codes = Required;
  // One unit per argument: a numeric code, or "O&" with a converter of the
  // table (an out function and its output: two varargs).
  SmallVector<std::optional<ValueKind>, 4> Units;
  unsigned NumOutputs = 0;
  for (size_t I = 0; I != Codes.size(); ++I) {
    bool Converted = Codes[I] == 'O' && I + 1 != Codes.size() && Codes[I + 1] == '&';
    if (!Converted && !parseTupleCodeKind(Codes[I])) {
      Problems[&CB] = refuse(RefusalKey::UnsupportedFormat, "'" + Name + "' format \"" + Format +
                                                      "\" has code '" + Twine(Codes[I]) +
                                                      "', which does not unbox a C scalar");
      return std::nullopt;
    }
    Units.push_back(Converted ? std::nullopt : parseTupleCodeKind(Codes[I]));
    NumOutputs += Converted ? 2 : 1;
    I += Converted;
  }
  if (Keywords)
    S.ParamNames = stringArray(Arg(3), Units.size());
  if (P.Role == PrimitiveRole::ParseObject && Units.size() != 1)
    return refuse(RefusalKey::UnexpectedSignature, "'" + Name + "' format \"" + Format +
                                             "\" parses a tuple, but METH_O passes one object");
  if (CB.arg_size() != FirstOut + NumOutputs)
    return refuse(RefusalKey::UnexpectedSignature, "'" + Name + "' has " +
                                             Twine(CB.arg_size() - FirstOut) +
                                             " outputs for format \"" + Format + "\"");
  unsigned Out = FirstOut;
  for (std::optional<ValueKind> Unit : Units) {
    unsigned Slot = Site.OutPtrs.size();
    ValueKind K;
    if (Unit) {
      K = *Unit;
    } else {
      auto *Conv = dyn_cast<Function>(CB.getArgOperand(Out++)->stripPointerCasts());
      const BoundaryPrimitive *CP = Conv ? lookupPrimitive(*Conv) : nullptr;
      if (!CP || CP->Role != PrimitiveRole::Converter) {
        Problems[&CB] = refuse(RefusalKey::UnsupportedFormat,
                               "'" + Name + "' format \"" + Format + "\" converts argument " +
                                   Twine(Slot + 1) + " with " +
                                   (Conv ? "'" + Conv->getName() + "'" : Twine("a pointer")) +
                                   ", which is not known to unbox a C scalar");
        return std::nullopt;
      }
      K = CP->Kind;
    }
    Site.OutPtrs.push_back(CB.getArgOperand(Out++));
    // 'p' stores an int; every other code stores its own C type.
    Type *Stored = K == ValueKind::Bool ? Type::getInt32Ty(CB.getContext())
                                        : abiType(K, CB.getContext());
    Site.StoredTypes.push_back(Stored);
    noteSlotKind(CB, Slot, K);
  }
  if (S.Conv == Convention::FastCall && NumSlots != 0) {
    Problems[&CB] = refuse(RefusalKey::ParsesTwice, "both parses its argument array and reads from it");
    return std::nullopt;
  }
  NumSlots = Units.size();
  FormatParsed = true;
  S.Parses.push_back(std::move(Site));
  S.Facts[&CB] = ConstantInt::get(CB.getType(), 1);
  Sanctioned[&CB] = Sanction::Parse;
  return std::nullopt;
}

std::optional<Refusal> WrapperAnalyzer::visitConverter(CallBase &CB, const BoundaryPrimitive &P) {
  StringRef Name = CB.getCalledFunction()->getName();
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  auto It = SlotOf.find(Arg(0));
  if (It == SlotOf.end() || CB.arg_size() != 2 || !CB.getType()->isIntegerTy())
    return std::nullopt; // converts something else: refused if executed
  if (P.Role == PrimitiveRole::ConverterOfNonNegative && !noteFailsBelowZero(CB, Name))
    return std::nullopt;
  noteSlotKind(CB, It->second, P.Kind);
  ParseSite Site{&CB, {Arg(1)}, {abiType(P.Kind, CB.getContext())}, It->second};
  S.Parses.push_back(std::move(Site));
  // Past a bail for a negative value it has succeeded; a core that raises
  // itself may redo a failure (Outliner), with whatever result that has.
  if (!PyErrMode || P.Role == PrimitiveRole::Converter)
    S.Facts[&CB] = ConstantInt::get(CB.getType(), 1);
  Sanctioned[&CB] = Sanction::Parse;
  return std::nullopt;
}

std::optional<Refusal> WrapperAnalyzer::visitUnpackKeywords(CallBase &CB, const BoundaryPrimitive &) {
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  // Runs only for calls with keywords or a bad count (the fast path of
  // Clinic's macro returns args): refused if executable. Its parser names
  // the parameters.
  if (Constant *Keywords = clinicParser(Arg(4)).second)
    ClinicKeywords = Keywords;
  // _PyArg_UnpackKeywords(args, nargs, kwargs, kwnames, parser, minpos,
  // maxpos, minkw, buf): without keywords (both NULL in the draft) a call
  // passes at most maxpos arguments; the rest are keyword-only.
  auto IsNull = [](Value *V) { return V && isa<ConstantPointerNull>(V); };
  auto *MaxPos = dyn_cast_or_null<ConstantInt>(Arg(6));
  if (S.Conv == Convention::FastCall && NArgs && Arg(1) == NArgs && IsNull(Arg(2)) &&
      IsNull(Arg(3)) && MaxPos)
    PositionalLimit = std::min(PositionalLimit.value_or(UINT64_MAX), MaxPos->getZExtValue());
  return std::nullopt;
}

std::optional<Refusal> WrapperAnalyzer::visitCheckPositional(CallBase &CB, const BoundaryPrimitive &) {
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  auto *Min = dyn_cast_or_null<ConstantInt>(Arg(2));
  auto *Max = dyn_cast_or_null<ConstantInt>(Arg(3));
  if (NArgs && Arg(1) == NArgs && Min && Max && CB.getType()->isIntegerTy()) {
    PositionalChecks.push_back({&CB, Min->getZExtValue(), Max->getZExtValue()});
    Sanctioned[&CB] = Sanction::Fact;
  }
  return std::nullopt;
}

} // namespace pyunbox
