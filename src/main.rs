#[global_allocator]
static ALLOCATOR: relecture::cli::alloc::HugePages = relecture::cli::alloc::HugePages;

use clap::Parser;

fn main() {
    relecture::cli::alloc::tune();
    let cli = relecture::cli::Cli::parse();
    let status = relecture::cli::run(cli);
    if let Some(table) = relecture::timing::table() {
        eprint!("{table}");
    }
    std::process::exit(status);
}
