# Two commands on a fresh Debian 12 machine: `make demo` and `make test`.
# Both install what is missing (Debian packages, only when missing), configure and build.

BUILD_DIR ?= build
JOBS      ?= 2
KB        ?= kb.sqlite
QUESTION  ?= What supports surgery here?
DEBS      := g++ cmake make pkg-config sqlite3 libsqlite3-dev libxml2-dev libcli11-dev catch2 \
             nlohmann-json3-dev libcpp-httplib-dev bibutils python3-biopython nodejs npm chromium
# The web app's tests load its pages in Debian's headless chromium.
# The export round-trip test reads every export back with tools made by others: bibutils,
# Biopython, and citation-js, installed from npm into TOOLS_DIR (pinned by its lock file).
TOOLS_DIR := tests/tools

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build demo test sanitize-test bench clean

all: build

# dpkg first, so that a machine with everything installed never touches apt.
# Node.js and npm also count as present when their commands are: NodeSource's nodejs
# package bundles npm and conflicts with Debian's.
deps:
	@missing=""; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" && continue; \
	  case $$p in nodejs) command -v node >/dev/null 2>&1 && continue;; npm) command -v npm >/dev/null 2>&1 && continue;; esac; \
	  missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@if [ ! -d $(TOOLS_DIR)/node_modules/@citation-js/core ]; then \
	  echo "Installing citation-js into $(TOOLS_DIR)/node_modules"; \
	  npm ci --prefix $(TOOLS_DIR) --no-audit --no-fund; \
	fi

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release > /dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j$(JOBS)

# The demo builds only the two programs it runs, not the tests and benchmarks.
demo: configure
	@cmake --build $(BUILD_DIR) --target kbindex kbquery -j$(JOBS)
	$(BUILD_DIR)/bin/kbindex build corpus --db $(KB)
	$(BUILD_DIR)/bin/kbquery ask "$(QUESTION)" --db $(KB)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

# The whole test suite once more, built with AddressSanitizer and UndefinedBehaviorSanitizer:
# any report fails the run (UBSan does not recover; ASan checks leaks at exit).
SAN_DIR ?= build-sanitize
sanitize-test: deps
	@cmake -S . -B $(SAN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKB_SANITIZE=ON > /dev/null
	@cmake --build $(SAN_DIR) -j$(JOBS)
	cd $(SAN_DIR) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --output-on-failure -j$(JOBS)

# Builds only what the benchmark runs (its progress on stderr), then prints one JSON object on
# stdout (bench/README.md: the knobs).
# BUILD_LOCK=FILE serialises the build with others sharing the build tree (flock FILE).
bench: configure
	@$(if $(BUILD_LOCK),flock $(BUILD_LOCK)) cmake --build $(BUILD_DIR) --target kbindex kbquery bench_query bench_import -j$(JOBS) >&2
	@BUILD_DIR=$(BUILD_DIR) python3 bench/run_bench.py

clean:
	rm -rf $(BUILD_DIR) $(SAN_DIR) $(KB)

# libFuzzer with clang, address and undefined-behaviour sanitizers: every fuzz/*_fuzzer.cc
# runs FUZZ_SECONDS from a copy of its seed corpus in FUZZ_DIR: the project's own seeds
# (tests/fuzz_corpus/) and, where ../shared/testdata/ is beside the checkout, its real files.
# Crash inputs land in FUZZ_DIR/artifacts/, and any crash fails the run. Only the kb_fuzzers
# target is built (the product libraries, instrumented, and the fuzzers): no test, no bench.
# clang++ is Debian's clang; libFuzzer's runtime is in libclang-rt-14-dev, installed when missing.
FUZZ_DIR     ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_DEBS    := clang clang-14 libclang-rt-14-dev
.PHONY: fuzz
fuzz: deps
	@missing=""; for p in $(FUZZ_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@cmake -S . -B $(FUZZ_DIR) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
	  -DKB_SANITIZE=ON -DKB_FUZZ=ON > /dev/null
	@cmake --build $(FUZZ_DIR) --target kb_fuzzers -j$(JOBS)
	@bash fuzz/run_fuzzers.sh $(FUZZ_DIR) $(FUZZ_SECONDS)
