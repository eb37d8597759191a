//===- Plugin.cpp - Register pyunbox with opt and clang -------------------===//
#include "pyunbox/passes/PyUnboxPass.h"
#include "pyunbox/passes/LLVMCompat.h" // PassPlugin.h, whose place changed

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace {

// "pyunbox-mine<max-draft-insts=40000>": the name, and the parameters
// parsed into Opts (false, with a message, if they are wrong).
bool nameWithOptions(StringRef Element, StringRef Name, pyunbox::MinerOptions &Opts) {
  if (!Element.consume_front(Name))
    return false;
  if (Element.empty())
    return true;
  std::string Error;
  if (!Element.consume_front("<") || !Element.consume_back(">"))
    return false;
  if (pyunbox::parseMinerOptions(Element, Opts, Error))
    return true;
  errs() << "pyunbox: " << Error << "\n";
  return false;
}

bool parsePipelineElement(StringRef Name, ModulePassManager &MPM,
                          ArrayRef<PassBuilder::PipelineElement>) {
  pyunbox::MinerOptions Opts;
  if (nameWithOptions(Name, "pyunbox-mine", Opts)) {
    MPM.addPass(pyunbox::CoreMinerPass(Opts));
    return true;
  }
  if (Name != "pyunbox-records" && nameWithOptions(Name, "pyunbox", Opts)) {
    MPM.addPass(pyunbox::CoreMinerPass(Opts));
    MPM.addPass(pyunbox::RecordEmitterPass());
    return true;
  }
  if (Name == "pyunbox-records") {
    MPM.addPass(pyunbox::RecordEmitterPass());
    return true;
  }
  return false;
}

void registerPyUnbox(PassBuilder &PB) {
  PB.registerPipelineParsingCallback(parsePipelineElement);
  // Before anything inlines the C API's helpers into the wrappers.
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) { MPM.addPass(pyunbox::CoreMinerPass()); });
  // After the cores are optimized, so the records state their real effects.
  pyunbox::compat::registerOptimizerLastEPCallback(
      PB, [](ModulePassManager &MPM, OptimizationLevel) { MPM.addPass(pyunbox::RecordEmitterPass()); });
  // Full LTO, with the plugin loaded by the linker (lld's
  // --load-pass-plugin): the merged module holds tables and wrappers that
  // were in different files; each file's own were mined when it was compiled
  // (and carry !pyunbox.mined, so none is mined twice), but for those whose
  // cores call another file's function, which the link mines again and whose
  // cores may replace the compile's (LinkTimeMining.h). Their records are
  // emitted at the end of the link's pipeline.
  PB.registerFullLinkTimeOptimizationEarlyEPCallback([](ModulePassManager &MPM, OptimizationLevel) {
    MPM.addPass(pyunbox::CoreMinerPass({}, pyunbox::RecordPhase::Link));
  });
  PB.registerFullLinkTimeOptimizationLastEPCallback([](ModulePassManager &MPM, OptimizationLevel) {
    MPM.addPass(pyunbox::RecordEmitterPass(pyunbox::RecordPhase::Link));
  });
}

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "PyUnbox", "0.1", registerPyUnbox};
}
