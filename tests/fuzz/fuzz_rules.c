/* fuzz_rules.c: libFuzzer target for rules files (src/rules.c and what the
 * rules steer: planning, the JS and .d.ts emitters, the export list).
 *
 * The input is the text of a rules file, given to wb_run() with a fixed header
 * (fuzz_fixture.h: functions, opaque types, callbacks with user data, structs,
 * an enum, a union) and WB_WANT_IR | WB_WANT_JS | WB_WANT_EXPORTS. Anything
 * but a clean result or a clean error is a bug; the sanitizers catch the rest.
 *
 * Build: `make fuzz` (mk/fuzz.mk); seeds in corpus-rules/, keywords in
 * rules.dict. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_fixture.h"
#include "wasmbind.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* The rules are given with their length and no NUL after them: a private
   * copy of exactly that size lets ASan see a read past the end. */
  char *rules = malloc(size ? size : 1);
  if (!rules)
    return 0;
  memcpy(rules, data, size);
  WbVirtualFile file = {"fuzz.h", fuzz_fixture_header, sizeof fuzz_fixture_header - 1};
  WbOptions opts;
  memset(&opts, 0, sizeof opts);
  opts.header_path = "fuzz.h";
  opts.files = &file;
  opts.n_files = 1;
  opts.no_file_system = true;
  opts.module_name = "fuzz";
  opts.wasm_file = "fuzz.wasm";
  opts.rules = rules;
  opts.rules_len = size;
  opts.rules_name = "fuzz.rules";
  WbResult *r = wb_run(&opts, WB_WANT_IR | WB_WANT_JS | WB_WANT_EXPORTS);
  if (!r || (r->status != 0 && r->status != 1) || !r->diagnostics)
    abort();
  if (r->status == 0 && (!r->ir || !r->js || !r->dts || !r->text))
    abort(); /* success must produce every output asked for */
  if (r->status == 1 && !strstr(r->diagnostics, "error"))
    abort(); /* a failed run must say why */
  wb_result_free(r);
  free(rules);
  return 0;
}
