//===- KeywordNames.h - The names a wrapper's keyword parser takes -*- C++ -*-===//
//
// Cython keeps the Python names of a def's parameters where only its keyword
// path reads them: a NULL-terminated array of pointers to the slots of its
// interned strings (__pyx_pyargnames), handed to its keyword parser together
// with the array of argument objects the parser fills.
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_KEYWORDNAMES_H
#define PYUNBOX_PASSES_KEYWORDNAMES_H

#include <optional>
#include <string>
#include <vector>

namespace llvm {
class Function;
} // namespace llvm

namespace pyunbox {

class CythonStringTable;

/// The parser fills values[FirstParam + i] from the keyword Names[i]: the
/// names of positional parameters FirstParam on, then of the keyword-only
/// ones (which no core takes). FirstParam counts Cython 3's positional-only
/// parameters, which have no name there.
struct KeywordNames {
  std::vector<std::string> Names; ///< empty where not every name is proven
  unsigned FirstParam = 0;
  std::string WhyNot;             ///< where Names is empty: why, in one line
};

/// The names of the one such array Wrapper hands a parser, with the place
/// of the first: the parser's only other argument that points into one of
/// the wrapper's local arrays of pointers (values + FirstParam). Each name is
/// the text its slot holds: Cython 0.29/3.0's slot variables, from the
/// module's string table ({&slot, "text", ...} entries); 3.1+'s module-state
/// slots, from the replay of its import-time decoding (Strings). Without
/// such an array, no KeywordNames; where a name is not proven, Names is
/// empty and WhyNot says why.
std::optional<KeywordNames> keywordNames(const llvm::Function &Wrapper, CythonStringTable &Strings);

} // namespace pyunbox

#endif
