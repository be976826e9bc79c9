//! Compose files in a lint run: grouped into the projects `docker compose`
//! would load, loaded, checked by the Compose rules, and the findings
//! handed back per file.

use crate::discover::is_compose_name;
use shipready_compose::{load, LoadOptions, Project};
use shipready_diagnostics::{Finding, LineIndex};
use shipready_lint::cross_context::ComposeInput;
use shipready_lint::{lint_compose, Settings};
use shipready_report::{FileReport, InputError};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const MAIN: &[&str] = &[
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];

fn is_override(name: &str) -> bool {
    name.contains(".override.")
}

/// The projects for a set of Compose files: per directory, the main file
/// with its override file (as `docker compose` loads them), and each
/// other variant (`compose.prod.yaml`) on top of the main file, as
/// `docker compose -f compose.yaml -f compose.prod.yaml` would. A
/// variant with no main file beside it stands alone.
pub fn projects(files: &[PathBuf]) -> Vec<Vec<PathBuf>> {
    let mut by_dir: BTreeMap<PathBuf, Vec<PathBuf>> = BTreeMap::new();
    for f in files {
        let dir = f.parent().map(Path::to_path_buf).unwrap_or_default();
        by_dir.entry(dir).or_default().push(f.clone());
    }
    let mut out = Vec::new();
    for (_, mut group) in by_dir {
        group.sort();
        let name = |p: &PathBuf| {
            p.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string()
        };
        let main = MAIN
            .iter()
            .find_map(|m| group.iter().find(|p| name(p) == *m))
            .cloned();
        let Some(main) = main else {
            out.extend(group.into_iter().map(|f| vec![f]));
            continue;
        };
        let overrides: Vec<PathBuf> = group
            .iter()
            .filter(|p| is_override(&name(p)))
            .take(1)
            .cloned()
            .collect();
        let mut base = vec![main.clone()];
        base.extend(overrides.iter().cloned());
        out.push(base);
        for variant in group
            .iter()
            .filter(|p| **p != main && !is_override(&name(p)) && !MAIN.contains(&name(p).as_str()))
        {
            out.push(vec![main.clone(), variant.clone()]);
        }
    }
    out
}

/// Whether an explicitly named file should be read as Compose.
pub fn is_compose_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(is_compose_name)
}

/// What linting one project gave: a report per file it read and the
/// project (for the cross-file checks), or the error that stopped it.
pub type ProjectResult = (Vec<FileReport>, Vec<InputError>, Option<ComposeInput>);

/// Lints one project; findings and errors come back per file, named as
/// the user named them.
pub fn lint_project(files: &[PathBuf], settings: &Settings) -> ProjectResult {
    let shown: BTreeMap<PathBuf, String> = files
        .iter()
        .map(|f| (absolute(f), f.display().to_string()))
        .collect();
    let name_of = |p: &Path| {
        shown
            .get(&absolute(p))
            .cloned()
            .unwrap_or_else(|| p.display().to_string())
    };
    let dir = files
        .first()
        .and_then(|f| f.parent())
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let opts = LoadOptions {
        files: files.iter().map(|f| absolute(f)).collect(),
        ..LoadOptions::for_dir(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            &dir
        })
    };
    let project = match load(&opts) {
        Ok(p) => p,
        Err(e) => {
            let (line, column) = e
                .span
                .and_then(|s| position(&e.file, s))
                .map_or((None, None), |(l, c)| (Some(l), Some(c)));
            return (
                Vec::new(),
                vec![InputError {
                    file: name_of(&e.file),
                    line,
                    column,
                    message: e.message,
                }],
                None,
            );
        }
    };
    let findings = lint_compose(&project, settings);
    let reports = reports(&project, findings, &name_of);
    let names = project
        .sources
        .files
        .iter()
        .map(|s| (s.path.clone(), name_of(&s.path)))
        .collect();
    (reports, Vec::new(), Some(ComposeInput { project, names }))
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// Line and column of an error in a file that did not load (its text is
/// read again: the project is gone).
fn position(file: &Path, span: shipready_diagnostics::Span) -> Option<(u32, u32)> {
    let text = std::fs::read_to_string(file).ok()?;
    if span.start as usize > text.len() {
        return None;
    }
    let at = LineIndex::new(&text).line_col(&text, span.start);
    Some((at.line, at.column))
}

/// Findings grouped per file with local spans; every file of the project
/// gets a report (so it counts as checked).
fn reports(
    project: &Project,
    findings: Vec<Finding>,
    name_of: &dyn Fn(&Path) -> String,
) -> Vec<FileReport> {
    let mut per_file: BTreeMap<usize, Vec<Finding>> = BTreeMap::new();
    for mut f in findings {
        let Some((src, local)) = project.sources.locate(f.span) else {
            continue;
        };
        let idx = project
            .sources
            .files
            .iter()
            .position(|s| std::ptr::eq(s, src))
            .unwrap_or(0);
        f.span = local;
        per_file.entry(idx).or_default().push(f);
    }
    project
        .sources
        .files
        .iter()
        .enumerate()
        .map(|(i, src)| FileReport {
            path: name_of(&src.path),
            source: src.text.clone(),
            findings: per_file.remove(&i).unwrap_or_default(),
        })
        .collect()
}
