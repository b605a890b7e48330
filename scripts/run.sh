#!/usr/bin/env bash
# Installs everything and runs Vireo, the VM manager. Vireo opens the local libvirt
# (qemu:///system, starting libvirtd if needed) and falls back to its bundled demo host
# when libvirtd does not answer. Without a display it says so and runs the headless
# tour of the library instead (gobject/examples/headless.rs).
#
# Run as root on Debian 12 from anywhere in the checkout:  bash scripts/run.sh [VIREO ARGS]
#   e.g.  bash scripts/run.sh qemu+ssh://user@host/system     bash scripts/run.sh --demo
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
log() { echo "run.sh: $*" >&2; }

bash scripts/install-deps.sh
if ! command -v cargo >/dev/null 2>&1; then
  log "error: no Rust toolchain (cargo) on PATH; install rustup's stable toolchain (>= 1.93)"
  exit 1
fi

if ! bash scripts/libvirtd.sh start; then
  log "libvirtd did not start: Vireo will open its demo host"
fi
target="${CARGO_TARGET_DIR:-$top/target}"

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  log "no display (neither DISPLAY nor WAYLAND_DISPLAY is set): Vireo needs one."
  log "running the headless tour of libvirt-gobject instead"
  uri=test:///default
  if virsh -q -c qemu:///system uri >/dev/null 2>&1; then uri=qemu:///system; fi
  cargo build -q --locked -p libvirt-gobject --example headless
  exec "$target/debug/examples/headless" "$uri"
fi

cargo build -q --locked -p viewer --bin vireo
exec "$target/debug/vireo" "$@"
