//===- StringBytes.h - What a core does with its strings' bytes --*- C++ -*-===//
//
// A string parameter (format.h's kinds 15..18: "s", "s#", "y", "y#") points
// to bytes the caller owns for the call: a str's UTF-8 or a bytes object's
// buffer, which a consumer may pass as a temporary copy. The wrapper got a
// pointer into the object itself, valid as long as the object lives. So a
// core stands in for its wrapper only if it never writes those bytes and
// keeps no pointer to them past the call; LLVM's attributes of the callees
// (readonly, nocapture: what -O2 infers) say so for the calls it makes, and
// where they do not, a function of the module is checked as the core is
// (LLVM counts comparing two pointers as capturing them: a hash loop's
// `p != end`; what matters here is a pointer kept, not an address compared).
// An address is compared only with NULL or with another into the same
// bytes: against any other pointer it tells a copy from the argument's own
// memory (a consumer encodes each str apart, and may pass one buffer for two
// equal bytes).
//
//===----------------------------------------------------------------------===//
#ifndef PYUNBOX_PASSES_STRINGBYTES_H
#define PYUNBOX_PASSES_STRINGBYTES_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace llvm {
class Argument;
class TargetLibraryInfo;
} // namespace llvm

namespace pyunbox {

/// Why the function of Param may write the bytes Param points to (What
/// names them in the answer) or keep a pointer into them past the call, or
/// "" where it does neither: every use
/// of Param, of the addresses computed from it and of the function's own
/// variables that hold them, is a read, a comparison with NULL or another of
/// those addresses, a pointer difference
/// or an argument that the callee only reads and does not capture: by what C
/// says of a C library function TLI knows (where memchr's result points into
/// the bytes, its uses are checked as theirs), by LLVM's attributes or, for
/// a function of the module, up to Depth calls deep, by the same check of its
/// parameter, where returning them is allowed if its result is followed as
/// one more pointer into them (PointerOrigins.h).
std::string whyStringBytesEscape(const llvm::Argument &Param, llvm::StringRef What,
                                 const llvm::TargetLibraryInfo *TLI, unsigned Depth = 3);

} // namespace pyunbox

#endif
