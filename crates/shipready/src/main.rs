//! The `shipready` binary: flags in, exit code out. All the work lives in
//! the library crates; this crate parses arguments, finds files, runs
//! things in parallel and writes output.

mod cli;
mod discover;
mod image_cmd;
mod lint_cmd;
mod lint_compose;
mod lint_kube;
mod output;
mod rule_args;
mod rules_cmd;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Lint(args) => lint_cmd::run(args),
        cli::Command::Rules(args) => rules_cmd::run(args),
        cli::Command::Image(args) => image_cmd::run(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            if output::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
