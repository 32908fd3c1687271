# make bench-sqlite: wasmbind's SQLite bindings (build/examples/sqlite/sqlite3.js)
# against @sqlite.org/sqlite-wasm (capi and oo1) and hand-written glue over the
# same sqlite3.wasm (bench/sqlite/hand.mjs): insert, select, prepare/finalize.
# One Node process, in-memory databases; prints medians and ratios.
#   make bench-sqlite                          the full run (100,000 rows, 10,000 prepares)
#   make bench-sqlite BENCH_SQLITE_ARGS=--quick   a smoke run (10,000 rows, 1,000 prepares)
# (bench-sqlite-quick is the same smoke run.) --expose-gc: the runner collects
# garbage before each timed run, so one strategy's garbage is not another's cost.
BENCH_SQLITE_ARGS ?=

.PHONY: bench-sqlite bench-sqlite-quick
bench-sqlite: build/examples/sqlite/sqlite3.js | setup
	node --expose-gc bench/sqlite/run.mjs $(BENCH_SQLITE_ARGS)

bench-sqlite-quick: build/examples/sqlite/sqlite3.js | setup
	node --expose-gc bench/sqlite/run.mjs --quick
