//! One module per command; each is flags → inputs and settings → one
//! library call → a renderer → an exit status.

pub mod advise;
pub mod audit;
pub mod convert;
pub mod db;
pub mod image;
pub mod lint;
pub mod report;
pub mod rules;
pub mod sbom;
pub mod scan;
mod target;
mod vulns;

use crate::cli::{ColorChoice, Format, RuleArgs, SeverityArg};
use crate::exit::ExitStatus;
use crate::output::{use_color, write_report};
use shipready_diagnostics::Severity;
use shipready_lint::Settings;
use shipready_project::{discover_settings, Selection};
use shipready_report::Report;
use std::path::Path;

/// The settings for a run: configuration (named, or found from `start`
/// upwards), then the command line's rule selection.
pub fn settings(args: &RuleArgs, start: &Path) -> anyhow::Result<Settings> {
    let mut settings = discover_settings(args.config.as_deref(), start)?;
    Selection {
        select: args.select.clone(),
        extend_select: args.extend_select.clone(),
        ignore: args.ignore.clone(),
    }
    .apply(&mut settings)?;
    Ok(settings)
}

/// How a command shows its report.
pub struct Output<'a> {
    pub format: Format,
    pub color: ColorChoice,
    /// `--output`: a file instead of standard output.
    pub file: Option<&'a Path>,
}

/// Renders and writes the report, and says how the command exits.
pub fn finish(
    report: &Report,
    out: Output<'_>,
    args: &RuleArgs,
    settings: &Settings,
) -> anyhow::Result<ExitStatus> {
    let color = use_color(out.color, out.file.is_some());
    write_report(report, out.format, color, out.file)?;
    Ok(ExitStatus::of(
        report,
        threshold(args.fail_on, settings),
        args.allow_input_errors,
    ))
}

/// The severity at which findings fail the command; `None` never fails.
pub fn threshold(fail_on: Option<SeverityArg>, settings: &Settings) -> Option<Severity> {
    match fail_on {
        Some(SeverityArg::None) => None,
        Some(SeverityArg::Error) => Some(Severity::Error),
        Some(SeverityArg::Warning) => Some(Severity::Warning),
        Some(SeverityArg::Info) => Some(Severity::Info),
        Some(SeverityArg::Style) => Some(Severity::Style),
        None => Some(settings.fail_on),
    }
}
