//! `shipready report merge *.json`: the audits of many repositories (each
//! `shipready audit --format json`, run by the team's CI matrix or an
//! indexed Job) as one fleet view. Nothing here schedules work; it reads
//! the files it is given.

use crate::html::esc;
use serde::Serialize;
use serde_json::Value;
use std::fmt::Write;
use std::path::Path;

/// The version of `report merge --format json`.
pub const FLEET_JSON_VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum FleetError {
    #[error("{path}:{line}:{column}: not JSON: {message}")]
    Json {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{path}: {message}")]
    Shape { path: String, message: String },
}

#[derive(Debug, Clone, Serialize)]
pub struct AreaCell {
    pub area: String,
    pub status: String,
    pub summary: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Repo {
    /// The audited path, else the file's name.
    pub target: String,
    pub file: String,
    pub areas: Vec<AreaCell>,
    pub recommendation: String,
    pub platform: String,
    pub phase: u64,
    pub errors: u64,
    pub warnings: u64,
    pub critical: u64,
    pub high: u64,
    pub top_action: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fleet {
    pub version: u32,
    pub repositories: Vec<Repo>,
    pub totals: Totals,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub repositories: usize,
    pub failing: usize,
    pub errors: u64,
    pub warnings: u64,
    pub critical: u64,
    pub high: u64,
    /// How many repositories each recommendation got.
    pub recommendations: std::collections::BTreeMap<String, usize>,
}

fn shape(path: &str, message: impl Into<String>) -> FleetError {
    FleetError::Shape {
        path: path.to_string(),
        message: message.into(),
    }
}

/// One audit file.
pub fn read_audit(path: &Path, text: &str) -> Result<Repo, FleetError> {
    let name = path.display().to_string();
    let doc: Value = serde_json::from_str(text).map_err(|e| FleetError::Json {
        path: name.clone(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    if doc.get("scorecard").is_none() {
        return Err(shape(
            &name,
            "not a `shipready audit --format json` document (no `scorecard`; lint JSON has none)",
        ));
    }
    match doc["version"].as_u64() {
        Some(1) => {}
        Some(v) => {
            return Err(shape(
                &name,
                format!("audit JSON version {v}; this shipready reads version 1"),
            ))
        }
        None => {
            return Err(shape(
                &name,
                "not a `shipready audit --format json` document (no `version`)",
            ))
        }
    }
    let areas = doc["scorecard"]
        .as_array()
        .ok_or_else(|| shape(&name, "no `scorecard`: not an audit (lint JSON has none)"))?
        .iter()
        .map(|a| AreaCell {
            area: a["area"].as_str().unwrap_or("?").to_string(),
            status: a["status"].as_str().unwrap_or("?").to_string(),
            summary: a["summary"].as_str().unwrap_or("").to_string(),
        })
        .collect();
    let count = |sev: &str| {
        doc["report"]["findings"].as_array().map_or(0, |f| {
            f.iter().filter(|x| x["severity"] == sev).count() as u64
        })
    };
    let vulns = |sev: &str| doc["vulnerabilities"][sev].as_u64().unwrap_or(0);
    let target = doc["target"]
        .as_str()
        .filter(|t| !t.is_empty())
        .map_or_else(|| name.clone(), str::to_string);
    Ok(Repo {
        target,
        file: name,
        areas,
        recommendation: doc["advice"]["recommendation"]
            .as_str()
            .unwrap_or("?")
            .to_string(),
        platform: doc["advice"]["platform"]
            .as_str()
            .unwrap_or("?")
            .to_string(),
        phase: doc["advice"]["phase"]["current"].as_u64().unwrap_or(0),
        errors: count("error"),
        warnings: count("warning"),
        critical: vulns("critical"),
        high: vulns("high"),
        top_action: doc["actions"][0]["text"].as_str().map(str::to_string),
    })
}

/// The fleet, repositories in the order given.
pub fn merge(repos: Vec<Repo>) -> Fleet {
    let mut totals = Totals {
        repositories: repos.len(),
        ..Totals::default()
    };
    for r in &repos {
        totals.errors += r.errors;
        totals.warnings += r.warnings;
        totals.critical += r.critical;
        totals.high += r.high;
        if r.areas.iter().any(|a| a.status == "fail") {
            totals.failing += 1;
        }
        *totals
            .recommendations
            .entry(r.recommendation.clone())
            .or_default() += 1;
    }
    Fleet {
        version: FLEET_JSON_VERSION,
        repositories: repos,
        totals,
    }
}

pub fn render_fleet_json(f: &Fleet) -> String {
    let mut s = serde_json::to_string_pretty(f).unwrap_or_default();
    s.push('\n');
    s
}

pub fn render_fleet_table(f: &Fleet) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{:<40} {:<18} {:>5} {:>6} {:>8} {:>5}  areas failing",
        "repository", "advice", "phase", "errors", "warnings", "vulns"
    );
    for r in &f.repositories {
        let failing: Vec<&str> = r
            .areas
            .iter()
            .filter(|a| a.status == "fail")
            .map(|a| a.area.as_str())
            .collect();
        let _ = writeln!(
            s,
            "{:<40} {:<18} {:>5} {:>6} {:>8} {:>5}  {}",
            r.target,
            r.recommendation,
            r.phase,
            r.errors,
            r.warnings,
            r.critical + r.high,
            if failing.is_empty() {
                "-".to_string()
            } else {
                failing.join(", ")
            }
        );
    }
    let t = &f.totals;
    let _ = writeln!(
        s,
        "\n{} repositories, {} with a failing area: {} errors, {} warnings, {} critical and {} high vulnerabilities",
        t.repositories, t.failing, t.errors, t.warnings, t.critical, t.high
    );
    s
}

/// One self-contained page, like the audit's: a row per repository, a
/// cell per area coloured by its status.
pub fn render_fleet_html(f: &Fleet) -> String {
    let mut s = String::from("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>shipready fleet</title><style>");
    s.push_str("body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1d2733}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d8dee6;padding:6px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}.fail{background:#fde7e7}.warn{background:#fff4de}.pass{background:#e6f4e7}.absent,.info{color:#757575}small{display:block;color:#555}");
    s.push_str("</style></head><body><h1>shipready fleet</h1>");
    let t = &f.totals;
    let _ = write!(
        s,
        r#"<p id="totals" data-repositories="{}" data-failing="{}">{} repositories, {} with a failing area; {} errors, {} warnings, {} critical and {} high vulnerabilities.</p>"#,
        t.repositories,
        t.failing,
        t.repositories,
        t.failing,
        t.errors,
        t.warnings,
        t.critical,
        t.high
    );
    // Every area any audit has (a Migration row appears only where the
    // advice is to move), in the order they are first seen.
    let mut areas: Vec<String> = Vec::new();
    for a in f.repositories.iter().flat_map(|r| &r.areas) {
        if !areas.contains(&a.area) {
            areas.push(a.area.clone());
        }
    }
    s.push_str("<table id=\"fleet\"><thead><tr><th>repository</th><th>advice</th><th>phase</th>");
    for a in &areas {
        let _ = write!(s, "<th>{}</th>", esc(a));
    }
    s.push_str("<th>first action</th></tr></thead><tbody>");
    for r in &f.repositories {
        let _ = write!(
            s,
            r#"<tr class="repo" data-target="{0}"><td>{0}</td><td>{1}<small>{2}</small></td><td>{3}</td>"#,
            esc(&r.target),
            esc(&r.recommendation),
            esc(&r.platform),
            r.phase
        );
        for name in &areas {
            match r.areas.iter().find(|a| &a.area == name) {
                Some(a) => {
                    let _ = write!(
                        s,
                        r#"<td class="{0}" data-area="{1}">{0}<small>{2}</small></td>"#,
                        esc(&a.status),
                        esc(name),
                        esc(&a.summary)
                    );
                }
                None => s.push_str("<td></td>"),
            }
        }
        let _ = write!(
            s,
            "<td>{}</td></tr>",
            esc(r.top_action.as_deref().unwrap_or(""))
        );
    }
    s.push_str("</tbody></table></body></html>\n");
    s
}
