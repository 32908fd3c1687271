# Reference tests: each tests/reference/NAME.h and tests/reference/features/NAME.h
# beside its expected NAME.js and NAME.d.ts (`wasmbind gen`, the runtime's
# text replaced by one line), NAME.json (`wasmbind ir`) and NAME.stderr
# (the diagnostics, when there are any); tests/reference/harness.mjs has the
# details, tests/reference.test.mjs compares. `make bless` rewrites the
# expected files from build/wasmbind after a deliberate change; CI never
# blesses. A header may name extra options and a failing exit status:
#   /* wasmbind-args: --rules tests/reference/features/NAME.rules */
#   /* wasmbind-exit: 1 */
bless: build/wasmbind
	node tests/reference/bless.mjs

TEST_PREREQS += build/wasmbind
CHECK_PREREQS += build/wasmbind
