//! Settings shared by `lint` and `image`: discovered config, then the
//! command line's rule selection and failure threshold on top.

use crate::cli::{RuleArgs, SeverityArg};
use anyhow::{bail, Context as _};
use shipready_diagnostics::Severity;
use shipready_lint::{find_rule, Settings};
use std::path::{Path, PathBuf};

/// `--config` when given, else `shipready.toml`/`.hadolint.yaml` found
/// from `start` upwards; then `--select`, `--extend-select`, `--ignore`.
pub fn load_settings(args: &RuleArgs, start: &Path) -> anyhow::Result<Settings> {
    let mut settings = match &args.config {
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("{}: cannot read config", p.display()))?;
            let mut s = Settings::default();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with(".yaml") || name.ends_with(".yml") {
                s.apply_hadolint_yaml(p, &text)?;
            } else {
                s.apply_toml(p, &text)?;
            }
            s
        }
        None => {
            let start = if start.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                start.to_path_buf()
            };
            let abs = std::fs::canonicalize(&start).unwrap_or(start);
            Settings::discover(&abs)?
        }
    };
    let resolve = |keys: &[String]| -> anyhow::Result<Vec<&'static str>> {
        let mut out = Vec::new();
        for k in keys {
            let found = find_rule(k);
            if found.is_empty() {
                bail!("unknown rule `{k}` (see `shipready rules`)");
            }
            out.extend(found.iter().map(|r| r.meta.id));
        }
        Ok(out)
    };
    if !args.select.is_empty() {
        settings.select = Some(resolve(&args.select)?.into_iter().collect());
    }
    settings.extend_select.extend(resolve(&args.extend_select)?);
    settings.ignore.extend(resolve(&args.ignore)?);
    Ok(settings)
}

/// The severity at which findings fail the command; `None` never fails.
pub fn threshold(fail_on: Option<SeverityArg>, settings: &Settings) -> Option<Severity> {
    match fail_on {
        Some(SeverityArg::None) => None,
        Some(SeverityArg::Error) => Some(Severity::Error),
        Some(SeverityArg::Warning) => Some(Severity::Warning),
        Some(SeverityArg::Info) => Some(Severity::Info),
        Some(SeverityArg::Style) => Some(Severity::Style),
        None => Some(settings.fail_on),
    }
}
