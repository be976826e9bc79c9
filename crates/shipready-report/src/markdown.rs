use crate::human::{place, summary};
use crate::Report;
use shipready_diagnostics::{Finding, Severity};
use std::fmt::Write;

/// Rows of one table at most: a PR comment has a size limit (GitHub's is
/// 65,536 characters), and nobody reads row 300 there.
const MAX_ROWS: usize = 100;

/// Markdown for a pull-request comment: the summary, a table of errors
/// and warnings, the rest folded away, and the inputs that could not be
/// read.
pub fn render_markdown(report: &Report) -> String {
    let mut s = String::new();
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    let verdict = if errors + warnings == 0 && report.errors.is_empty() {
        "✅"
    } else if errors > 0 || !report.errors.is_empty() {
        "❌"
    } else {
        "⚠️"
    };
    let _ = writeln!(s, "## {verdict} shipready\n\n{}\n", summary(report));
    let (serious, minor): (Vec<&Finding>, Vec<&Finding>) = report
        .findings
        .iter()
        .partition(|f| f.severity >= Severity::Warning);
    if !serious.is_empty() {
        table(&mut s, report, &serious);
    }
    if !minor.is_empty() {
        let _ = writeln!(
            s,
            "<details><summary>{} info and style finding{}</summary>\n",
            minor.len(),
            if minor.len() == 1 { "" } else { "s" }
        );
        table(&mut s, report, &minor);
        s.push_str("</details>\n\n");
    }
    if !report.errors.is_empty() {
        s.push_str("### Inputs that could not be read\n\n| Input | Problem |\n|---|---|\n");
        for e in &report.errors {
            let at = match e.line {
                Some(l) => format!("{}:{l}", e.file),
                None => e.file.clone(),
            };
            let _ = writeln!(s, "| `{}` | {} |", code(&at), cell(&e.message));
        }
        s.push('\n');
    }
    s
}

fn table(s: &mut String, report: &Report, findings: &[&Finding]) {
    let mut sorted = findings.to_vec();
    // Worst first; the report's order (file, place) within a severity.
    sorted.sort_by_key(|f| std::cmp::Reverse(f.severity));
    s.push_str("| Severity | Rule | Where | Problem |\n|---|---|---|---|\n");
    for f in sorted.iter().take(MAX_ROWS) {
        let mut problem = cell(&f.message);
        if let Some(h) = &f.help {
            problem.push_str("<br>**Fix:** ");
            problem.push_str(&cell(h));
        }
        let _ = writeln!(
            s,
            "| {} {} | [`{}`](https://shipready.dev/rules/{}) {} | `{}` | {problem} |",
            icon(f.severity),
            f.severity,
            f.rule.id,
            f.rule.id,
            f.rule.name,
            code(&place(report, &f.at)),
        );
    }
    if sorted.len() > MAX_ROWS {
        let _ = writeln!(
            s,
            "\n… and {} more: run `shipready` locally or read the full report.",
            sorted.len() - MAX_ROWS
        );
    }
    s.push('\n');
}

fn icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "🔴",
        Severity::Warning => "🟠",
        Severity::Info => "🔵",
        Severity::Style => "⚪",
    }
}

/// Text for a table cell: pipes escaped, line breaks as `<br>`, HTML's
/// specials neutralised (a comment renders HTML).
fn cell(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace('\n', "<br>")
}

/// Text inside a code span in a cell: backticks would end it.
fn code(text: &str) -> String {
    text.replace('`', "'").replace('|', "\\|")
}
