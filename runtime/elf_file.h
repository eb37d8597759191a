/* Minimal ELF64 little-endian section lookup for pyunbox-dump: just enough to
 * find a section by name in a file read into memory, without running or
 * mapping it and without libelf. Every offset is checked against the buffer. */
#ifndef PYUNBOX_ELF_FILE_H
#define PYUNBOX_ELF_FILE_H

#include <stddef.h>
#include <stdint.h>

#define ELF_SHT_NOBITS 8u          /* occupies no bytes in the file */
#define ELF_SHF_COMPRESSED 0x800u  /* contents are zlib/zstd compressed */

struct elf_file {
  const unsigned char *data;
  size_t size;
  uint16_t type;        /* e_type: 1 REL, 2 EXEC, 3 DYN */
  size_t shoff;         /* section header table, validated to lie in the file */
  size_t shentsize;
  size_t shnum;
  const char *shstrtab; /* section name string table, inside data */
  size_t shstrtab_size;
};

struct elf_section {
  size_t index;
  const char *name;     /* NUL-terminated inside the string table */
  uint32_t type;
  uint64_t flags;
  uint64_t addr;        /* sh_addr: virtual address in a linked file, 0 in a .o */
  const unsigned char *contents; /* NULL for SHT_NOBITS */
  size_t size;
};

/* Validates the ELF header and the section header table. Returns 0, or -1 with
 * a one-line reason in err. A file without section headers has shnum 0. */
int elf_file_open(struct elf_file *elf, const void *data, size_t size, char *err, size_t errlen);

/* Reads section `index` (< elf->shnum). Returns 0, or -1 with a reason in err
 * when its name or contents lie outside the file. */
int elf_file_section(const struct elf_file *elf, size_t index, struct elf_section *out,
                     char *err, size_t errlen);

/* "relocatable", "executable", "shared object", or "ELF type N". */
const char *elf_file_type_name(const struct elf_file *elf);

#endif /* PYUNBOX_ELF_FILE_H */
