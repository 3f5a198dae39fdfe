#!/usr/bin/env bash
# Measures `abic generate` as a whole process, C++ and Java output together, on generated inputs of
# 10, 100, 1,000 and 10,000 structs of 8 fields each (100 structs per .abi file), with wall time and
# peak memory.
# Usage: tests/perf/compile-scaling.sh [runs per size, default 3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/abic" --version >/dev/null   # builds the CLI if needed, outside the measurement

gen() {  # gen N DIR: N structs in files of 100
    local n=$1 dir=$2 per=100 file=0 i
    mkdir -p "$dir"
    for ((i = 0; i < n; i++)); do
        if ((i % per == 0)); then
            file=$((i / per))
            {
                echo "package perf.f$file;"
                echo "const CAP_$file: u32 = 4;"
                echo "enum Kind$file : u16 { A = 0, B = 1, C = 2 }"
            } > "$dir/f$file.abi"
        fi
        cat >> "$dir/f$file.abi" <<ABI
/// Struct $i.
struct S$i {
    id: u64;
    a: u32 @ 8;
    b: u32;
    kind: Kind$file;
    c: u16;
    bytes: u8[CAP_$file];
    value: i64 @ 24;
    ratio: f64;
} size 40 align 8;
ABI
    done
}

printf '%-8s %-6s %10s %10s %12s\n' structs files "wall(s)" "peak(MiB)" "per-struct"
for n in 10 100 1000 10000; do
    gen "$n" "$work/in$n"
    best=""
    for ((r = 0; r < runs; r++)); do
        # A new output folder per run, deleted at the end: on ext4, files created soon after
        # thousands were deleted cost several times more (the kernel skips recently freed inodes),
        # which would measure this script's own clean-up rather than abic.
        out="$work/out$n-$r"
        /usr/bin/time -f '%e %M' -o "$work/time" "$root/abic" generate -q --cpp-out "$out/cpp" --java-out "$out/java" "$work/in$n"
        read -r wall kib < "$work/time"
        if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; bestkib=$kib; fi
    done
    files=$(ls "$work/in$n" | wc -l)
    per=$(awk "BEGIN{printf \"%.3f ms\", 1000*$best/$n}")
    printf '%-8s %-6s %10s %10d %12s\n' "$n" "$files" "$best" "$((bestkib / 1024))" "$per"
done
