#!/usr/bin/env bash
# Installs what building, running and testing Kizuki need on Debian or
# Ubuntu, and only what is missing: quick when everything is there.
# Works as root or through sudo. Usage: scripts/deps.sh [run|test|bench|package|browser]
set -euo pipefail

want=${1:-test}
go_version=1.26.8 # the toolchain fetched when no Go >= 1.21 is installed

# Fyne's cgo build (BUILD-NOTES.md): X11 and Wayland headers, GL, EGL.
pkgs=(gcc libc6-dev pkg-config libgl-dev libegl-dev libx11-dev libxrandr-dev libxcursor-dev
	libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev)
# The UI smoke test: a real X server, window lookup and screenshots.
if [ "$want" = test ]; then
	pkgs+=(xvfb xdotool imagemagick xauth)
	# The PDF report test reads the Japanese back as text (pdftotext).
	pkgs+=(poppler-utils)
	# TestOfflineCommandsOpenNoSocket traces the offline commands' system
	# calls.
	pkgs+=(strace)
fi
# Installers (make package): the Windows cross-compiler, the tools that
# build and check the .deb, and the desktop-entry validator its tests use.
if [ "$want" = package ]; then
	pkgs+=(gcc-mingw-w64-x86-64 binutils xz-utils desktop-file-utils osslsigncode)
fi
# Whole-command benchmarks (make bench).
if [ "$want" = bench ]; then
	pkgs+=(hyperfine time fail2ban)
fi
# The real-browser test of kizuki check (make test-browser) runs the nogui
# build against Debian's chromium: about 100 MB with its libraries, so
# only for that target, not for every make test.
if [ "$want" = browser ]; then
	pkgs=(chromium)
fi

as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null; then
		sudo "$@"
	else
		echo "deps: need root to run: $*" >&2
		echo "deps: install sudo or run this as root" >&2
		exit 1
	fi
}

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

have_go() {
	command -v go >/dev/null || return 1
	# Go 1.21+ fetches the toolchain go.mod names through the module proxy.
	local v
	v=$(go env GOVERSION 2>/dev/null | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
	[ -n "$v" ] && [ "$v" -ge 21 ]
}
if ! have_go && [ -x /usr/local/go/bin/go ]; then
	export PATH=/usr/local/go/bin:$PATH
fi
need_go=0
have_go || need_go=1
if [ "$need_go" = 1 ]; then
	for tool in curl unzip ca-certificates; do
		dpkg-query -W -f='${Status}' "$tool" 2>/dev/null | grep -q 'install ok installed' || missing+=("$tool")
	done
fi

if [ ${#missing[@]} -gt 0 ]; then
	echo "deps: installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	as_root apt-get update -qq
	as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "$need_go" = 1 ]; then
	# The Go module proxy serves every release as a module zip.
	arch=$(dpkg --print-architecture)
	url="https://proxy.golang.org/golang.org/toolchain/@v/v0.0.1-go${go_version}.linux-${arch}.zip"
	echo "deps: installing Go ${go_version} into /usr/local/go from ${url}"
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	curl -fsSL -o "$tmp/go.zip" "$url"
	unzip -q "$tmp/go.zip" -d "$tmp"
	as_root rm -rf /usr/local/go
	as_root mv "$tmp/golang.org/toolchain@v0.0.1-go${go_version}.linux-${arch}" /usr/local/go
	as_root chmod +x /usr/local/go/bin/* /usr/local/go/pkg/tool/*/*
fi
