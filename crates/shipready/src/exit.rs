//! Exit statuses, the same for every command.

use shipready_diagnostics::Severity;
use shipready_report::Report;
use std::process::ExitCode;

/// What the run says to the shell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: nothing at or above the failure threshold.
    Success,
    /// 1: findings at or above the threshold.
    Failure,
    /// 2: a usage or configuration error, or an input that could not be
    /// read or parsed: a gate never passes on what it could not check.
    Error,
}

impl ExitStatus {
    /// The status of a finished run. Input errors win over findings,
    /// unless the user accepts them (`--allow-input-errors`).
    pub fn of(report: &Report, threshold: Option<Severity>, allow_input_errors: bool) -> Self {
        if !report.errors.is_empty() && !allow_input_errors {
            return ExitStatus::Error;
        }
        let failed = threshold.is_some_and(|t| report.findings.iter().any(|f| f.severity >= t));
        if failed {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(match s {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        })
    }
}
