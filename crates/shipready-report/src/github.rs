use crate::Report;
use shipready_diagnostics::Severity;

/// GitHub Actions workflow commands (`::error file=…,line=…::message`). A
/// finding in an image has no file in the repository: its annotation
/// names the image and the place in it in the title.
pub fn render_github(report: &Report) -> String {
    let mut out = String::new();
    for l in report.located() {
        let f = l.finding;
        let level = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Style => "notice",
        };
        let mut msg = f.message.clone();
        if let Some(h) = &f.help {
            msg.push_str(" — ");
            msg.push_str(h);
        }
        match l.range {
            Some((s, e)) => out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_prop(&l.file.name),
                s.line,
                s.column,
                e.line,
                e.column,
                escape_prop(f.rule.id),
                escape_data(&msg)
            )),
            None => out.push_str(&format!(
                "::{level} title={}::{}\n",
                escape_prop(&format!(
                    "{} ({})",
                    f.rule.id,
                    crate::human::place(report, &f.at)
                )),
                escape_data(&msg)
            )),
        }
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
