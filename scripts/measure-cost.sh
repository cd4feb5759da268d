#!/usr/bin/env bash
# Measures what the generated bindings cost, on this machine, and prints a Markdown table:
#   - `cargo xtask gen` for the whole spec tree (best of 3, after a warm-up build of xtask);
#   - clean builds of generated/outboundbot, debug and release, default features and `cli`: the whole build
#     with its dependencies, and the crate alone (its dependencies already built);
#   - generated lines per operation;
#   - `cargo test --workspace` (warm: everything already built is excluded by building first).
# Each build uses its own target folder under $COST_TARGET (default: target/cost), so nothing is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${COST_TARGET:-target/cost}
mkdir -p "$base"

secs() { # command… → elapsed seconds with one decimal
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.1f}')"
}

cargo build -q -p xtask
best=""
for _ in 1 2 3; do
    t=$(secs cargo xtask gen --check)
    best=$(python3 -c "print(min(float('$t'), float('${best:-1e9}')))")
done
echo "| what | seconds |"
echo "| --- | --- |"
echo "| \`cargo xtask gen --check\`, whole tree (best of 3) | $best |"

for profile in debug release; do
    flag=""; [ "$profile" = release ] && flag="--release"
    for features in default cli; do
        fflag=""; [ "$features" = cli ] && fflag="--features cli"
        dir="$base/$profile-$features"
        rm -rf "$dir"
        # shellcheck disable=SC2086
        whole=$(secs cargo build -p outboundbot $flag $fflag --target-dir "$dir")
        # shellcheck disable=SC2086
        cargo clean -q -p outboundbot $flag --target-dir "$dir"
        # shellcheck disable=SC2086
        alone=$(secs cargo build -p outboundbot $flag $fflag --target-dir "$dir")
        echo "| clean $profile build, features $features: with dependencies / the crate alone | $whole / $alone |"
    done
done

ops=$(ls api-spec/*.yaml | grep -vc service.yaml)
lines=$(cat generated/outboundbot/src/*.rs | wc -l)
modules=$(ls generated/outboundbot/src/*.rs | grep -v -e '/lib.rs$' -e '/cli.rs$' -e '/client.rs$')
# shellcheck disable=SC2086
in_modules=$(cat $modules | wc -l)
# shellcheck disable=SC2086
code=$(cat $modules | grep -v -e '^\s*///' -e '^\s*//!' -e '^\s*$' | wc -l)
echo "| operations | $ops |"
echo "| generated lines: crate (src/*.rs) / per operation module / per module without doc comments | $lines / $((in_modules / ops)) / $((code / ops)) |"

cargo test -q --workspace --no-run >/dev/null 2>&1
t=$(secs cargo test -q --workspace)
echo "| \`cargo test --workspace\`, built | $t |"
