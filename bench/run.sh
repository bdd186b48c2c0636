#!/usr/bin/env bash
# Trains the WSAE paper's toy setting (n = 200, n_p = 20, n_m = 200, batch 1024, S = 0.9, ReLU + L1, Adam, decoder
# renormalisation) for a fixed number of steps with SAE Explorer and with an independent numpy implementation of the
# identical step, in one run, and prints samples per second of each and their ratio.
#   bench/run.sh [STEPS] [WARMUP]      (build first: mvn -B -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
steps=${1:-1000}
warmup=${2:-200}
[ -x target/sae-explorer ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 2; }

java_json=$(target/sae-explorer bench --steps "$steps" --warmup "$warmup" --json)
numpy_json=$(python3 bench/numpy_step.py --steps "$steps" --warmup "$warmup")
# For the record: the same step as a handful of ND4J operations (what a CUDA build runs); fewer steps, it is slow here.
nd4j_json=$(target/sae-explorer bench --engine nd4j --steps "$((steps / 10 + 1))" --warmup 10 --json)

python3 - "$java_json" "$numpy_json" "$nd4j_json" <<'PY'
import json, sys
java, numpy, nd4j = (json.loads(a) for a in sys.argv[1:4])
rows = [(java["implementation"], java["samplesPerSecond"]), (numpy["implementation"], numpy["samplesPerSecond"]),
        (nd4j["implementation"], nd4j["samplesPerSecond"])]
for name, sps in rows:
    print(f"{name:55s} {sps:14,.0f} samples/s")
print(f"ratio sae-explorer / numpy: {java['samplesPerSecond'] / numpy['samplesPerSecond']:.2f}x")
PY
