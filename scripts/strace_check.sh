#!/bin/sh
# What the atlas opens: runs `check`, `export` and a window (`--screenshot`, under Xvfb) under
# `strace -f -e trace=network,openat,open,creat`, and fails on any network socket other than a local
# (AF_UNIX) one, or any file opened outside what it should open: the files named on the command line, the
# output, its own temporaries (a `--screenshot` run keeps eframe's state in /tmp/timeatlas-screenshot-PID),
# the system's libraries and configuration, /proc, /sys and /dev (GPU and display), X11's sockets, and
# Mesa's shader cache (the GL driver's, under the real home: Mesa looks it up from the password file). Prints every other path it finds. Not part of CI.
#
# Usage: sh scripts/strace_check.sh [BINARY]   (needs strace; the window run needs Xvfb)
set -eu
BIN=${1:-${CARGO_TARGET_DIR:-target}/debug/timeatlas}
BIN=$(realpath "$BIN")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d /tmp/timeatlas-strace.XXXXXX)
mkdir -p "$TMP/home"
DISPLAY_NO=$((80 + $$ % 9))
XVFB=
cleanup() { [ -n "$XVFB" ] && kill "$XVFB" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT INT TERM
cp "$ROOT/tests/fixtures/import/acled-yemen-syria.csv" "$TMP/mine.csv"
run() {
  name=$1
  shift
  HOME="$TMP/home" XDG_DATA_HOME="$TMP/home/share" XDG_CONFIG_HOME="$TMP/home/config" XDG_CACHE_HOME="$TMP/home/cache" \
    strace -f -qq -o "$TMP/$name.trace" -e trace=network,openat,open,creat "$@" >"$TMP/$name.out" 2>&1 || true
}
run check "$BIN" check "$TMP/mine.csv"
run export "$BIN" export --date 1979-11-04 --out "$TMP/out.png" --size 800x500 --data "$TMP/mine.csv"
if command -v Xvfb >/dev/null; then
  Xvfb ":$DISPLAY_NO" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  XVFB=$!
  sleep 2
  DISPLAY=":$DISPLAY_NO" run window "$BIN" --screenshot "$TMP/shot.png" --size 800x500 --data "$TMP/mine.csv"
fi
status=0
for trace in "$TMP"/*.trace; do
  name=$(basename "$trace" .trace)
  # Sockets other than local ones (AF_UNIX: X11, D-Bus), and connects to anything but a local path.
  net=$(grep -E 'socket\(|connect\(' "$trace" | grep -v -E 'AF_UNIX|AF_LOCAL|AF_NETLINK' || true)
  # Files opened (successfully or not), minus what is expected.
  files=$(grep -E 'open(at)?\(|creat\(' "$trace" | sed -E 's/.*open(at)?\([^"]*"([^"]*)".*/\2/; s/.*creat\("([^"]*)".*/\1/' |
    grep -v -E "^($TMP|/usr/|/lib|/etc/|/proc/|/sys/|/dev/|/run/user/|/tmp/\.X11-unix|/var/cache/fontconfig|/var/lib/dbus|$(dirname "$BIN")/)" |
    grep -v -E "/\.cache/mesa_shader_cache/|^/tmp/timeatlas-screenshot-[0-9]+" |
    sort -u || true)
  opened=$(grep -c -E 'open(at)?\(' "$trace" || true)
  echo "$name: $opened opens; network: $( [ -z "$net" ] && echo none || echo FOUND ); unexpected files: $( [ -z "$files" ] && echo none || echo "$files" | wc -l)"
  if [ -n "$net" ]; then echo "$net" | head -n 20; status=1; fi
  if [ -n "$files" ]; then echo "$files" | sed 's/^/  /' | head -n 40; status=1; fi
done
[ "$status" = 0 ] && echo PASS || echo FAIL
exit "$status"
