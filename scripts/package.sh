#!/usr/bin/env bash
# Builds Kizuki's installers into dist/ (make package):
#   linux    kizuki_VERSION_linux_ARCH.tar.xz   (the fyne tool: binary, .desktop, icon)
#   deb      kizuki_VERSION_ARCH.deb            (tray app, headless build, desktop and
#                                                autostart entries, icon, systemd unit)
#   windows  kizuki_VERSION_windows_amd64.exe   (cross-built with mingw-w64; icon and version
#                                                resources; signed when SIGN_PKCS12 is set)
# Usage: scripts/package.sh [all|linux|deb|windows]. Expects bin/kizuki and
# bin/kizuki-nogui from `make build`.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
GO=${GO:-go}
dist=${DIST:-dist}
mkdir -p "$dist"

version=$(sed -n 's/^ *Version *= *"\(.*\)"/\1/p' FyneApp.toml)
build=$(sed -n 's/^ *Build *= *\([0-9]*\).*/\1/p' FyneApp.toml)
goarch=$($GO env GOARCH)
# The fyne tool, built for this machine (`go tool` would build it for
# GOOS=windows when cross-building).
fyne=bin/fyne
$GO build -o "$fyne" fyne.io/tools/cmd/fyne
tmp_toml=$(mktemp)
trap 'rm -f "$tmp_toml"' EXIT

package_linux() {
	echo "package: linux tar.xz"
	rm -f Kizuki.tar.xz
	fyne_package "$fyne" package -os linux --exe bin/kizuki --release
	mv Kizuki.tar.xz "$dist/kizuki_${version}_linux_${goarch}.tar.xz"
}

# debdeps prints the packages that hold the shared libraries binary links.
debdeps() {
	local lib path pkg
	for lib in $(objdump -p "$1" | awk '/NEEDED/ {print $2}'); do
		path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64|AArch64|64bit/ {print $NF; exit}')
		[ -n "$path" ] || path=$(ldconfig -p | awk -v l="$lib" '$1 == l {print $NF; exit}')
		[ -n "$path" ] || { echo "package: no $lib on this machine" >&2; exit 1; }
		pkg=$(dpkg -S "$path" 2>/dev/null || dpkg -S "$(realpath "$path")" 2>/dev/null ||
			dpkg -S "/usr${path}" 2>/dev/null || dpkg -S "${path#/usr}" 2>/dev/null) ||
			{ echo "package: no Debian package owns $path" >&2; exit 1; }
		echo "${pkg%%:*}"
	done | sort -u | paste -sd, | sed 's/,/, /g'
}

# GLFW opens the X11 and Wayland client libraries at run time (dlopen), so
# objdump does not see them.
glfw_dlopen="libx11-6, libxrandr2, libxcursor1, libxinerama1, libxi6, libxxf86vm1, libxkbcommon0, libegl1"

# fyne_package runs the fyne tool, which bumps Build in FyneApp.toml on
# every --release run; the file is the project's, so it is put back.
fyne_package() {
	cp FyneApp.toml "$tmp_toml"
	local rc=0
	"$@" || rc=$?
	cp "$tmp_toml" FyneApp.toml
	return $rc
}

package_deb() {
	echo "package: deb"
	local arch root deb
	arch=$(dpkg --print-architecture)
	root=$(mktemp -d)
	trap 'rm -rf "$root"' RETURN
	chmod 755 "$root" # the package's ./ becomes the system's /
	install -Dm755 bin/kizuki "$root/usr/bin/kizuki"
	install -Dm755 bin/kizuki-nogui "$root/usr/bin/kizuki-headless"
	install -Dm644 packaging/linux/kizuki.desktop "$root/usr/share/applications/app.kizuki.desktop.desktop"
	install -Dm644 assets/icons/app.png "$root/usr/share/icons/hicolor/512x512/apps/app.kizuki.desktop.png"
	install -Dm644 packaging/linux/kizuki-autostart.desktop "$root/etc/xdg/autostart/kizuki.desktop"
	install -Dm644 packaging/linux/kizuki-serve.service "$root/usr/lib/systemd/system/kizuki-serve.service"
	install -Dm644 packaging/linux/kizuki.sysusers "$root/usr/lib/sysusers.d/kizuki.conf"
	install -Dm644 packaging/linux/kizuki-serve-port514.conf "$root/usr/share/doc/kizuki/examples/kizuki-serve-port514.conf"
	install -Dm644 packaging/linux/copyright "$root/usr/share/doc/kizuki/copyright"
	install -Dm644 assets/fonts/OFL.txt "$root/usr/share/doc/kizuki/OFL.txt"
	install -Dm644 README.md "$root/usr/share/doc/kizuki/README.md"
	install -d "$root/DEBIAN"
	install -m755 packaging/linux/postinst packaging/linux/prerm packaging/linux/postrm "$root/DEBIAN/"
	echo /etc/xdg/autostart/kizuki.desktop > "$root/DEBIAN/conffiles"
	cat > "$root/DEBIAN/control" <<-CONTROL
	Package: kizuki
	Version: ${version}-${build}
	Architecture: ${arch}
	Maintainer: Kizuki developers <dev@kizuki.invalid>
	Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
	Depends: $(debdeps bin/kizuki), ${glfw_dlopen}, systemd | adduser
	Section: net
	Priority: optional
	Homepage: https://github.com/kizuki-app/kizuki
	Description: your UTM's logs as a traffic light (気づき)
	 Kizuki collects the syslog of a small office's UTM or router, finds
	 attacks in it locally (VPN brute force, infected PCs, beaconing, scans)
	 and shows the result as a green, yellow or red light in the tray, with
	 plain-Japanese explanations and step-by-step fixes.
	 .
	 The package also holds the headless collector (kizuki-headless) and a
	 systemd unit, kizuki-serve, for an always-on office box; it is not
	 enabled until the administrator runs: systemctl enable --now kizuki-serve
	CONTROL
	deb="$dist/kizuki_${version}-${build}_${arch}.deb"
	dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
	echo "package: $deb"
}

package_windows() {
	echo "package: windows exe (cross-built with mingw-w64)"
	# fyne package builds from this folder (FyneApp.toml) and writes the
	# icon and version resources; libssp is linked statically
	# (BUILD-NOTES.md: __stack_chk_fail).
	rm -f Kizuki.exe
	fyne_package env CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc CGO_LDFLAGS="-l:libssp.a" \
		"$fyne" package -os windows --release --name Kizuki.exe
	local out="$dist/kizuki_${version}_windows_amd64.exe"
	if [ -n "${SIGN_PKCS12:-}" ]; then
		# Authenticode with the publisher's certificate; the password comes
		# from SIGN_PASSWORD, never from the command line history.
		osslsigncode sign -pkcs12 "$SIGN_PKCS12" ${SIGN_PASSWORD:+-pass "$SIGN_PASSWORD"} \
			-n "Kizuki" -i "https://github.com/kizuki-app/kizuki" -h sha256 \
			${SIGN_TIMESTAMP_URL:+-ts "$SIGN_TIMESTAMP_URL"} -in Kizuki.exe -out "$out"
		rm -f Kizuki.exe
		osslsigncode verify -in "$out" >/dev/null 2>&1 || echo "package: signed; verify needs the CA chain on this machine"
	else
		mv Kizuki.exe "$out"
	fi
	echo "package: $out"
}

case "$what" in
linux) package_linux ;;
deb) package_deb ;;
windows) package_windows ;;
all) package_linux; package_deb; package_windows ;;
*) echo "usage: scripts/package.sh [all|linux|deb|windows]" >&2; exit 2 ;;
esac
