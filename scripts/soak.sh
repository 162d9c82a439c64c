#!/bin/sh
# Soak: the atlas plays its timeline in a real window under Xvfb for MINUTES (default 30), looping,
# while RSS, open files and threads are sampled every 10 s; then it is paused and its idle CPU measured.
# Passes when the median RSS grows less than 5 % from the second minute to the last, open files and threads
# do not grow, and idle CPU is under 2 %. Not part of CI.
#
# Usage: sh scripts/soak.sh [MINUTES] [BINARY] [-- extra atlas arguments, e.g. --data big.csv]
# Needs: Xvfb, xdotool (apt-get install -y --no-install-recommends xvfb xdotool).
# The app runs with HOME and XDG_* in a temporary folder: the user's settings are neither read nor written.
set -eu
MINUTES=${1:-30}
BIN=${2:-${CARGO_TARGET_DIR:-target}/release/timeatlas}
[ $# -ge 2 ] && shift 2 || shift $#
[ "${1:-}" = "--" ] && shift
TMP=$(mktemp -d /tmp/timeatlas-soak.XXXXXX)
DISPLAY_NO=$((90 + $$ % 9))
Xvfb ":$DISPLAY_NO" -screen 0 1600x1000x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
XVFB=$!
cleanup() { kill "$APP" 2>/dev/null || true; kill "$XVFB" 2>/dev/null || true; rm -rf "$TMP"; }
APP=
trap cleanup EXIT INT TERM
sleep 2
HOME="$TMP/home" XDG_DATA_HOME="$TMP/home/.local/share" XDG_CONFIG_HOME="$TMP/home/.config" \
XDG_CACHE_HOME="$TMP/home/.cache" DISPLAY=":$DISPLAY_NO" \
  "$BIN" --date 1953-01-01 --play --size 1600x1000 "$@" >"$TMP/app.log" 2>&1 &
APP=$!
sample() {
  rss=$(awk '/^VmRSS/ {print $2}' "/proc/$APP/status")
  fds=$(ls "/proc/$APP/fd" | wc -l)
  threads=$(awk '/^Threads/ {print $2}' "/proc/$APP/status")
  cpu=$(awk '{print $14 + $15}' "/proc/$APP/stat")
  echo "$1 $rss $fds $threads $cpu"
}
echo "# seconds rss_kB open_files threads cpu_ticks"
START=$(date +%s)
END=$((START + MINUTES * 60))
FIRST_MINUTE=
while [ "$(date +%s)" -lt "$END" ]; do
  kill -0 "$APP" 2>/dev/null || { echo "the app exited:"; cat "$TMP/app.log"; exit 1; }
  now=$(( $(date +%s) - START ))
  line=$(sample "$now")
  echo "$line"
  [ -z "$FIRST_MINUTE" ] && [ "$now" -ge 60 ] && FIRST_MINUTE="$line"
  echo "$line" >>"$TMP/samples"
  sleep 10
done
LAST=$(tail -n 1 "$TMP/samples")
[ -z "$FIRST_MINUTE" ] && FIRST_MINUTE=$(head -n 1 "$TMP/samples")
# Pause (Space) and measure idle CPU over 20 s.
# With no window manager the window has no focus until given it; the pointer rests on it (as a user's would).
WIN=$(DISPLAY=":$DISPLAY_NO" xdotool search --name TimeAtlas | head -n 1)
DISPLAY=":$DISPLAY_NO" xdotool windowfocus "$WIN"
DISPLAY=":$DISPLAY_NO" xdotool mousemove 800 500
sleep 1
DISPLAY=":$DISPLAY_NO" xdotool key space
sleep 5
t0=$(awk '{print $14 + $15}' "/proc/$APP/stat")
sleep 20
t1=$(awk '{print $14 + $15}' "/proc/$APP/stat")
HZ=$(getconf CLK_TCK)
# RSS breathes by several MB as malloc maps and unmaps large blocks (a sample can land in a trough or on a
# spike), so the median of the second minute is compared with the median of the last.
END_S=$(echo "$LAST" | awk '{print $1}')
median() {
  awk -v lo="$1" -v hi="$2" '$1 >= lo && $1 < hi {print $2}' "$TMP/samples" | sort -n |
    awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}
MEDIANS="$(median 60 120) $(median $((END_S - 59)) $((END_S + 1)))"
echo "$FIRST_MINUTE" "$LAST" "$t0" "$t1" "$HZ" "$MEDIANS" | awk '{
  growth = ($15 - $14) * 100.0 / $14;
  idle = ($12 - $11) * 100.0 / $13 / 20;
  printf "RSS after the first minute %d kB, at the end %d kB (one sample each)\n", $2, $7;
  printf "median RSS in the second minute %d kB, in the last minute %d kB: %+.1f %%\n", $14, $15, growth;
  printf "open files %d -> %d, threads %d -> %d\n", $3, $8, $4, $9;
  printf "idle CPU when paused: %.1f %%\n", idle;
  ok = growth < 5 && $8 <= $3 && $9 <= $4 && idle < 2;
  print ok ? "PASS" : "FAIL";
  exit ok ? 0 : 1
}'
