#!/usr/bin/env bash
# Draws the application icon (a stack of white Redis-style cylinders on a red rounded square)
# and writes the per-OS formats jpackage wants: PNG (Linux), ICO (Windows), ICNS (macOS).
# Needs ImageMagick 6 (`convert`) and python3. The outputs are committed; run this only to change them.
set -euo pipefail
cd "$(dirname "$0")"
name=trackeep-redis-dashboard
red='#C9302C'
shade='#F2D4D2'

# One cylinder: white body, rounded bottom. Drawn bottom-up, each disc's red bottom edge
# separates it from the disc below; only the top disc shows its (shaded) top face.
disc() { # $1 = y of the top face's centre
  local t=$1 b=$(($1 + 38))
  echo "fill white stroke none ellipse 128,$b 64,18 0,360"
  echo "fill white stroke none rectangle 64,$t 192,$b"
  echo "fill none stroke $red stroke-width 7 ellipse 128,$b 64,18 0,180"
}
draw="fill $red stroke none roundrectangle 6,6 249,249 44,44"
for y in 156 110 64; do
  draw+=" $(disc $y)"
done
draw+=" fill $shade stroke white stroke-width 4 ellipse 128,64 64,18 0,360"

convert -size 256x256 xc:none -draw "$draw" -strip "PNG32:$name.png"
convert "$name.png" -define icon:auto-resize=256,128,64,48,32,16 "$name.ico"
# ICNS: 'icns' + length, then one 'ic08' (256x256 PNG) and one 'ic07' (128x128 PNG) entry.
convert "$name.png" -resize 128x128 -strip "PNG32:/tmp/$name-128.png"
python3 - "$name.png" "/tmp/$name-128.png" "$name.icns" <<'PY'
import struct, sys
entries = b''
for kind, path in ((b'ic08', sys.argv[1]), (b'ic07', sys.argv[2])):
    data = open(path, 'rb').read()
    entries += kind + struct.pack('>I', 8 + len(data)) + data
open(sys.argv[3], 'wb').write(b'icns' + struct.pack('>I', 8 + len(entries)) + entries)
PY
rm -f "/tmp/$name-128.png"
