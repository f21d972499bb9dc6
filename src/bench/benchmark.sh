#!/usr/bin/env bash
# flat-tar benchmark: for each input shape, measures flat-tar and the floor (what no correct tool
# can beat) in one run, N repetitions each, and prints medians, the ratio and peak memory.
#
#   src/bench/benchmark.sh [SHAPE...]
#
# Shapes: small large many gzip zstd scale huge, and python node layers60 (images built by the real
# Docker Engine with src/bench/realistic/build-images.sh, which the benchmark runs first when they
# are missing; root and the network needed once). Default: all but huge (10 GB of input, minutes).
#
# Environment: BENCH_DIR (inputs are generated there once and reused; default /tmp/flat-tar-bench),
# BENCH_RUNS (repetitions, default 5), FLAT_TAR (the command under test, default target/flat-tar).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_DIR:-/tmp/flat-tar-bench}"
runs="${BENCH_RUNS:-5}"
flat_tar="${FLAT_TAR:-$root/target/flat-tar}"
mkdir -p "$work/tmp"

if [ ! -x "$flat_tar" ] || [ -z "${BENCH_NO_BUILD:-}" ]; then
  (cd "$root" && mvn -q -DskipTests package test-compile dependency:build-classpath \
      -Dmdep.outputFile="$work/classpath" -Dmdep.includeScope=test)
fi
cp="$(cat "$work/classpath"):$root/target/classes:$root/target/test-classes"

# name -> generator parameters (see src/test/java/dev/flattar/bench/Shape.java)
declare -A shapes=(
  [small]="layers=3 files=8 size=500..1000 rewrite=0.3 whiteout=0.1"
  [large]="layers=6 files=230 size=900k..1100k rewrite=0.3"
  [many]="layers=10 files=80k size=100..300 rewrite=0.2 whiteout=0.05 hardlinks=0.01"
  [gzip]="layers=6 files=100 size=900k..1100k rewrite=0.3 gzip=true text=true"
  [scale100k]="layers=10 files=10k size=100..300 rewrite=0.2 whiteout=0.05 hardlinks=0.01"
  [zstd]="layers=6 files=100 size=900k..1100k rewrite=0.3 zstd=true text=true"
  [scale100k]="layers=10 files=10k size=100..300 rewrite=0.2 whiteout=0.05 hardlinks=0.01"
  [scale1m]="layers=10 files=100k size=100..300 rewrite=0.2 whiteout=0.05 hardlinks=0.01"
  [huge]="layers=10 files=906k size=0..64 rewrite=0.2 whiteout=0.05 hardlinks=0.01"
)

input() { # shape -> path of its archive, generated (or built with Docker) on first use
  local f="$work/$1.tar" p="${shapes[$1]:-}"
  case "$1" in python | node | layers60)
    f="$work/real-$1.tar"
    [ -f "$f" ] || BENCH_DIR="$work" "$root/src/bench/realistic/build-images.sh" "$1" >&2
    echo "$f"; return ;;
  esac
  if [ ! -f "$f" ] || [ "$(cat "$f.params" 2>/dev/null)" != "$p" ]; then
    java -cp "$cp" dev.flattar.bench.SyntheticImage "$f" $p >&2
    echo "$p" > "$f.params"
  fi
  echo "$f"
}

median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# timed SAMPLE CMD...: runs after sync with a fresh output; prints "seconds peak_rss_kb max_tmp_bytes".
# With SAMPLE=1 a sampler polls the size of $TMPDIR every 20 ms (max_tmp_bytes, else 0): it forks
# find and awk each time, a good part of one core, so timed runs go without it.
timed() {
  local sample=$1; shift
  rm -f "$work/out.tar" "$work/floor.out"; rm -rf "$work/tmp"; mkdir -p "$work/tmp"; sync
  local log="$work/time.log" peak="$work/tmp.peak" sampler=""
  echo 0 > "$peak"
  if [ "$sample" = 1 ]; then
    ( while :; do s=$(find "$work/tmp" -type f -printf '%s\n' 2>/dev/null | awk '{t += $1} END {print t + 0}'); [ "${s:-0}" -gt "$(cat "$peak")" ] && echo "$s" > "$peak"; sleep 0.02; done ) &
    sampler=$!
  fi
  TMPDIR="$work/tmp" /usr/bin/time -f "%e %M" -o "$log" "$@"
  if [ -n "$sampler" ]; then kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true; fi
  echo "$(cat "$log") $(cat "$peak")"
}

