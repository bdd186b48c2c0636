#!/usr/bin/env bash
# The committed sweep over worlds (README, "Where does reweighting help?"): SAE against three WSAE weightings on six
# worlds, n = 40 features in n_p = 10 dimensions, n_m = 40 latents, the paper's λ = 0.1, 3 seeds. About an hour on a
# 2-core CPU. Run from the repository root after `mvn -DskipTests package`.
set -euo pipefail
out=assets/sweep/worlds
grid=0,0.5,0.8,0.9,0.95,0.99
common=(--latents 40 --l1 0.1 --steps 3000 --seeds 3 --sparsities "$grid"
        --wsae-weighting variance,oracle,variance-raw --force)
toy=(--toy-features 40 --toy-dims 10 --toy-sparsity 0.99)
run() { local name=$1; shift; target/sae-explorer sweep "$@" "${common[@]}" --out "$out/$name.csv"; }
run uniform "${toy[@]}"
run importance-0.9 "${toy[@]}" --toy-importance 0.9
run importance-0.7 "${toy[@]}" --toy-importance 0.7
run zipf --world "$out/zipf.json"
run groups --world "$out/groups.json"
run hierarchy --world "$out/hierarchy.json"
for name in uniform importance-0.9 importance-0.7 zipf groups hierarchy; do
    target/sae-explorer figures --in "$out/$name.csv" --out-dir "$out/$name" --force
done
