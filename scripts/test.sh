#!/usr/bin/env bash
# Runs every test of relecture on a fresh machine: the Rust toolchain is the only
# prerequisite; cargo fetches the crates. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo test --locked "$@"
