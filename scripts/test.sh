#!/usr/bin/env bash
# What `make test` runs (after `make deps` and `make build`): every check a
# change must pass before it lands. Stops at the first failure.
set -euo pipefail
GO=${GO:-go}
step() { printf '\n== %s\n' "$*"; }

step "gofmt"
unformatted=$(gofmt -l .)
if [ -n "$unformatted" ]; then
	echo "not gofmt'ed (run gofmt -w):"; echo "$unformatted"; exit 1
fi

step "go vet (both builds)"
$GO vet ./...
CGO_ENABLED=0 $GO vet -tags nogui ./...

step "staticcheck (both builds)"
$GO tool staticcheck ./...
CGO_ENABLED=0 $GO tool staticcheck -tags nogui ./...

step "layering: monitor/ and guidance/ build without cgo and import no Fyne"
core=$($GO list ./monitor/... ./guidance/... 2>/dev/null)
CGO_ENABLED=0 $GO build $core
if $GO list -deps $core | grep -E '^fyne\.io/'; then
	echo "monitor/ or guidance/ imports Fyne (above): the UI depends on the core, never the reverse"; exit 1
fi

step "go test -race (default build; fuzz targets run their seed corpora)"
$GO test -race -count=1 ./...

step "go test (nogui build, CGO_ENABLED=0)"
CGO_ENABLED=0 $GO test -tags nogui -count=1 ./...

step "ok"
