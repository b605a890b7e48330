#!/usr/bin/env bash
# Builds the C ABI drop-in: headers, the shared libraries under the C library's names
# and symbol versions, pkg-config files, GIRs, typelibs and VAPIs.
#
#   bash scripts/build-capi.sh            -> everything under target/capi/
#
# target/capi/
#   include/libvirt-{glib,gconfig,gobject}/*.h   generated from capi/api/*.api
#   lib/libvirt-glib-1.0.so.0                     the real library (all three namespaces)
#   lib/libvirt-{gconfig,gobject}-1.0.so.0        thin libraries needing the real one
#   lib/pkgconfig/*.pc, gir-1.0/*.gir, girepository-1.0/*.typelib, vala/vapi/*.vapi
#   symbols.txt, *.map                            exported symbols and version scripts
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
out=${CAPI_OUT:-$top/target/capi}
profile=${CAPI_PROFILE:-debug}
log() { echo "build-capi: $*" >&2; }

mkdir -p "$out/lib/pkgconfig"
# Everything below depends on the table, the tools, this script and the linked library.
stamp_inputs() {
  cat capi/api/*.api capi/tools/*.py capi/tools/link.sh scripts/build-capi.sh
  cat "target/$profile/libvirt_glib_capi.so"
}
/usr/bin/python3 capi/tools/gen.py "$out"

log "linking libvirt-glib-1.0.so.0"
rel=()
[[ $profile == release ]] && rel=(--release)
cargo rustc -p libvirt-glib-capi --lib --crate-type cdylib --locked "${rel[@]}" -- \
  -C linker="$top/capi/tools/link.sh" -C linker-flavor=gcc \
  -C link-arg=-Wl,--version-script="$out/libvirt-glib-1.0.map" \
  -C link-arg=-Wl,-soname,libvirt-glib-1.0.so.0
stamp=$(stamp_inputs | sha256sum | cut -d' ' -f1)
if [[ -f "$out/stamp" && $(cat "$out/stamp") == "$stamp" && -f "$out/vala/vapi/libvirt-gobject-1.0.vapi" ]]; then
  log "up to date: $out"
  exit 0
fi
rm -rf "$out/gir-1.0" "$out/girepository-1.0" "$out/vala" "$out/stamp"
mkdir -p "$out/gir-1.0" "$out/girepository-1.0" "$out/vala/vapi"
cp "target/$profile/libvirt_glib_capi.so" "$out/lib/libvirt-glib-1.0.so.0.tmp"
mv -f "$out/lib/libvirt-glib-1.0.so.0.tmp" "$out/lib/libvirt-glib-1.0.so.0"
ln -sf libvirt-glib-1.0.so.0 "$out/lib/libvirt-glib-1.0.so"

# The thin libraries: no code, the version nodes their users were linked against, and a
# DT_NEEDED on the real library, where the dynamic linker finds every symbol.
for ns in gconfig gobject; do
  name=libvirt-$ns-1.0
  log "linking $name.so.0"
  echo "/* $name: thin library, the code is in libvirt-glib-1.0.so.0 */" > "$out/$name.c"
  cc -shared -fPIC -o "$out/lib/$name.so.0" "$out/$name.c" \
    -Wl,-soname,"$name.so.0" -Wl,--version-script="$out/$name.map" \
    -Wl,--no-as-needed -L"$out/lib" -l:libvirt-glib-1.0.so.0
  ln -sf "$name.so.0" "$out/lib/$name.so"
  rm -f "$out/$name.c"
done

# pkg-config files (the C library's names, Requires and Cflags; the version of the C
# library whose API this is: 5.0.0, the LibvirtGConfig additions included).
pc() {
  local name=$1 desc=$2 requires=$3 libs=$4
  cat > "$out/lib/pkgconfig/$name.pc" <<PC
prefix=\${pcfiledir}/../..
libdir=\${prefix}/lib
includedir=\${prefix}/include

Name: $name
Description: $desc
Version: 5.0.0
Requires: $requires
Libs: -L\${libdir} $libs
Cflags: -I\${includedir}
PC
}
pc libvirt-glib-1.0 "libvirt glib integration (Rust implementation)" "glib-2.0 gobject-2.0 libvirt" -lvirt-glib-1.0
pc libvirt-gconfig-1.0 "libvirt XML configuration (Rust implementation)" "gobject-2.0 libvirt-glib-1.0" -lvirt-gconfig-1.0
pc libvirt-gobject-1.0 "libvirt GObject API (Rust implementation)" "gio-2.0 libvirt-glib-1.0 libvirt-gconfig-1.0 libvirt" -lvirt-gobject-1.0

# GObject-introspection: headers + the real library -> GIR -> typelib -> VAPI.
export PKG_CONFIG_PATH="$out/lib/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export LD_LIBRARY_PATH="$out/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
gir() {
  local ns=$1 dir=$2 lib=$3 pkg=$4 prefix=$5; shift 5
  log "g-ir-scanner $ns"
  # g-ir-scanner leaves its temporary directory in the working directory.
  (cd "$out" && g-ir-scanner --quiet --warn-all --no-libtool \
    --namespace="$ns" --nsversion=1.0 \
    --identifier-prefix="$prefix" --symbol-prefix="$(echo "$prefix" | sed 's/GVirConfig/gvir_config/;s/GVir/gvir/')" \
    --c-include="$dir/$dir.h" --pkg-export="$pkg" \
    --include=GObject-2.0 "$@" \
    -I"$out/include" -D"$(echo "${dir^^}" | tr - _)_BUILD" \
    --library="$lib" --library=virt-glib-1.0 -L"$out/lib" \
    --output="$out/gir-1.0/$ns-1.0.gir" \
    "$out/include/$dir"/*.h)
  g-ir-compiler --includedir="$out/gir-1.0" "$out/gir-1.0/$ns-1.0.gir" \
    -o "$out/girepository-1.0/$ns-1.0.typelib"
}
gir LibvirtGLib libvirt-glib virt-glib-1.0 libvirt-glib-1.0 GVir --pkg=glib-2.0
gir LibvirtGConfig libvirt-gconfig virt-gconfig-1.0 libvirt-gconfig-1.0 GVirConfig --pkg=gobject-2.0
gir LibvirtGObject libvirt-gobject virt-gobject-1.0 libvirt-gobject-1.0 GVir \
  --include=Gio-2.0 --include-uninstalled="$out/gir-1.0/LibvirtGLib-1.0.gir" \
  --include-uninstalled="$out/gir-1.0/LibvirtGConfig-1.0.gir" --pkg=gio-2.0 --pkg=libvirt

log "vapigen"
for pair in libvirt-glib-1.0:LibvirtGLib libvirt-gconfig-1.0:LibvirtGConfig libvirt-gobject-1.0:LibvirtGObject; do
  pkg=${pair%%:*} ns=${pair#*:}
  deps=(--pkg gobject-2.0)
  case $ns in
    LibvirtGConfig) deps+=(--pkg libvirt-glib-1.0) ;;
    LibvirtGObject) deps+=(--pkg gio-2.0 --pkg libvirt-glib-1.0 --pkg libvirt-gconfig-1.0) ;;
  esac
  vapigen --library "$pkg" --vapidir "$out/vala/vapi" --girdir "$out/gir-1.0" "${deps[@]}" \
    -d "$out/vala/vapi" "$out/gir-1.0/$ns-1.0.gir"
  case $ns in
    LibvirtGConfig) printf 'libvirt-glib-1.0\n' > "$out/vala/vapi/$pkg.deps" ;;
    LibvirtGObject) printf 'gio-2.0\nlibvirt-glib-1.0\nlibvirt-gconfig-1.0\n' > "$out/vala/vapi/$pkg.deps" ;;
  esac
done
echo "$stamp" > "$out/stamp"
log "done: $out"
