# Thin wrapper: set-up, build, demo, test, bench. CMake does the real work.
BUILD ?= build
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all setup build demo test bench clean

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

bench: build
	@scripts/bench.sh

clean:
	rm -rf $(BUILD)
