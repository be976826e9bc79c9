//! One module per command; each is flags → inputs and settings → one
//! library call → a renderer → an exit status.

pub mod image;
pub mod lint;
pub mod rules;

use crate::cli::{RuleArgs, SeverityArg};
use shipready_diagnostics::Severity;
use shipready_lint::Settings;
use shipready_project::{discover_settings, Selection};
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
