"""Find the pyunbox_sigs sections of an ELF file (64-bit little-endian, the
targets pyunbox supports) through the section header table, as
docs/FORMAT.md describes. No code of the file is run."""
import os
import struct

from ._format import SECTION, FormatError, parse_section

_SHT_NOBITS = 8


def sections(path, name=SECTION):
    """[(bytes, sh_addr)] of every section called `name` (a relocatable .o can
    have several). Raises FormatError for a file that is not ELF64-LE."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"\x7fELF":
        raise FormatError(f"{path}: not an ELF file")
    if data[4:6] != b"\x02\x01":
        raise FormatError(f"{path}: not a 64-bit little-endian ELF file")
    try:
        shoff, = struct.unpack_from("<Q", data, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
        headers = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
                   for i in range(shnum)]
        strtab = headers[shstrndx]
        names = data[strtab[4]:strtab[4] + strtab[5]]
        found = []
        for sh_name, sh_type, _, addr, offset, size, *_ in headers:
            end = names.find(b"\0", sh_name)
            if names[sh_name:end].decode("utf-8", "replace") != name:
                continue
            if sh_type == _SHT_NOBITS:
                raise FormatError(f"{path}: section {name} has no bytes in the file")
            if offset + size > len(data):
                raise FormatError(f"{path}: truncated {name} section: it ends at byte "
                                  f"{offset + size}, the file has {len(data)}")
            found.append((data[offset:offset + size], addr))
        return found
    except (struct.error, IndexError):
        # struct's own message names buffer sizes, not what is wrong.
        raise FormatError(f"{path}: truncated or corrupt ELF file: its section headers "
                          f"lie outside its {len(data)} bytes") from None


def records(path):
    """The records of every pyunbox_sigs section of a file. A FormatError
    names the file, and a record cut short by the section's end is called
    truncated (not an unpacking error)."""
    path = os.fspath(path)
    found = []
    for data, address in sections(path):
        try:
            found += parse_section(data, address)
        except FormatError as e:
            raise FormatError(f"{path}: {SECTION} section: {e}") from None
        except struct.error:
            raise FormatError(f"{path}: truncated {SECTION} section ({len(data)} bytes): "
                              "a record runs past its end") from None
    return found
