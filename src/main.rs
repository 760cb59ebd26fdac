use clap::Parser;

fn main() {
    let cli = relecture::cli::Cli::parse();
    std::process::exit(relecture::cli::run(cli));
}
