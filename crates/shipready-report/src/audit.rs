//! `shipready audit`: one report of everything, read as a scorecard per
//! area (Dockerfiles, Compose, Kubernetes, images, vulnerabilities,
//! readiness) with the top five actions; the JSON holds the scorecard, the
//! whole lint report and the advice.

use crate::Report;
use serde::Serialize;
use shipready_advise::Advice;
use shipready_diagnostics::{FileKind, Severity};
use shipready_vuln::Rating;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The version of `audit --format json`.
pub const AUDIT_JSON_VERSION: u32 = 1;

/// What became of the images the project names.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImageCheck {
    /// Named by Compose or Kubernetes.
    pub named: Vec<String>,
    /// Built first by `--build`.
    pub built: Vec<String>,
    /// Of those named, found in the local Docker Engine and analysed.
    pub analysed: Vec<String>,
    /// Why the Engine could not be asked.
    pub engine_error: Option<String>,
}

/// One run of `audit`.
#[derive(Debug)]
pub struct Audit {
    /// What was audited, as the user named it.
    pub target: String,
    pub report: Report,
    pub advice: Advice,
    pub images: ImageCheck,
    /// The Compose project converted to Kubernetes without writing
    /// anything, when the advice is to prepare or make the move.
    pub migration: Option<DryRun>,
}

/// What `shipready convert` would make of the project, counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DryRun {
    pub project: String,
    pub objects: usize,
    pub warnings: usize,
    pub errors: usize,
    /// The first errors, as the summary words them.
    pub first_errors: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    /// Nothing of that kind in the repository, or it could not be checked.
    Absent,
    /// Where the team stands (readiness).
    Info,
}

