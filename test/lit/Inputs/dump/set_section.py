"""Overwrites sh_offset and/or sh_size of a named section in an ELF64 LE file,
to make sections that point outside the file (pyunbox-dump must refuse them).

  set_section.py FILE SECTION [--offset N] [--size N]
"""
import argparse
import struct


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("file")
    p.add_argument("section")
    p.add_argument("--offset", type=lambda s: int(s, 0))
    p.add_argument("--size", type=lambda s: int(s, 0))
    a = p.parse_args()
    data = bytearray(open(a.file, "rb").read())
    shoff, = struct.unpack_from("<Q", data, 40)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 58)
    strtab_off, = struct.unpack_from("<Q", data, shoff + shstrndx * shentsize + 24)
    for i in range(shnum):
        hdr = shoff + i * shentsize
        name_off, = struct.unpack_from("<I", data, hdr)
        start = strtab_off + name_off
        name = data[start:data.index(0, start)].decode()
        if name != a.section:
            continue
        if a.offset is not None:
            struct.pack_into("<Q", data, hdr + 24, a.offset)
        if a.size is not None:
            struct.pack_into("<Q", data, hdr + 32, a.size)
        open(a.file, "wb").write(data)
        return
    raise SystemExit("no section " + a.section)


if __name__ == "__main__":
    main()
