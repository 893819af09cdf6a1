# segnb: `make run` and `make test` are the whole quick start on a fresh Debian machine.
SHELL := /bin/bash
export PATH := /opt/swift/usr/bin:$(PATH)
SWIFT ?= swift
APT_PACKAGES := libopenblas-dev libpng-dev libreadline-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
NOTEBOOK ?= Notebooks/camvid-unet.segnb
RELEASE_BIN := .build/release

.PHONY: deps build build-debug test run bench docs clean

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

## test: build and run every test
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

## run: build release and run the CamVid notebook headless on the embedded small dataset
run: build
	@if [ -f $(NOTEBOOK) ]; then \
	  $(RELEASE_BIN)/segnb run $(NOTEBOOK); \
	else \
	  echo "make run: the notebook runner is not built yet; running the smoke program instead"; \
	  $(RELEASE_BIN)/segnb; \
	fi

## bench: release benchmarks side by side with the references (see BENCHMARKS.md)
bench: deps
	$(SWIFT) build -c release --product segnb-bench
	$(RELEASE_BIN)/segnb-bench

## docs: regenerate docs/language.md from the built-in table
docs:
	$(SWIFT) build --build-tests
	SEGNB_UPDATE_DOCS=1 $(SWIFT) test --skip-build --disable-swift-testing --filter LanguageReferenceTests

clean:
	rm -rf .build
