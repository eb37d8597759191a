//===- Plugin.cpp - Register pyunbox with opt and clang -------------------===//
#include "pyunbox/passes/PyUnboxPass.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

namespace {

bool parsePipelineElement(StringRef Name, ModulePassManager &MPM,
                          ArrayRef<PassBuilder::PipelineElement>) {
  if (Name == "pyunbox") {
    MPM.addPass(pyunbox::CoreMinerPass());
    MPM.addPass(pyunbox::RecordEmitterPass());
    return true;
  }
  if (Name == "pyunbox-mine") {
    MPM.addPass(pyunbox::CoreMinerPass());
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
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) { MPM.addPass(pyunbox::RecordEmitterPass()); });
}

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "PyUnbox", "0.1", registerPyUnbox};
}
