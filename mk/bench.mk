# Benchmarks (not part of `make test`).
#   make bench-parse    wasmbind (native ir, native gen, wasm ir) against
#                       clang -fsyntax-only on sqlite3.h, SDL.h and glib.h
#                       (bench/parse/run.mjs; BENCH_RUNS=N to change the count)
BENCH_RUNS ?= 11
.PHONY: bench-parse
bench-parse: build/wasmbind build/wasmbind-wasm.cjs
	node bench/parse/run.mjs --runs $(BENCH_RUNS) --warmup 2
