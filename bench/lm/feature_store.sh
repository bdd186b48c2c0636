#!/usr/bin/env bash
# Feature-store benchmark (issue 11): a randomly initialised GPT-2-small-shaped model and a 24,576-feature SAE at
# blocks.4.hook_resid_pre over WiC test sentences. Prints SAE Explorer's feature-store build (forward to the hook,
# encode, per-feature statistics and top-k, second pass over the chosen contexts) beside an independent numpy (OpenBLAS)
# implementation of the same work on the same contexts, in tokens per second, and their ratio.
#   bench/lm/feature_store.sh [MAX_TOKENS] [WIC_DIR] [WORK_DIR]     (build first: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
max=${1:-5000}
wic=${2:-../shared/data/wic}
work=${3:-${TMPDIR:-/tmp}/sae-explorer-bench-lm}
[ -x target/sae-explorer ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
if [ ! -f "$work/sae-random/sae_weights.safetensors" ]; then
  python3 bench/lm/make_bench_model.py "$work"
fi
java_json=$(target/sae-explorer feature-store --model "$work/gpt2-random" --sae "$work/sae-random" --corpus "$wic" \
  --split test --max-tokens "$max" --out "$work/store" --force --write-contexts "$work/contexts.jsonl" --json \
  2>/dev/null)
numpy_json=$(python3 bench/lm/numpy_feature_store.py "$work/gpt2-random" "$work/sae-random" "$work/contexts.jsonl")
python3 - "$java_json" "$numpy_json" <<'PY'
import json, sys
j, n = json.loads(sys.argv[1]), json.loads(sys.argv[2])
assert j["tokens"] == n["tokens"], (j["tokens"], n["tokens"])
print(f"{j['tokens']} tokens in {j['contexts']} contexts, {j['features']} features")
print(f"SAE Explorer feature-store: {j['tokensPerSecond']:.0f} tokens/s ({j['seconds']:.1f} s, {j['deadFeatures']} dead)")
print(f"numpy (OpenBLAS):           {n['tokensPerSecond']:.0f} tokens/s ({n['seconds']:.1f} s, {n['deadFeatures']} dead)")
print(f"ratio (SAE Explorer / numpy): {j['tokensPerSecond'] / n['tokensPerSecond']:.2f}x")
PY
