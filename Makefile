# The two commands a newcomer runs: `make run` and `make test`.
# Both install what is missing (Debian packages, as root), build, and go.

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)

# Debian 12 packages the project builds against. --no-install-recommends keeps
# the install small (valijson would otherwise recommend Qt and friends).
DEB_PACKAGES := cmake g++ make pkg-config libpoco-dev libssl-dev libvalijson-dev \
                libcli11-dev libargon2-dev libzxcvbn-dev libhpdf-dev libharfbuzz-dev fonts-wqy-microhei fonts-arphic-uming fonts-liberation2 zlib1g-dev \
                libsqlite3-dev sqlite3 libgtest-dev python3 git tzdata \
                libicu-dev libopencc-dev libpoppler-cpp-dev libxlsxwriter-dev libarchive-dev \
                icc-profiles-free \
                poppler-utils qpdf libxml2-utils tesseract-ocr tesseract-ocr-chi-sim python3-openpyxl python3-jsonschema unzip openssl \
                clang libclang-rt-14-dev clang-format \
                chromium ccache esbuild \
                lintian man-db adduser systemd
# The fourth-to-last line: the tools the tests check output with, as a user
# would (pdftotext, pdffonts, qpdf --check, xmllint, OCR of rendered pages);
# then clang and its libFuzzer for `make fuzz` and clang-format for `make
# check-format`; then the browser the web
# interface is tested in (tests/web drives it with playwright-core from npm),
# ccache, which the builds below go through, and esbuild, which bundles the
# web pages' modules into one file (core/server/CMakeLists.txt says why);
# last, what the Debian package is checked with (tests/package: lintian, the
# man pages' renderer, adduser and systemd-analyze).

# Compiled objects are kept in ccache (~/.cache/ccache), keyed by paths relative
# to the checkout: a second checkout on this machine (CI's fresh clone) builds
# in minutes. A build with cmake alone does not use it.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
LAUNCHER = -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache

.PHONY: all deps web-deps build package asan fuzz fuzz-build run test test-normal test-asan test-fuzz check-format format bench-ingest bench-pdf bench-search bench-export bench-retention bench-server bench-ui bench-backup clean

all: build

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Node.js and npm for the browser tests: Debian's, unless the machine already
# has an npm (a newer Node from elsewhere is left alone); then the pinned
# packages of tests/web/package-lock.json, once.
web-deps: deps
	@if ! command -v npm >/dev/null 2>&1; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nodejs npm; \
	fi
	@[ -d tests/web/node_modules/playwright-core ] || (cd tests/web && npm ci --no-audit --no-fund)

# Release, as a packager builds it (CI builds and tests that); warnings are
# errors here, in the developers' and CI's builds only (CMakeLists.txt).
build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DDOSSIER_WERROR=ON $(LAUNCHER) >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DDOSSIER_SANITIZE=ON -DDOSSIER_WERROR=ON $(LAUNCHER) >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)

# The Debian package, from the Release build: $(BUILD)/dossier_<version>_<arch>.deb
# (see docs/install.md). lintian checks it in tests/package.
package: build
	cd $(BUILD) && cpack -G DEB

# The walk-through on ./var/demo (see docs/user-guide.md), then the server on it
# until Ctrl-C, with a one-time password for each demo user (docs/web.md).
SERVE_LISTEN ?= 127.0.0.1:8080
run: build
	DOSSIER_BIN=$(CURDIR)/$(BUILD)/bin/dossier bash docs/examples/walkthrough.sh $(CURDIR)/var/demo
	DOSSIER_BIN=$(CURDIR)/$(BUILD)/bin/dossier bash docs/examples/serve-demo.sh $(CURDIR)/var/demo $(SERVE_LISTEN)

# The C++ checked for its layout first (seconds); then the whole suite twice:
# a normal build, then AddressSanitizer + UBSan; then each fuzz target for 30 s
# (tests/fuzz, a clang build of its own). The last line is ctest's.
test: check-format test-normal test-asan test-fuzz

# In the normal build the end-to-end cases (label e2e) run as whole programs,
# as every test program does there, twice in random orders (tests/shuffle.sh):
# no test may depend on another's having run, or not.
test-normal: build web-deps
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS) -LE e2e
	bash tests/shuffle.sh $(BUILD)

test-asan: asan web-deps
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

# The C++ as .clang-format lays it out; `make format` applies it.
FORMATTED = $(shell git ls-files '*.cpp' '*.h')
check-format: deps
	@clang-format --dry-run --Werror $(FORMATTED) || { echo "make format lays these out as .clang-format says"; exit 1; }

format: deps
	clang-format -i $(FORMATTED)

# libFuzzer targets (tests/fuzz), each run FUZZ_SECONDS; the corpus grows in $(FUZZ_BUILD)/fuzz.
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := metadata query csv package config workflow pdf_template
fuzz-build: deps
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug -DDOSSIER_FUZZ=ON $(LAUNCHER) >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))

fuzz: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The targets as tests (30 s each, DOSSIER_FUZZ_SECONDS), run by ctest as CI sees them.
test-fuzz: fuzz-build
	cd $(FUZZ_BUILD) && ctest --output-on-failure -j $(JOBS)

bench-ingest: build
	python3 bench/ingest/run.py --dossier $(CURDIR)/$(BUILD)/bin/dossier

bench-export: build
	python3 bench/export/run.py --dossier $(CURDIR)/$(BUILD)/bin/dossier

# A million archived records, twice: an archive that destroys yearly, and one that never did.
bench-retention: build
	rm -rf $(CURDIR)/var/bench-retention && mkdir -p $(CURDIR)/var/bench-retention
	$(BUILD)/bin/dossier_retention_bench $(CURDIR)/var/bench-retention/steady 1000000 steady
	$(BUILD)/bin/dossier_retention_bench $(CURDIR)/var/bench-retention/backlog 1000000 backlog
	rm -rf $(CURDIR)/var/bench-retention

# ripgrep is only the benchmark's reference: installed here, not for the project.
bench-search: build
	@command -v rg >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ripgrep
	python3 bench/search/run.py --dossier $(CURDIR)/$(BUILD)/bin/dossier --driver $(CURDIR)/$(BUILD)/bin/dossier_search_bench

# wrk (the load) and nginx (the downloads' reference) are the benchmark's, not the project's.
bench-server: build
	@for p in wrk nginx-light; do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $$missing; fi
	python3 bench/server/run.py --dossier $(CURDIR)/$(BUILD)/bin/dossier --driver $(CURDIR)/$(BUILD)/bin/dossier_search_bench

# The web pages on bench/server's corpus, in the browser the tests use (tests/web's packages).
bench-ui: build web-deps
	python3 bench/ui/run.py --dossier $(CURDIR)/$(BUILD)/bin/dossier

# restic is only the benchmark's reference: installed here, not for the project.
bench-backup: build
	@dpkg-query -W -f='$${Status}' restic 2>/dev/null | grep -q 'ok installed' || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends restic; }
	python3 bench/backup/run.py --dossier $(CURDIR)/$(BUILD)/bin/dossier

# ReportLab is only the benchmark's reference: installed here, not for the project.
bench-pdf: build
	@dpkg-query -W -f='$${Status}' python3-reportlab 2>/dev/null | grep -q 'ok installed' || { \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends python3-reportlab; }
	python3 bench/pdf/run.py --dossier $(CURDIR)/$(BUILD)/bin/dossier

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
