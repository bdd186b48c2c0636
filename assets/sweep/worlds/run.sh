#!/usr/bin/env bash
# The committed sweep over worlds (README, "Where does reweighting help?"): the SAE against the WSAE with variance and
# with oracle weights on six worlds (and, on the paper's uniform world, the WSAE with the paper's unscaled γ too);
# n = 40 features in n_p = 10 dimensions, n_m = 40 latents, λ = 0.1, Adam 0.01 (the defaults), 2,000 steps, 3 seeds.
# About an hour on a 2-core CPU. Run from the repository root after `mvn -DskipTests package`.
set -euo pipefail
out=assets/sweep/worlds
grid=0,0.6,0.9,0.99
common=(--latents 40 --l1 0.1 --lr 0.01 --steps 2000 --seeds 3 --sparsities "$grid" --force)
toy=(--toy-features 40 --toy-dims 10 --toy-sparsity 0.99)
run() { local name=$1; shift; target/sae-explorer sweep "$@" "${common[@]}" --out "$out/$name.csv"; }
both=(--wsae-weighting variance,oracle)
run uniform "${toy[@]}" --wsae-weighting variance,oracle,variance-raw
run importance-0.9 "${toy[@]}" --toy-importance 0.9 "${both[@]}"
run importance-0.7 "${toy[@]}" --toy-importance 0.7 "${both[@]}"
run zipf --world "$out/zipf.json" "${both[@]}"
run groups --world "$out/groups.json" "${both[@]}"
run hierarchy --world "$out/hierarchy.json" "${both[@]}"
for name in uniform importance-0.9 importance-0.7 zipf groups hierarchy; do
    target/sae-explorer figures --in "$out/$name.csv" --out-dir "$out/$name" --force
done
