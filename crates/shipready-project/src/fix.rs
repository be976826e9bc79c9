//! `--fix`: safe fixes applied to each Dockerfile until nothing changes,
//! the result parsed again (a fix must never break a file), then written
//! back. Only what the user asked for changes on disk.

use crate::{Error, Project};
use rayon::prelude::*;
use shipready_lint::fix::apply_safe_fixes;
use shipready_lint::{finish, lint_dockerfile, suppress, DockerfileUnit, Settings};
use shipready_report::InputError;

/// `--fix` re-lints until nothing changes, at most this many rounds.
const MAX_FIX_ROUNDS: usize = 10;

/// Fixes every checked Dockerfile on disk in place; the project then
/// holds the fixed text.
pub fn apply(project: &mut Project, settings: &Settings) -> Result<(), Error> {
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
                fs_err::write(&path, &text).map_err(|source| Error::WriteFix {
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
