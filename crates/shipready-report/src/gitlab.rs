//! GitLab Code Quality (Code Climate issues JSON), as `hadolint -f
//! gitlab_codeclimate` writes it: GitLab shows the findings on the merge
//! request and compares them between branches by `fingerprint`.

use crate::Report;
use serde::Serialize;
use sha2::{Digest, Sha256};
use shipready_diagnostics::Severity;
use std::collections::HashMap;

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: String,
    description: &'a str,
    categories: [&'static str; 1],
    severity: &'static str,
    fingerprint: String,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

/// Stable across runs and line moves: the rule, the file, the message, and
/// which occurrence of that triple it is.
fn fingerprint(seen: &mut HashMap<String, usize>, parts: &[&str]) -> String {
    let key = parts.join("\u{0}");
    let n = seen.entry(key.clone()).or_default();
    *n += 1;
    let digest = Sha256::digest(format!("{key}\u{0}{n}").as_bytes());
    digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
}

pub fn render_gitlab(report: &Report) -> String {
    let mut seen = HashMap::new();
    let mut issues = Vec::new();
    for l in report.located() {
        let f = l.finding;
        let (begin, end) = l
            .range
            .map_or((1, 1), |(s, e)| (s.line, e.line.max(s.line)));
        issues.push(Issue {
            kind: "issue",
            check_name: format!("shipready/{}", f.rule.id),
            description: &f.message,
            categories: [match f.rule.category.as_str() {
                "security" => "Security",
                "style" => "Style",
                "size" | "build-cache" => "Performance",
                _ => "Bug Risk",
            }],
            severity: match f.severity {
                Severity::Error => "critical",
                Severity::Warning => "major",
                Severity::Info => "minor",
                Severity::Style => "info",
            },
            fingerprint: fingerprint(&mut seen, &[f.rule.id, &l.file.name, &f.message]),
            location: Location {
                path: &l.file.name,
                lines: Lines { begin, end },
            },
        });
    }
    for e in &report.errors {
        issues.push(Issue {
            kind: "issue",
            check_name: "shipready/input-error".to_string(),
            description: &e.message,
            categories: ["Bug Risk"],
            severity: "blocker",
            fingerprint: fingerprint(&mut seen, &["input", &e.file, &e.message]),
            location: Location {
                path: &e.file,
                lines: Lines {
                    begin: e.line.unwrap_or(1),
                    end: e.line.unwrap_or(1),
                },
            },
        });
    }
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}
