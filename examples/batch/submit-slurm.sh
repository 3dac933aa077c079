#!/usr/bin/env bash
# Builds a sweep and submits it to Slurm as one array job, one task per scenario.
#
#   usage: submit-slurm.sh [PATH...] [-- SBATCH_FLAGS...]     (default PATH: scenarios.d)
#
# Writes the job list to $OUT/jobs.csv (it must stay readable by the compute nodes until the
# tasks have run), then: sbatch --array=1-COUNT%$MAX_RUNNING slurm-array.sbatch $OUT/jobs.csv
# A sweep of more than $MAX_ARRAY scenarios (default 1000: Slurm's MaxArraySize is often 1001)
# goes in several array jobs, each with ROW_OFFSET set to the rows before it.
#   SIMULATOR, OUT, VMT_DSL as for run-local.sh; MAX_RUNNING tasks at once per array (default 50).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
vmt_dsl=${VMT_DSL:-vmt-dsl}
export OUT=${OUT:-scenarios}
paths=()
while (($#)) && [[ $1 != -- ]]; do paths+=("$1"); shift; done
(($#)) && shift   # drop the --

"$vmt_dsl" build ${paths[@]+"${paths[@]}"} --out "$OUT" >&2
"$vmt_dsl" list ${paths[@]+"${paths[@]}"} --format csv > "$OUT/jobs.csv"
count=$(($(wc -l < "$OUT/jobs.csv") - 1))
if ((count == 0)); then echo "nothing to run" >&2; exit 0; fi
# SIMULATOR, OUT, VMT_BATCH_DIR and ROW_OFFSET reach the tasks through sbatch's default --export=ALL.
export VMT_BATCH_DIR=$here
chunk=${MAX_ARRAY:-1000}
for ((offset = 0; offset < count; offset += chunk)); do
  size=$((count - offset < chunk ? count - offset : chunk))
  ROW_OFFSET=$offset sbatch --array="1-$size%${MAX_RUNNING:-50}" "$@" "$here/slurm-array.sbatch" "$OUT/jobs.csv"
done
