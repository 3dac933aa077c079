#!/usr/bin/env bash
# Builds a sweep and runs the simulator on every scenario, several at a time, on this machine.
#
#   usage: run-local.sh [PATH...]         (default PATH: scenarios.d)
#
# 1. `vmt-dsl build PATH...` writes the scenarios into $OUT;
# 2. `vmt-dsl list PATH... --format csv` lists them, one row each, with seed and varied values;
# 3. every row is handed to run-one.sh, $JOBS at a time, by GNU parallel when it is installed,
#    otherwise by xargs -P (both ship with most systems; the result is the same).
#
#   SIMULATOR  what run-one.sh runs (default: "python main.py"; see run-one.sh)
#   OUT        the output folder (default: scenarios)
#   JOBS       how many at once (default: the number of cores)
#   VMT_DSL    the vmt-dsl executable (default: vmt-dsl)
#   RUNNER     force "parallel" or "xargs" (default: parallel if found)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
vmt_dsl=${VMT_DSL:-vmt-dsl}
export OUT=${OUT:-scenarios}
jobs=${JOBS:-$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)}
runner=${RUNNER:-}
if [[ -z $runner ]]; then
  if command -v parallel >/dev/null 2>&1 && parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
    runner=parallel
  else
    runner=xargs
  fi
fi

jobs_file=$(mktemp "${TMPDIR:-/tmp}/vmt-jobs.XXXXXX")
trap 'rm -f "$jobs_file"' EXIT
"$vmt_dsl" build "$@" --out "$OUT" >&2
"$vmt_dsl" list "$@" --format csv > "$jobs_file"
count=$(($(wc -l < "$jobs_file") - 1))
echo "running $count scenario(s), $jobs at a time, with $runner" >&2
if ((count == 0)); then exit 0; fi

if [[ $runner == parallel ]]; then
  # --halt soon,fail=1: after a failure start no new runs (xargs runs the rest, then exits 123).
  seq 1 "$count" | parallel --will-cite --halt soon,fail=1 -j "$jobs" "$here/run-one.sh" "$jobs_file" {}
else
  seq 1 "$count" | xargs -P "$jobs" -n 1 "$here/run-one.sh" "$jobs_file"
fi
