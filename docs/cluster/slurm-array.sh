#!/bin/bash
# One million Monte Carlo runs of the baseline as a Slurm job array of 20 shards.
# Submit:  sbatch docs/cluster/slurm-array.sh
# Merge:   statecraft merge results/part-*.json --format json > results/baseline-mc.json
#SBATCH --job-name=statecraft-mc
#SBATCH --array=1-20
#SBATCH --cpus-per-task=8
#SBATCH --time=00:20:00
#SBATCH --output=logs/%x-%A_%a.out
set -euo pipefail
SHARDS=20
mkdir -p results logs
# Slurm numbers array tasks from 1 here, as --shard does.
statecraft mc scenarios/south-caucasus/baseline.toml \
  --runs 1000000 --seed 2026 \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" \
  --threads "${SLURM_CPUS_PER_TASK}" --quiet \
  --out "results/part-${SLURM_ARRAY_TASK_ID}.json"
