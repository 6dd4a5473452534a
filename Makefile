# Kizuki — the two commands a fresh Debian/Ubuntu machine needs are
# `make run` and `make test`; both install what is missing first.

# Go installed by scripts/deps.sh lives in /usr/local/go.
export PATH := $(PATH):/usr/local/go/bin

GO      ?= go
BIN     := bin
LDFLAGS := -s -w
# Where `make run` keeps its data; empty means the per-user default.
DB      ?=
# FIPS=1 builds with Go's FIPS 140-3 cryptographic module, frozen at the
# snapshot this Go lists as certified (lib/fips140/certified.txt); the
# binary then runs with GODEBUG=fips140=on by default. README, "FIPS 140".
FIPS        ?=
FIPS_MODULE ?= v1.0.0-c2097c7c
FIPSENV     := $(if $(FIPS),GOFIPS140=$(FIPS_MODULE))

.PHONY: all deps deps-run run build build-gui build-nogui test test-browser test-fips package package-test bench fuzz soak i18n i18n-merge icons clean

all: build

deps:
	@scripts/deps.sh test

deps-run:
	@scripts/deps.sh run

## run: build and start the tray app
run: deps-run build-gui
	./$(BIN)/kizuki $(if $(DB),--db $(DB))

## build: both builds of one main: the tray app (cgo, Fyne) and the headless nogui build
build: build-gui build-nogui

build-gui:
	$(FIPSENV) $(GO) build -ldflags '$(LDFLAGS)' -o $(BIN)/kizuki .

build-nogui:
	$(FIPSENV) CGO_ENABLED=0 $(GO) build -tags nogui -ldflags '$(LDFLAGS)' -o $(BIN)/kizuki-nogui .

## test: format, vet, staticcheck, race tests, both builds, layering check, UI smoke test
test: deps build
	@KIZUKI_BIN=$(abspath $(BIN)/kizuki) GO=$(GO) scripts/test.sh

## test-browser: a real Chromium grants a site notifications; kizuki check must list it (installs chromium, ~100 MB, which make test skips without)
test-browser:
	@scripts/deps.sh browser
	CGO_ENABLED=0 $(GO) test -tags nogui -count=1 -run TestCheckFindsARealChromiumPermission -v .

## test-fips: the TLS, HMAC and signature tests (syslog over TLS, MSS signatures, FortiOS API) against the FIPS 140-3 module, with GODEBUG=fips140=on
test-fips:
	GOFIPS140=$(FIPS_MODULE) GODEBUG=fips140=on KIZUKI_EXPECT_FIPS=1 CGO_ENABLED=0 $(GO) test -tags nogui -count=1 ./monitor/ingest/ ./monitor/ingest/fortios/ ./monitor/mss/... ./monitor/secrets/

## package: the installers in dist/: Linux .tar.xz and .deb, Windows .exe (signed when SIGN_PKCS12 is set)
package: build
	@scripts/deps.sh package
	GO=$(GO) scripts/package.sh all

## package-test: build the installers, then check them (.deb contents and unit, PE headers and resources)
package-test: package
	$(GO) test -count=1 -v ./packaging/

## bench: every Go benchmark with allocations, then whole-command throughput (parse, import, detect vs fail2ban-regex) on 1M generated lines
bench: build-nogui
	$(GO) test -run='^$$' -bench=. -benchmem ./...
	@command -v hyperfine >/dev/null && command -v fail2ban-regex >/dev/null || { echo "bench: installing hyperfine and fail2ban"; scripts/deps.sh bench; }
	GO=$(GO) KIZUKI_BIN=$(BIN)/kizuki-nogui scripts/bench-cli.sh

## soak: the real `kizuki serve` under 60 s of loopback load (UDP 50,000/s and TCP 10,000/s at once; SOAK_SECONDS, SOAK_UDP_RATE, SOAK_TCP_RATE change it): every message archived and stored or counted as dropped; then 1,000,000 lines from as many distinct addresses over TCP (SOAK_SOURCES) under 200 MiB peak RSS with status reads throughout; then the crash tests at full size
soak:
	KIZUKI_SOAK=1 CGO_ENABLED=0 $(GO) test -tags nogui -count=1 -timeout 30m -run 'TestSoak|TestCrash' -v .

## fuzz: every fuzz target for FUZZTIME each (default 10m; FUZZTIME=30s for a quick pass)
fuzz:
	GO=$(GO) scripts/fuzz.sh

## i18n: extract the catalog (Japanese, the source) and list what English lacks in locales/translate.en.toml
i18n:
	cd locales && $(GO) tool goi18n extract -sourceLanguage ja -format toml -outdir . .
	cd locales && $(GO) tool goi18n merge -sourceLanguage ja -format toml active.ja.toml active.en.toml
	@if [ -s locales/translate.en.toml ]; then \
		echo "locales/translate.en.toml lists new or changed messages: translate them, then run make i18n-merge"; \
	else rm -f locales/translate.en.toml; echo "locales: ja and en are complete"; fi

## i18n-merge: merge the translated locales/translate.en.toml into active.en.toml
i18n-merge:
	cd locales && $(GO) tool goi18n merge -sourceLanguage ja -format toml active.ja.toml active.en.toml translate.en.toml
	rm -f locales/translate.en.toml

## icons: redraw the traffic-light and app icons
icons:
	$(GO) generate ./assets

clean:
	rm -rf $(BIN) dist
