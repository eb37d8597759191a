/* Writes a corrupted copy of a pyunbox_sigs section (dumped with llvm-objcopy)
 * for the runtime's tests; the same size, so --update-section can put it back.
 *   corrupt_section newer    IN OUT   the second record claims a newer version
 *   corrupt_section past-end IN OUT   the first record's size runs past the end */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pyunbox/format.h"

static unsigned get32(const unsigned char *p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((unsigned)p[3] << 24);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s newer|past-end IN OUT\n", argv[0]);
    return 2;
  }
  static unsigned char buf[1 << 20];
  FILE *in = fopen(argv[2], "rb");
  if (!in) {
    perror(argv[2]);
    return 1;
  }
  size_t n = fread(buf, 1, sizeof buf, in);
  fclose(in);
  size_t first_size = n >= 12 ? get32(buf + offsetof(struct pyunbox_record, record_size)) : 0;
  if (first_size == 0 || first_size + sizeof(struct pyunbox_record) > n) {
    fprintf(stderr, "%s: need a section of at least two records\n", argv[2]);
    return 1;
  }
  if (strcmp(argv[1], "newer") == 0) {
    unsigned char *version = buf + first_size + offsetof(struct pyunbox_record, version);
    version[0] = PYUNBOX_VERSION + 1;
    version[1] = 0;
  } else if (strcmp(argv[1], "past-end") == 0) {
    memset(buf + offsetof(struct pyunbox_record, record_size), 0, 4);
    buf[offsetof(struct pyunbox_record, record_size) + 2] = 0x10; /* 1 MiB */
  } else {
    fprintf(stderr, "unknown corruption %s\n", argv[1]);
    return 2;
  }
  FILE *out = fopen(argv[3], "wb");
  if (!out || fwrite(buf, 1, n, out) != n || fclose(out) != 0) {
    perror(argv[3]);
    return 1;
  }
  return 0;
}
