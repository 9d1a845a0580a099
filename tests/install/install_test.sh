#!/usr/bin/env bash
# Installed, Dossier works from wherever its tree is, with the build tree (and
# the checkout) out of sight: `cmake --install` into a DESTDIR, the tree moved
# elsewhere, then — in a mount namespace where the checkout is an empty tmpfs —
# version, init, add, render, search and the plugins; and the example plugin of
# docs/examples/plugin built against that tree with CMake and with pkg-config.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$(cd "${1:?usage: install_test.sh BUILD_DIR SOURCE_DIR}" && pwd)"
source="$(cd "${2:?usage: install_test.sh BUILD_DIR SOURCE_DIR}" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

DESTDIR="$work/dest" cmake --install "$build" --prefix /opt/dossier >"$work/install.log"
mv "$work/dest/opt/dossier" "$work/moved"
prefix="$work/moved"

# The layout (GNUInstallDirs): libdir is lib/ or lib/<multiarch>.
core="$(find "$prefix" -name 'libdossier_core.so.*.*.*' -print -quit)"
[ -n "$core" ] || fail "no libdossier_core.so.X.Y.Z in the install: $(find "$prefix" -maxdepth 3 | head -20)"
libdir="$(dirname "$core")"
soname="$(readelf -d "$core" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')"
[[ "$soname" =~ ^libdossier_core\.so\.[0-9]+$ ]] || fail "SONAME is '$soname'"
[ -e "$libdir/$soname" ] || fail "no $soname link beside $core"
for f in bin/dossier share/dossier/schemas/types/contract.json share/doc/dossier/README.md \
         share/doc/dossier/LICENSE share/doc/dossier/CHANGELOG.md include/dossier/plugin.h include/dossier/version.h \
         share/man/man1/dossier.1.gz share/man/man1/dossier-documents.1.gz share/bash-completion/completions/dossier; do
  [ -e "$prefix/$f" ] || fail "the install has no $f"
done
[ -e "$libdir/cmake/Dossier/DossierConfig.cmake" ] || fail "no CMake package in $libdir/cmake/Dossier"
[ -e "$libdir/pkgconfig/dossier.pc" ] || fail "no pkg-config file in $libdir/pkgconfig"
plugins=$(ls "$libdir/dossier/plugins" | grep -c '^libdossier_.*\.so$' || true)
[ "$plugins" -ge 7 ] || fail "$plugins plugins in $libdir/dossier/plugins, expected 7"
for program in "$prefix/bin/dossier" "$core" "$libdir"/dossier/plugins/*.so; do
  runpath="$(readelf -d "$program" | sed -n 's/.*RUNPATH.*\[\(.*\)\]/\1/p')"
  case "$runpath" in *"$build"*|*"$source"*) fail "$program has RUNPATH $runpath, into the build tree";; esac
done
runpath="$(readelf -d "$prefix/bin/dossier" | sed -n 's/.*RUNPATH.*\[\(.*\)\]/\1/p')"
[[ "$runpath" == '$ORIGIN/'* ]] || fail "bin/dossier has RUNPATH '$runpath', not relative to itself"

# What a user and a plugin author do with the tree, written to a file and run
# below where nothing of the checkout can be read.
cp -r "$source/docs/examples/plugin" "$work/plugin-src"
cp "$source/docs/examples/contract-server-purchase.json" "$source/docs/examples/contract-server-purchase.txt" "$work/"
cat >"$work/inside.sh" <<INSIDE
set -euo pipefail
fail() { echo "FAILED: \$*" >&2; exit 1; }
cd "$work"
PATH="$prefix/bin:\$PATH"
unset DOSSIER_PLUGIN_PATH DOSSIER_REPO
dossier --version | grep -Eq '^dossier [0-9]+\.[0-9]+\.[0-9]+' || fail "dossier --version printed: \$(dossier --version)"
dossier init repo >/dev/null
export DOSSIER_REPO="$work/repo" DOSSIER_USER=admin DOSSIER_LANG=en
dossier user add 张三 --role clerk >/dev/null
number=\$(DOSSIER_USER=张三 dossier add contract --title 服务器采购合同 --meta contract-server-purchase.json \
  contract-server-purchase.txt --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["number"])')
DOSSIER_USER=张三 dossier render "\$number" -o contract.pdf >/dev/null
[ "\$(head -c 5 contract.pdf)" = "%PDF-" ] || fail "render wrote no PDF"
DOSSIER_USER=张三 dossier search 服务器 --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["total"] >= 1, d' \
  || fail "search did not find the contract"
dossier plugins --json | python3 -c '
import json, sys
loaded = {p["name"] for p in json.load(sys.stdin) if p["loaded"]}
want = {"pdf", "csv", "xlsx", "json", "bagit", "eep", "disposal"}
assert want <= loaded, ("plugins not loaded:", want - loaded)' || fail "the installed plugins were not all loaded"
dossier verify >/dev/null

# The example plugin, with CMake against the installed package...
cmake -S plugin-src -B plugin-build -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build plugin-build >/dev/null
DOSSIER_PLUGIN_PATH="$work/plugin-build" DOSSIER_USER=张三 dossier tally | grep -q '^total' || fail "the example plugin's tally did not run"
DOSSIER_PLUGIN_PATH="$work/plugin-build" DOSSIER_USER=张三 dossier tally | grep -qP '^contract\tdraft\t1\$' \
  || fail "tally counted: \$(DOSSIER_PLUGIN_PATH=$work/plugin-build DOSSIER_USER=张三 dossier tally)"
# ...and with pkg-config.
mkdir pc-build
g++ -std=c++20 -shared -fPIC -fvisibility=hidden -o pc-build/libdossier_tally.so plugin-src/tally.cpp \
  \$(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs dossier)
DOSSIER_PLUGIN_PATH="$work/pc-build" dossier plugins | grep -q tally || fail "the pkg-config build was not listed"
DOSSIER_PLUGIN_PATH="$work/pc-build" DOSSIER_USER=张三 dossier tally | grep -q '^total' || fail "the pkg-config build did not run"
echo "installed tree works from $prefix"
INSIDE

# Hide the checkout (and so the build tree in it, or beside it) in a mount
# namespace of our own: as root, or as a user in a user namespace.
hide="mount -t tmpfs none '$source'; [ -d '$build' ] && mount -t tmpfs none '$build'; exec bash '$work/inside.sh'"
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
  unshare -m bash -c "$hide"
elif unshare -rm true 2>/dev/null; then
  unshare -rm bash -c "$hide"
else
  # The loader's own record then shows that nothing comes from the build tree.
  echo "note: this machine allows no mount namespace; checking with LD_DEBUG instead of hiding the build tree"
  LD_DEBUG=files LD_DEBUG_OUTPUT="$work/ld" bash "$work/inside.sh"
  if grep -h "file=" "$work"/ld.* | grep -F -e "$build" -e "$source"; then fail "loaded from the build tree"; fi
fi
