# segnb: `make run` and `make test` are the whole quick start on a fresh Debian machine.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
APT_PACKAGES := libopenblas-dev libpng-dev libreadline-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libopenmpi-dev openmpi-bin
NOTEBOOK ?= Notebooks/camvid-unet.segnb
RELEASE_BIN := .build/release
PREFIX ?= $(HOME)/.local

.PHONY: deps build test fuzz fuzz-smoke run install bench docs clean

## deps: install whichever of the Debian -dev packages are missing (skipped when all are present)
deps:
	@missing=""; \
	for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing; \
	fi

## build: release build of the segnb executable
build: deps
	$(SWIFT) build -c release --product segnb

## test: build and run every test, then a short fuzzing run of every fuzz target
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing
	$(MAKE) fuzz-smoke

FUZZ_SMOKE_SECONDS ?= 20
TARGET ?= all
SECONDS ?= 600

## fuzz-smoke: build the libFuzzer harnesses and fuzz each target briefly from the committed corpus
fuzz-smoke:
	Fuzz/run.sh all $(FUZZ_SMOKE_SECONDS)

## fuzz: long fuzzing run, e.g. `make fuzz SECONDS=3600` or `make fuzz TARGET=png SECONDS=600` (see Fuzz/README.md)
fuzz:
	Fuzz/run.sh $(TARGET) $(SECONDS)

## run: build release and run the CamVid notebook headless on the embedded small dataset
run: build
	$(RELEASE_BIN)/segnb run $(NOTEBOOK)

## install: copy the release binary to $(PREFIX)/bin (default ~/.local/bin)
install: build
	install -d "$(PREFIX)/bin"
	install -m 755 $(RELEASE_BIN)/segnb "$(PREFIX)/bin/segnb"
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "make install: add $(PREFIX)/bin to your PATH to call segnb from anywhere";; esac

## bench: release benchmarks side by side with the references (see BENCHMARKS.md)
bench: deps
	$(SWIFT) build -c release --product segnb-bench
	$(RELEASE_BIN)/segnb-bench

## docs: regenerate docs/language.md from the built-in table
docs:
	$(SWIFT) build --build-tests
	SEGNB_UPDATE_DOCS=1 $(SWIFT) test --skip-build --disable-swift-testing --filter LanguageReferenceTests

clean:
	rm -rf .build .build-fuzz
