#!/usr/bin/env bash
# Fuzzes the recipe pipeline (parse, fmt, resolve, render) with libFuzzer for SECONDS, one job,
# then merges the inputs that found new coverage into the committed corpus fuzz/corpus/.
# Exits with libFuzzer's status: non-zero when it found a crash, a leak or a timeout (the
# reproducer's path is printed). Extra arguments go to libFuzzer, e.g. `-fork=1 -ignore_crashes=1`
# to keep going past a known crash, or `-seed=1` to repeat a run. See fuzz/README.md.
#
# usage: scripts/fuzz.sh [SECONDS] [LIBFUZZER-FLAG...]      (default 60 seconds)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
out=.build-fuzz
bin="$out/fuzz-recipe"
mkdir -p "$out/artifacts" "$out/corpus"

# Build: VMTCore and VMTRecipe as static libraries (VMTRecipe imports VMTCore), then the harness,
# all instrumented for libFuzzer (-sanitize=fuzzer: edge and trace-cmp coverage; libFuzzer itself
# is linked into the executable only) and AddressSanitizer. Each step reruns only when one of its
# inputs is newer than its output.
flags=(-parse-as-library -O -g -wmo -j 1 -sanitize=fuzzer,address)
stale() {  # stale OUTPUT INPUT...: whether OUTPUT is missing or older than an input
  local output="$1"; shift
  [[ ! -e "$output" || -n "$(find "$@" -newer "$output" -print -quit)" ]]
}
quiet_link() {  # the linker warns about every ASan helper symbol it cannot export; drop those
  "$@" 2> >(grep -v "Cannot export local symbol '__asan" >&2)
}
if stale "$out/libVMTCore.a" Sources/VMTCore; then
  echo "building VMTCore ..." >&2
  swiftc "${flags[@]}" -module-name VMTCore -emit-module -emit-module-path "$out/VMTCore.swiftmodule" \
    -emit-library -static -o "$out/libVMTCore.a" Sources/VMTCore/*.swift
fi
if stale "$out/libVMTRecipe.a" Sources/VMTRecipe "$out/libVMTCore.a"; then
  echo "building VMTRecipe ..." >&2
  swiftc "${flags[@]}" -module-name VMTRecipe -I "$out" -emit-module -emit-module-path "$out/VMTRecipe.swiftmodule" \
    -emit-library -static -o "$out/libVMTRecipe.a" Sources/VMTRecipe/*.swift
fi
if stale "$bin" fuzz/FuzzRecipe.swift "$out/libVMTRecipe.a" "$out/libVMTCore.a"; then
  echo "building $bin ..." >&2
  quiet_link swiftc "${flags[@]}" -module-name FuzzRecipe -I "$out" -L "$out" -lVMTRecipe -lVMTCore -o "$bin" \
    fuzz/FuzzRecipe.swift
fi

# Seeds: the example recipes, the test fixtures and fuzz/seeds (recipes that play with the
# harness's fixed siblings), flattened into one folder under their paths.
seeds="$out/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"
shopt -s globstar nullglob
for file in scenarios.d/**/*.vmt grammar/examples/*.vmt Tests/VMTRecipeTests/Fixtures/fmt/*.in \
            Tests/VMTCommandLineTests/Fixtures/diagnostics/**/*.vmt fuzz/seeds/*.vmt; do
  cp "$file" "$seeds/seed-${file//\//_}"
done
mkdir -p fuzz/corpus

# The run: one process, new inputs go to the working corpus (the first folder).
started="$out/.started"
touch "$started"
status=0
"$bin" "$out/corpus" "$seeds" fuzz/corpus -dict=fuzz/recipe.dict -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$out/artifacts/" "$@" || status=$?

# The merge: what the seeds already cover stays out; the rest of the edge coverage (not the
# hit counts, which would keep thousands of files), with as few inputs as libFuzzer can, replaces
# fuzz/corpus. The working corpus .build-fuzz/corpus keeps everything for the next local run.
merged="$out/merged"
rm -rf "$merged"
mkdir -p "$merged"
cp "$seeds"/* "$merged"/
echo "merging into fuzz/corpus ..." >&2
if "$bin" -merge=1 -use_counters=0 -max_len=4096 -timeout=10 -rss_limit_mb=2048 -dict=fuzz/recipe.dict "$merged" fuzz/corpus "$out/corpus" \
     >"$out/merge.log" 2>&1; then
  rm -f "$merged"/seed-*
  rm -rf fuzz/corpus
  mv "$merged" fuzz/corpus
  echo "fuzz/corpus: $(find fuzz/corpus -type f | wc -l) files, $(cat fuzz/corpus/* /dev/null | wc -c) bytes" >&2
else
  echo "merge failed (fuzz/corpus unchanged); see $out/merge.log" >&2
fi

if ((status != 0)); then
  echo "libFuzzer exited with status $status; reproducers:" >&2
  find "$out/artifacts" -type f -newer "$started" | sed 's/^/  /' >&2
  echo "reproduce with: $bin <file>; minimize with: $bin -minimize_crash=1 -runs=100000 <file>" >&2
fi
exit "$status"
