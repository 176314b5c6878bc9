# Thin wrapper: set-up, build, demo, test, bench. CMake does the real work.
BUILD ?= build
# Release without debug information: a quarter less compile time than RelWithDebInfo, which
# keeps CI (a clean build on 2 cores) inside its budget. Debugging: CMAKE_FLAGS=-DCMAKE_BUILD_TYPE=Debug.
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all setup build demo test bench clean test-asan test-asan-parse fuzz fuzz-build fuzz-smoke \
	fuzz-smoke-parsers

all: build

setup:
	@scripts/setup.sh

$(BUILD)/build.ninja: CMakeLists.txt | setup
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD)

# The main job on the bundled example stack; findings are expected, so the exit code 1
# of "findings present" is not a failure of the demo. Then its audit report, as HTML.
demo: build
	@$(BUILD)/infralint check fixtures/stacks/seed; status=$$?; [ $$status -le 1 ]
	@$(BUILD)/infralint report fixtures/stacks/seed -o $(BUILD)/seed-report.html
	@echo "audit report of the seed stack: $(BUILD)/seed-report.html (open it in a browser; print to PDF)"

test: build
	cd $(BUILD) && ctest --output-on-failure -j2

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer (build-asan, -O1).
ASAN_BUILD ?= build-asan
SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
test-asan: setup
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
	  -DCMAKE_C_FLAGS=-O1 -DINFRALINT_SANITIZE=ON
	cmake --build $(ASAN_BUILD)
	cd $(ASAN_BUILD) && $(SANITIZER_ENV) ctest --output-on-failure -j2

# The parse stage under both sanitizers: every parser (hand-written ones are where memory errors
# would live) with the parser suite, corpus included. CI runs it after `make test`: the whole
# suite under sanitizers (`make test-asan`) is a second full build, beyond CI's budget.
test-asan-parse: setup
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS=-O1 \
	  -DCMAKE_C_FLAGS=-O1 -DCMAKE_CXX_FLAGS_DEBUG=-g1 -DCMAKE_C_FLAGS_DEBUG=-g1 \
	  -DINFRALINT_SANITIZE=ON
	cmake --build $(ASAN_BUILD) --target parse_tests
	cd $(ASAN_BUILD) && $(SANITIZER_ENV) ctest --output-on-failure -R '^parse$$'

# libFuzzer targets (build-fuzz, clang-14): `make fuzz SECONDS=600` runs each for that long at
# nice 19; `make fuzz-smoke` is the 10-second run CI can afford.
FUZZ_BUILD ?= build-fuzz
SECONDS ?= 60
fuzz-build:
	INFRALINT_SETUP_FUZZ=1 scripts/setup.sh
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINFRALINT_FUZZ=ON
	cmake --build $(FUZZ_BUILD) --target fuzz_dockerfile fuzz_yaml fuzz_toml fuzz_json \
	  fuzz_nginx fuzz_promql fuzz_gotemplate fuzz_pipeline

fuzz: fuzz-build
	FUZZ_BUILD=$(FUZZ_BUILD) scripts/fuzz.sh $(SECONDS)

fuzz-smoke: fuzz-build
	FUZZ_BUILD=$(FUZZ_BUILD) scripts/fuzz.sh 10

# CI's share: the parser targets only (they link the parse stage alone, a short clang build),
# 5 seconds each; the pipeline target needs every rule built again and is left to `make fuzz`.
FUZZ_PARSERS = dockerfile yaml toml json nginx promql gotemplate
fuzz-smoke-parsers:
	INFRALINT_SETUP_FUZZ=1 scripts/setup.sh
	CC=clang-14 CXX=clang++-14 cmake -S . -B $(FUZZ_BUILD) -G Ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DINFRALINT_FUZZ=ON
	cmake --build $(FUZZ_BUILD) --target $(addprefix fuzz_,$(FUZZ_PARSERS))
	FUZZ_BUILD=$(FUZZ_BUILD) scripts/fuzz.sh 5 $(FUZZ_PARSERS)

bench: build
	@scripts/bench.sh

clean:
	rm -rf $(BUILD)
