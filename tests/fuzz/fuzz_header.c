/* fuzz_header.c: libFuzzer target for the whole generator pipeline.
 *
 * The input is the text of a header, given to wb_run() as a virtual file
 * (tokenize -> preprocess -> parse -> layout/annotate -> emit IR and JS).
 * Anything but a clean result or a clean error (status 0 or 1, a NUL-ended
 * diagnostics string) is a bug; the sanitizers catch the rest.
 *
 * Build: clang -fsanitize=fuzzer,address,undefined -g -O1 -Isrc
 *        tests/fuzz/fuzz_header.c src/!(main).c build/runtime_js.c build/wasmbind_h.c
 * (see mk/fuzz.mk: `make fuzz`, `make fuzz-run`). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "wasmbind.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* The virtual file is given with its length; a private copy keeps the
   * generator from reading past the fuzzer's buffer unnoticed by ASan. */
  char *text = malloc(size + 1);
  if (!text)
    return 0;
  memcpy(text, data, size);
  text[size] = '\0';
  WbVirtualFile file = {"fuzz.h", text, size};
  WbOptions opts;
  memset(&opts, 0, sizeof opts);
  opts.header_path = "fuzz.h";
  opts.files = &file;
  opts.n_files = 1;
  opts.module_name = "fuzz";
  opts.wasm_file = "fuzz.wasm";
  WbResult *r = wb_run(&opts, WB_WANT_IR | WB_WANT_JS);
  if (!r || (r->status != 0 && r->status != 1) || !r->diagnostics)
    abort();
  if (r->status == 0 && (!r->ir || !r->js || !r->dts))
    abort(); /* success must produce every output asked for */
  if (r->status == 1 && !strstr(r->diagnostics, "error"))
    abort(); /* a failed run must say why */
  wb_result_free(r);
  free(text);
  return 0;
}
