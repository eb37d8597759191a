//===- analysis/FormatUnits.cpp - PyArg_Parse* formats and converters -------===//
//
// The parsers of an argument list: PyArg_ParseTuple(AndKeywords), the
// METH_FASTCALL stack parsers, PyArg_Parse of METH_O, Argument Clinic's
// _PyArg_Parser (format and keywords) and its positional checks, and the
// converters of one argument (O& and Clinic's). A format is accepted only if
// every unit unboxes one C scalar, by itself or, for a plain "O", in what the
// wrapper does with the object afterwards; its outputs become the core's
// parameters and its keyword list their names.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analyzer.h"
#include "pyunbox/passes/LLVMCompat.h"

#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace pyunbox {

namespace {

// The global V points to, where its initializer is what every read sees:
// a constant, or a static the module only reads (loads through constant
// offsets) and hands to calls HandedTo accepts (CPython's parsers). Else
// null.
GlobalVariable *unwrittenGlobal(Value *V,
                                function_ref<bool(const CallBase &, unsigned ArgNo)> HandedTo) {
  auto *GV = dyn_cast_or_null<GlobalVariable>(V ? V->stripPointerCasts() : nullptr);
  if (!GV || !GV->hasDefinitiveInitializer())
    return nullptr;
  if (GV->isConstant())
    return GV;
  if (!GV->hasLocalLinkage())
    return nullptr; // another file may write it
  SmallVector<const Value *, 8> Work{GV};
  while (!Work.empty()) {
    const Value *Addr = Work.pop_back_val();
    for (const Use &U : Addr->uses()) {
      const User *I = U.getUser();
      if (isa<GEPOperator>(I) || isa<BitCastOperator>(I)) {
        Work.push_back(I);
        continue;
      }
      if (auto *L = dyn_cast<LoadInst>(I); L && L->isSimple())
        continue;
      auto *Call = dyn_cast<CallBase>(I);
      if (Call && Call->isArgOperand(&U) && HandedTo(*Call, Call->getArgOperandNo(&U)))
        continue;
      return nullptr;
    }
  }
  return GV;
}

// What V reads where it is a load of a variable the module never writes
// (python-isal's `static char *format = "y*|i:crc32"`, read at -O0 and
// before GlobalOpt folds it): the variable's initializer. Else V.
Value *readOfUnwrittenVariable(Value *V) {
  auto *L = dyn_cast_or_null<LoadInst>(V);
  if (!L || !L->isSimple())
    return V;
  GlobalVariable *GV = unwrittenGlobal(L->getPointerOperand(), [](const CallBase &, unsigned) { return false; });
  if (!GV || L->getPointerOperand() != GV || L->getType() != GV->getValueType())
    return V;
  return GV->getInitializer();
}

// Where a parser of role R takes its format string: (args, fmt, ...),
// (args, kwargs, fmt, ...), (args, nargs, fmt, ...), (arg, fmt, out); none
// for Clinic's parser, which takes a _PyArg_Parser, and the unpacks.
std::optional<unsigned> formatArgNo(PrimitiveRole R) {
  switch (R) {
  case PrimitiveRole::ParseTuple:
  case PrimitiveRole::ParseObject:
    return 1;
  case PrimitiveRole::ParseTupleAndKeywords:
  case PrimitiveRole::ParseStack:
    return 2;
  default:
    return std::nullopt;
  }
}

// The text of a format in a char array the module never writes (apart
// from handing it to parsers as their format), which a plain C string
// constant is not: `static char format[] = "n|n:seek"` (python-isal,
// python-zlib-ng). False where V is not the start of such an array.
bool unwrittenFormatArray(Value *V, StringRef &Format) {
  GlobalVariable *GV = unwrittenGlobal(V, [](const CallBase &Call, unsigned ArgNo) {
    const BoundaryPrimitive *P = calledPrimitive(&Call);
    return P && formatArgNo(P->Role) == ArgNo;
  });
  auto *Text = GV ? dyn_cast<ConstantDataArray>(GV->getInitializer()) : nullptr;
  if (!Text || !Text->isCString())
    return false;
  Format = Text->getAsCString();
  return true;
}

// Argument Clinic's static _PyArg_Parser {format, keywords, ...}: the two
// constants, or nullptrs (also where the module writes it: `_parser.keywords
// = other`; CPython's parsers may, caching what they work out from it).
std::pair<Constant *, Constant *> clinicParser(Value *V) {
  GlobalVariable *GV = unwrittenGlobal(V, [](const CallBase &Call, unsigned) {
    const BoundaryPrimitive *P = calledPrimitive(&Call);
    return P && (P->Role == PrimitiveRole::UnpackKeywords ||
                 P->Role == PrimitiveRole::ParseStackAndKeywords);
  });
  auto *CS = GV ? dyn_cast<ConstantStruct>(GV->getInitializer()) : nullptr;
  if (!CS || CS->getNumOperands() < 2)
    return {nullptr, nullptr};
  return {CS->getOperand(0), CS->getOperand(1)};
}

// The entries of a kwlist before its NULL, or none where they are not all
// constant strings.
std::optional<SmallVector<StringRef, 4>> kwlistNames(Value *V) {
  GlobalVariable *GV = unwrittenArray(V);
  if (!GV || !GV->getValueType()->isArrayTy())
    return std::nullopt;
  Constant *Init = GV->getInitializer();
  SmallVector<StringRef, 4> Names;
  for (unsigned K = 0, N = Init->getType()->getArrayNumElements(); K != N; ++K) {
    Constant *E = Init->getAggregateElement(K);
    if (!E || E->isNullValue())
      return Names;
    StringRef Name;
    if (!getConstantStringInfo(E, Name))
      return std::nullopt;
    Names.push_back(Name);
  }
  return std::nullopt; // no NULL at the end
}

// Why CPython's keyword parsers fail on a call of every argument (a
// SystemError or a TypeError) with Codes (the units and their '|' and '$'),
// where the analysis would otherwise take the parse for one that succeeds,
// or "": '$' twice, '$' before '|';
// and where the keyword list is known (a kwlist, Clinic's parser's), a count of
// names other than the units', an empty name after a named one, or a '$'
// among the leading unnamed (positional-only) ones.
std::string rejectedKeywordFormat(StringRef Codes, std::optional<unsigned> KeywordOnlyFrom,
                                  unsigned NumUnits, Value *KwList) {
  if (Codes.count('$') > 1)
    return "has '$' twice";
  size_t Bar = Codes.find('|'), Dollar = Codes.find('$');
  if (Bar != StringRef::npos && Dollar != StringRef::npos && Dollar < Bar)
    return "has '$' before '|'";
  std::optional<SmallVector<StringRef, 4>> Names = kwlistNames(KwList);
  if (!Names)
    return "";
  if (Names->size() != NumUnits)
    return ("has " + Twine(Names->size()) + " keyword names for " + Twine(NumUnits) + " units").str();
  unsigned Unnamed = find_if(*Names, [](StringRef N) { return !N.empty(); }) - Names->begin();
  if (any_of(drop_begin(*Names, Unnamed), [](StringRef N) { return N.empty(); }))
    return "has an empty keyword name after a named one";
  if (KeywordOnlyFrom && *KeywordOnlyFrom < Unnamed)
    return "has '$' before the last positional-only (unnamed) parameter";
  return "";
}

} // namespace

