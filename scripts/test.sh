#!/usr/bin/env bash
# Runs every test of relecture on a fresh machine: the Rust toolchain is the only
# prerequisite; cargo fetches the crates. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Headless Chromium for the browser test of the HTML report (tests/report_browser.rs), and
# Grammalecte for the tests of `--with grammalecte` on the real program (tests/engines.rs).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v grammalecte-cli >/dev/null || missing+=(grammalecte-cli)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
cargo test --locked "$@"
