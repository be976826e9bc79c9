//! `--fix`: safe fixes applied to each Dockerfile until nothing changes,
//! the result parsed again (a fix must never break a file), then written
//! back. Only what the user asked for changes on disk: a file is written
//! atomically (a temporary file beside it, then a rename), keeps its
//! mode, and is never written through a symlink that leads out of the
//! project (out of every directory the run was named).

use crate::{Error, Project};
use rayon::prelude::*;
use shipready_lint::fix::apply_safe_fixes;
use shipready_lint::{finish, lint_dockerfile, suppress, DockerfileUnit, Settings};
use shipready_report::InputError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// `--fix` re-lints until nothing changes, at most this many rounds.
const MAX_FIX_ROUNDS: usize = 10;

/// Fixes every checked Dockerfile on disk in place; the project then
/// holds the fixed text. `roots` are the run's input paths.
pub fn apply(project: &mut Project, settings: &Settings, roots: &[PathBuf]) -> Result<(), Error> {
    let roots: Vec<PathBuf> = roots.iter().filter_map(|p| project_root(p)).collect();
    let files = &project.files;
    let results: Vec<(usize, Result<Option<String>, InputError>)> = project
        .units
        .dockerfiles
        .par_iter()
        .enumerate()
        .filter(|(_, d)| d.path.is_some() && files.get(d.file).checked)
        .map(|(i, d)| (i, fixed(d, &files.get(d.file).name, settings)))
        .collect();
    for (i, r) in results {
        match r {
            Ok(None) => {}
            Ok(Some(text)) => {
                let unit = &mut project.units.dockerfiles[i];
                let Some(path) = unit.path.clone() else {
                    continue;
                };
                // `path` is the file's canonical path: any symlink on the
                // way has been followed.
                if !roots.iter().any(|r| path.starts_with(r)) {
                    let name = project.files.get(unit.file).name.clone();
                    project.error(InputError::whole(
                        name,
                        format!(
                            "not fixed: it is a symlink to {}, outside the project; run --fix there",
                            path.display()
                        ),
                    ));
                    continue;
                }
                write_atomically(&path, &text).map_err(|source| Error::WriteFix {
                    path: path.clone(),
                    source,
                })?;
                let df = match shipready_dockerfile::parse(&text) {
                    Ok(df) => df,
                    Err(_) => continue,
                };
                *unit = DockerfileUnit::new(unit.file, Some(path), df);
                project.files.get_mut(unit.file).set_text(text);
            }
            Err(e) => project.error(e),
        }
    }
    Ok(())
}

/// The directory an input path stands for, canonical: itself for a
/// directory, its parent as named for a file (so a named symlink does not
/// make its target's directory part of the project).
fn project_root(input: &Path) -> Option<PathBuf> {
    let dir = if input.is_dir() {
        input
    } else {
        match input.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        }
    };
    std::fs::canonicalize(dir).ok()
}

/// Replaces `path` with `text` all at once: a reader, or a crash halfway,
/// sees the old file or the new one, never a part. The new file gets the
/// old one's permissions.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let permissions = std::fs::metadata(path)?.permissions();
    let mut tmp = tempfile::Builder::new()
        .prefix(".shipready-fix-")
        .tempfile_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.as_file().set_permissions(permissions)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The fixed text, when a fix changed anything.
fn fixed(
    unit: &DockerfileUnit,
    name: &str,
    settings: &Settings,
) -> Result<Option<String>, InputError> {
    let original = &unit.df.source;
    let mut current = DockerfileUnit::new(unit.file, unit.path.clone(), unit.df.clone());
    for _ in 0..MAX_FIX_ROUNDS {
        // Suppressed findings are not fixed: their suppression says the
        // author wants them as they are.
        let mut suppressions = suppress::from_dockerfile(&current, settings);
        let findings = finish(
            lint_dockerfile(&current, settings),
            &mut suppressions,
            settings,
        );
        let text = &current.df.source;
        let (next, n) = apply_safe_fixes(text, &findings);
        if n == 0 || *next == **text {
            break;
        }
        let df = shipready_dockerfile::parse(&next).map_err(|e| {
            InputError::whole(
                name,
                format!(
                    "internal error: a fix produced an unparsable file ({}); file left unchanged",
                    e.message
                ),
            )
        })?;
        current = DockerfileUnit::new(unit.file, unit.path.clone(), df);
    }
    Ok((current.df.source != *original).then(|| current.df.source.to_string()))
}
