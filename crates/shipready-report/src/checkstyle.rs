use crate::xml::xml;
use crate::Report;
use shipready_diagnostics::Severity;

/// Checkstyle XML, read by Jenkins, GitLab and many review tools. A
/// finding in an image is reported on the image at line 1 (Checkstyle has
/// no other kind of place).
pub fn render_checkstyle(report: &Report) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    let located = report.located();
    // Findings are in file order: one group per file with findings.
    for items in located.chunk_by(|a, b| std::ptr::eq(a.file, b.file)) {
        out.push_str(&format!("  <file name=\"{}\">\n", xml(&items[0].file.name)));
        for l in items {
            let sev = match l.finding.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Style => "info",
            };
            let (line, column) = l.range.map_or((1, 1), |(s, _)| (s.line, s.column));
            out.push_str(&format!(
                "    <error line=\"{line}\" column=\"{column}\" severity=\"{sev}\" message=\"{}\" source=\"shipready.{}\"/>\n",
                xml(&l.finding.message),
                xml(l.finding.rule.id)
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
