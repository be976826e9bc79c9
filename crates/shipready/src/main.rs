//! The `shipready` binary: flags in, one library call, a renderer, an exit
//! status. The work lives in the library crates (`shipready-project` owns
//! a run); each command parses its flags, builds the run's inputs and
//! settings, calls the library, and renders the report.

mod cli;
mod commands;
mod exit;
mod output;

use clap::Parser;
use exit::ExitStatus;
use std::process::ExitCode;

// A lint run makes millions of small, short-lived allocations (tokens,
// words, findings) on two threads; glibc's malloc and free were a quarter
// of the corpus run's CPU time (perf, 2026-12-03). mimalloc's per-thread
// free lists cut that, for the same output (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Lint(args) => commands::lint::run(args),
        cli::Command::Rules(args) => commands::rules::run(args),
        cli::Command::Image(args) => commands::image::run(args),
        cli::Command::Sbom(args) => commands::sbom::run(args),
        cli::Command::Scan(args) => commands::scan::run(args),
        cli::Command::Db(args) => commands::db::run(args.command),
        cli::Command::Advise(args) => commands::advise::run(args),
        cli::Command::Audit(args) => commands::audit::run(args),
        cli::Command::Report(args) => commands::report::run(args.command),
        cli::Command::Convert(args) => commands::convert::run(args),
    };
    match result {
        Ok(status) => status.into(),
        Err(e) => {
            if output::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitStatus::Error.into()
        }
    }
}
