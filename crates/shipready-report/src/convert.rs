//! The summary of `shipready convert`: what each service became, what was
//! defaulted and dropped, and every warning and error at its file and
//! line. Human (for the terminal), JSON (stable, `version: 1`) and
//! Markdown (for a pull request).

use crate::human::paint;
use crate::model::InputError;
use anstyle::{AnsiColor, Style};
use serde::Serialize;
use shipready_convert::{Entry, Issue, Level, Summary};
use std::fmt::Write as _;

/// The JSON contract's version.
pub const CONVERT_JSON_VERSION: u32 = 1;

/// Where the manifests went, for the summary.
#[derive(Debug, Clone, Serialize)]
pub struct Written {
    /// yaml, kustomize or helm.
    pub layout: String,
    /// The directory, or `None` for standard output.
    pub output: Option<String>,
    /// `Kind/name` of every object, in output order.
    pub objects: Vec<String>,
    /// Nothing was written because of errors.
    pub withheld: bool,
}

#[derive(Serialize)]
struct Json<'a> {
    version: u32,
    #[serde(flatten)]
    written: &'a Written,
    #[serde(flatten)]
    summary: &'a Summary,
    images_read: &'a [String],
    images_note: Option<&'a str>,
    input_errors: Vec<InputJson<'a>>,
}

#[derive(Serialize)]
struct InputJson<'a> {
    file: &'a str,
    line: Option<u32>,
    message: &'a str,
}

/// Everything a summary renders from.
pub struct ConvertView<'a> {
    pub summary: &'a Summary,
    pub written: &'a Written,
    pub images_read: &'a [String],
    pub images_note: Option<&'a str>,
    pub input_errors: &'a [InputError],
}

pub fn render_convert_json(v: &ConvertView<'_>) -> String {
    let j = Json {
        version: CONVERT_JSON_VERSION,
        written: v.written,
        summary: v.summary,
        images_read: v.images_read,
        images_note: v.images_note,
        input_errors: v
            .input_errors
            .iter()
            .map(|e| InputJson {
                file: &e.file,
                line: e.line,
                message: &e.message,
            })
            .collect(),
    };
    // A summary of strings and numbers always serialises.
    let mut s = serde_json::to_string_pretty(&j).unwrap_or_default();
    s.push('\n');
    s
}

fn at(i: &Issue) -> String {
    match (&i.file, i.line) {
        (Some(f), Some(l)) => format!("{f}:{l}: "),
        (Some(f), None) => format!("{f}: "),
        _ => String::new(),
    }
}

fn entries(out: &mut String, title: &str, list: &[Entry], color: bool) {
    if list.is_empty() {
        return;
    }
    let bold = Style::new().bold();
    let _ = writeln!(
        out,
        "\n{}",
        paint(color, &format!("{title} ({})", list.len()), bold)
    );
    for e in list {
        let _ = writeln!(out, "  {}: {} — {}", e.service, e.item, e.detail);
    }
}

pub fn render_convert_human(v: &ConvertView<'_>, color: bool) -> String {
    let s = v.summary;
    let mut out = String::new();
    let bold = Style::new().bold();
    let head = if v.written.withheld {
        format!(
            "{} not converted: fix the errors below (nothing was written)",
            s.project
        )
    } else {
        format!(
            "converted {} → {} objects in namespace {}{}",
            s.project,
            v.written.objects.len(),
            s.namespace,
            v.written
                .output
                .as_deref()
                .map_or(String::new(), |o| format!(
                    ", written to {o} ({})",
                    v.written.layout
                ))
        )
    };
    let _ = writeln!(out, "{}", paint(color, &head, bold));
    let width = s
        .services
        .iter()
        .map(|x| x.compose.len())
        .max()
        .unwrap_or(0);
    for svc in &s.services {
        let _ = writeln!(
            out,
            "  {:width$}  {:12} {}",
            svc.compose,
            svc.workload,
            svc.objects.join(", ")
        );
    }
    entries(&mut out, "defaulted", &s.defaulted, color);
    entries(&mut out, "dropped", &s.dropped, color);
    if !v.images_read.is_empty() {
        let _ = writeln!(
            out,
            "\nusers read from the images: {}",
            v.images_read.join(", ")
        );
    }
    if let Some(n) = v.images_note {
        let _ = writeln!(out, "\n{n}");
    }
    for (level, title, style) in [
        (
            Level::Warning,
            "warnings",
            Style::new().fg_color(Some(AnsiColor::Yellow.into())).bold(),
        ),
        (
            Level::Error,
            "errors",
            Style::new().fg_color(Some(AnsiColor::Red.into())).bold(),
        ),
    ] {
        let list: Vec<&Issue> = s.issues.iter().filter(|i| i.level == level).collect();
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "\n{}",
            paint(color, &format!("{title} ({})", list.len()), style)
        );
        for i in list {
            let svc = i
                .service
                .as_deref()
                .map_or(String::new(), |s| format!("service `{s}`: "));
            let _ = writeln!(out, "  {}{svc}{}", at(i), i.message);
        }
    }
    for e in v.input_errors {
        let line = e.line.map_or(String::new(), |l| format!(":{l}"));
        let _ = writeln!(out, "error: {}{line}: {}", e.file, e.message);
    }
    out
}

fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub fn render_convert_markdown(v: &ConvertView<'_>) -> String {
    let s = v.summary;
    let mut out = String::new();
    let _ = writeln!(out, "## shipready convert: {}\n", md_cell(&s.project));
    if v.written.withheld {
        let _ = writeln!(
            out,
            "**Not converted**: fix the errors below (nothing was written).\n"
        );
    } else {
        let _ = writeln!(
            out,
            "{} objects in namespace `{}` ({}).\n",
            v.written.objects.len(),
            s.namespace,
            v.written.layout
        );
    }
    if !s.services.is_empty() {
        let _ = writeln!(out, "| Service | Workload | Objects |\n|---|---|---|");
        for svc in &s.services {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md_cell(&svc.compose),
                svc.workload,
                md_cell(&svc.objects.join(", "))
            );
        }
        out.push('\n');
    }
    for (title, list) in [("Defaulted", &s.defaulted), ("Dropped", &s.dropped)] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "### {title}\n\n| Service | Item | Detail |\n|---|---|---|"
        );
        for e in list {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                md_cell(&e.service),
                md_cell(&e.item),
                md_cell(&e.detail)
            );
        }
        out.push('\n');
    }
    if !s.issues.is_empty() {
        let _ = writeln!(
            out,
            "### Warnings and errors\n\n| Level | Where | Service | Message |\n|---|---|---|---|"
        );
        for i in &s.issues {
            let level = match i.level {
                Level::Error => "error",
                Level::Warning => "warning",
            };
            let _ = writeln!(
                out,
                "| {level} | {} | {} | {} |",
                md_cell(at(i).trim_end_matches(": ")),
                md_cell(i.service.as_deref().unwrap_or("")),
                md_cell(&i.message)
            );
        }
        out.push('\n');
    }
    out
}
