//! Which rules run: the configuration found for the inputs, then the
//! command line's selection on top.

use crate::Error;
use shipready_lint::{find_rule, Settings};
use std::path::{Path, PathBuf};

/// `--select`, `--extend-select`, `--ignore`: rule IDs, names or upstream
/// codes.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
}

impl Selection {
    /// Applies the selection on top of `settings`.
    pub fn apply(&self, settings: &mut Settings) -> Result<(), Error> {
        let resolve = |keys: &[String]| -> Result<Vec<&'static str>, Error> {
            let mut out = Vec::new();
            for k in keys {
                let found = find_rule(k);
                if found.is_empty() {
                    return Err(Error::UnknownRule(k.clone()));
                }
                out.extend(found.iter().map(|r| r.meta.id));
            }
            Ok(out)
        };
        if !self.select.is_empty() {
            settings.select = Some(resolve(&self.select)?.into_iter().collect());
        }
        settings.extend_select.extend(resolve(&self.extend_select)?);
        settings.ignore.extend(resolve(&self.ignore)?);
        Ok(())
    }
}

/// `config` when given (a `shipready.toml`, or a `.hadolint.yaml` by its
/// extension), else the `shipready.toml` and `.hadolint.yaml` found from
/// `start` (a file's directory, or a directory) upwards to the repository
/// root.
pub fn discover_settings(config: Option<&Path>, start: &Path) -> Result<Settings, Error> {
    if let Some(p) = config {
        let text = fs_err::read_to_string(p).map_err(|source| shipready_lint::ConfigError::Io {
            path: p.to_path_buf(),
            source,
        })?;
        let mut s = Settings::default();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.ends_with(".yaml") || name.ends_with(".yml") {
            s.apply_hadolint_yaml(p, &text)?;
        } else {
            let abs = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            s.apply_toml(&abs, &text)?;
        }
        return Ok(s);
    }
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else if start.is_dir() {
        start.to_path_buf()
    } else {
        start
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let abs = std::fs::canonicalize(&start).unwrap_or(start);
    Ok(Settings::discover(&abs)?)
}
