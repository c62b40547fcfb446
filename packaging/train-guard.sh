#!/usr/bin/env bash
# Retrains the guard's injection classifier on the labelled corpus and measures
# it: run after editing tests/data/guard/corpus.jsonl, then commit
# resources/guard/classifier.json. holdout.jsonl is never trained on.
#   packaging/train-guard.sh [BUILD_DIR]     (default build/release)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build/release}"
cmake --build "$build" --target fyrctl >/dev/null
fyrctl="$build/bin/fyrctl"
"$fyrctl" guard train "$root/tests/data/guard/corpus.jsonl" --out "$root/resources/guard/classifier.json"
# Measure with the files just written (the built-in copy is only refreshed by the next build).
"$fyrctl" guard eval --policy "$root/resources/guard/policy.json" \
    "$root/tests/data/guard/corpus.jsonl" "$root/tests/data/guard/holdout.jsonl"
