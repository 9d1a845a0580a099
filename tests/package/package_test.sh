#!/usr/bin/env bash
# The Debian package, as an administrator meets it: built with CPack, lintian
# finds no error, `dpkg -i` creates the dossier user, /var/lib/dossier and its
# repository, the systemd units verify, the program runs as that user and its
# server answers; purging removes what it made and leaves the machine as it
# was — but a repository holding records is kept, saying so.
# Usage: package_test.sh BUILD_DIR
# Exits 77 (skipped, with the reason) only where packages cannot be installed.
set -euo pipefail
build="$(cd "${1:?usage: package_test.sh BUILD_DIR}" && pwd)"
skip() { echo "SKIPPED: $*"; exit 77; }
fail() { echo "FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || skip "installing a package needs root; this test runs as $(id -un)"
command -v dpkg >/dev/null || skip "no dpkg on this machine"
if dpkg-query -W -f='${Status}' dossier 2>/dev/null | grep -q installed || getent passwd dossier >/dev/null || [ -e /var/lib/dossier ]; then
  skip "this machine already has a dossier package, user or /var/lib/dossier; the test would change it"
fi

work="$(mktemp -d)"
cleanup() {
  # Whatever happened, the machine is left as it was.
  dpkg --purge dossier >/dev/null 2>&1 || true
  rm -rf /var/lib/dossier
  getent passwd dossier >/dev/null && deluser --system --quiet dossier >/dev/null 2>&1 || true
  getent group dossier >/dev/null && delgroup --system --quiet dossier >/dev/null 2>&1 || true
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$build" && cpack -G DEB -B "$work" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/dossier_*.deb)
lintian --tag-display-limit 0 "$deb" >"$work/lintian.log" 2>&1 || true
if grep '^E:' "$work/lintian.log"; then fail "lintian reports errors (above)"; fi

dpkg -i "$deb" >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log"; fail "dpkg -i failed"; }
getent passwd dossier >/dev/null || fail "no dossier user after installing"
[ "$(stat -c %U /var/lib/dossier/repo)" = dossier ] || fail "/var/lib/dossier/repo is not the dossier user's"
[ "$(stat -c '%U %a' /var/lib/dossier/initial-admin.txt)" = "root 600" ] || fail "the first password is not root's alone"
grep -q "admin" /var/lib/dossier/initial-admin.txt || fail "initial-admin.txt names no administrator"
[ -e /usr/share/man/man1/dossier.1.gz ] || fail "no man page"
[ -e /usr/share/bash-completion/completions/dossier ] || fail "no bash completion"
[ -e /etc/default/dossier ] || fail "no /etc/default/dossier"

# The units are well-formed (their programs and documentation exist).
systemd-analyze verify /usr/lib/systemd/system/dossier.service /usr/lib/systemd/system/dossier-disposal.service \
  /usr/lib/systemd/system/dossier-disposal.timer >"$work/units.log" 2>&1 || { cat "$work/units.log"; fail "systemd-analyze verify"; }
if grep -v "^$" "$work/units.log" | grep -v "Cannot add dependency job\|was not loaded\|Unit .* not found"; then
  fail "systemd-analyze verify found the above"
fi

runuser -u dossier -- /usr/bin/dossier --version | grep -q '^dossier [0-9]' || fail "dossier --version as the dossier user"
# The server as the service runs it: the dossier user, the packaged repository.
runuser -u dossier -- env DOSSIER_REPO=/var/lib/dossier/repo /usr/bin/dossier serve --listen 127.0.0.1:0 \
  2>"$work/serve.log" &
server=$!
for _ in $(seq 100); do grep -q "serving" "$work/serve.log" && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*/' "$work/serve.log" | head -1)
[ -n "$url" ] || { cat "$work/serve.log"; fail "the server did not say where it listens"; }
password=$(grep -o 'password[^A-Za-z0-9]*[A-Za-z0-9-]\{12,\}' /var/lib/dossier/initial-admin.txt | grep -o '[A-Za-z0-9-]\{12,\}$' | head -1)
python3 - "$url" "$password" <<'PY' || fail "the packaged server did not sign the administrator in"
import json, sys, urllib.request, urllib.error
url, password = sys.argv[1], sys.argv[2]
with urllib.request.urlopen(url) as r:
    assert r.status == 200 and b"Dossier" in r.read(), "no web page"
req = urllib.request.Request(url + "api/v1/session", data=json.dumps({"user": "admin", "password": password}).encode(),
                             headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req) as r:
    body = json.load(r)
assert body["user"]["name"] == "admin", body
bad = urllib.request.Request(url + "api/v1/session", data=json.dumps({"user": "admin", "password": "wrong-" + password}).encode(),
                             headers={"Content-Type": "application/json"})
try:
    urllib.request.urlopen(bad)
    raise SystemExit("a wrong password was accepted")
except urllib.error.HTTPError as e:
    assert e.code == 401, e.code
PY
kill "$server"; wait "$server" 2>/dev/null || true; server=

# Purged while the repository holds nothing: everything goes.
dpkg --purge dossier >"$work/purge.log" 2>&1 || { cat "$work/purge.log"; fail "dpkg --purge failed"; }
[ ! -e /var/lib/dossier ] || fail "/var/lib/dossier is left after purging an empty repository"
! getent passwd dossier >/dev/null || fail "the dossier user is left after purging"
[ ! -e /etc/default/dossier ] || fail "/etc/default/dossier is left after purging"
[ ! -e /usr/bin/dossier ] || fail "/usr/bin/dossier is left after purging"

# Installed again, a record registered: purging keeps the repository and says so.
dpkg -i "$deb" >"$work/dpkg2.log" 2>&1 || { cat "$work/dpkg2.log"; fail "dpkg -i (again) failed"; }
echo "第一条 标的。" >"$work/contract.txt"
chmod 644 "$work/contract.txt"; chmod 755 "$work"
runuser -u dossier -- env DOSSIER_REPO=/var/lib/dossier/repo /usr/bin/dossier --as admin add generic --title 合同 \
  --set date=2026-03-01 "$work/contract.txt" >/dev/null || fail "registering a record in the packaged repository"
dpkg --purge dossier >"$work/purge2.log" 2>&1 || { cat "$work/purge2.log"; fail "dpkg --purge (with records) failed"; }
[ -e /var/lib/dossier/repo/catalog.db ] || fail "purging removed a repository that holds records"
grep -q "kept /var/lib/dossier" "$work/purge2.log" || fail "purging did not say it kept the repository: $(cat "$work/purge2.log")"
echo "package: ok ($(basename "$deb"), lintian: $(grep -c '^W:' "$work/lintian.log" || true) warnings, no errors)"
