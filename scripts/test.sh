#!/usr/bin/env bash
# Runs every test of relecture on a fresh machine: the Rust toolchain is the only
# prerequisite; cargo fetches the crates. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Headless Chromium for the browser test of the HTML report (tests/report_browser.rs).
command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
cargo test --locked "$@"
