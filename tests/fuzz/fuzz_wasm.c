/* fuzz_wasm.c: libFuzzer target for the .wasm reader (src/wasm_reader.c) and
 * what reads its result: `check` (src/check.c) and the emitters' use of the
 * real signatures.
 *
 * The input is a .wasm binary, given to wb_wasm_info() and to wb_run() with
 * a fixed header (fuzz_fixture.h, which declares counter.h's functions: the
 * seed build/rules/counter.wasm exports them), a rules line that makes two
 * functions imports, and WB_WANT_JS | WB_WANT_CHECK.
 * Anything but a clean result or a clean error is a bug; the sanitizers catch
 * the rest.
 *
 * Build: `make fuzz` (mk/fuzz.mk); seeds in corpus-wasm/. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_fixture.h"
#include "wasmbind.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A result is either a success with its outputs or a failure that says why.
 * Returns the status; releases the result. */
static int expect_clean(WbResult *r, bool want_js) {
  if (!r || (r->status != 0 && r->status != 1) || !r->diagnostics)
    abort();
  if (r->status == 0 && (!r->text || (want_js && (!r->js || !r->dts))))
    abort();
  if (r->status == 1 && !strstr(r->diagnostics, "error"))
    abort();
  int status = r->status;
  wb_result_free(r);
  return status;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  /* A private copy of exactly `size` bytes: ASan sees a read past the end. */
  unsigned char *wasm = malloc(size ? size : 1);
  if (!wasm)
    return 0;
  memcpy(wasm, data, size);
  /* wb_run() reads the binary with the same wasm_read(); when it refuses it,
   * nothing after depends on the bytes: skipping that run makes malformed
   * inputs much faster to try. */
  if (expect_clean(wb_wasm_info(wasm, size), false) != 0) {
    free(wasm);
    return 0;
  }

  WbVirtualFile file = {"fuzz.h", fuzz_fixture_header, sizeof fuzz_fixture_header - 1};
  WbOptions opts;
  memset(&opts, 0, sizeof opts);
  opts.header_path = "fuzz.h";
  opts.files = &file;
  opts.n_files = 1;
  opts.no_file_system = true;
  opts.module_name = "fuzz";
  opts.wasm_file = "fuzz.wasm";
  opts.wasm = wasm;
  opts.wasm_len = size;
  /* Functions JS implements, which the binary must import (check_import). */
  static const char rules[] = "ri_log ri_random: import\n";
  opts.rules = rules;
  opts.rules_len = sizeof rules - 1;
  expect_clean(wb_run(&opts, WB_WANT_JS | WB_WANT_CHECK), true);
  free(wasm);
  return 0;
}