GlobalVariable *unwrittenArray(Value *V) {
  // Every use reads: a load (of an element), or the array handed to a
  // keyword parser as its kwlist, which reads its names.
  return unwrittenGlobal(V, [](const CallBase &Call, unsigned ArgNo) {
    const BoundaryPrimitive *P = calledPrimitive(&Call);
    return P && P->Role == PrimitiveRole::ParseTupleAndKeywords && ArgNo == 3;
  });
}

std::optional<Refusal> WrapperAnalyzer::visitParse(CallBase &CB, const BoundaryPrimitive &P) {
  StringRef Name = CB.getCalledFunction()->getName();
  auto Arg = [&](unsigned K) { return K < CB.arg_size() ? CB.getArgOperand(K) : nullptr; };
  // (args, fmt, outs...), (args, kwargs, fmt, kwlist, outs...),
  // (args, nargs, fmt, outs...) of METH_FASTCALL, or (arg, fmt, out) of
  // METH_O, where one format unit converts the object itself.
  bool Keywords = P.Role == PrimitiveRole::ParseTupleAndKeywords;
  // Clinic's parser's format is in the _PyArg_Parser, its 4th argument.
  unsigned FormatArg = formatArgNo(P.Role).value_or(3), FirstOut = 2;
  bool Ours = Arg(0) == Second;
  // The keywords argument: the wrapper's own, or the NULL the draft has
  // for it (buildDraft).
  auto IsKeywords = [&](Value *V) {
    return HasKeywords && (V == F.getArg(F.arg_size() - 1) || isa_and_nonnull<ConstantPointerNull>(V));
  };
  switch (P.Role) {
  case PrimitiveRole::ParseTupleAndKeywords:
    FirstOut = 4;
    Ours &= S.Conv == Convention::VarArgs && IsKeywords(Arg(1));
    break;
  case PrimitiveRole::ParseStack:
    FirstOut = 3;
    Ours &= S.Conv == Convention::FastCall && NArgs && Arg(1) == NArgs;
    break;
  case PrimitiveRole::ParseStackAndKeywords:
    // (args, nargs, kwnames, &_parser, outs...): Argument Clinic's parser
    // holds the format and the keywords.
    FirstOut = 4;
    Ours &= S.Conv == Convention::FastCall && NArgs && Arg(1) == NArgs && IsKeywords(Arg(2));
    break;
  case PrimitiveRole::ParseObject:
    Ours &= S.Conv == Convention::O;
    break;
  case PrimitiveRole::UnpackTuple:
    // (args, name, min, max, outs...): "O" units, min of them required.
    FirstOut = 4;
    Ours &= S.Conv == Convention::VarArgs;
    break;
  case PrimitiveRole::UnpackStack:
    // (args, nargs, name, min, max, outs...) of METH_FASTCALL.
    FirstOut = 5;
    Ours &= S.Conv == Convention::FastCall && NArgs && Arg(1) == NArgs;
    break;
  default:
    Ours &= S.Conv == Convention::VarArgs;
  }
  Value *FormatPtr = readOfUnwrittenVariable(Arg(FormatArg));
  if (P.Role == PrimitiveRole::ParseStackAndKeywords) {
    auto [Format, Keywords] = clinicParser(FormatPtr);
    FormatPtr = Format;
    if (Keywords)
      ClinicKeywords = Keywords;
  }
  // An unpack of min to max objects is the format of as many "O" units, a
  // '|' after the min-th.
  bool Unpacks = P.Role == PrimitiveRole::UnpackTuple || P.Role == PrimitiveRole::UnpackStack;
  std::string Unpacked;
  StringRef Format;
  if (Unpacks) {
    auto *Min = dyn_cast_or_null<ConstantInt>(Arg(FirstOut - 2));
    auto *Max = dyn_cast_or_null<ConstantInt>(Arg(FirstOut - 1));
    if (!Ours || !Min || !Max || Min->getValue().sgt(Max->getValue()) || Min->isNegative() ||
        Max->getValue().ugt(CB.arg_size()))
      return std::nullopt; // refused if executed
    uint64_t Least = Min->getZExtValue(), Most = Max->getZExtValue();
    Unpacked = std::string(Least, 'O') + (Least != Most ? "|" : "") + std::string(Most - Least, 'O');
    Format = Unpacked;
  } else if (!Ours || !FormatPtr) {
    return std::nullopt;
  } else if (!getConstantStringInfo(FormatPtr, Format) && !unwrittenFormatArray(FormatPtr, Format)) {
    // Else the remark would blame the argument tuple it is handed.
    Problems[&CB] = refuse(RefusalKey::UnsupportedFormat,
                           "'" + Name + "' is handed a format that is not a constant string");
    return std::nullopt;
  }
  // How remarks name the parser's units.
  std::string Described = (Unpacks ? "unpacking \"" : "format \"") + Format.str() + "\"";
  std::string Spelled = "'" + Name.str() + "' " + Described;
  if (!S.Parses.empty()) {
    Problems[&CB] = refuse(RefusalKey::ParsesTwice, "parses its arguments more than once");
    return std::nullopt;
  }
  ParseSite Site{&CB, {}, {}, 0, {}};
  StringRef Codes = Format.take_until([](char C) { return C == ':' || C == ';'; });
  // '|' starts the optional arguments: a core takes them all (full arity),
  // and a call may pass those before it only (ParameterDefaults.cpp). '$'
  // (of the keyword parsers) starts the keyword-only ones, which a call
  // passes by name or omits (KeywordCalls.cpp). "O&" is one unit.
  bool KeywordOnlyUnits = Keywords || P.Role == PrimitiveRole::ParseStackAndKeywords;
  auto UnitsIn = [](StringRef Part) {
    return Part.size() - Part.count('&') - Part.count('#') - Part.count('*') - Part.count('|') -
           Part.count('$');
  };
  FormatRequired = UnitsIn(Codes.take_until([](char C) { return C == '|'; }));
  if (KeywordOnlyUnits && Codes.contains('$'))
    FormatKeywordOnlyFrom = UnitsIn(Codes.take_until([](char C) { return C == '$'; }));
  StringRef Marked = Codes; // with its '|' and '$'
  std::string Required = Codes.str();
  llvm::erase_if(Required, [&](char C) { return C == '|' || (KeywordOnlyUnits && C == '$'); });
  Codes = Required;
  // One unit per argument: a numeric code, a string code ("s", "y", with
  // '#' and its length), "O&" with a converter of the table (an out
  // function and its output: two varargs), a plain "O", whose object is
  // the argument itself when all its reads are unboxed (noteObjectUnit), or
  // "y*" or "s*", a Py_buffer whose buf and len the wrapper reads
  // (noteBufferUnit).
  enum class Form { Code, Converted, Object, Buffer };
  SmallVector<std::pair<Form, std::optional<ValueKind>>, 4> Units;
  SmallVector<unsigned, 1> NoneIsNull; // "z" and "z#" units' slots
  unsigned NumOutputs = 0;
  // '#' stores a Py_ssize_t length under PY_SSIZE_T_CLEAN, whose parsers
  // are the _SizeT ones, and in every parse from CPython 3.13 on, whose
  // headers call the plain one; before 3.13 the plain one raises
  // SystemError. So a '#' in a plain parse is the core's from 3.13 on
  // (FailsBefore313).
  bool StoresSSizeT = compat::endsWith(Name, "_SizeT");
  bool Gated = false;
  for (size_t I = 0; I != Codes.size(); ++I) {
    char Next = I + 1 != Codes.size() ? Codes[I + 1] : '\0';
    Form U = Codes[I] != 'O' ? Form::Code : Next == '&' ? Form::Converted : Form::Object;
    std::optional<ValueKind> Kind;
    std::string Code(1, Codes[I]);
    if (Next == '*' && (Codes[I] == 'y' || Codes[I] == 's')) {
      U = Form::Buffer;
      Kind = parseTupleStringKind(Codes[I], /*Sized=*/true);
      Code += '*';
    } else if (U == Form::Code) {
      Kind = parseTupleCodeKind(Codes[I]);
      if (!Kind && Next != '*') // "z*", "w*": a view no core takes
        Kind = parseTupleStringKind(Codes[I], Next == '#');
      if (Kind && cParameterCount(*Kind) == 2) {
        Code += '#';
        Gated |= !StoresSSizeT;
      }
    }
    if ((U == Form::Code && !Kind) || (U == Form::Object && Next == '!')) {
      // The unit as it is written: its modifier, or es/et's second letter.
      if (Next == '!' || Next == '*' || Next == '#' || (Codes[I] == 'e' && (Next == 's' || Next == 't')))
        Code += Next;
      Problems[&CB] = refuse(RefusalKey::UnsupportedFormat,
                             Spelled + " has code '" + Code + "', which " + unsupportedParseUnit(Code));
      return std::nullopt;
    }
    if (U == Form::Code && Kind && Codes[I] == 'z')
      NoneIsNull.push_back(Units.size());
    Units.push_back({U, Kind});
    // The varargs a unit takes; a Py_buffer's is one for its two C values.
    unsigned Outputs =
        U == Form::Converted ? 2 : Kind && U != Form::Buffer ? cParameterCount(*Kind) : 1;
    NumOutputs += Outputs;
    I += U == Form::Buffer ? 1 : Outputs - 1;
  }
  // Every parser: at each '|' the count of units so far becomes the least
  // a call passes (the last one decides), and a second '|' right after a
  // first is a bad format char to a call that passes every argument.
  if (Marked.count('|') > 1)
    return refuse(RefusalKey::UnexpectedSignature,
                  Spelled + " has '|' twice: CPython's parser requires the units before the "
                            "last, or fails on a call that passes every argument");
  if (KeywordOnlyUnits) {
    // Clinic's _PyArg_Parser holds its keyword list, which CPython checks
    // as it does a kwlist (the count of names, an empty one after a named).
    Value *KwList = Keywords ? Arg(3)
                    : P.Role == PrimitiveRole::ParseStackAndKeywords ? ClinicKeywords
                                                                      : nullptr;
    std::string Why = rejectedKeywordFormat(Marked, FormatKeywordOnlyFrom, Units.size(), KwList);
    if (!Why.empty())
      return refuse(RefusalKey::UnexpectedSignature,
                    Spelled + " " + Why +
                        ": CPython's parser fails on a call that passes every argument");
  }
  if (Keywords)
    S.ParamNames = stringArray(Arg(3), Units.size());
  if (P.Role == PrimitiveRole::ParseObject && Units.size() != 1)
    return refuse(RefusalKey::UnexpectedSignature,
                  Spelled + " parses a tuple, but METH_O passes one object");
  if (CB.arg_size() != FirstOut + NumOutputs)
    return refuse(RefusalKey::UnexpectedSignature, "'" + Name + "' has " +
                                             Twine(CB.arg_size() - FirstOut) +
                                             " outputs for " + Described);
  // What the units note about the arguments (their kinds, the reads of an
  // "O" unit's variable) stands only if the whole parse is understood: a
  // unit refused after another must not leave the other's reads as
  // arguments of a parse that has none (NumSlots stays 0).
  size_t SlotUsesBefore = SlotUses.size();
  SmallVector<ObjectUnitRead, 4> PendingReads;
  SmallVector<BufferUnitUses, 1> PendingViews;
  auto Refuse = [&](Refusal Why) -> std::optional<Refusal> {
    SlotUses.truncate(SlotUsesBefore);
    Problems[&CB] = std::move(Why);
    return std::nullopt;
  };
  unsigned Out = FirstOut;
  // (enumerate's structured bindings need LLVM 16.)
  for (unsigned Slot = 0; Slot != Units.size(); ++Slot) {
    auto [U, Kind] = Units[Slot];
    if (U == Form::Object) {
      // Nothing is stored in the core: the loads of the variable are the
      // argument, and their unboxers give its kind and its parameter.
      Value *Var = CB.getArgOperand(Out++);
      std::string Why;
      if (!noteObjectUnit(CB, Var, Slot, Why, PendingReads))
        return Refuse(refuse(RefusalKey::UnsupportedFormat,
                             Spelled + " has code 'O' for argument " + Twine(Slot + 1) +
                                 ", whose variable " + Why));
      Site.OutPtrs.push_back(Var);
      Site.StoredTypes.push_back(nullptr);
      Site.Slots.push_back(Slot);
      continue;
    }
    if (U == Form::Buffer) {
      // Nothing is stored either: the reads of the view's buf and len are
      // the two C parameters (one output each, as for "y#").
      Value *Var = CB.getArgOperand(Out++);
      std::string Why;
      BufferUnitUses &Uses = PendingViews.emplace_back();
      Uses.Slot = Slot;
      if (!noteBufferUnit(CB, Var, Why, Uses))
        return Refuse(refuse(RefusalKey::UnsupportedFormat,
                             Spelled + " has a Py_buffer unit for argument " + Twine(Slot + 1) +
                                 ", whose view " + Why));
      for (unsigned K = 0; K != 2; ++K) {
        Site.OutPtrs.push_back(Var);
        Site.StoredTypes.push_back(nullptr);
        Site.Slots.push_back(Slot);
      }
      noteSlotKind(CB, Slot, *Kind);
      continue;
    }
    ValueKind K;
    if (Kind) {
      K = *Kind;
    } else {
      auto *Conv = dyn_cast<Function>(CB.getArgOperand(Out++)->stripPointerCasts());
      const BoundaryPrimitive *CP = Conv ? lookupPrimitive(*Conv) : nullptr;
      if (!CP || CP->Role != PrimitiveRole::Converter)
        return Refuse(refuse(RefusalKey::UnsupportedFormat,
                             Spelled + " converts argument " + Twine(Slot + 1) + " with " +
                                 (Conv ? "'" + Conv->getName() + "'" : Twine("a pointer")) +
                                 ", which is not known to unbox a C scalar"));
      K = CP->Kind;
    }
    Site.OutPtrs.push_back(CB.getArgOperand(Out++));
    // 'p' stores an int; every other code stores its own C type.
    Type *Stored = K == ValueKind::Bool ? Type::getInt32Ty(CB.getContext())
                                        : abiType(K, CB.getContext());
    Site.StoredTypes.push_back(Stored);
    Site.Slots.push_back(Slot);
    if (cParameterCount(K) == 2) {
      // "s#", "y#": the length after the pointer, a Py_ssize_t.
      Value *Length = CB.getArgOperand(Out++);
      Type *SSizeT = abiType(ValueKind::SSizeT, CB.getContext());
      auto *Var = dyn_cast<AllocaInst>(Length->stripPointerCasts());
      const DataLayout &DL = F.getParent()->getDataLayout();
      if (Var && !Var->isArrayAllocation() &&
          DL.getTypeAllocSize(Var->getAllocatedType()).getKnownMinValue() <
              DL.getTypeAllocSize(SSizeT).getKnownMinValue())
        return Refuse(refuse(RefusalKey::UnsupportedFormat,
                             Spelled + " stores the length of argument " + Twine(Slot + 1) +
                                 " into a variable narrower than Py_ssize_t"));
      Site.OutPtrs.push_back(Length);
      Site.StoredTypes.push_back(SSizeT);
      Site.Slots.push_back(Slot);
    }
    noteSlotKind(CB, Slot, K);
  }
  if (S.Conv == Convention::FastCall && NumSlots != 0)
    return Refuse(refuse(RefusalKey::ParsesTwice, "both parses its argument array and reads from it"));
  for (const ObjectUnitRead &R : PendingReads) {
    SlotOf[R.Read] = R.Slot;
    ObjectUnitReads.push_back(R);
  }
  for (const BufferUnitUses &Uses : PendingViews)
    adoptBufferUnit(Uses);
  NoneIsNullSlots.append(NoneIsNull.begin(), NoneIsNull.end());
  NumSlots = Units.size();
  FormatParsed = true;
  if (Gated)
    S.FailsBefore313.push_back(&CB);
  S.Parses.push_back(std::move(Site));
  S.Facts[&CB] = ConstantInt::get(CB.getType(), 1);
  Sanctioned[&CB] = Sanction::Parse;
  return std::nullopt;
}

