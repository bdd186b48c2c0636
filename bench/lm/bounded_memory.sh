#!/usr/bin/env bash
# Bounded-memory run of the feature store (issue 11): the random GPT-2-small-shaped model and 24,576-feature SAE at
# blocks.4.hook_resid_pre (bench/lm/make_bench_model.py) over 1,000,000 tokens of long documents (the Python standard
# library's text, bench/lm/stdlib_corpus.py: every context full length, the worst case for a store's size), k = 20,
# contexts of 128, in a 2 GB heap. Prints the build's JSON, the heap's peak from the GC log, the process's peak
# resident memory and the store's size on disk (targets: 2 GB heap, 500 MB store). About an hour on 2 cores.
#   bench/lm/bounded_memory.sh [MAX_TOKENS] [WORK_DIR]     (build first: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/../.."
max=${1:-1000000}
work=${2:-${TMPDIR:-/tmp}/sae-explorer-bench-lm}
[ -x target/sae-explorer ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
if [ ! -f "$work/sae-random/sae_weights.safetensors" ]; then
  python3 bench/lm/make_bench_model.py "$work"
fi
[ -f "$work/stdlib.txt" ] || python3 bench/lm/stdlib_corpus.py "$work/stdlib.txt"
rm -rf "$work/store-bounded" "$work/gc-bounded.log"
/usr/bin/time -v -o "$work/time-bounded.txt" env SAE_EXPLORER_OPTS="-Xmx2g -Xlog:gc:file=$work/gc-bounded.log" \
  target/sae-explorer feature-store --model "$work/gpt2-random" --sae "$work/sae-random" --corpus "$work/stdlib.txt" \
  --max-tokens "$max" --top-k 20 --context-size 128 --out "$work/store-bounded" --json 2>/dev/null
python3 - "$work" <<'PY'
import os, re, sys
work = sys.argv[1]
peak = live = 0
with open(os.path.join(work, "gc-bounded.log")) as f:
    for line in f:
        m = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
        if m:
            peak, live = max(peak, int(m.group(1))), max(live, int(m.group(2)))
full = sum(1 for line in open(os.path.join(work, "gc-bounded.log")) if "Pause Full" in line)
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)",
                    open(os.path.join(work, "time-bounded.txt")).read()).group(1))
store = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(os.path.join(work, "store-bounded"))
            for f in fs)
print(f"heap peak before a collection: {peak} MB of 2048, most live after one: {live} MB (full collections: {full}); "
      f"peak resident memory: {rss / 1024:.0f} MB; store on disk: {store / 1e6:.0f} MB (limit 500)")
PY
