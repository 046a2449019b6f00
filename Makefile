# Thin wrapper over CMake/CTest: every target first installs what is missing (scripts/deps.sh).
#   make demo     build and run the demo job on the bundled demo project
#   make test     build and run every test (GUI tests under xvfb-run)
#   make run      build and start the GUI
#   make bench    Release build and the benchmarks (figures, side by side with their anchors)
#   make package  .deb and .tar.gz in build/
#   make pot      re-extract locale/manyi.pot and merge it into the catalogues
BUILD ?= build
BENCH_BUILD ?= build-release
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test run bench package pot clean

all: build

deps:
	@bash scripts/deps.sh test

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	$(BUILD)/bin/manyi-cli demo --out $(BUILD)/demo
	$(BUILD)/bin/manyi-cli report $(BUILD)/demo/demo.manyi --template management-review -o $(BUILD)/demo/demo-report.xlsx

test: build
	cd $(BUILD) && xvfb-run -a -s "-screen 0 1600x1000x24" ctest --output-on-failure -j $(JOBS)

run: build
	$(BUILD)/bin/manyi

bench:
	@bash scripts/deps.sh bench
	cmake -S . -B $(BENCH_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release -DMANYI_BUILD_GUI=OFF -DMANYI_BUILD_TESTS=OFF
	cmake --build $(BENCH_BUILD) -j $(JOBS)
	bash bench/run_bench.sh $(BENCH_BUILD)

package: build
	cmake --build $(BUILD) --target package

pot: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) --target pot

clean:
	rm -rf $(BUILD) $(BENCH_BUILD)
