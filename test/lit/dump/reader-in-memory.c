// The reader library on the section of the running program: the same bytes as
// in the file, found through __start_/__stop_, and the self-relative offsets
// give the addresses of the core and the wrapper.
// RUN: %clang -I %S/../../../include %s %inputs/dump/inc.c %inputs/dump/hypot.c %S/../../../runtime/record_reader.c -o %t
// RUN: %t | FileCheck %s
// CHECK: inc long pyunbox_core_demo_inc(long n) core=ok inc(41)=42
// CHECK-NEXT: hypot double pyunbox_core_geo_hypot(double x, double) core=ok hypot(3,4)=25
// CHECK-NEXT: end
#include <stdio.h>
#include <string.h>

#include "pyunbox/reader.h"

extern const char __start_pyunbox_sigs[] __attribute__((weak, visibility("hidden")));
extern const char __stop_pyunbox_sigs[] __attribute__((weak, visibility("hidden")));
long pyunbox_core_demo_inc(long);
double pyunbox_core_geo_hypot(double, double);

int main(void) {
  struct pyunbox_reader r;
  struct pyunbox_record_view v;
  pyunbox_reader_init(&r, __start_pyunbox_sigs, (size_t)(__stop_pyunbox_sigs - __start_pyunbox_sigs));
  int rc;
  while ((rc = pyunbox_reader_next(&r, &v)) == PYUNBOX_READER_RECORD) {
    const void *core = pyunbox_record_core_address(&v);
    printf("%s %s ", v.python_name, v.c_prototype);
    if (!strcmp(v.python_name, "inc"))
      printf("core=%s inc(41)=%ld\n", core == (const void *)pyunbox_core_demo_inc ? "ok" : "WRONG",
             ((long (*)(long))core)(41));
    else
      printf("core=%s hypot(3,4)=%g\n",
             core == (const void *)pyunbox_core_geo_hypot ? "ok" : "WRONG",
             ((double (*)(double, double))core)(3, 4));
  }
  printf(rc == 0 ? "end\n" : "error %s\n", pyunbox_reader_message(&r));
  return rc != 0;
}
