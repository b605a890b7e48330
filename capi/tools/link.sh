#!/usr/bin/env bash
# Linker wrapper for the capi cdylib (passed as `-C linker=` by scripts/build-capi.sh).
# rustc hands the linker an anonymous version script of its own (all #[no_mangle]
# symbols, one unnamed node), which ld refuses to combine with the C library's named
# version nodes. Drop rustc's script and keep ours (the one ending in .map).
# lld's --no-undefined-version then fails the link when the table (capi/api/*.api)
# declares a function the Rust code does not define; CAPI_ALLOW_MISSING=1 relaxes that
# while a namespace is being filled in.
args=()
for a in "$@"; do
  case "$a" in
    -Wl,--version-script=*.map) args+=("$a") ;;
    -Wl,--version-script=*) ;;
    -Wl,--no-undefined-version) if [[ ${CAPI_ALLOW_MISSING:-0} == 1 ]]; then args+=(-Wl,--undefined-version); else args+=("$a"); fi ;;
    *) args+=("$a") ;;
  esac
done
exec "${CAPI_CC:-cc}" "${args[@]}"
