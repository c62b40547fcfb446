#!/usr/bin/env bash
# Fyr's speed on this machine, next to the memory read bandwidth measured in
# the same run (so "share of bandwidth" compares like with like).
#
#   tests/bench/run_benchmarks.sh [--build DIR] [--threads N] [--reps R]
#                                 [--types "q4_0 q8_0"] [--llama-bench PATH]
#
# Makes the benchmark models on first use (random weights, Llama-2's 32000-token
# SPM vocabulary, 850 M parameters: llama, n_embd 2048, 16 layers, 16 heads,
# 4 KV heads, n_ff 5632) in $FYR_BENCH_MODELS (default <build>/bench-models),
# then for each type runs `fyrctl bench -p 512 -n 128` and, with --llama-bench,
# llama.cpp's llama-bench on the same file. Prints a Markdown table; the raw JSON
# lines go to <build>/bench-results.jsonl.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="$root/build/release"
threads=2
reps=3
types="q4_0 q8_0"
llama_bench=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --build) build="$(cd "$2" && pwd)"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --reps) reps="$2"; shift 2 ;;
        --types) types="$2"; shift 2 ;;
        --llama-bench) llama_bench="$2"; shift 2 ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run_benchmarks.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

fyrctl="$build/bin/fyrctl"
probe="$build/bin/fyr_read_bandwidth"
for tool in "$fyrctl" "$probe"; do
    [[ -x "$tool" ]] || { echo "run_benchmarks.sh: $tool is missing; build first (cmake --build $build)" >&2; exit 1; }
done
command -v jq >/dev/null || { echo "run_benchmarks.sh: needs jq (apt-get install jq)" >&2; exit 1; }
shared="${FYR_SHARED_DIR:-$root/../shared}"
vocab="$shared/models/vocab/ggml-vocab-llama-spm.gguf"
models="${FYR_BENCH_MODELS:-$build/bench-models}"
mkdir -p "$models"
results="$build/bench-results.jsonl"
: > "$results"

for t in $types; do
    m="$models/bench-850m-$t.gguf"
    if [[ ! -f "$m" ]]; then
        [[ -f "$vocab" ]] || { echo "run_benchmarks.sh: the vocabulary $vocab is missing" >&2; exit 1; }
        echo "making $m ..." >&2
        "$fyrctl" make-test-model "$m" --arch llama --n-embd 2048 --n-layer 16 --n-head 16 --n-head-kv 4 \
            --n-ff 5632 --vocab-from "$vocab" --type "$t" --seed 1 >&2
    fi
done

probe_before=$("$probe" --threads "$threads" --json)
bw_before=$(echo "$probe_before" | jq -r .read_bandwidth_gb_s)
echo "read bandwidth before: $bw_before GB/s best pass, $(echo "$probe_before" | jq -r .median_gb_s) median ($threads threads)" >&2

rows=()
for t in $types; do
    m="$models/bench-850m-$t.gguf"
    fj=$("$fyrctl" bench -m "$m" -p 512 -n 128 -t "$threads" -r "$reps" --json)
    echo "$fj" >> "$results"
    lpp="-"; ltg="-"
    if [[ -n "$llama_bench" ]]; then
        lj=$("$llama_bench" -m "$m" -p 512 -n 128 -t "$threads" -r "$reps" -o json 2>/dev/null)
        echo "$lj" | jq -c '.[]' >> "$results"
        lpp=$(echo "$lj" | jq -r '.[] | select(.n_prompt > 0) | "\(.avg_ts | .*10 | round / 10) ± \(.stddev_ts | .*10 | round / 10)"')
        ltg=$(echo "$lj" | jq -r '.[] | select(.n_gen > 0) | "\(.avg_ts | .*10 | round / 10) ± \(.stddev_ts | .*10 | round / 10)"')
    fi
    rows+=("$t|$fj|$lpp|$ltg")
done

probe_after=$("$probe" --threads "$threads" --json)
bw_after=$(echo "$probe_after" | jq -r .read_bandwidth_gb_s)
echo "read bandwidth after: $bw_after GB/s best pass, $(echo "$probe_after" | jq -r .median_gb_s) median" >&2
echo "$probe_before" >> "$results"
echo "$probe_after" >> "$results"
# The share is taken of the best pass before or after (the peak the threads
# reached together); the median pass's share is shown beside it.
bw=$(jq -n "[$bw_before, $bw_after] | max")
bw_median=$(jq -n "[$(echo "$probe_before" | jq -r .median_gb_s), $(echo "$probe_after" | jq -r .median_gb_s)] | max")

echo
echo "Read bandwidth (fyr_read_bandwidth, $threads threads reading together, before and after): best pass $bw GB/s, median pass $bw_median GB/s"
echo
echo "| model | size MiB | Fyr pp512 tok/s | Fyr tg128 tok/s | tg GB/s | share of best pass | share of median pass | peak RSS MiB | llama.cpp pp512 | llama.cpp tg128 |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for row in "${rows[@]}"; do
    IFS='|' read -r t fj lpp ltg <<< "$row"
    echo "$fj" | jq -r --arg t "$t" --arg bw "$bw" --arg bwm "$bw_median" --arg lpp "$lpp" --arg ltg "$ltg" '
        def r1: . * 10 | round / 10;
        "| 850M \($t) | \(.model_bytes / 1048576 | r1) | \(.prompt_tokens_per_s | r1) ± \(.prompt_tokens_per_s_stddev | r1) | \(.gen_tokens_per_s | r1) ± \(.gen_tokens_per_s_stddev | r1) | \(.gen_bandwidth_gb_s | r1) | \(.gen_bandwidth_gb_s / ($bw | tonumber) * 100 | round)% | \(.gen_bandwidth_gb_s / ($bwm | tonumber) * 100 | round)% | \(.peak_rss_bytes / 1048576 | r1) | \($lpp) | \($ltg) |"'
done