# repeat CMD... -> median seconds and median rss of $runs timed runs, and (for flat-tar's own
# commands) the peak temp disk of one more run with the sampler (stored in globals T, R, M)
repeat() {
  local t=() r=() line
  for _ in $(seq "$runs"); do
    line=$(timed 0 "$@")
    t+=("$(echo "$line" | cut -d' ' -f1)"); r+=("$(echo "$line" | cut -d' ' -f2)")
  done
  M=0
  if [[ "$*" == *"$flat_tar"* ]]; then
    M=$(timed 1 "$@" | cut -d' ' -f3)
  fi
  T=$(printf '%s\n' "${t[@]}" | median); R=$(printf '%s\n' "${r[@]}" | median)
}

layer_of() { # flattened archive -> its layer extracted to $work/layer.bin
  local name; name=$(tar -tf "$1" | awk 'NR == 1')
  tar -xOf "$1" "$name" > "$work/layer.bin"
}

floor() { # input [reference] -> median of cat + write + sha256 of the output layer, in $F
  local ref="${2:-$work/reference.tar}"
  local out_size; out_size=$(stat -c %s "$ref")
  if [ -n "${3:-}" ]; then cp "$ref" "$work/layer.bin"; else layer_of "$ref"; fi
  repeat sh -c "cat '$1' > /dev/null"; local c=$T
  repeat sh -c "dd if=/dev/zero of='$work/floor.out' bs=1M count=$(( (out_size + 1048575) / 1048576 )) status=none"; local w=$T
  repeat sh -c "openssl dgst -sha256 '$work/layer.bin' > /dev/null"; local s=$T
  F=$(echo "$c + $w + $s" | bc -l | xargs printf %.2f); FLOOR_PARTS="cat $c + write $w + sha256 $s"
}

row() { printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$@"; }
mib() { echo "$(( $1 / 1024 ))"; }
ratio() { echo "$1 / $2" | bc -l | xargs printf %.2f; }

realistic() { # name: file -> file, --rootfs and a pipe, each against its floor
  local in; in=$(input "$1")
  local label="$1: $(tar -xOf "$in" manifest.json | grep -o '"Layers":\[[^]]*' | tr ',' '\n' | wc -l) layers"
  "$flat_tar" -o "$work/reference.tar" "$in"
  floor "$in"
  repeat "$flat_tar" -o "$work/out.tar" "$in"
  row "$label, file → file" "$(( $(stat -c %s "$in") >> 20 )) MiB" "${T} s" "${F} s ($FLOOR_PARTS)" "$(ratio "$T" "$F")" "≤ 1.5" "$(mib "$R") MiB / $M B"
  local f_file=$F
  "$flat_tar" --rootfs -o "$work/reference.rootfs.tar" "$in"
  floor "$in" "$work/reference.rootfs.tar" rootfs
  repeat "$flat_tar" --rootfs -o "$work/out.tar" "$in"
  row "$1, --rootfs" "" "${T} s" "${F} s ($FLOOR_PARTS)" "$(ratio "$T" "$F")" "≤ 1.3" "$(mib "$R") MiB / $M B"
  repeat sh -c "cat '$in' | cat > /dev/null"; local pipe=$T
  repeat sh -c "cat '$in' | '$flat_tar' > '$work/out.tar'"
  row "$1, stdin (a pipe) → stdout" "" "${T} s" "${f_file} s + pipe ${pipe} s" "$(ratio "$T" "$(echo "$f_file + $pipe" | bc -l)")" "≤ 1.3" "$(mib "$R") MiB / $(( M >> 20 )) MiB"
}

decompress_floor() { # shape tool -> flat-tar against TOOL -dc over every layer
  local in; in=$(input "$1")
  rm -rf "$work/$1.d"; mkdir -p "$work/$1.d"; tar -xf "$in" -C "$work/$1.d"
  repeat sh -c "for l in \$(find '$work/$1.d' -name layer.tar); do $2 -dc \"\$l\"; done > /dev/null"; local g=$T
  repeat "$flat_tar" -o "$work/out.tar" "$in"
  row "$1 layers, file → file" "$(( $(stat -c %s "$in") >> 20 )) MiB" "${T} s" "${g} s ($2 -dc of every layer)" "$(ratio "$T" "$g")" "≤ 0.75" "$(mib "$R") MiB / $M B"
}

echo "flat-tar benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "runs per measurement: $runs (medians); command: $flat_tar"
echo
row "case" "input" "flat-tar" "floor" "ratio" "target" "peak RSS / temp disk"
row "---" "---" "---" "---" "---" "---" "---"

selected=("$@"); [ ${#selected[@]} -eq 0 ] && selected=(small python node layers60 large many gzip zstd scale)
for shape in "${selected[@]}"; do
  case "$shape" in
    small)
      in=$(input small)
      repeat "$flat_tar" -o "$work/out.tar" "$in"
      row "small: 3 layers, $(( $(stat -c %s "$in") / 1024 )) KiB, whole process" "$(basename "$in")" "${T} s" "-" "-" "≤ 0.15 s" "$(mib "$R") MiB / $M B"
      ;;
    large)
      in=$(input large)
      "$flat_tar" -o "$work/reference.tar" "$in"
      floor "$in"
      repeat "$flat_tar" -o "$work/out.tar" "$in"
      row "large, file → file" "$(( $(stat -c %s "$in") >> 20 )) MiB" "${T} s" "${F} s ($FLOOR_PARTS)" "$(echo "$T / $F" | bc -l | xargs printf %.2f)" "≤ 1.3" "$(mib "$R") MiB / $M B"
      t_plain=$T
      repeat "$flat_tar" --verify -o "$work/out.tar" "$in"
      row "large, file → file, --verify" "" "${T} s" "${t_plain} s (without --verify)" "$(echo "$T / $t_plain" | bc -l | xargs printf %.2f)" "-" "$(mib "$R") MiB / $M B"
      repeat sh -c "'$flat_tar' < '$in' > '$work/out.tar'"
      row "large, stdin (a file) → stdout" "" "${T} s" "${F} s" "$(echo "$T / $F" | bc -l | xargs printf %.2f)" "≤ 2.0" "$(mib "$R") MiB / $(( M >> 20 )) MiB"
      # A pipe must be spooled, and on this kind of machine the pipe itself costs more than the
      # whole floor: measured here as cat | cat, and shown beside the ratio.
      repeat sh -c "cat '$in' | cat > /dev/null"; pipe=$T
      repeat sh -c "cat '$in' | '$flat_tar' > '$work/out.tar'"
      row "large, stdin (a pipe) → stdout" "" "${T} s" "${F} s + pipe ${pipe} s" "$(echo "$T / $F" | bc -l | xargs printf %.2f) ($(echo "$T / ($F + $pipe)" | bc -l | xargs printf %.2f) with the pipe)" "-" "$(mib "$R") MiB / $(( M >> 20 )) MiB"
      ;;
    many)
      in=$(input many)
      entries=$(java -cp "$cp" dev.flattar.bench.CountEntries "$in")
      repeat "$flat_tar" -o "$work/out.tar" "$in"
      row "many: $entries entries" "$(( $(stat -c %s "$in") >> 20 )) MiB" "${T} s" "-" "-" "≤ 2.5 s, ≤ 256 MiB" "$(mib "$R") MiB / $M B"
      ;;
    gzip) decompress_floor gzip gzip ;;
    zstd) decompress_floor zstd zstd ;;
    python | node | layers60) realistic "$shape" ;;
    huge)
      # 10 million entries under a 2 GiB heap: at most ~200 bytes of heap an entry.
      in=$(input huge)
      entries=$(java -cp "$cp" dev.flattar.bench.CountEntries "$in")
      r0=$runs; runs=1 # one run: it takes minutes
      repeat env FLAT_TAR_JAVA_OPTS=-Xmx2g "$flat_tar" -o "$work/out.tar" "$in"
      runs=$r0
      row "huge: $entries entries, -Xmx2g" "$(( $(stat -c %s "$in") >> 20 )) MiB" "${T} s" "-" "$(echo "($T - ${t0:-0}) * 1000000 / $entries" | bc -l | xargs printf %.2f) µs/entry" "no limit error" "$(mib "$R") MiB / $M B"
      ;;
    scale)
      # Per-entry time without the fixed start-up cost, which would flatter the smaller input.
      repeat "$flat_tar" -o "$work/out.tar" "$(input small)"; t0=$T
      for s in scale100k scale1m; do
        in=$(input $s)
        n=$(java -cp "$cp" dev.flattar.bench.CountEntries "$in")
        repeat "$flat_tar" -o "$work/out.tar" "$in"
        per=$(echo "($T - $t0) * 1000000 / $n" | bc -l | xargs printf %.2f)
        eval "per_$s=$per"
        row "$s: $n entries" "$(( $(stat -c %s "$in") >> 20 )) MiB" "${T} s" "-" "${per} µs/entry" "-" "$(mib "$R") MiB / $M B"
      done
      row "scaling: µs/entry at 1M ÷ at 100k (start-up of ${t0} s subtracted)" "" "" "" "$(echo "$per_scale1m / $per_scale100k" | bc -l | xargs printf %.2f)" "≤ 1.3" ""
      ;;
    *) echo "unknown shape $shape" >&2; exit 2 ;;
  esac
done
