#!/usr/bin/env bash
# Builds the tiny test guest "lvg-guest" (Debian cloud kernel + busybox initramfs)
# and caches it. Prints the guest directory as the only line on stdout; logs go to
# stderr. Must run as root (apt-get download, mknod, files readable by QEMU).
#
#   dir=$(scripts/build-guest.sh)
#   virsh -c qemu:///system create "$dir/domain.xml"     # transient, TCG
#
# Cache: ${LVG_GUEST_CACHE:-/var/cache/libvirt-glib-rs/guest}/<hash>, where <hash>
# covers data/guest/* and this script: an unchanged recipe is a no-op (no network),
# an edited one builds a new directory. <cache>/current links to the latest build.
#
# The guest directory holds:
#   vmlinuz          the kernel (direct kernel boot)
#   initrd.gz        gzip'd newc cpio: busybox, /init (data/guest/init), button.ko, evdev.ko
#   disk.qcow2       64 MiB qcow2 disk that domain.xml uses (virtio; the guest does not
#                    mount it, it exists for internal snapshots)
#   disk.qcow2.orig  pristine copy of it. Tests that modify the disk (snapshots) and
#                    want a clean or private one copy disk.qcow2.orig to a path of their
#                    own and point the domain XML there. If disk.qcow2 is missing, the
#                    next run of this script restores it from disk.qcow2.orig.
#   domain.xml       <domain type='qemu'> named lvg-guest, from data/guest/domain.xml.in
#   kernel.version   the kernel release the guest runs
#
# The guest prints "lvg-guest ready" on ttyS0 and the VGA console, then runs a shell
# with the prompt "lvg# " on both. The ACPI power button ("virsh shutdown") powers
# it off.
set -euo pipefail

log() { echo "build-guest: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

[[ $EUID -eq 0 ]] || die "must run as root"

self=$(readlink -f "${BASH_SOURCE[0]}")
top=$(dirname "$(dirname "$self")")
recipe=$top/data/guest
cache=${LVG_GUEST_CACHE:-/var/cache/libvirt-glib-rs/guest}

[[ -d $recipe ]] || die "missing recipe directory $recipe"

hash=$(
  cd "$top"
  {
    echo scripts/build-guest.sh
    find data/guest -type f | LC_ALL=C sort
  } | while read -r f; do sha256sum "$f"; done | sha256sum | cut -c1-12
)
out=$cache/$hash

# Points <cache>/current at $out (atomically) and makes sure disk.qcow2 exists.
finish() {
  if [[ ! -e $out/disk.qcow2 ]]; then
    log "restoring $out/disk.qcow2 from disk.qcow2.orig"
    cp --sparse=always "$out/disk.qcow2.orig" "$out/disk.qcow2.tmp.$$"
    mv -f "$out/disk.qcow2.tmp.$$" "$out/disk.qcow2"
  fi
  if [[ $(readlink "$cache/current" 2>/dev/null || true) != "$hash" ]]; then
    ln -sfn "$hash" "$cache/current.tmp.$$"
    mv -Tf "$cache/current.tmp.$$" "$cache/current"
  fi
  echo "$out"
  exit 0
}

[[ -f $out/.complete ]] && finish

mkdir -p "$cache"
chmod 755 "$cache"
exec 9>"$cache/.lock"
flock 9
[[ -f $out/.complete ]] && finish # built by a concurrent run meanwhile

log "building guest $hash in $out"
start=$SECONDS
tmp=$(mktemp -d /tmp/lvg-guest-build.XXXXXX)
stage=$cache/.build-$hash.$$
cleanup() { rm -rf "$tmp" "$stage"; }
trap cleanup EXIT

# --- kernel package -----------------------------------------------------------
kernel_package() {
  apt-cache depends linux-image-cloud-amd64 2>/dev/null |
    awk '$1 == "Depends:" && $2 ~ /^linux-image-[0-9].*-cloud-amd64$/ { print $2; exit }'
}
updated=0
apt_update() {
  ((updated)) && return 1
  log "apt-get update"
  apt-get update -q >&2 || die "apt-get update failed"
  updated=1
}

kpkg=$(kernel_package)
if [[ -z $kpkg ]]; then
  apt_update
  kpkg=$(kernel_package)
  [[ -n $kpkg ]] || die "apt knows no linux-image-*-cloud-amd64 behind linux-image-cloud-amd64"
fi
mkdir "$tmp/deb"
# apt drops privileges to _apt for downloads: let it reach and write there.
if id _apt >/dev/null 2>&1; then
  chmod 711 "$tmp"
  chown _apt "$tmp/deb"
fi
download() { (cd "$tmp/deb" && apt-get download -q "$kpkg" >&2); }
if ! download; then
  apt_update || die "apt-get download $kpkg failed"
  kpkg=$(kernel_package)
  download || die "apt-get download $kpkg failed"
fi
deb=$(echo "$tmp"/deb/*.deb)
[[ -f $deb ]] || die "no .deb downloaded for $kpkg"
log "extracting $(basename "$deb")"
dpkg-deb -x "$deb" "$tmp/kernel"
rm -f "$deb"

vmlinuz=$(echo "$tmp"/kernel/boot/vmlinuz-*)
[[ -f $vmlinuz ]] || die "no single boot/vmlinuz-* in $kpkg"
kver=${vmlinuz##*/vmlinuz-}
moddir=$tmp/kernel/lib/modules/$kver
[[ -d $moddir ]] || die "no lib/modules/$kver in $kpkg"

# --- initramfs ----------------------------------------------------------------
mkdir -p "$stage"
root=$tmp/initramfs
mkdir -p "$root"/{bin,dev,proc,sys,tmp,root,run,etc/acpi/PWRF,lib/modules,var/log,usr}
ln -s bin "$root/sbin"
ln -s ../bin "$root/usr/bin"
ln -s ../bin "$root/usr/sbin"
ln -s ../run "$root/var/run"
chmod 1777 "$root/tmp"
chmod 700 "$root/root"

# Modules: copy (decompressed) with their dependencies first; /init loads them
# in the order of lib/modules/load-order.
declare -A mod_done=()
load_order=()
add_module() {
  local name=$1 alt f dep deps
  [[ -n ${mod_done[$name]:-} ]] && return
  mod_done[$name]=1
  alt=${name//_/-}
  f=$(find "$moddir" \( -name "$name.ko*" -o -name "$alt.ko*" \) -print -quit)
  [[ -n $f ]] || die "module $name not found in $kpkg"
  case $f in
    *.ko) cp "$f" "$root/lib/modules/$name.ko" ;;
    *.ko.xz) xz -dc "$f" >"$root/lib/modules/$name.ko" ;;
    *.ko.zst) zstd -qdc "$f" >"$root/lib/modules/$name.ko" ;;
    *.ko.gz) gzip -dc "$f" >"$root/lib/modules/$name.ko" ;;
    *) die "unknown module file type: $f" ;;
  esac
  deps=$(tr '\0' '\n' <"$root/lib/modules/$name.ko" | sed -n 's/^depends=//p' | head -n1)
  for dep in ${deps//,/ }; do
    add_module "$dep"
  done
  load_order+=("$name.ko")
}
add_module button # ACPI power button -> input device
add_module evdev  # input device -> /dev/input/event*, read by acpid
add_module pvpanic_mmio # ISA pvpanic device: a guest kernel panic reaches QEMU (crashed event)
printf '%s\n' "${load_order[@]}" >"$root/lib/modules/load-order"
log "modules: ${load_order[*]}"

