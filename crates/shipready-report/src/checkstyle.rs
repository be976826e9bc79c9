use crate::Report;
use shipready_diagnostics::Severity;

/// Checkstyle XML, read by Jenkins, GitLab and many review tools.
pub fn render_checkstyle(report: &Report) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    let located = report.located();
    // `located` is in file order: one group per file with findings.
    for items in located.chunk_by(|a, b| std::ptr::eq(a.file, b.file)) {
        let file = items[0].file;
        out.push_str(&format!("  <file name=\"{}\">\n", xml(&file.path)));
        for l in items {
            let sev = match l.finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "info",
            };
            out.push_str(&format!(
                "    <error line=\"{}\" column=\"{}\" severity=\"{sev}\" message=\"{}\" source=\"shipready.{}\"/>\n",
                l.line,
                l.column,
                xml(&l.finding.message),
                xml(l.finding.rule)
            ));
        }
        out.push_str("  </file>\n");
    }
    for e in &report.errors {
        out.push_str(&format!(
            "  <file name=\"{}\">\n    <error line=\"{}\" severity=\"error\" message=\"{}\" source=\"shipready.input\"/>\n  </file>\n",
            xml(&e.file),
            e.line.unwrap_or(1),
            xml(&e.message)
        ));
    }
    out.push_str("</checkstyle>\n");
    out
}

fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => o.push(c),
        }
    }
    o
}
