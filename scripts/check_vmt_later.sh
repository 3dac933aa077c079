#!/usr/bin/env bash
# VMT's own scenario files at its later commit (6f7b3c7, target 2025-11) import and rebuild to
# the same scenario: each file is imported (the target detected from its keys), the recipes are
# built with `--vmt 2025-11` (the target of every recipe without a `vmt` line), each built file
# is checked by the shared validator under 6f7b3c7's rules, and its loaded meaning under those
# rules (read by PyYAML, defaults filled in, a scalar stock as a list, M stock and keys the
# loader ignores left out) is compared with the original's. Everything happens in a temporary
# folder: no file of VMT's repository is copied into this one (its files may not be committed).
#
# usage: scripts/check_vmt_later.sh VMT_DEV [REV]
#   VMT_DEV  a clone of cmfunderburk/vmt-dev: its checkout or its git dir (a bare mirror works)
#   REV      the commit to read (default 6f7b3c7)
# env: VMT_DSL (default: build with `swift build`, use .build/debug/vmt-dsl),
#      VALIDATOR (default: ../shared/tools/validate_scenario.py next to the clone)
# Prints one line per file (PASS or FAIL and why) and a total; exits 1 when any file fails.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 1 ]] || { sed -n 2,15p "$0" >&2; exit 2; }
source_repo="$1"
rev="${2:-6f7b3c7}"
if [[ -z "${VMT_DSL:-}" ]]; then
  swift build >/dev/null
  VMT_DSL="$PWD/.build/debug/vmt-dsl"
fi
validator="${VALIDATOR:-$PWD/../shared/tools/validate_scenario.py}"
[[ -f "$validator" ]] || { echo "validator not found: $validator (set VALIDATOR)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/original" "$work/project/scenarios.d"

# The scenario files at REV, each under its file name (they are unique in VMT's tree).
files=$(git -C "$source_repo" ls-tree -r --name-only "$rev" -- scenarios/ | grep -E '\.ya?ml$')
count=0
for path in $files; do
  git -C "$source_repo" show "$rev:$path" >"$work/original/$(basename "$path")"
  count=$((count + 1))
done
echo "$count scenario files at $rev"

failed=0
cd "$work/project"
for original in "$work"/original/*; do
  name=$(basename "$original")
  stem="${name%.*}"
  if ! "$VMT_DSL" import "$original" >"$work/import.log" 2>&1; then
    echo "FAIL $name: import: $(grep -m1 -E 'error' "$work/import.log" || tail -1 "$work/import.log")"
    failed=$((failed + 1))
    continue
  fi
  warnings=$(grep -c 'warning:' "$work/import.log" || true)
  if ! "$VMT_DSL" build --vmt 2025-11 "scenarios.d/$stem.vmt" >"$work/build.log" 2>&1; then
    echo "FAIL $name: build: $(grep -m1 -E 'error' "$work/build.log" || tail -1 "$work/build.log")"
    failed=$((failed + 1))
    continue
  fi
  built="scenarios/$stem.yaml"
  if ! python3 "$validator" --vmt "$rev" "$built" >"$work/validate.log" 2>&1; then
    echo "FAIL $name: validate_scenario.py --vmt $rev: $(head -1 "$work/validate.log")"
    failed=$((failed + 1))
    continue
  fi
  if ! difference=$(python3 - "$original" "$built" <<'PY'
import sys, yaml
# VMT 6f7b3c7's loader (spec/vmt-loader.md): what it reads, with its defaults.
DEFAULTS = {"spread": 0.0, "vision_radius": 5, "interaction_radius": 1, "move_budget_per_tick": 1, "forage_rate": 1,
            "epsilon": 1e-12, "beta": 0.95, "resource_growth_rate": 0, "resource_max_amount": 5,
            "resource_regen_cooldown": 5, "trade_cooldown_ticks": 5, "enable_resource_claiming": True,
            "enforce_single_harvester": True, "log_preferences": False}
GAMMA_DEFAULT = {"quadratic": {"gamma": 0.0}}
def loaded(path):
    with open(path, encoding="utf-8") as f:
        doc = yaml.safe_load(f)
    n = doc["agents"]
    stock = {g: (v if isinstance(v, list) else [v] * n) for g, v in doc["initial_inventories"].items() if g in ("A", "B")}
    params = dict(DEFAULTS)
    params.update({k: v for k, v in (doc.get("params") or {}).items() if k in DEFAULTS})
    mix = [(u["type"], float(u["weight"]), {**GAMMA_DEFAULT.get(u["type"], {}), **(u.get("params") or {})}) for u in doc["utilities"]["mix"]]
    protocols = {}
    for key in ("search_protocol", "matching_protocol", "bargaining_protocol"):
        value = doc.get(key)
        if value is not None:
            protocols[key] = (value.get("name"), value.get("params") or {}) if isinstance(value, dict) else (value, {})
    schedule = doc.get("mode_schedule")
    if schedule is not None:
        schedule = dict(schedule)
        schedule.setdefault("start_mode", "forage")
    return {"schema_version": doc["schema_version"], "name": doc["name"], "N": doc["N"], "agents": n, "stock": stock,
            "mix": mix, "params": params, "resource_seed": {k: doc["resource_seed"][k] for k in ("density", "amount")},
            "mode_schedule": schedule, "protocols": protocols}
a, b = loaded(sys.argv[1]), loaded(sys.argv[2])
different = [k for k in a if a[k] != b[k]]
if different:
    print(", ".join(f"{k}: {a[k]!r} != {b[k]!r}" for k in different))
    sys.exit(1)
PY
); then
    echo "FAIL $name: loaded scenario differs under $rev's rules: $difference"
    failed=$((failed + 1))
    continue
  fi
  echo "PASS $name ($warnings import warning(s))"
done
echo "$((count - failed)) passed, $failed failed"
[[ $failed -eq 0 ]]
