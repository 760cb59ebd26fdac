use clap::Parser;

fn main() {
    let cli = relecture::cli::Cli::parse();
    let status = relecture::cli::run(cli);
    if let Some(table) = relecture::timing::table() {
        eprint!("{table}");
    }
    std::process::exit(status);
}
