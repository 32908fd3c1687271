# Reference outputs of `wasmbind gen`: tests/reference/NAME.js and NAME.d.ts
# beside NAME.h (tests/reference/generated.test.mjs compares them, checks
# every .d.ts with tsc --strict and imports every .js). `make bless`
# rewrites them; CI never does.
.PHONY: bless-js
bless: bless-js
bless-js: build/wasmbind
	@for h in $(REFERENCE_HEADERS); do \
	  args=$$(sed -n 's/.*wasmbind-args: *\(.*[^ ]\) *\*\/.*/\1/p' $$h | head -n 1); \
	  echo "bless: $${h%.h}.js $${h%.h}.d.ts"; \
	  build/wasmbind gen $$h $$args -o $${h%.h}.js 2>/dev/null || exit 1; \
	done
