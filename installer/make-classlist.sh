#!/usr/bin/env bash
# Writes installer/classes.lst: the classes the window loads from launch to every panel shown, and
# those the commands load (ratelimit list, sessions list, snapshot and the other read commands,
# --help, --version). Two class-data sharing archives are made from it: the build's
# target/trackeep-redis-dashboard.jsa for `java -jar`, and the installed package's, which its
# postinst makes with the installed paths (a JDK 17 archive is tied to the class path it was made
# with). Both make the window live and a command finish sooner. Run it again after larger changes
# to the window or the commands (ClassListTest fails when the list names too many classes that no
# longer exist); a stale list only archives fewer classes, it never breaks a start.
#   installer/make-classlist.sh        (needs a built target/*.jar, xvfb, xdotool)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/trackeep-redis-dashboard.jar
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -DskipTests package" >&2; exit 1; }
work=$(mktemp -d)
local_pid=""
cleanup() {
  if [ -n "$local_pid" ]; then kill "$local_pid" 2>/dev/null || true; wait "$local_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The window, on the local instance of a first start.
xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  java -XX:DumpLoadedClassList="$0/window.lst" -Dtrackeep.log.level=INFO \
       -Dtrackeep.config.dir="$0/config" -Dtrackeep.data.dir="$0/data" -jar "$1" >"$0/app.log" 2>&1 &
  app=$!
  for _ in $(seq 600); do grep -q "Overview live" "$0/app.log" && break; sleep 0.1; done
  grep -q "Overview live" "$0/app.log" || { echo "the Overview did not go live" >&2; cat "$0/app.log" >&2; kill $app; exit 1; }
  win=$(xdotool search --sync --name "Trackeep Redis Dashboard" | head -n1)
  for n in 2 3 4 5 6 7 8 1; do   # every panel, by its Ctrl+N shortcut
    xdotool key --window "$win" "ctrl+$n"
    sleep 1.5
  done
  kill $app; wait $app || true' "$work" "$jar"

# The commands, against a local instance with some traffic.
java -jar "$jar" local --simulate >"$work/local.out" 2>&1 &
local_pid=$!
for _ in $(seq 600); do grep -q "^Redis: " "$work/local.out" && break; sleep 0.1; done
uri=$(sed -n 's/^Redis: *//p' "$work/local.out")
[ -n "$uri" ] || { echo "the local instance did not start" >&2; cat "$work/local.out" >&2; exit 1; }
sleep 3   # some traffic for the commands to read
n=0
for cmd in "ratelimit list" "sessions list" "snapshot --json" "snapshot" "cache stats" "leaderboard list" \
           "pubsub channels" "clients list"; do
  n=$((n + 1))
  # shellcheck disable=SC2086 # the command's words
  java -XX:DumpLoadedClassList="$work/command-$n.lst" -jar "$jar" $cmd --redis "$uri" >/dev/null
done
java -XX:DumpLoadedClassList="$work/help.lst" -jar "$jar" --help >/dev/null
java -XX:DumpLoadedClassList="$work/version.lst" -jar "$jar" --version >/dev/null

# The window's classes first, then what the commands add; JFR event classes cannot be archived
# (the dump skips them with a warning): leave them out.
cat "$work/window.lst" "$work"/command-*.lst "$work/help.lst" "$work/version.lst" | awk '!seen[$0]++' \
  | grep -v -E '^(jdk/jfr/|jdk/internal/event/)' > installer/classes.lst
echo "installer/classes.lst: $(grep -c -v -E '^(#|@)' installer/classes.lst) classes"
