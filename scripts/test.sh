#!/usr/bin/env bash
# Installs everything and runs the whole test suite: formatting, clippy, and every
# test of the workspace (unit, integration, doc tests) against libvirt's in-process
# test driver, a real libvirtd and the real test guest.
#
# Run as root on Debian 12 from anywhere in the checkout:  bash scripts/test.sh
# With CI=true a missing prerequisite (libvirtd, the guest, ../shared/corpus) fails the
# tests that need it instead of letting them skip.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
log() { echo "test.sh: $*" >&2; }

bash scripts/install-deps.sh --with-peers

if ! command -v cargo >/dev/null 2>&1; then
  log "error: no Rust toolchain (cargo) on PATH; install rustup's stable toolchain (>= 1.93)"
  exit 1
fi
if ! cargo nextest --version >/dev/null 2>&1; then
  log "installing cargo-nextest"
  cargo install cargo-nextest --locked
fi

# libvirtd and virtlogd: start what is not running; stop at the end only what we started.
started_here=0
xvfb_pid=
cleanup() {
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null
  if ((started_here)); then bash scripts/libvirtd.sh stop || true; fi
}
trap cleanup EXIT
if ! bash scripts/libvirtd.sh pid >/dev/null 2>&1; then
  started_here=1
fi
bash scripts/libvirtd.sh start

LIBVIRT_GLIB_RS_GUEST_DIR=$(bash scripts/build-guest.sh)
export LIBVIRT_GLIB_RS_GUEST_DIR

# One headless X display for every GTK test (CI has no display).
if [[ -z "${DISPLAY:-}" ]]; then
  for n in $(seq 90 120); do
    [[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] && continue
    # -noreset: Xvfb otherwise resets when its last client leaves, and a test process
    # connecting during the reset fails to open the display.
    Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp -noreset >/dev/null 2>&1 &
    xvfb_pid=$!
    for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X$n ]] && break; sleep 0.1; done
    export DISPLAY=":$n"
    break
  done
  log "Xvfb on $DISPLAY"
fi
export GSK_RENDERER=cairo GDK_BACKEND=x11
# One build per run: incremental compilation data would only take disk space.
export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}

t0=$SECONDS
# The C ABI drop-in (libraries, headers, GIRs, typelibs, VAPIs) for the capi tests.
log "building the C ABI drop-in"
bash scripts/build-capi.sh
export CAPI_DIR="$top/target/capi"
log "cargo fmt --check"
cargo fmt --all --check
log "cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
log "tests"
cargo nextest run --workspace --locked --no-fail-fast
log "doc tests"
cargo test --workspace --doc --locked
log "all green in $((SECONDS - t0)) s"
