#!/usr/bin/env bash
# Writes installer/classes.lst: the classes the window loads from launch to every panel shown.
# The installers' postinst turns it into a class-data sharing archive with the installed paths
# (a JDK 17 archive is tied to the class path it was made with, so it cannot be built here),
# which makes the window live about a second sooner. Run it again after larger UI changes; a
# stale list only archives fewer classes, it never breaks a start.
#   installer/make-classlist.sh        (needs a built target/*.jar, xvfb, xdotool)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/trackeep-redis-dashboard.jar
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -DskipTests package" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

xvfb-run -a -s "-screen 0 1600x1000x24" bash -c '
  java -XX:DumpLoadedClassList="$0/classes.lst" -Dtrackeep.log.level=INFO \
       -Dtrackeep.config.dir="$0/config" -Dtrackeep.data.dir="$0/data" -jar "$1" >"$0/app.log" 2>&1 &
  app=$!
  for _ in $(seq 300); do grep -q "Overview live" "$0/app.log" && break; sleep 0.1; done
  grep -q "Overview live" "$0/app.log" || { echo "the Overview did not go live" >&2; cat "$0/app.log" >&2; kill $app; exit 1; }
  win=$(xdotool search --sync --name "Trackeep Redis Dashboard" | head -n1)
  for n in 2 3 4 5 6 7 8 1; do   # every panel, by its Ctrl+N shortcut
    xdotool key --window "$win" "ctrl+$n"
    sleep 1.5
  done
  kill $app; wait $app || true' "$work" "$jar"

# JFR event classes cannot be archived (the dump skips them with a warning): leave them out.
grep -v -E '^(jdk/jfr/|jdk/internal/event/)' "$work/classes.lst" > installer/classes.lst
echo "installer/classes.lst: $(wc -l < installer/classes.lst) classes"
