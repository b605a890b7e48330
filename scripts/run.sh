#!/usr/bin/env bash
# Installs everything and runs the headless libvirt event monitor (the
# libvirt-glib `events` example) on the local libvirt when there is one
# (qemu:///system, starting libvirtd if needed), else on the embedded
# test:///default driver with a demo domain that cycles through its lifecycle.
#
# Run as root on Debian 12 from anywhere in the checkout:  bash scripts/run.sh [--for SECS]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
log() { echo "run.sh: $*" >&2; }

bash scripts/install-deps.sh
if ! command -v cargo >/dev/null 2>&1; then
  log "error: no Rust toolchain (cargo) on PATH; install rustup's stable toolchain (>= 1.93)"
  exit 1
fi

args=()
if bash scripts/libvirtd.sh start && virsh -q -c qemu:///system uri >/dev/null 2>&1; then
  args=(qemu:///system)
  log "using the local libvirt (qemu:///system)"
else
  args=(test:///default --demo)
  log "no local libvirt: using the embedded test:///default driver with a demo domain"
fi
cargo build -q --locked -p libvirt-glib --example events
exec "${CARGO_TARGET_DIR:-$top/target}/debug/examples/events" "${args[@]}" "$@"
