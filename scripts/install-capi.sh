#!/usr/bin/env bash
# Installs (or with --uninstall removes) the C ABI drop-in built by
# scripts/build-capi.sh at the Debian locations of the C libvirt-glib:
#
#   $PREFIX/lib/x86_64-linux-gnu/libvirt-{glib,gconfig,gobject}-1.0.so.0 (+ .so links)
#   $PREFIX/lib/x86_64-linux-gnu/pkgconfig/libvirt-{glib,gconfig,gobject}-1.0.pc
#   $PREFIX/include/libvirt-{glib,gconfig,gobject}-1.0/libvirt-*/*.h
#   $PREFIX/share/gir-1.0/Libvirt*-1.0.gir
#   $PREFIX/lib/x86_64-linux-gnu/girepository-1.0/Libvirt*-1.0.typelib
#   $PREFIX/share/vala/vapi/libvirt-*-1.0.{vapi,deps}
#
# Usage: [PREFIX=/usr] [DESTDIR=/tmp/stage] bash scripts/install-capi.sh [--uninstall]
# Installing over the C library's packaged files replaces them (a drop-in); the list of
# installed files goes to $DESTDIR$PREFIX/share/libvirt-glib-rs/capi-installed.txt and
# --uninstall removes exactly those.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PREFIX=${PREFIX:-/usr}
DESTDIR=${DESTDIR:-}
triplet=$(gcc -dumpmachine 2>/dev/null || echo x86_64-linux-gnu)
root="$DESTDIR$PREFIX"
manifest="$root/share/libvirt-glib-rs/capi-installed.txt"
log() { echo "install-capi: $*" >&2; }

if [[ ${1:-} == --uninstall ]]; then
  [[ -f $manifest ]] || { log "nothing installed under $root"; exit 0; }
  while read -r f; do rm -f "$root/$f"; done < "$manifest"
  rm -f "$manifest"
  for d in include/libvirt-glib-1.0 include/libvirt-gconfig-1.0 include/libvirt-gobject-1.0; do
    find "$root/$d" -depth -type d -empty -delete 2>/dev/null || true
  done
  log "removed the files listed in $manifest"
  exit 0
fi

out=${CAPI_DIR:-$top/target/capi}
[[ -f $out/lib/libvirt-glib-1.0.so.0 && -f $out/stamp ]] || bash "$top/scripts/build-capi.sh"
libdir="lib/$triplet"
installed=()
put() { # put SRC DEST-RELATIVE-TO-ROOT [MODE]
  install -D -m "${3:-644}" "$1" "$root/$2"
  installed+=("$2")
}
link() { # link TARGET NAME-RELATIVE-TO-ROOT
  mkdir -p "$(dirname "$root/$2")"
  ln -sf "$1" "$root/$2"
  installed+=("$2")
}
for ns in glib gconfig gobject; do
  put "$out/lib/libvirt-$ns-1.0.so.0" "$libdir/libvirt-$ns-1.0.so.0" 755
  link "libvirt-$ns-1.0.so.0" "$libdir/libvirt-$ns-1.0.so"
  sed -e "s|^prefix=.*|prefix=$PREFIX|" -e "s|^libdir=.*|libdir=\${prefix}/$libdir|" \
      -e "s|^includedir=.*|includedir=\${prefix}/include/libvirt-$ns-1.0|" \
      "$out/lib/pkgconfig/libvirt-$ns-1.0.pc" > "$out/libvirt-$ns-1.0.pc.installed"
  put "$out/libvirt-$ns-1.0.pc.installed" "$libdir/pkgconfig/libvirt-$ns-1.0.pc"
  rm -f "$out/libvirt-$ns-1.0.pc.installed"
  for h in "$out/include/libvirt-$ns"/*.h; do
    put "$h" "include/libvirt-$ns-1.0/libvirt-$ns/$(basename "$h")"
  done
  put "$out/vala/vapi/libvirt-$ns-1.0.vapi" "share/vala/vapi/libvirt-$ns-1.0.vapi"
  [[ -f $out/vala/vapi/libvirt-$ns-1.0.deps ]] && put "$out/vala/vapi/libvirt-$ns-1.0.deps" "share/vala/vapi/libvirt-$ns-1.0.deps"
done
for ns in LibvirtGLib LibvirtGConfig LibvirtGObject; do
  put "$out/gir-1.0/$ns-1.0.gir" "share/gir-1.0/$ns-1.0.gir"
  put "$out/girepository-1.0/$ns-1.0.typelib" "$libdir/girepository-1.0/$ns-1.0.typelib"
done
mkdir -p "$(dirname "$manifest")"
printf '%s\n' "${installed[@]}" > "$manifest"
[[ -z $DESTDIR && $(id -u) == 0 ]] && ldconfig || true
log "installed ${#installed[@]} files under $root"
