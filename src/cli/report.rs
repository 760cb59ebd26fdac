//! `relecture report`: checks the files, then writes the correction report (see
//! `crate::report::html` and `crate::report::markdown`).

use super::ReportArgs;
use std::io;

pub fn run(args: &ReportArgs) -> io::Result<i32> {
    let _ = args;
    eprintln!("relecture : la commande report n'est pas encore disponible");
    Ok(super::EXIT_ERROR)
}
