#!/usr/bin/env bash
# Installs the Debian 12 packages and Rust tools the project needs. Idempotent:
# a second run with everything present does no network access and takes < 1 s.
#
# Usage: scripts/install-deps.sh [--with-peers]
#   --with-peers  also Debian's virt-manager, virt-viewer and gnome-boxes: the apps the
#                 tests and benchmarks compare with or run as clients of our C ABI
#                 (never dependencies of ours)
set -euo pipefail

want=(
  # build
  pkg-config gcc libglib2.0-dev
  # libvirt (daemon, QEMU driver, client, headers) and schema validation
  libvirt-daemon-system libvirt-daemon-driver-qemu libvirt-clients libvirt-dev libxml2-utils libxml2-dev
  # the guest: QEMU (TCG), a disk tool, an initramfs packer and its userland
  qemu-system-x86 cpio busybox-static
  # the C libvirt-glib 4.0: the reference our benchmarks compare against (never linked into ours)
  libvirt-glib-1.0-dev gir1.2-libvirt-glib-1.0
  # Vireo: GTK 4.8, libadwaita 1.2, GtkSourceView 5, VTE (GTK 4), gtk-vnc's protocol engine,
  # libosinfo, gettext, resource compiler, data validators
  libgtk-4-dev libadwaita-1-dev libgtksourceview-5-dev libvte-2.91-gtk4-dev libgvnc-1.0-dev
  libosinfo-1.0-dev osinfo-db gettext libglib2.0-dev-bin desktop-file-utils appstream
  # a tiny ISO with an installer's volume id for the new-VM assistant's detection test
  genisoimage
  # headless display and screenshots for the GTK tests; window lookup and a session bus
  # for the Vireo vs virt-manager launch benchmark
  xvfb xauth x11-apps imagemagick x11-utils dbus-daemon
  # real keyboard input (XTEST) for the console tests
  xdotool
  # a Secret Service (keyring) on a private session bus for Vireo's remembered-credentials test
  gnome-keyring
  # C ABI: GObject-introspection (g-ir-scanner, g-ir-compiler), PyGObject, Vala, valgrind
  gobject-introspection libgirepository1.0-dev python3-gi valac valgrind
  # capi tests: objdump (symbol versions), a session bus for running GNOME Boxes
  binutils dbus-daemon
  # static probe points (sys/sdt.h) and a tracer that attaches to them
  systemtap-sdt-dev bpftrace
)
if [[ " $* " == *" --with-peers "* ]]; then
  want+=(virt-manager virt-viewer gnome-boxes)
fi

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
# QEMU 7.2's system packages Break qemu-utils >= 8 (the machine image ships 10.0 from
# backports): pin qemu-utils to bookworm's 7.2 build alongside them.
qemu_utils_ok=1
if ! dpkg-query -W -f='${Version}' qemu-utils 2>/dev/null | grep -q '^1:7\.'; then
  qemu_utils_ok=0
fi

if ((${#missing[@]} > 0 || qemu_utils_ok == 0)); then
  export DEBIAN_FRONTEND=noninteractive
  echo "install-deps: installing ${missing[*]:-}$( ((qemu_utils_ok)) || echo " qemu-utils (7.x)")" >&2
  apt-get update -q >/dev/null
  qver=$(apt-cache madison qemu-utils | awk -F'|' '{gsub(/ /,"",$2)} $2 ~ /^1:7\./ {print $2; exit}')
  if [[ -z "$qver" ]]; then
    echo "install-deps: no bookworm (7.x) qemu-utils found in apt" >&2
    exit 1
  fi
  apt-get install -y -q --no-install-recommends --allow-downgrades \
    "qemu-utils=$qver" "${missing[@]}" >/dev/null
fi

# Rust toolchain components used by CI.
if command -v rustup >/dev/null 2>&1; then
  rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
fi
