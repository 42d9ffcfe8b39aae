#!/usr/bin/env bash
# Builds the .deb, installs it with apt, runs the installed launcher, then removes the package.
# Fails at the first step that fails. For Debian/Ubuntu CI machines; run as root or with sudo.
#
#   installer/ci-install-test.sh
#
# Steps: build (./mvnw -B -Pinstaller -DskipTests package), install with apt-get, run
# `trackeep-redis-dashboard --version`; if the installed launcher has the `local` command, start a
# local instance, read its Redis URI, check that `snapshot --json` prints a JSON object, stop it;
# open the window on a virtual display where Xvfb is installed (installer/window-smoke.sh); remove
# the package and check the launcher is gone.
set -euo pipefail
cd "$(dirname "$0")/.."

launcher=trackeep-redis-dashboard
package=trackeep-redis-dashboard
export DEBIAN_FRONTEND=noninteractive
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

work=$(mktemp -d)
local_pid=""
installed_by_us=""
cleanup() {
  status=$?
  if [ -n "$local_pid" ] && kill -0 "$local_pid" 2>/dev/null; then
    kill "$local_pid" 2>/dev/null || true
    wait "$local_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -n "$installed_by_us" ]; then
    echo "== cleanup: removing $package after the failure"
    $sudo apt-get purge -y -q "$package" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
  if [ "$status" -ne 0 ]; then
    echo "ci-install-test: FAILED" >&2
  fi
  exit "$status"
}
trap cleanup EXIT

step() { echo "== $*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
# The local instance prints a URI with its password: never echo one into the CI log.
hide_secrets() { sed -E 's#(rediss?://)[^@[:space:]]*@#\1***@#g'; }

apt_ready=""
apt_install() {
  if [ -z "$apt_ready" ]; then
    $sudo apt-get update -q >/dev/null
    apt_ready=1
  fi
  $sudo apt-get install -y -q "$@"
}

step "prerequisites"
missing=()
command -v fakeroot >/dev/null || missing+=(fakeroot)
command -v dpkg-deb >/dev/null || missing+=(dpkg-dev)
command -v python3 >/dev/null || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  apt_install "${missing[@]}"
fi

step "build: ./mvnw -B -Pinstaller -DskipTests package"
./mvnw -B -q -Pinstaller -DskipTests package
debs=(target/installer/*.deb)
[ -f "${debs[0]}" ] || fail "no .deb in target/installer/"
[ "${#debs[@]}" -eq 1 ] || fail "more than one .deb in target/installer/: ${debs[*]}"
deb=${debs[0]}
echo "built $deb ($(du -h "$deb" | cut -f1))"

step "install: apt-get install ./$deb"
if dpkg -s "$package" >/dev/null 2>&1; then
  echo "$package is already installed: removing it first"
  $sudo apt-get purge -y -q "$package" >/dev/null
fi
installed_by_us=1
# A machine whose package lists are missing or stale cannot resolve the dependencies: update once.
if ! $sudo apt-get install -y -q "./$deb"; then
  apt_ready=""
  apt_install "./$deb"
fi

step "run: $launcher --version"
command -v "$launcher" >/dev/null || fail "$launcher is not on PATH after installing"
version=$("$launcher" --version) || fail "$launcher --version failed"
echo "$version"
[[ "$version" == *"$launcher"* ]] || fail "unexpected --version output: $version"

help=$("$launcher" --help) || fail "$launcher --help failed"
if grep -Eq '^[[:space:]]+local([[:space:]]|,|$)' <<<"$help"; then
  step "local instance: $launcher local --duration 60s"
  "$launcher" local --duration 60s >"$work/local.out" 2>"$work/local.err" &
  local_pid=$!
  uri=""
  for _ in $(seq 450); do   # up to 45 s
    # The first redis:// URL on a line starting with "Redis" (stdout, else stderr).
    uri=$(cat "$work/local.out" "$work/local.err" | grep -E '^[[:space:]]*Redis' \
      | grep -oE 'rediss?://[^[:space:]]+' | head -n1 | sed -E 's/[.,;)]+$//' || true)
    [ -n "$uri" ] && break
    if ! kill -0 "$local_pid" 2>/dev/null; then
      hide_secrets <"$work/local.out"; hide_secrets <"$work/local.err" >&2
      fail "'$launcher local' exited before printing its Redis URI"
    fi
    sleep 0.1
  done
  if [ -z "$uri" ]; then
    hide_secrets <"$work/local.out"; hide_secrets <"$work/local.err" >&2
    fail "'$launcher local' printed no line 'Redis... redis://...' within 45 s"
  fi
  echo "local instance is up (Redis URI read from its output; password not shown)"

  step "snapshot: $launcher snapshot --json --redis <uri>"
  "$launcher" snapshot --json --redis "$uri" >"$work/snapshot.json" 2>"$work/snapshot.err" \
    || { hide_secrets <"$work/snapshot.err" >&2; fail "'$launcher snapshot --json' failed"; }
  python3 -c 'import json, sys
data = json.load(open(sys.argv[1]))
if not isinstance(data, dict):
    sys.exit("not a JSON object: %s" % type(data).__name__)
print("snapshot is a JSON object with %d fields" % len(data))' "$work/snapshot.json" \
    || fail "snapshot --json did not print a JSON object"

  step "stop the local instance"
  kill "$local_pid"
  for _ in $(seq 150); do   # up to 15 s
    kill -0 "$local_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$local_pid" 2>/dev/null; then
    kill -9 "$local_pid" 2>/dev/null || true
    fail "the local instance did not stop within 15 s of SIGTERM"
  fi
  wait "$local_pid" 2>/dev/null || true
  local_pid=""
else
  echo "SKIP local/snapshot: the installed launcher has no 'local' command yet ($launcher --help lists none)"
fi

if command -v Xvfb >/dev/null && command -v xwininfo >/dev/null && command -v import >/dev/null; then
  step "window: installer/window-smoke.sh (Xvfb)"
  installer/window-smoke.sh "$launcher" "$work/window.png"
else
  echo "SKIP window: needs the packages xvfb, x11-utils and imagemagick"
fi

step "remove: apt-get remove $package"
$sudo apt-get remove -y -q "$package"
$sudo dpkg --purge "$package" >/dev/null
installed_by_us=""
hash -r
if command -v "$launcher" >/dev/null 2>&1; then
  fail "$launcher is still on PATH after removing the package: $(command -v "$launcher")"
fi
[ ! -e "/opt/$package" ] || fail "/opt/$package is still there after removing the package"
[ ! -e "/usr/share/applications/$package.desktop" ] || fail "the menu entry is still there after removing the package"

echo "ci-install-test: OK"
