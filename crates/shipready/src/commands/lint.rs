//! `shipready lint`: Dockerfiles, Compose projects and Kubernetes
//! manifests, and the checks across them.

use super::{finish, settings, Output};
use crate::cli::LintArgs;
use crate::exit::ExitStatus;
use anyhow::Context as _;
use shipready_project::{Inputs, Options};
use std::io::Read;
use std::path::PathBuf;

pub fn run(args: LintArgs) -> anyhow::Result<ExitStatus> {
    let paths = if args.paths.is_empty() && args.compose_files.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    // Configuration is found from the first named path (or the current
    // directory) upwards, unless `--config` names one.
    let start = paths
        .iter()
        .find(|p| p.as_os_str() != "-")
        .cloned()
        .or_else(|| args.compose_files.first().cloned())
        .unwrap_or_else(|| PathBuf::from("."));
    let settings = settings(&args.rules, &start)?;
    let stdin = if paths.iter().any(|p| p.as_os_str() == "-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .context("reading standard input")?;
        Some(bytes)
    } else {
        None
    };
    let inputs = Inputs {
        paths,
        compose_files: args.compose_files.clone(),
        stdin,
        stdin_name: args.stdin_filename.clone(),
        ..Inputs::default()
    };
    // Lockfiles are matched against the vulnerability database when one is
    // present (or named): their findings join the report.
    let vulns = super::vulns::optional(&args.vulns, args.no_vulns, &start)?;
    let options = Options {
        fix: args.fix,
        packages: vulns.is_some(),
        vulns,
        ..Options::default()
    };
    let report = shipready_project::run(&inputs, &settings, &options)?;
    let out = Output {
        format: args.format,
        color: args.color,
        file: args.output.as_deref(),
    };
    finish(&report, out, &args.rules, &settings)
}
