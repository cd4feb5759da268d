#!/usr/bin/env bash
# One fuzzing run of TARGET for SECONDS (single job: the machine's cores are shared):
#   ./run.sh TARGET SECONDS [MAX_LEN]
# The growing corpus is work/TARGET (not committed); the committed corpus/TARGET and seeds/TARGET are read as
# extra inputs. Crashes go to artifacts/TARGET/, the log (with the final stats) to logs/TARGET.log.
set -euo pipefail
cd "$(dirname "$0")"
target=$1 seconds=$2 max_len=${3:-8192}
mkdir -p "work/$target" "corpus/$target" "seeds/$target" "artifacts/$target" logs
cargo +nightly fuzz run -O "$target" "work/$target" "corpus/$target" "seeds/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
    -print_final_stats=1 -artifact_prefix="artifacts/$target/" >"logs/$target.log" 2>&1