// An "O" unit stores a borrowed reference to argument Slot into Var. Each
// load of Var that the parse dominates, with no store to Var after the
// parse, reads that object: it is the argument, as args[k] is, and what the
// wrapper does with it is checked as for any argument object. Anything
// else (the address passed on, a store after the parse, a read where the
// parse may not have run) leaves the object where the analysis cannot
// follow it: false, with Why.
bool WrapperAnalyzer::noteObjectUnit(CallBase &Parse, Value *Var, unsigned Slot, std::string &Why,
                                     SmallVectorImpl<ObjectUnitRead> &Reads) {
  auto *Alloca = dyn_cast<AllocaInst>(Var);
  if (!Alloca)
    return Why = "is not a local variable", false;
  const DominatorTree &DT = dominators();
  SmallVector<LoadInst *, 4> Loads;
  for (User *U : Alloca->users()) {
    auto *I = cast<Instruction>(U);
    if (I == &Parse) {
      if (count(Parse.args(), Alloca) != 1)
        return Why = "receives more than one output", false;
      continue;
    }
    if (isa<DbgInfoIntrinsic>(I) ||
        (isa<IntrinsicInst>(I) && cast<IntrinsicInst>(I)->isLifetimeStartOrEnd()))
      continue;
    if (auto *L = dyn_cast<LoadInst>(I); L && L->isSimple() && L->getType()->isPointerTy()) {
      if (!DT.dominates(&Parse, L))
        return Why = "is read where the parse may not have run", false;
      Loads.push_back(L);
      continue;
    }
    auto *St = dyn_cast<StoreInst>(I);
    if (!St || St->getPointerOperand() != Alloca || St->getValueOperand() == Alloca)
      return Why = "has its address taken for more than the parse (" + describe(I) + ")", false;
    if (mayRunAfter(Parse, *St))
      return Why = "is written after the parse", false;
    // `PyObject *o = Py_None;`: the sentinel reaches no read the parse
    // dominates, so the core uses no interpreter state by storing it.
    if (singletonOf(St->getValueOperand()))
      Sanctioned[St] = Sanction::Parse;
  }
  for (LoadInst *L : Loads)
    Reads.push_back({L, &Parse, Alloca, Slot});
  return true;
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
  ParseSite Site{&CB, {Arg(1)}, {abiType(P.Kind, CB.getContext())}, It->second, {It->second}};
  S.Parses.push_back(std::move(Site));
  // Past a bail for a negative value it has succeeded; a core that raises
  // itself may redo a failure (Outliner), with whatever result that has.
  // Success is 1 for a converter, 0 for an unboxer into an out-parameter.
  if (!PyErrMode || P.Role != PrimitiveRole::ConverterOfNonNegative)
    S.Facts[&CB] = ConstantInt::get(CB.getType(), P.Role == PrimitiveRole::UnboxInto ? 0 : 1);
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
  UnpacksKeywords = true;
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