bb=/bin/busybox
dpkg-query -W -f='${Status}' busybox-static 2>/dev/null | grep -q 'ok installed' ||
  die "busybox-static is not installed (scripts/install-deps.sh)"
ldd "$bb" >/dev/null 2>&1 && die "$bb is not statically linked"
cp "$bb" "$root/bin/busybox"
for applet in $("$bb" --list); do
  [[ $applet == busybox || -e $root/bin/$applet ]] || ln -s busybox "$root/bin/$applet"
done

install -m 755 "$recipe/init" "$root/init"
install -m 644 "$recipe/profile" "$root/etc/profile"
install -m 644 "$recipe/acpid.conf" "$root/etc/acpid.conf"
install -m 755 "$recipe/acpi-power-button" "$root/etc/acpi/PWRF/00000080"
echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
echo 'root:x:0:' >"$root/etc/group"
mknod -m 600 "$root/dev/console" c 5 1
mknod -m 666 "$root/dev/null" c 1 3

(cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
  gzip -9 -n >"$stage/initrd.gz"
cp "$vmlinuz" "$stage/vmlinuz"
echo "$kver" >"$stage/kernel.version"

# --- disk and domain ----------------------------------------------------------
qemu-img create -q -f qcow2 "$stage/disk.qcow2.orig" 64M
cp --sparse=always "$stage/disk.qcow2.orig" "$stage/disk.qcow2"

sed "s|@GUEST_DIR@|$out|g" "$recipe/domain.xml.in" >"$stage/domain.xml"
if command -v virt-xml-validate >/dev/null 2>&1; then
  if ! msg=$(virt-xml-validate "$stage/domain.xml" domain 2>&1); then
    echo "$msg" >&2
    die "domain.xml does not validate"
  fi
fi

# QEMU runs as libvirt-qemu: the files must be readable and every directory on
# the way searchable by it (libvirt's dynamic_ownership only chowns the files).
chmod 755 "$stage"
chmod 644 "$stage"/*
rm -rf "$out"
mv -T "$stage" "$out"
if id libvirt-qemu >/dev/null 2>&1; then
  for f in vmlinuz initrd.gz disk.qcow2; do
    runuser -u libvirt-qemu -- test -r "$out/$f" ||
      log "warning: $out/$f is not readable by libvirt-qemu (check the modes of its parent directories)"
  done
fi
touch "$out/.complete"
# Builds of older recipes are not used any more.
for old in "$cache"/*/; do
  old=${old%/}
  if [[ $old != "$out" && ! -L $old && -f $old/.complete ]]; then
    rm -rf "$old"
  fi
done
log "built $out in $((SECONDS - start)) s (kernel $kver)"
finish
