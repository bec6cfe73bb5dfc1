#!/bin/bash
# One million Monte Carlo runs of the baseline as a Slurm job array of 20 shards.
#
# Before submitting:
# - Submit from the repository root: the job runs in the folder it was submitted from, and
#   the scenario, results/ and logs/ paths below are relative to it (so is the scenario path
#   each partial records, which `merge` reads back).
# - `statecraft` must be on PATH on the compute nodes (for instance `cargo install --path
#   crates/cli`, or target/release/statecraft copied to a shared bin/ folder on PATH).
# - Create logs/ first: Slurm opens --output=logs/... before this script runs, and a missing
#   folder fails every task before it starts.
#
#   mkdir -p logs results
#   sbatch docs/cluster/slurm-array.sh                 # or: sbatch --wait ... to block until done
#
# Merge when every task has finished (`sacct -j JOBID` shows them COMPLETED):
#   statecraft merge results/part-*.json --format json --out results/baseline-mc.json
# --out writes a temporary file and renames it into place, so the merged file is either whole
# or absent; `merge ... > file` would leave a half-written file if merge stopped midway.
# If a shard failed, merge refuses the set; run that one again, e.g. the 7th, then merge:
#   sbatch --array=7 docs/cluster/slurm-array.sh
#
# SHARDS must match the size of --array (change both together); RUNS and SEED may be set in
# the environment at submission (sbatch passes it on), e.g.
#   SHARDS=50 sbatch --array=1-50 docs/cluster/slurm-array.sh
#
# Scoring a forecast the same way: COMMAND=score runs `statecraft score --shard` on SCENARIO
# and writes results/score-part-I.json; `merge` then prints what `score` prints unsharded:
#   COMMAND=score SCENARIO=scenarios/south-caucasus/forecast-2025-05.toml RUNS=100000 \
#     sbatch docs/cluster/slurm-array.sh
#   statecraft merge results/score-part-*.json
# COMMAND=calibrate and COMMAND=sensitivity shard the same way (results/calibrate-part-I.json,
# results/sensitivity-part-I.json); ARGS passes their own options (split on spaces):
#   COMMAND=calibrate SCENARIO=scenarios/south-caucasus/forecast-2025-05.toml RUNS=1000 \
#     ARGS="--draws 400" sbatch docs/cluster/slurm-array.sh
#   COMMAND=sensitivity SCENARIO=scenarios/south-caucasus/forecast-2025-05.toml RUNS=10000 \
#     ARGS="--outcome epf-armenia-2025 --at 2026-01-31" sbatch docs/cluster/slurm-array.sh
#   statecraft merge results/calibrate-part-*.json   # runs the fitted values itself
#SBATCH --job-name=statecraft-mc
#SBATCH --array=1-20
#SBATCH --cpus-per-task=8
#SBATCH --time=00:20:00
#SBATCH --output=logs/%x-%A_%a.out
set -euo pipefail
SHARDS="${SHARDS:-20}"
RUNS="${RUNS:-1000000}"
SEED="${SEED:-2026}"
COMMAND="${COMMAND:-mc}"
SCENARIO="${SCENARIO:-scenarios/south-caucasus/baseline.toml}"
ARGS="${ARGS:-}"
case "${COMMAND}" in
  mc) PREFIX=part ;;
  score | calibrate | sensitivity) PREFIX="${COMMAND}-part" ;;
  *) echo "COMMAND must be mc, score, calibrate or sensitivity, not ${COMMAND}" >&2; exit 2 ;;
esac
# Slurm numbers array tasks from 1 here, as --shard does.
if [ "${SLURM_ARRAY_TASK_ID}" -lt 1 ] || [ "${SLURM_ARRAY_TASK_ID}" -gt "${SHARDS}" ]; then
  echo "array task ${SLURM_ARRAY_TASK_ID} is outside 1..${SHARDS}: set SHARDS to the array size" >&2
  exit 2
fi
mkdir -p results
# ARGS is split on spaces on purpose: it holds several options.
# shellcheck disable=SC2086
statecraft "${COMMAND}" "${SCENARIO}" ${ARGS} \
  --runs "${RUNS}" --seed "${SEED}" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" \
  --threads "${SLURM_CPUS_PER_TASK:-1}" --quiet \
  --out "results/${PREFIX}-${SLURM_ARRAY_TASK_ID}.json"
