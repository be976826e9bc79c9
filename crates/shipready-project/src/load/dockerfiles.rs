//! Dockerfiles: read in parallel, parsed once, each with a `FileId`.

use super::{Project, Source};
use crate::read::read_text;
use rayon::prelude::*;
use shipready_diagnostics::{FileKind, LineIndex, SourceFile};
use shipready_lint::DockerfileUnit;
use shipready_report::InputError;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Reads and parses Dockerfiles found by name (in parallel, kept in
/// order).
pub fn load_paths(project: &mut Project, paths: &[(PathBuf, bool)]) {
    let read: Vec<Result<Source, InputError>> = paths
        .par_iter()
        .map(|(path, explicit)| {
            let name = path.display().to_string();
            read_text(path)
                .map(|text| Source {
                    name: name.clone(),
                    path: Some(path.clone()),
                    text,
                    explicit: *explicit,
                })
                .map_err(|e| InputError::whole(name, e.to_string()))
        })
        .collect();
    let mut sources = Vec::new();
    for r in read {
        match r {
            Ok(s) => sources.push(s),
            Err(e) => project.error(e),
        }
    }
    load_sources(project, sources, true);
}

/// Files parsed at once when they are linted as they are loaded: enough
/// to keep every core busy, few enough that their parses are a small
/// part of a large run's memory.
const BATCH: usize = 64;

/// Parses Dockerfiles (in parallel) and adds them to the project; when
/// the project lints as it loads, batch by batch, each batch linted and
/// stripped before the next is parsed.
pub fn load_sources(project: &mut Project, sources: Vec<Source>, checked: bool) {
    let batch = if project.lint_as_loaded.is_some() {
        BATCH
    } else {
        sources.len().max(1)
    };
    let mut rest = sources.into_iter();
    loop {
        let chunk: Vec<Source> = rest.by_ref().take(batch).collect();
        if chunk.is_empty() {
            break;
        }
        let first = project.units.dockerfiles.len();
        parse_and_add(project, chunk, checked);
        lint_loaded(project, first);
    }
}

/// Runs the Dockerfile rules on the units from `first` on, takes their
/// suppressions (`pipeline::dockerfile_parts`, as `check` would), and
/// drops their parses (see `load_and_lint`); nothing when the project
/// lints later.
fn lint_loaded(project: &mut Project, first: usize) {
    let Some(settings) = &project.lint_as_loaded else {
        return;
    };
    let (findings, suppressions) = crate::pipeline::dockerfile_parts(
        &project.units.dockerfiles[first..],
        &project.files,
        settings,
    );
    project.early_findings.extend(findings);
    project.early_suppressions.extend(suppressions);
    for d in &mut project.units.dockerfiles[first..] {
        d.strip();
    }
}

fn parse_and_add(project: &mut Project, sources: Vec<Source>, checked: bool) {
    let parsed: Vec<(Source, Result<shipready_dockerfile::Dockerfile, InputError>)> = sources
        .into_par_iter()
        .map(|mut s| {
            let df = parse(&mut s);
            (s, df)
        })
        .collect();
    for (source, df) in parsed {
        match df {
            Ok(df) => {
                add(project, source, df, checked);
            }
            Err(e) => project.error(e),
        }
    }
}

/// Parses the text, which moves into the Dockerfile (and from there is
/// shared with the file table): `s.text` is left empty.
fn parse(s: &mut Source) -> Result<shipready_dockerfile::Dockerfile, InputError> {
    let text: Arc<str> = Arc::from(std::mem::take(&mut s.text));
    shipready_dockerfile::parse_shared(Arc::clone(&text)).map_err(|e| {
        let at = LineIndex::new(&text).line_col(&text, e.span.start);
        InputError {
            file: s.name.clone(),
            line: Some(at.line),
            column: Some(at.column),
            message: e.message,
        }
    })
}

fn add(
    project: &mut Project,
    source: Source,
    df: shipready_dockerfile::Dockerfile,
    checked: bool,
) -> usize {
    let path = source.absolute(&mut project.canonical);
    let text = Arc::clone(&df.source);
    let mut file = SourceFile::new(source.name, path.clone(), FileKind::Dockerfile, text);
    file.checked = checked;
    let id = project.files.add(file);
    let index = project.units.dockerfiles.len();
    if let Some(p) = &path {
        project.dockerfile_at.entry(p.clone()).or_insert(index);
    }
    project
        .units
        .dockerfiles
        .push(DockerfileUnit::new(id, path, df));
    index
}

/// The Dockerfile at an absolute path, read for the links (what a Compose
/// service builds, what an image was built from) when the run has not
/// read it: not checked itself. `None` when it cannot be read or parsed
/// (that is reported).
pub fn linked(project: &mut Project, path: &Path, name: String) -> Option<usize> {
    let abs = project.canonical.path(path);
    if let Some(&i) = project.dockerfile_at.get(&abs) {
        return Some(i);
    }
    let text = match read_text(&abs) {
        Ok(t) => t,
        Err(e) => {
            project.error(InputError::whole(name, e.to_string()));
            return None;
        }
    };
    let mut source = Source {
        name,
        path: Some(abs),
        text,
        explicit: false,
    };
    match parse(&mut source) {
        Ok(df) => {
            let index = add(project, source, df, false);
            lint_loaded(project, index);
            Some(index)
        }
        Err(e) => {
            project.error(e);
            None
        }
    }
}
