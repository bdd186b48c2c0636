#!/usr/bin/env python3
"""The README's verdict table from the committed worlds sweep: per world and S, each WSAE's L_GT and MCC against the
SAE's on the same seeds (paired: the SAE and the WSAEs of one seed see the same W_p and the same data).

Usage: python3 assets/sweep/worlds/summarise.py [assets/sweep/worlds] > table.md
A difference is marked **yes** when a paired two-sided t-test over the seeds rejects "no difference" at 5%
(|mean difference| > t₀.₉₇₅(seeds − 1) × its standard error; with 3 seeds t = 4.30).
"""
import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

WORLDS = [("uniform", "uniform (toy model, all features equal)"),
          ("importance-0.9", "toy model, importance 0.9^i"),
          ("importance-0.7", "toy model, importance 0.7^i"),
          ("zipf", "Zipf frequencies (exponent 1)"),
          ("groups", "correlated groups of 4"),
          ("hierarchy", "hierarchy, 10 parents × 3 children")]


T975 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26}


def significant(mean, se, n):
    return se == se and n >= 2 and abs(mean) > T975.get(n - 1, 2.0) * se


def paired(sae, other):
    d = [o - s for s, o in zip(sae, other)]
    mean = sum(d) / len(d)
    if len(d) < 2:
        return mean, float("nan")
    sd = math.sqrt(sum((x - mean) ** 2 for x in d) / (len(d) - 1))
    return mean, sd / math.sqrt(len(d))


def main():
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "assets/sweep/worlds")
    print("| world | S | SAE L_GT | WSAE (variance) ΔL_GT | WSAE (oracle) ΔL_GT | WSAE (raw γ) ΔL_GT | SAE MCC | ΔMCC variance | ΔMCC oracle | γ range (variance) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, label in WORLDS:
        path = folder / f"{name}.csv"
        if not path.exists():
            continue
        cells = defaultdict(dict)  # (S, model) -> seed -> row
        for row in csv.DictReader(path.open()):
            cells[(float(row["sparsity"]), row["model"])][row["seed"]] = row
        for s in sorted({k[0] for k in cells}):
            sae = cells.get((s, "SAE"), {})
            seeds = sorted(sae)
            if not seeds:
                continue
            sae_l = [float(sae[x]["lossGT"]) for x in seeds]
            sae_m = [float(sae[x]["mcc"]) for x in seeds]
            out = [label, f"{s:g}", f"{sum(sae_l) / len(sae_l):.4g}"]
            for model in ("WSAE", "WSAE (oracle)", "WSAE (raw γ)"):
                runs = cells.get((s, model), {})
                if sorted(runs) != seeds:
                    out.append("–")
                    continue
                mean, se = paired(sae_l, [float(runs[x]["lossGT"]) for x in seeds])
                rel = 100 * mean / (sum(sae_l) / len(sae_l))
                real = significant(mean, se, len(seeds))
                out.append(f"{rel:+.1f}%{' **yes**' if real else ''}")
            out.append(f"{sum(sae_m) / len(sae_m):.3f}")
            for model in ("WSAE", "WSAE (oracle)"):
                runs = cells.get((s, model), {})
                if sorted(runs) != seeds:
                    out.append("–")
                    continue
                mean, se = paired(sae_m, [float(runs[x]["mcc"]) for x in seeds])
                out.append(f"{mean:+.3f}{' **yes**' if significant(mean, se, len(seeds)) else ''}")
            gammas = [float(g) for x in seeds if (s, "WSAE") in cells
                      for g in cells[(s, "WSAE")][x]["weights"].split()]
            out.append(f"{min(gammas):.2f}–{max(gammas):.2f}" if gammas else "–")
            print("| " + " | ".join(out) + " |")


if __name__ == "__main__":
    main()