impl Status {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Absent => "n/a",
            Status::Info => "info",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Area {
    pub area: &'static str,
    pub status: Status,
    pub summary: String,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Action {
    /// A rule ID, or `plan` for a task of the migration plan.
    pub rule: String,
    pub severity: String,
    pub count: usize,
    pub text: String,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn counts(report: &Report, kind: FileKind) -> (usize, usize) {
    let mut e = 0;
    let mut w = 0;
    for f in &report.findings {
        if report.files.get(f.at.file()).kind != kind {
            continue;
        }
        match f.severity {
            Severity::Error => e += 1,
            Severity::Warning => w += 1,
            _ => {}
        }
    }
    (e, w)
}

fn status(files: usize, errors: usize, warnings: usize) -> Status {
    if files == 0 {
        Status::Absent
    } else if errors > 0 {
        Status::Fail
    } else if warnings > 0 {
        Status::Warn
    } else {
        Status::Pass
    }
}

fn file_area(report: &Report, area: &'static str, kind: FileKind, what: (&str, &str)) -> Area {
    let files = report
        .files
        .iter()
        .filter(|(_, f)| f.kind == kind && f.checked)
        .count();
    let (errors, warnings) = counts(report, kind);
    let summary = if files == 0 {
        format!("no {} found", what.1)
    } else {
        format!(
            "{}: {}, {}",
            plural(files, what.0, what.1),
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings")
        )
    };
    Area {
        area,
        status: status(files, errors, warnings),
        summary,
        errors,
        warnings,
    }
}

/// The vulnerabilities of every scanned target, by rating.
fn vuln_counts(report: &Report) -> BTreeMap<Rating, usize> {
    let mut by = BTreeMap::new();
    for m in report
        .packages
        .iter()
        .flat_map(|p| p.scan.iter().flat_map(|s| &s.matches))
    {
        *by.entry(m.rating).or_default() += 1;
    }
    by
}

/// The six areas. `gate` is the vulnerability gate (`[scan] fail-on`).
pub fn scorecard(a: &Audit, gate: Option<Rating>) -> Vec<Area> {
    let r = &a.report;
    let mut out = vec![
        file_area(
            r,
            "Dockerfiles",
            FileKind::Dockerfile,
            ("file", "Dockerfiles"),
        ),
        file_area(r, "Compose", FileKind::Compose, ("file", "Compose files")),
        file_area(
            r,
            "Kubernetes",
            FileKind::Manifest,
            ("manifest file", "manifest files"),
        ),
    ];
    let (ie, iw) = counts(r, FileKind::Image);
    let over = r.images.iter().filter(|i| i.size > i.budget).count();
    out.push(if r.images.is_empty() {
        let why = match (&a.images.engine_error, a.images.named.len()) {
            (Some(e), _) => format!("the Docker Engine could not be asked: {e}"),
            (None, 0) => "Compose and Kubernetes name no image".to_string(),
            (None, n) => format!(
                "none of the {n} images Compose and Kubernetes name is in the local Docker Engine: `--build` builds them first"
            ),
        };
        Area {
            area: "Images",
            status: Status::Absent,
            summary: why,
            errors: 0,
            warnings: 0,
        }
    } else {
        Area {
            area: "Images",
            status: status(r.images.len(), ie, iw),
            summary: format!(
                "{} analysed, {} over budget: {}, {}",
                r.images.len(),
                over,
                plural(ie, "error", "errors"),
                plural(iw, "warning", "warnings")
            ),
            errors: ie,
            warnings: iw,
        }
    });
    out.push(match &r.db {
        None => Area {
            area: "Vulnerabilities",
            status: Status::Absent,
            summary: "no vulnerability database: `shipready db update`, then audit again".to_string(),
            errors: 0,
            warnings: 0,
        },
        Some(db) => {
            let by = vuln_counts(r);
            let n = |k: Rating| by.get(&k).copied().unwrap_or(0);
            let blocking: usize = by
                .iter()
                .filter(|(k, _)| gate.is_some_and(|g| **k >= g))
                .map(|(_, v)| v)
                .sum();
            let scanned: usize = r
                .packages
                .iter()
                .map(|p| p.scan.as_ref().map_or(0, |s| s.packages_scanned))
                .sum();
            Area {
                area: "Vulnerabilities",
                status: if blocking > 0 {
                    Status::Fail
                } else if by.is_empty() {
                    Status::Pass
                } else {
                    Status::Warn
                },
                summary: format!(
                    "{scanned} packages: {} critical, {} high, {} medium, {} low, {} unrated (database built {})",
                    n(Rating::Critical),
                    n(Rating::High),
                    n(Rating::Medium),
                    n(Rating::Low),
                    n(Rating::Unknown),
                    db.built
                ),
                errors: blocking,
                warnings: by.values().sum::<usize>() - blocking,
            }
        }
    });
    if let Some(m) = &a.migration {
        out.push(Area {
            area: "Migration",
            status: if m.errors > 0 {
                Status::Fail
            } else if m.warnings > 0 {
                Status::Warn
            } else {
                Status::Pass
            },
            summary: if m.errors > 0 {
                format!(
                    "{} would not convert: {}{}",
                    m.project,
                    m.first_errors.join("; "),
                    if m.errors > m.first_errors.len() { "; …" } else { "" }
                )
            } else {
                format!(
                    "dry run: {} converts to {} Kubernetes objects with {}; `shipready convert` writes them",
                    m.project,
                    m.objects,
                    plural(m.warnings, "warning", "warnings")
                )
            },
            errors: m.errors,
            warnings: m.warnings,
        });
    }
    let plan = &a.advice.plan;
    let phase = &plan.plan[usize::from(plan.current.clamp(1, 4)) - 1];
    out.push(Area {
        area: "Readiness",
        status: Status::Info,
        summary: format!(
            "phase {} of 4 ({}); advice: {}",
            plan.current,
            phase.name,
            match a.advice.decision.recommendation {
                shipready_advise::framework::Stage::Compose => "stay on Compose",
                shipready_advise::framework::Stage::PrepareMigration => "prepare the migration",
                shipready_advise::framework::Stage::Kubernetes => "move to Kubernetes",
            }
        ),
        errors: 0,
        warnings: 0,
    });
    out
}

/// The five things to do first: the rules with the most severe and most
/// frequent findings, then the open tasks of the current phase.
pub fn actions(a: &Audit) -> Vec<Action> {
    let r = &a.report;
    let mut by: BTreeMap<&str, (Severity, usize, Vec<String>, &'static str, &'static str)> =
        BTreeMap::new();
    for f in &r.findings {
        let e =
            by.entry(f.rule.id)
                .or_insert((f.severity, 0, Vec::new(), f.rule.name, f.rule.summary));
        e.0 = e.0.max(f.severity);
        e.1 += 1;
        let name = r.files.get(f.at.file()).name.clone();
        if !e.2.contains(&name) {
            e.2.push(name);
        }
    }
    let mut groups: Vec<_> = by.into_iter().collect();
    groups.sort_by(|x, y| {
        y.1 .0
            .cmp(&x.1 .0)
            .then(y.1 .1.cmp(&x.1 .1))
            .then(x.0.cmp(y.0))
    });
    let mut out: Vec<Action> = groups
        .into_iter()
        .filter(|(_, g)| g.0 >= Severity::Warning)
        .take(5)
        .map(|(id, (sev, n, files, name, summary))| {
            let shown: Vec<&str> = files.iter().take(3).map(String::as_str).collect();
            let more = if files.len() > 3 {
                format!(" and {} more", files.len() - 3)
            } else {
                String::new()
            };
            Action {
                rule: id.to_string(),
                severity: sev.as_str().to_string(),
                count: n,
                text: format!(
                    "{summary} ({name}): {} in {}{more}",
                    plural(n, "finding", "findings"),
                    shown.join(", ")
                ),
            }
        })
        .collect();
    let phase = &a.advice.plan.plan[usize::from(a.advice.plan.current.clamp(1, 4)) - 1];
    for t in &phase.tasks {
        if out.len() >= 5 {
            break;
        }
        if t.status == shipready_advise::plan::Status::Todo {
            out.push(Action {
                rule: "plan".to_string(),
                severity: "info".to_string(),
                count: 1,
                text: format!("phase {}: {}: {}", phase.phase, t.task, t.evidence),
            });
        }
    }
    out
}

/// The one-screen terminal scorecard.
pub fn render_audit_table(a: &Audit, gate: Option<Rating>, color: bool) -> String {
    let (bold, dim, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let paint = |s: Status| -> &'static str {
        if !color {
            return "";
        }
        match s {
            Status::Pass => "\x1b[32m",
            Status::Warn => "\x1b[33m",
            Status::Fail => "\x1b[1;31m",
            Status::Absent | Status::Info => "\x1b[2m",
        }
    };
    let mut s = String::new();
    let _ = writeln!(s, "{bold}Audit{reset}\n");
    for area in scorecard(a, gate) {
        let _ = writeln!(
            s,
            "  {:<16} {}{:<4}{reset}  {}",
            area.area,
            paint(area.status),
            area.status.word(),
            area.summary
        );
    }
    let acts = actions(a);
    if !acts.is_empty() {
        let _ = writeln!(s, "\n{bold}Top actions{reset}");
        for (i, act) in acts.iter().enumerate() {
            let _ = writeln!(s, "  {}. {:<8} {}", i + 1, act.rule, act.text);
        }
    }
    for e in &a.report.errors {
        let at = e.line.map_or(String::new(), |l| format!(":{l}"));
        let _ = writeln!(s, "\nerror: {}{at}: {}", e.file, e.message);
    }
    let _ = writeln!(
        s,
        "\n{dim}`shipready lint` lists every finding, `shipready advise` explains the advice and its costs.{reset}"
    );
    s
}

#[derive(Serialize)]
struct AuditJson<'a> {
    version: u32,
    target: &'a str,
    scorecard: Vec<Area>,
    actions: Vec<Action>,
    /// Every scanned target's vulnerabilities by rating (`critical`,
    /// `high`, `medium`, `low`, `unknown`); `null` without a database.
    vulnerabilities: Option<BTreeMap<String, usize>>,
    images: &'a ImageCheck,
    /// The dry-run conversion; `null` unless the advice is to migrate.
    migration: Option<&'a DryRun>,
    /// The lint report (docs/json-format.md).
    report: serde_json::Value,
    /// The advice (docs/advise-json.md).
    advice: serde_json::Value,
}

pub fn render_audit_json(a: &Audit, gate: Option<Rating>) -> String {
    let doc = AuditJson {
        version: AUDIT_JSON_VERSION,
        target: &a.target,
        scorecard: scorecard(a, gate),
        actions: actions(a),
        vulnerabilities: a.report.db.as_ref().map(|_| {
            let by = vuln_counts(&a.report);
            [
                Rating::Critical,
                Rating::High,
                Rating::Medium,
                Rating::Low,
                Rating::Unknown,
            ]
            .into_iter()
            .map(|r| {
                (
                    r.as_str().to_ascii_lowercase(),
                    by.get(&r).copied().unwrap_or(0),
                )
            })
            .collect()
        }),
        images: &a.images,
        migration: a.migration.as_ref(),
        report: serde_json::from_str(&crate::render_json(&a.report)).unwrap_or_default(),
        advice: serde_json::from_str(&crate::render_advice_json(&a.advice)).unwrap_or_default(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// A PR comment: the scorecard as a table, the actions, then the lint
/// report's own Markdown in a collapsed section.
pub fn render_audit_markdown(a: &Audit, gate: Option<Rating>) -> String {
    let mut s = String::from("## shipready audit\n\n| area | status | summary |\n|---|---|---|\n");
    for area in scorecard(a, gate) {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            area.area,
            area.status.word(),
            area.summary.replace('|', "\\|")
        );
    }
    let acts = actions(a);
    if !acts.is_empty() {
        s.push_str("\n### Top actions\n\n");
        for (i, act) in acts.iter().enumerate() {
            let _ = writeln!(
                s,
                "{}. `{}` {}",
                i + 1,
                act.rule,
                act.text.replace('|', "\\|")
            );
        }
    }
    let _ = write!(
        s,
        "\n<details><summary>All findings</summary>\n\n{}\n</details>\n",
        crate::render_markdown(&a.report)
    );
    s
}
