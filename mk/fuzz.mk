# Fuzzing the generator with libFuzzer (tests/fuzz/).
#   make fuzz            builds build/fuzz_header (clang, ASan, UBSan, libFuzzer)
#   make fuzz-run        replays tests/fuzz/corpus, then fuzzes until FUZZ_TIME
#                        seconds have passed (libFuzzer's -max_total_time: the
#                        replay counts, about 5 s); `make fuzz-run FUZZ_TIME=600`
#                        for a real run
#   make fuzz-campaign   a long run (FUZZ_CAMPAIGN_TIME=1800) into build/fuzz-corpus
# tests/fuzz/fuzz.test.mjs runs `make fuzz-run` as part of `make test`, with
# the FUZZ_TIME `make test` was given (default 10 s: the replay and a few
# seconds of fuzzing).
FUZZ_CC ?= clang
FUZZ_TIME ?= 10
FUZZ_FLAGS := -dict=tests/fuzz/c.dict -max_len=4096 -timeout=5 -rss_limit_mb=2048 \
  -print_final_stats=1
.PHONY: fuzz fuzz-run fuzz-campaign fuzz-seeds
fuzz: build/fuzz_header
FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=undefined
build/obj/fuzz/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -fsanitize=fuzzer-no-link $(FUZZ_SANITIZE) -g -O1 -Isrc -MMD -MP -c $< -o $@
build/fuzz_header: $(call objs,fuzz,tests/fuzz/fuzz_header.c $(LIB_SRCS)) $(HDRS)
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SANITIZE) -g -O1 -o $@ $(filter %.o,$^)

# New inputs go to a scratch directory, never into the committed corpus;
# crash-*, timeout-*, oom-* files are written to build/fuzz-artifacts/. The
# scratch directory starts empty at each run: what an earlier run found would
# be replayed too, and the replay would grow run after run (fuzz-campaign
# keeps its inputs).
fuzz-run: build/fuzz_header
	@rm -rf build/fuzz-scratch
	@mkdir -p build/fuzz-scratch build/fuzz-artifacts
	./build/fuzz_header $(FUZZ_FLAGS) -artifact_prefix=build/fuzz-artifacts/ \
	  -max_total_time=$(FUZZ_TIME) build/fuzz-scratch tests/fuzz/corpus

fuzz-campaign: build/fuzz_header
	@mkdir -p build/fuzz-corpus build/fuzz-artifacts
	./build/fuzz_header $(FUZZ_FLAGS) -artifact_prefix=build/fuzz-artifacts/ \
	  -max_total_time=$(or $(FUZZ_CAMPAIGN_TIME),1800) build/fuzz-corpus tests/fuzz/corpus

# Rebuilds the committed corpus: seeds cut from real headers, minimized.
fuzz-seeds: build/fuzz_header
	sh tests/fuzz/make_seeds.sh build/fuzz-seeds
	mkdir -p tests/fuzz/corpus
	./build/fuzz_header -merge=1 -max_len=4096 -timeout=5 tests/fuzz/corpus build/fuzz-seeds
TEST_PREREQS += build/fuzz_header
