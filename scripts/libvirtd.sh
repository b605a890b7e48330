#!/usr/bin/env bash
# Runs virtlogd and libvirtd for the tests on a machine without systemd.
#
#   scripts/libvirtd.sh start             start what is not running yet (idempotent)
#   scripts/libvirtd.sh stop              stop only what this script started
#   scripts/libvirtd.sh restart-libvirtd  start libvirtd again (after a test killed it)
#   scripts/libvirtd.sh pid               print the PID of the running libvirtd
#
# A libvirtd started here also listens on TCP 127.0.0.1:16509 without
# authentication (test machines only), for qemu+tcp://127.0.0.1/system. Its config
# is /etc/libvirt/libvirtd.conf plus those settings, written to $state_dir. The
# PIDs of the daemons started here are kept in $state_dir/started.pids.
set -euo pipefail

state_dir=/run/libvirt-glib-rs
state=$state_dir/started.pids
conf=$state_dir/libvirtd.conf
unix_uri=qemu:///system
tcp_uri=qemu+tcp://127.0.0.1/system

log() { echo "libvirtd.sh: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# is_alive NAME PID: PID is a live (not zombie) process called NAME.
is_alive() {
  [[ -n ${2:-} && -r /proc/$2/comm ]] || return 1
  [[ $(cat "/proc/$2/comm" 2>/dev/null) == "$1" ]] || return 1
  ! grep -q '^State:[[:space:]]*Z' "/proc/$2/status" 2>/dev/null
}

# running_pid NAME: PID of the running daemon NAME (its pid file, else pgrep).
running_pid() {
  local pid
  pid=$(cat "/run/$1.pid" 2>/dev/null || true)
  if is_alive "$1" "$pid"; then
    echo "$pid"
    return 0
  fi
  # Zombies (nobody reaps a daemon's parent here) do not count.
  for pid in $(pgrep -x "$1"); do
    if is_alive "$1" "$pid"; then
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# recorded_pid NAME: the PID recorded for NAME in the state file, if any.
recorded_pid() {
  [[ -f $state ]] && awk -v n="$1" '$1 == n { print $2 }' "$state" | tail -n1
  return 0
}

record() {
  mkdir -p "$state_dir"
  {
    [[ -f $state ]] && awk -v n="$1" '$1 != n' "$state"
    echo "$1 $2"
  } >"$state.tmp"
  mv -f "$state.tmp" "$state"
}

# wait_for SECONDS CMD...: retries CMD until it succeeds or SECONDS pass.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

answers() { timeout 15 virsh -c "$1" version; }

write_conf() {
  mkdir -p "$state_dir"
  {
    echo "# libvirtd config for the tests: the system config plus TCP on 127.0.0.1 without auth."
    grep -vE '^[[:space:]]*(listen_tcp|listen_tls|auth_tcp|listen_addr|tcp_port)[[:space:]]*=' \
      /etc/libvirt/libvirtd.conf 2>/dev/null || true
    echo 'listen_tcp = 1'
    echo 'listen_tls = 0'
    echo 'auth_tcp = "none"'
    echo 'listen_addr = "127.0.0.1"'
    echo 'tcp_port = "16509"'
    if ! grep -qE '^[[:space:]]*log_outputs[[:space:]]*=' /etc/libvirt/libvirtd.conf 2>/dev/null; then
      echo 'log_outputs = "3:file:/var/log/libvirt/libvirtd.log"'
    fi
  } >"$conf.tmp"
  mv -f "$conf.tmp" "$conf"
}

# libvirt probes QEMU's capabilities as root (KVM found) but then checks /dev/kvm
# as the QEMU user: with /dev/kvm root-only (no udev here) the cached capabilities
# are judged outdated on every lookup, and each API call that needs them (domain
# start, version, capabilities) probes QEMU again for 4-8 s. Give /dev/kvm to the
# kvm group as Debian's udev rules do; domains still use TCG (type='qemu').
kvm_access() {
  local qemu_user=libvirt-qemu
  [[ -c /dev/kvm ]] && getent group kvm >/dev/null && id "$qemu_user" >/dev/null 2>&1 || return 0
  runuser -u "$qemu_user" -- test -r /dev/kvm -a -w /dev/kvm 2>/dev/null && return 0
  if [[ $(stat -c %G /dev/kvm) == root ]]; then
    log "giving /dev/kvm to group kvm (mode 0660) so libvirt's QEMU capability cache stays valid"
    chgrp kvm /dev/kvm && chmod 0660 /dev/kvm || log "warning: could not change /dev/kvm"
  else
    log "warning: $qemu_user cannot use /dev/kvm: every libvirt call that needs QEMU capabilities will re-probe QEMU (slow)"
  fi
}

# Runs a daemon without the caller's descriptors beyond stdin/stdout/stderr: a lock the
# caller holds (e.g. a test run under flock) must not live on in the daemon.
no_inherit() {
  (
    for fd in /proc/self/fd/*; do
      fd=${fd##*/}
      if ((fd > 2)); then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec "$@"
  )
}

start_virtlogd() {
  local pid
  if pid=$(running_pid virtlogd); then
    log "virtlogd already running (pid $pid)"
    return 0
  fi
  rm -f /run/virtlogd.pid
  no_inherit virtlogd -d || die "virtlogd failed to start"
  wait_for 10 test -S /run/libvirt/virtlogd-sock || die "virtlogd socket did not appear within 10 s"
  pid=$(running_pid virtlogd) || die "virtlogd exited right after starting"
  record virtlogd "$pid"
  log "started virtlogd (pid $pid)"
}

# Starts libvirtd if it is not running; sets started=1 if this call started it.
started=0
start_libvirtd() {
  local pid
  if pid=$(running_pid libvirtd); then
    log "libvirtd already running (pid $pid)"
    return 0
  fi
  write_conf
  mkdir -p /var/log/libvirt
  no_inherit libvirtd -d --listen -f "$conf" || die "libvirtd failed to start (see /var/log/libvirt/libvirtd.log)"
  wait_for 20 test -S /run/libvirt/libvirt-sock || die "libvirtd socket did not appear within 20 s"
  pid=$(running_pid libvirtd) || die "libvirtd exited right after starting"
  record libvirtd "$pid"
  started=1
  log "started libvirtd (pid $pid) with TCP on 127.0.0.1:16509"
}

wait_answers() {
  local t0=$SECONDS pid
  wait_for 20 answers "$unix_uri" || die "libvirtd does not answer on $unix_uri after 20 s"
  pid=$(running_pid libvirtd)
  if ((started)) || [[ $(recorded_pid libvirtd) == "$pid" ]]; then
    wait_for 20 answers "$tcp_uri" || die "libvirtd does not answer on $tcp_uri after 20 s"
  elif ! answers "$tcp_uri" >/dev/null 2>&1; then
    log "warning: the running libvirtd (pid $pid) was not started by this script and does not"
    log "warning: listen on TCP: tests of $tcp_uri will be skipped. Stop it and run 'start' to get TCP."
  fi
  log "libvirtd answers ($((SECONDS - t0)) s)"
}

stop_pid() {
  local name=$1 pid=$2 i
  if ! is_alive "$name" "$pid"; then
    log "$name (pid $pid) is no longer running"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    is_alive "$name" "$pid" || return 0
    sleep 0.1
  done
  log "$name (pid $pid) did not exit after 10 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    is_alive "$name" "$pid" || return 0
    sleep 0.1
  done
  die "$name (pid $pid) survives SIGKILL"
}

[[ $EUID -eq 0 ]] || die "must run as root"

case ${1:-} in
  start)
    kvm_access
    start_virtlogd
    start_libvirtd
    wait_answers
    # The first capabilities call probes QEMU (several seconds when not cached).
    t0=$SECONDS
    timeout 120 virsh -c "$unix_uri" capabilities >/dev/null || die "virsh capabilities failed"
    log "QEMU capabilities ready ($((SECONDS - t0)) s)"
    ;;
  restart-libvirtd)
    kvm_access
    start_libvirtd
    wait_answers
    ;;
  stop)
    if [[ ! -s $state ]]; then
      log "nothing started by this script"
      exit 0
    fi
    # libvirtd first: it uses virtlogd.
    for name in libvirtd virtlogd; do
      pid=$(recorded_pid "$name")
      if [[ -n $pid ]]; then
        stop_pid "$name" "$pid"
      fi
    done
    rm -f "$state"
    ;;
  pid)
    running_pid libvirtd || die "libvirtd is not running"
    ;;
  *)
    echo "usage: $0 start|stop|restart-libvirtd|pid" >&2
    exit 2
    ;;
esac
