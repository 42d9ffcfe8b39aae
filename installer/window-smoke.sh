#!/usr/bin/env bash
# Opens the installed program's window on a virtual display (Xvfb), prints how long the window
# took to appear and when the Overview went live, saves a screenshot and checks it is not blank, then closes the program.
#   installer/window-smoke.sh [LAUNCHER] [SCREENSHOT.png]
# Needs the Debian packages xvfb, x11-utils (xwininfo) and imagemagick (import, convert).
set -euo pipefail
launcher=${1:-trackeep-redis-dashboard}
shot=${2:-window.png}
title="Trackeep Redis Dashboard"   # the start of the title: " — <profile>" follows once connected

work=$(mktemp -d)
xvfb_pid=""
app_pid=""
cleanup() {
  local status=$?
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; wait "$xvfb_pid" 2>/dev/null || true; fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

# Xvfb picks a free display number and writes it to fd 3.
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || { echo "Xvfb did not start" >&2; cat "$work/xvfb.log" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$work/display")"

start=$(date +%s%N)
# INFO level for the one line that says when the Overview went live.
JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Dtrackeep.log.level=INFO" "$launcher" >"$work/app.log" 2>&1 &
app_pid=$!
shown=""
for _ in $(seq 1500); do   # 30 s at 20 ms
  if xwininfo -root -tree 2>/dev/null | grep -q "\"$title"; then shown=$(date +%s%N); break; fi
  if ! kill -0 "$app_pid" 2>/dev/null; then echo "The program exited before showing its window:" >&2; cat "$work/app.log" >&2; exit 1; fi
  sleep 0.02
done
[ -n "$shown" ] || { echo "No window titled '$title' within 30 s" >&2; cat "$work/app.log" >&2; exit 1; }
# CPU time too: on a busy machine it is steadier than the wall-clock time.
cpu_ms=$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$app_pid/stat")
echo "window shown after $(( (shown - start) / 1000000 )) ms (CPU time so far: $cpu_ms ms)"

for _ in $(seq 300); do   # up to 15 s more
  live=$(grep -o 'Overview live [0-9]* ms' "$work/app.log" | grep -o '[0-9]*' || true)
  [ -n "$live" ] && break
  sleep 0.05
done
if [ -n "$live" ]; then
  echo "Overview live $live ms after the JVM started"
else
  echo "the Overview did not go live within 15 s (no local instance, or a profile that needs a password?)"
fi

sleep 2   # let it paint
import -window root "$shot"
colours=$(convert "$shot" -format '%k' info:)
echo "screenshot $shot: $colours colours"
[ "$colours" -gt 1 ] || { echo "The screenshot is blank" >&2; exit 1; }
