//! `relecture check --fix` / `--diff`: applies the fixes of each file (see `crate::fix`),
//! writes files atomically or prints a unified diff.

use super::CheckArgs;
use std::io;

pub fn run(args: &CheckArgs) -> io::Result<i32> {
    let _ = args;
    eprintln!("relecture : --fix et --diff ne sont pas encore disponibles");
    Ok(super::EXIT_ERROR)
}
