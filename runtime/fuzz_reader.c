/* libFuzzer target: any bytes, read both as a pyunbox_sigs section and as an
 * ELF file whose pyunbox_sigs sections are read, must be handled without an
 * out-of-bounds read or undefined behaviour (build with -DPYUNBOX_FUZZ=ON). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "elf_file.h"
#include "pyunbox/reader.h"

static size_t sink; /* keeps the reads of every validated byte observable */

static void read_section(const unsigned char *data, size_t size) {
  struct pyunbox_reader r;
  struct pyunbox_record_view v;
  pyunbox_reader_init(&r, data, size);
  while (pyunbox_reader_next(&r, &v) == PYUNBOX_READER_RECORD) {
    sink += strlen(v.python_name) + strlen(v.core_symbol) + strlen(v.wrapper_symbol) +
            strlen(v.module_name) + strlen(v.c_prototype);
    for (unsigned i = 0; i < v.param_count; i++)
      sink += strlen(v.param_names[i]) + v.param_kinds[i] +
              strlen(pyunbox_kind_c_name(v.param_kinds[i]));
    sink += strlen(pyunbox_kind_c_name(v.return_kind)) +
            strlen(pyunbox_convention_name(v.convention)) +
            strlen(pyunbox_memory_name(v.memory)) + strlen(pyunbox_errors_name(v.errors));
  }
  sink += strlen(pyunbox_reader_message(&r));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  read_section(data, size);
  struct elf_file elf;
  char err[256];
  if (elf_file_open(&elf, data, size, err, sizeof err) == 0) {
    for (size_t i = 0; i < elf.shnum; i++) {
      struct elf_section s;
      if (elf_file_section(&elf, i, &s, err, sizeof err))
        break;
      if (s.contents && strcmp(s.name, PYUNBOX_SECTION) == 0)
        read_section(s.contents, s.size);
    }
  }
  return 0;
}
