# Fuzzing the generator with libFuzzer (tests/fuzz/), three targets, each
# built with clang, ASan, UBSan and libFuzzer:
#   build/fuzz_header    a header's text         corpus tests/fuzz/corpus
#   build/fuzz_rules     a rules file's text     corpus tests/fuzz/corpus-rules
#   build/fuzz_wasm      a .wasm binary          corpus tests/fuzz/corpus-wasm
#   make fuzz            builds the three
#   make fuzz-run        for each target, replays its corpus, then fuzzes until
#                        FUZZ_TIME seconds have passed for that target
#                        (libFuzzer's -max_total_time: the replay counts);
#                        `make fuzz-run FUZZ_TIME=600` for a real run;
#                        FUZZ_TARGETS=rules runs only some targets
#   make fuzz-campaign   a long run of each (FUZZ_CAMPAIGN_TIME=1800 seconds
#                        each) into build/fuzz-corpus-TARGET
# tests/fuzz/fuzz.test.mjs runs `make fuzz-run` as part of `make test`, with
# the FUZZ_TIME `make test` was given (default 10 s) split across the targets
# (FUZZ_TIME_header, FUZZ_TIME_rules, FUZZ_TIME_wasm: 6, 2 and 2 s for 10;
# the header target's replay alone takes about 5 s).
FUZZ_CC ?= clang
FUZZ_TIME ?= 10
FUZZ_TARGETS ?= header rules wasm
FUZZ_COMMON := -timeout=5 -rss_limit_mb=2048 -print_final_stats=1
FUZZ_FLAGS_header := -dict=tests/fuzz/c.dict -max_len=4096
FUZZ_FLAGS_rules := -dict=tests/fuzz/rules.dict -max_len=4096
FUZZ_FLAGS_wasm := -dict=tests/fuzz/wasm.dict -max_len=65536
FUZZ_CORPUS_header := tests/fuzz/corpus
FUZZ_CORPUS_rules := tests/fuzz/corpus-rules
FUZZ_CORPUS_wasm := tests/fuzz/corpus-wasm
.PHONY: fuzz fuzz-run fuzz-campaign fuzz-seeds
fuzz: build/fuzz_header build/fuzz_rules build/fuzz_wasm
FUZZ_SANITIZE := -fsanitize=address,undefined -fno-sanitize-recover=undefined
build/obj/fuzz/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) -std=c11 -fsanitize=fuzzer-no-link $(FUZZ_SANITIZE) -g -O1 -Isrc -MMD -MP -c $< -o $@
build/fuzz_%: $(call objs,fuzz,tests/fuzz/fuzz_%.c $(LIB_SRCS)) $(HDRS)
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SANITIZE) -g -O1 -o $@ $(filter %.o,$^)

# New inputs go to a scratch directory, never into a committed corpus;
# crash-*, timeout-*, oom-* files are written to build/fuzz-artifacts/TARGET-.
# The scratch directory starts empty at each run: what an earlier run found
# would be replayed too, and the replay would grow run after run
# (fuzz-campaign keeps its inputs). Each target runs for FUZZ_TIME seconds,
# or FUZZ_TIME_TARGET when given (fuzz.test.mjs gives them). libFuzzer's
# output goes to stdout, after the "== fuzz_TARGET" line that names it.
fuzz-run: $(foreach t,$(FUZZ_TARGETS),build/fuzz_$(t))
	@rm -rf build/fuzz-scratch
	@mkdir -p build/fuzz-artifacts
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz-scratch/$$t; \
	  case $$t in header) f='$(FUZZ_FLAGS_header)'; c=$(FUZZ_CORPUS_header); s=$(or $(FUZZ_TIME_header),$(FUZZ_TIME));; \
	    rules) f='$(FUZZ_FLAGS_rules)'; c=$(FUZZ_CORPUS_rules); s=$(or $(FUZZ_TIME_rules),$(FUZZ_TIME));; \
	    wasm) f='$(FUZZ_FLAGS_wasm)'; c=$(FUZZ_CORPUS_wasm); s=$(or $(FUZZ_TIME_wasm),$(FUZZ_TIME));; esac; \
	  echo "== fuzz_$$t: $$s s"; \
	  ./build/fuzz_$$t $$f $(FUZZ_COMMON) -artifact_prefix=build/fuzz-artifacts/$$t- \
	    -max_total_time=$$s build/fuzz-scratch/$$t $$c 2>&1; \
	done

fuzz-campaign: $(foreach t,$(FUZZ_TARGETS),build/fuzz_$(t))
	@mkdir -p build/fuzz-artifacts
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz-corpus-$$t; \
	  case $$t in header) f='$(FUZZ_FLAGS_header)'; c=$(FUZZ_CORPUS_header);; \
	    rules) f='$(FUZZ_FLAGS_rules)'; c=$(FUZZ_CORPUS_rules);; \
	    wasm) f='$(FUZZ_FLAGS_wasm)'; c=$(FUZZ_CORPUS_wasm);; esac; \
	  ./build/fuzz_$$t $$f $(FUZZ_COMMON) -artifact_prefix=build/fuzz-artifacts/$$t- \
	    -max_total_time=$(or $(FUZZ_CAMPAIGN_TIME),1800) build/fuzz-corpus-$$t $$c; \
	done

# Rebuilds the committed header corpus: seeds cut from real headers, minimized.
fuzz-seeds: build/fuzz_header
	sh tests/fuzz/make_seeds.sh build/fuzz-seeds
	mkdir -p tests/fuzz/corpus
	./build/fuzz_header -merge=1 -max_len=4096 -timeout=5 tests/fuzz/corpus build/fuzz-seeds
TEST_PREREQS += build/fuzz_header build/fuzz_rules build/fuzz_wasm
