#!/usr/bin/env bash
# PS-Eval benchmark (issue 4): a randomly initialised GPT-2-small-shaped model (12 layers, 12 heads, d_model 768) and a
# 24,576-feature SAE at blocks.4.hook_resid_pre, over the WiC test split (1,400 pairs). Prints
#   - the forward pass's tokens per second on exactly the token sequences pseval runs (BOS + prompt up to the target),
#     for SAE Explorer and for an independent numpy (OpenBLAS) forward pass on the same weights, side by side, and
#     their ratio: one sequence at a time, and 16 sequences stacked through every matrix product (what pseval does);
#   - pseval's pairs per second end to end (tokenising, model, SAE, metrics and the logit lens of every max feature).
#   bench/lm/pseval.sh [WIC_DIR] [WORK_DIR]     (build first: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
wic=${1:-../shared/data/wic}
work=${2:-${TMPDIR:-/tmp}/sae-explorer-bench-lm}
[ -x target/sae-explorer ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
[ -d "$wic/test" ] || { echo "no WiC test split under $wic" >&2; exit 2; }
if [ ! -f "$work/sae-random/sae_weights.safetensors" ]; then
  python3 bench/lm/make_bench_model.py "$work"
fi
model="$work/gpt2-random"
sae="$work/sae-random"

java_json=$(target/sae-explorer bench-forward --model "$model" --data "$wic" --split test --json \
  --write-tokens "$work/tokens.jsonl" 2>/dev/null)
numpy_json=$(python3 bench/lm/numpy_forward.py "$model" "$work/tokens.jsonl")
# 16 sequences stacked per run, as pseval runs 8 pairs at a time
java16_json=$(target/sae-explorer bench-forward --model "$model" --data "$wic" --split test --batch 16 --json \
  2>/dev/null)
numpy16_json=$(python3 bench/lm/numpy_forward.py "$model" "$work/tokens.jsonl" --batch 16)
start=$(date +%s.%N)
target/sae-explorer pseval --model "$model" --sae "$sae" --data "$wic" --split test --json >"$work/pseval.json" \
  2>/dev/null
end=$(date +%s.%N)

python3 - "$java_json" "$numpy_json" "$java16_json" "$numpy16_json" "$work/pseval.json" "$start" "$end" <<'PY'
import json, sys
java, numpy, java16, numpy16 = (json.loads(a) for a in sys.argv[1:5])
with open(sys.argv[5]) as f:
    ps = json.load(f)
seconds = float(sys.argv[7]) - float(sys.argv[6])
for a, b in ((java, numpy), (java16, numpy16)):
    assert a["tokens"] == b["tokens"], "both sides must run the same sequences"
    for r in (a, b):
        print(f"{r['implementation']:58s} batch {r['batch']:2d} {r['tokensPerSecond']:8.0f} tokens/s  "
              f"({r['sequences']} sequences, {r['tokens']} tokens, {r['seconds']:.1f} s)")
    print(f"forward pass ratio sae-explorer / numpy, batch {a['batch']}: "
          f"{a['tokensPerSecond'] / b['tokensPerSecond']:.2f}x")
print(f"pseval end to end: {ps['evaluated']} pairs evaluated, {ps['skipped']} skipped in {seconds:.1f} s "
      f"(JVM start and model/SAE loading included): {ps['evaluated'] / seconds:.1f} pairs/s")
PY
