#!/usr/bin/env bash
# Runs the simulator on row ROW of a job list written by `vmt-dsl list --format csv`.
#
#   usage: run-one.sh JOBS.csv ROW        (ROW counts data rows from 1; the header is row 0)
#
# The command run is, for the row's scenario file and values:
#
#   $SIMULATOR OUT/OUTPUT --seed SEED [--vary FIELD=VALUE]...
#
# one --vary per varied field other than the seed (the `vary.FIELD` columns). That command line
# is ILLUSTRATIVE: change the last lines of this script to what your simulator takes.
#   SIMULATOR  the program and its first arguments (default: "python main.py"); word-split
#   OUT        the folder `vmt-dsl build` wrote into (default: scenarios)
# Shared by run-local.sh (GNU parallel or xargs -P) and slurm-array.sbatch (one row per task).
set -euo pipefail

jobs_file=${1:?usage: run-one.sh JOBS.csv ROW}
row=${2:?usage: run-one.sh JOBS.csv ROW}
out=${OUT:-scenarios}
read -r -a simulator <<< "${SIMULATOR:-python main.py}"

case $row in
  '' | *[!0-9]* | 0) echo "run-one.sh: ROW must be a number from 1 (got '$row')" >&2; exit 2 ;;
esac
header=$(head -n 1 "$jobs_file")
line=$(sed -n "$((row + 1))p" "$jobs_file")
if [[ -z $line ]]; then
  echo "run-one.sh: $jobs_file has no row $row" >&2
  exit 2
fi
# Plain comma splitting: refuse the rare row that needed CSV quoting (a comma or quote in a
# path or value) rather than misread it.
if [[ $line == *'"'* ]]; then
  echo "run-one.sh: row $row of $jobs_file is quoted CSV; read it with a CSV parser instead" >&2
  exit 2
fi
IFS=, read -r -a names <<< "$header"
IFS=, read -r -a cells <<< "$line,"   # the trailing comma keeps a last empty cell

output='' seed=''
vary=()
for i in "${!names[@]}"; do
  name=${names[$i]}
  value=${cells[$i]:-}
  case $name in
    output) output=$value ;;
    seed) seed=$value ;;
    vary.seed) ;;  # the seed is passed as --seed already
    vary.*) [[ -n $value ]] && vary+=(--vary "${name#vary.}=$value") ;;
  esac
done

exec "${simulator[@]}" "$out/$output" --seed "$seed" ${vary[@]+"${vary[@]}"}
