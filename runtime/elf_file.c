/* ELF64 little-endian reader for pyunbox-dump (see elf_file.h). The file is
 * untrusted: every offset and size is checked, overflow-safe, before use. */
#include "elf_file.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

enum {
  EHDR_SIZE = 64, /* sizeof(Elf64_Ehdr) */
  SHDR_SIZE = 64, /* sizeof(Elf64_Shdr) */
  SHN_UNDEF = 0,
  SHN_XINDEX = 0xffff,
};

static uint16_t get16(const unsigned char *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t get32(const unsigned char *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
         ((uint32_t)p[3] << 24);
}
static uint64_t get64(const unsigned char *p) {
  return (uint64_t)get32(p) | ((uint64_t)get32(p + 4) << 32);
}

static int fail(char *err, size_t errlen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return -1;
}

/* [off, off + len) lies inside a buffer of `size` bytes, without overflow. */
static int in_file(uint64_t off, uint64_t len, size_t size) {
  return off <= size && len <= size - off;
}

static const unsigned char *shdr(const struct elf_file *elf, size_t index) {
  return elf->data + elf->shoff + index * elf->shentsize;
}

int elf_file_open(struct elf_file *elf, const void *data, size_t size, char *err, size_t errlen) {
  const unsigned char *d = data;
  memset(elf, 0, sizeof *elf);
  elf->data = d;
  elf->size = size;
  if (size < 4 || memcmp(d, "\x7f" "ELF", 4) != 0)
    return fail(err, errlen, "not an ELF file");
  if (size < EHDR_SIZE)
    return fail(err, errlen, "truncated ELF header (%zu bytes, an ELF64 header needs %d)", size,
                EHDR_SIZE);
  if (d[4] != 2)
    return fail(err, errlen, "not a 64-bit ELF file (EI_CLASS %u); pyunbox-dump reads ELF64",
                d[4]);
  if (d[5] != 1)
    return fail(err, errlen, "not a little-endian ELF file (EI_DATA %u)", d[5]);
  elf->type = get16(d + 16);
  uint64_t shoff = get64(d + 40);
  uint16_t shentsize = get16(d + 58);
  uint64_t shnum = get16(d + 60);
  uint32_t shstrndx = get16(d + 62);
  if (shoff == 0)
    return 0; /* no section headers at all: nothing to find */
  if (shentsize < SHDR_SIZE)
    return fail(err, errlen, "section header size %u is smaller than %d", shentsize, SHDR_SIZE);
  if (!in_file(shoff, SHDR_SIZE, size))
    return fail(err, errlen, "truncated: section header table at 0x%llx is past the end of the file "
                "(%zu bytes)", (unsigned long long)shoff, size);
  /* Extended numbering: the real counts live in section header 0. */
  if (shnum == 0)
    shnum = get64(d + shoff + 32);
  if (shstrndx == SHN_XINDEX)
    shstrndx = get32(d + shoff + 40);
  if (shnum > (size - shoff) / shentsize)
    return fail(err, errlen, "truncated: %llu section headers at 0x%llx do not fit in the file "
                "(%zu bytes)", (unsigned long long)shnum, (unsigned long long)shoff, size);
  elf->shoff = (size_t)shoff;
  elf->shentsize = shentsize;
  elf->shnum = (size_t)shnum;
  if (shnum == 0)
    return 0;
  if (shstrndx == SHN_UNDEF || shstrndx >= shnum)
    return fail(err, errlen, "no valid section name string table (e_shstrndx %u of %llu)", shstrndx,
                (unsigned long long)shnum);
  const unsigned char *s = shdr(elf, shstrndx);
  uint64_t stroff = get64(s + 24), strsize = get64(s + 32);
  if (get32(s + 4) == ELF_SHT_NOBITS || !in_file(stroff, strsize, size))
    return fail(err, errlen, "section name string table (offset 0x%llx, size 0x%llx) lies outside "
                "the file (%zu bytes)", (unsigned long long)stroff, (unsigned long long)strsize,
                size);
  elf->shstrtab = (const char *)d + stroff;
  elf->shstrtab_size = (size_t)strsize;
  return 0;
}

int elf_file_section(const struct elf_file *elf, size_t index, struct elf_section *out,
                     char *err, size_t errlen) {
  const unsigned char *s = shdr(elf, index);
  uint32_t name = get32(s);
  memset(out, 0, sizeof *out);
  out->index = index;
  if (name >= elf->shstrtab_size || !memchr(elf->shstrtab + name, 0, elf->shstrtab_size - name))
    return fail(err, errlen, "section [%zu] has a name outside the section name string table",
                index);
  out->name = elf->shstrtab + name;
  out->type = get32(s + 4);
  out->flags = get64(s + 8);
  out->addr = get64(s + 16);
  uint64_t off = get64(s + 24), size = get64(s + 32);
  if (out->type == ELF_SHT_NOBITS)
    return 0;
  if (!in_file(off, size, elf->size))
    return fail(err, errlen, "section [%zu] %s (offset 0x%llx, size 0x%llx) points outside the "
                "file (%zu bytes)", index, out->name, (unsigned long long)off,
                (unsigned long long)size, elf->size);
  out->contents = elf->data + off;
  out->size = (size_t)size;
  return 0;
}

const char *elf_file_type_name(const struct elf_file *elf) {
  switch (elf->type) {
  case 1: return "relocatable";
  case 2: return "executable";
  case 3: return "shared object";
  default: return "unknown ELF type";
  }
}
