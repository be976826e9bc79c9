use crate::Report;
use shipready_diagnostics::Severity;

/// GitHub Actions workflow commands (`::error file=…,line=…::message`).
pub fn render_github(report: &Report) -> String {
    let mut out = String::new();
    for l in report.located() {
        let level = match l.finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Style => "notice",
        };
        let mut msg = l.finding.message.clone();
        if let Some(h) = &l.finding.help {
            msg.push_str(" — ");
            msg.push_str(h);
        }
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_prop(&l.file.path),
            l.line,
            l.column,
            l.end_line,
            l.end_column,
            escape_prop(l.finding.rule),
            escape_data(&msg)
        ));
    }
    for e in &report.errors {
        out.push_str(&format!(
            "::error file={},line={}::{}\n",
            escape_prop(&e.file),
            e.line.unwrap_or(1),
            escape_data(&e.message)
        ));
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_prop(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}
