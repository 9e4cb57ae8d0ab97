# OCOP Watch — two commands matter: `make demo` and `make test` (see README.md).
SWIFT       ?= swift
PREFIX      ?= /usr/local
DESTDIR     ?=
CONFIGDIR   ?= /etc/ocop-watch
DEMO_PORT   ?= 18480
BIN_DEBUG    = .build/debug
# Release builds carry the Swift runtime and Foundation inside the binary (docs/0012): faster
# start-up, no PLT hop per retain/release, fewer shared pages. The bench builds the same way.
# Package.swift links ocop-watch with the toolchain's lld (packed relocations, no exported
# symbols; docs/0016), in debug and release builds alike. In release builds lld also places the
# functions a pass runs side by side (Linking/ocop-watch.order), which needs every package's
# functions in sections of their own.
RELEASE_FLAGS ?= -c release --static-swift-stdlib -Xswiftc -Xfrontend -Xswiftc -function-sections
export RELEASE_FLAGS
DEBIAN_PKGS  = libcurl4-openssl-dev pkgconf ca-certificates systemd python3
TEST_PKGS    = openssl util-linux sqlite3

.PHONY: all deps test-deps build demo test lint check-units release install uninstall bench fuzz fuzz-smoke clean

all: build

# Install the Debian packages a fresh machine lacks (idempotent; needs root or sudo).
deps:
	@scripts/ensure-debian-packages.sh $(DEBIAN_PKGS)

# chromium on its own: where it cannot be had, only the HTML screenshot test is skipped.
test-deps: deps
	@scripts/ensure-debian-packages.sh $(TEST_PKGS)
	@scripts/ensure-debian-packages.sh chromium || echo "note: chromium unavailable; the HTML screenshot test will be skipped"

build: deps
	$(SWIFT) build --product ocop-watch
	$(SWIFT) build --product mock-marketplace

# One real sync pass over the synthetic Đồng Tháp catalog against the loopback mock marketplace.
demo: build
	@scripts/demo.sh $(BIN_DEBUG) $(DEMO_PORT)

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) lint
	$(MAKE) check-units
	$(MAKE) fuzz-smoke

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Adapters Tests Fuzz

check-units: build
	scripts/check-units.sh $(abspath $(BIN_DEBUG))/ocop-watch

# The release binary, built as yourself: `make install` then only copies files as root.
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product ocop-watch

# As root, after `make release`: the binary, the service user, the config readable by that user
# only (it may hold a proxy password), units, logrotate (the steps of systemd/README.md).
install:
	@test -x .build/release/ocop-watch || { echo "make install: no release binary; run 'make release' first, as yourself" >&2; exit 1; }
	install -D -m 0755 .build/release/ocop-watch $(DESTDIR)$(PREFIX)/bin/ocop-watch
	install -D -m 0644 systemd/ocop-watch.sysusers $(DESTDIR)/etc/sysusers.d/ocop-watch.conf
	@if [ -z "$(DESTDIR)" ]; then systemd-sysusers /etc/sysusers.d/ocop-watch.conf; fi
	install -D -m 0644 systemd/ocop-watch.service $(DESTDIR)/etc/systemd/system/ocop-watch.service
	install -D -m 0644 systemd/ocop-watch-sync.service $(DESTDIR)/etc/systemd/system/ocop-watch-sync.service
	install -D -m 0644 systemd/ocop-watch-sync.timer $(DESTDIR)/etc/systemd/system/ocop-watch-sync.timer
	install -D -m 0644 systemd/ocop-watch.logrotate $(DESTDIR)/etc/logrotate.d/ocop-watch
	install -D -m 0644 systemd/README.md $(DESTDIR)$(PREFIX)/share/doc/ocop-watch/README.md
	sed -i -e 's|/usr/local/bin/ocop-watch|$(PREFIX)/bin/ocop-watch|' -e 's|/usr/local/share/doc/ocop-watch|$(PREFIX)/share/doc/ocop-watch|' \
	  -e 's|--config /etc/ocop-watch/config.yaml|--config $(CONFIGDIR)/config.yaml|' \
	  $(DESTDIR)/etc/systemd/system/ocop-watch.service $(DESTDIR)/etc/systemd/system/ocop-watch-sync.service
	@owner=; if [ -z "$(DESTDIR)" ] && getent group ocop-watch >/dev/null; then owner="-o root -g ocop-watch"; \
	else echo "note: no ocop-watch group here; give $(CONFIGDIR) to it (chgrp -R ocop-watch) before starting the service"; fi; \
	install -d -m 0750 $$owner $(DESTDIR)$(CONFIGDIR); \
	if [ -e $(DESTDIR)$(CONFIGDIR)/config.yaml ]; then \
		echo "keeping existing $(DESTDIR)$(CONFIGDIR)/config.yaml"; \
	else \
		install -m 0640 $$owner Config/ocop-watch.example.yaml $(DESTDIR)$(CONFIGDIR)/config.yaml; \
	fi
	@if [ -z "$(DESTDIR)" ]; then systemctl daemon-reload 2>/dev/null || true; fi

uninstall:
	@if [ -z "$(DESTDIR)" ]; then systemctl disable --now ocop-watch.service ocop-watch-sync.timer 2>/dev/null || true; fi
	rm -f $(DESTDIR)$(PREFIX)/bin/ocop-watch $(DESTDIR)/etc/systemd/system/ocop-watch.service \
	  $(DESTDIR)/etc/systemd/system/ocop-watch-sync.service $(DESTDIR)/etc/systemd/system/ocop-watch-sync.timer \
	  $(DESTDIR)/etc/logrotate.d/ocop-watch $(DESTDIR)$(PREFIX)/share/doc/ocop-watch/README.md
	@if [ -z "$(DESTDIR)" ]; then systemctl daemon-reload 2>/dev/null || true; fi
	@echo "kept $(CONFIGDIR), /var/lib/ocop-watch, /var/log/ocop-watch and the ocop-watch user"
	@echo "(and /etc/sysusers.d/ocop-watch.conf, which recreates it at boot); remove them by hand if no longer wanted"

# OCOP Watch vs curl, aiohttp and Scrapy on loopback (BENCHMARKS.md); ~7 GB of disk, about 11 min once built.
BENCH_SIZES ?= 1000 10000 100000

bench: deps
	bench/run.sh $(BENCH_SIZES)

# libFuzzer over every adapter's interpret function and the catalog parser (see docs/0013-fuzzing.md).
FUZZ_RUNS    ?= 20000
FUZZ_TARGETS ?=

fuzz:
	Fuzz/run.sh $(FUZZ_RUNS) $(FUZZ_TARGETS)

# A short, seeded fuzz of every target in `make test`, so that the fuzz build cannot rot unseen
# (it once did, and a crash in the page head's scan went unfound meanwhile).
fuzz-smoke:
	FUZZ_SEED=1 Fuzz/run.sh 2000

clean:
	rm -rf .build .demo
