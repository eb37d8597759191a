//===- MinerOptions.cpp - Pass parameters of the miner --------------------===//
#include "pyunbox/passes/MinerOptions.h"

#include "llvm/ADT/SmallVector.h"

using namespace llvm;

namespace pyunbox {

bool parseMinerOptions(StringRef Params, MinerOptions &Opts, std::string &Error) {
  struct Knob {
    const char *Name;
    unsigned MinerOptions::*Field;
  };
  static const Knob Knobs[] = {
      {"screen-depth", &MinerOptions::ScreenDepth},
      {"inline-rounds", &MinerOptions::InlineRounds},
      {"max-helper-insts", &MinerOptions::MaxHelperInsts},
      {"max-draft-insts", &MinerOptions::MaxDraftInsts},
      {"max-interp-core-insts", &MinerOptions::MaxInterpreterCoreInsts},
  };
  SmallVector<StringRef, 4> Parts;
  Params.split(Parts, ';', -1, /*KeepEmpty=*/false);
  for (StringRef Part : Parts) {
    auto [Name, Value] = Part.split('=');
    const Knob *K = nullptr;
    for (const Knob &Candidate : Knobs)
      if (Name == Candidate.Name)
        K = &Candidate;
    if (!K) {
      Error = "unknown pyunbox parameter '" + Name.str() + "' (known:";
      for (const Knob &Known : Knobs)
        Error += std::string(Known.Name == Knobs[0].Name ? " " : ", ") + Known.Name;
      Error += ")";
      return false;
    }
    unsigned N;
    if (Value.getAsInteger(10, N)) {
      Error = "pyunbox parameter '" + Name.str() + "' needs a number, not '" + Value.str() + "'";
      return false;
    }
    Opts.*(K->Field) = N;
  }
  return true;
}

} // namespace pyunbox
