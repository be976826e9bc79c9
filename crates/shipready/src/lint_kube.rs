//! Kubernetes manifests in a lint run: every YAML/JSON file that holds
//! objects is read, all objects go through the Kubernetes rules together
//! (so a Service meets the Deployment it selects in another file), and the
//! findings come back per file.

use shipready_diagnostics::{LineIndex, Span};
use shipready_kube::{parse_manifests, Object};
use shipready_lint::{lint_kube, Settings};
use shipready_report::{FileReport, InputError};

/// A file to read as manifests.
pub struct Manifest {
    pub name: String,
    pub text: String,
    /// Named on the command line (or standard input): a file with no
    /// objects, or a template, is then worth an error.
    pub explicit: bool,
}

/// Whether text looks like Kubernetes objects, before paying for a parse:
/// both keys must appear.
pub fn may_hold_objects(text: &str) -> bool {
    text.contains("apiVersion") && text.contains("kind")
}

/// Lints all manifests of the run together.
pub fn lint(files: Vec<Manifest>, settings: &Settings) -> (Vec<FileReport>, Vec<InputError>) {
    let mut errors = Vec::new();
    let mut objects: Vec<Object> = Vec::new();
    // (base, file) for every file that held objects.
    let mut read: Vec<(u32, Manifest)> = Vec::new();
    let mut base: u32 = 0;
    for m in files {
        if !m.explicit && (!may_hold_objects(&m.text) || m.text.contains("{{")) {
            // Not a manifest, or a Helm/Go template: `helm template … |
            // shipready lint -` renders it first.
            continue;
        }
        match parse_manifests(&m.text, base) {
            Ok(objs) if objs.is_empty() => {
                if m.explicit {
                    errors.push(InputError {
                        file: m.name.clone(),
                        line: None,
                        column: None,
                        message: "no Kubernetes objects (`apiVersion` and `kind`) in this file"
                            .into(),
                    });
                }
            }
            Ok(objs) => {
                objects.extend(objs);
                let len = m.text.len() as u32;
                read.push((base, m));
                base = base.saturating_add(len + 1);
            }
            Err(e) => {
                let local = Span::new(e.span.start - base, e.span.end.saturating_sub(base));
                let at = LineIndex::new(&m.text).line_col(&m.text, local.start);
                errors.push(InputError {
                    file: m.name.clone(),
                    line: Some(at.line),
                    column: Some(at.column),
                    message: e.message,
                });
            }
        }
    }
    let findings = lint_kube(&objects, settings);
    let mut reports: Vec<FileReport> = read
        .iter()
        .map(|(_, m)| FileReport {
            path: m.name.clone(),
            source: m.text.clone(),
            findings: Vec::new(),
        })
        .collect();
    for mut f in findings {
        let i = read
            .partition_point(|(b, _)| *b <= f.span.start)
            .saturating_sub(1);
        let Some((b, _)) = read.get(i) else { continue };
        f.span = Span::new(f.span.start - b, f.span.end.saturating_sub(*b));
        reports[i].findings.push(f);
    }
    (reports, errors)
}
