//! `[per-file-ignores]` in `shipready.toml`: rules switched off for the
//! files a glob matches (relative to the config file's directory; a
//! pattern without `/` matches a file name anywhere). An entry that
//! silences nothing is reported at its line, as cargo-deny reports an
//! ignore that matches no advisory.

use super::{Code, Scope, Suppression};
use crate::Settings;
use shipready_diagnostics::{FileId, FileTable, Location};

/// The suppressions of the configuration's per-file ignores; `config` is
/// the config file in the run's file table (where stale entries point).
pub fn from_config(settings: &Settings, files: &FileTable, config: FileId) -> Vec<Suppression> {
    settings
        .per_file_ignores
        .iter()
        .map(|entry| {
            let matched = files
                .iter()
                .filter(|(_, f)| f.path.as_deref().is_some_and(|p| entry.matches(p)))
                .map(|(id, _)| id)
                .collect();
            Suppression {
                at: Location::text(config, entry.span),
                scope: Scope::Files(matched),
                codes: entry.codes.iter().map(|c| Code::new(c)).collect(),
                report_unused: true,
                what: "per-file ignore",
            }
        })
        .collect()
}
