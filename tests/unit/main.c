/* Runs the C unit tests of every stage and prints the summary line. */
#include "unit.h"

int unit_passed, unit_failed;

int main(void) {
  unit_core();
  unit_pp();
  unit_literal();
  unit_options();
  unit_parse();
  unit_wasm();
  printf("unit: %d passed, %d failed\n", unit_passed, unit_failed);
  return unit_failed ? 1 : 0;
}
