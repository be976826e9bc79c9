//! `shipready report merge`: many repositories' audits as one fleet view.

use crate::cli::{FleetFormat, ReportCommand};
use crate::exit::ExitStatus;
use crate::output::emit;
use shipready_report::fleet;

/// The largest audit file read: a repository's audit is kilobytes to a few
/// megabytes; this bounds memory on a wrong file.
const MAX_AUDIT_BYTES: u64 = 256 << 20;

pub fn run(cmd: ReportCommand) -> anyhow::Result<ExitStatus> {
    let ReportCommand::Merge {
        files,
        format,
        html,
        output,
    } = cmd;
    let mut repos = Vec::new();
    for f in &files {
        let meta = fs_err::metadata(f)?;
        if meta.len() > MAX_AUDIT_BYTES {
            anyhow::bail!(
                "{}: {} bytes is not an audit (limit {MAX_AUDIT_BYTES})",
                f.display(),
                meta.len()
            );
        }
        let text = fs_err::read_to_string(f)?;
        repos.push(fleet::read_audit(f, &text)?);
    }
    let fleet = fleet::merge(repos);
    let text = match format {
        FleetFormat::Table => fleet::render_fleet_table(&fleet),
        FleetFormat::Json => fleet::render_fleet_json(&fleet),
    };
    emit(&text, output.as_deref())?;
    if let Some(h) = html {
        fs_err::write(h, fleet::render_fleet_html(&fleet))?;
    }
    Ok(ExitStatus::Success)
}
