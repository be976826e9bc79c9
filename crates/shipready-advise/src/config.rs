//! `[profile]`, `[costs]` and `[thresholds]` of `shipready.toml`. The
//! other tables belong to lint and scan and are left to them. Every error
//! names the file, the line and the key.

use crate::costs::{CostTable, PROVIDERS};
use crate::framework::{default_thresholds, Threshold};
use crate::profile::Profile;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Debug, thiserror::Error)]
#[error("{}:{line}: {message}", path.display())]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: usize,
    pub message: String,
}

/// A number of the table: TOML integers and floats alike.
fn number(v: &toml::Value) -> Option<f64> {
    match v {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) => Some(*f),
        _ => None,
    }
}

#[derive(Deserialize)]
struct File {
    profile: Option<Profile>,
    costs: Option<BTreeMap<Spanned<String>, toml::Value>>,
    thresholds: Option<BTreeMap<Spanned<String>, Spanned<f64>>>,
    #[serde(flatten)]
    _rest: BTreeMap<String, toml::Value>,
}

/// What the advisor reads from the configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct AdviceConfig {
    pub profile: Profile,
    pub costs: CostTable,
    pub thresholds: Vec<Threshold>,
}

impl Default for AdviceConfig {
    fn default() -> Self {
        AdviceConfig {
            profile: Profile::default(),
            costs: CostTable::default(),
            thresholds: default_thresholds(),
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |s| s.matches('\n').count() + 1)
}

impl AdviceConfig {
    pub fn parse(path: &Path, text: &str) -> Result<AdviceConfig, ConfigError> {
        let err = |offset: usize, message: String| ConfigError {
            path: path.to_path_buf(),
            line: line_of(text, offset),
            message,
        };
        let file: File = toml::from_str(text).map_err(|e| {
            let at = e.span().map_or(0, |s| s.start);
            err(at, e.message().to_string())
        })?;
        let mut out = AdviceConfig {
            profile: file.profile.unwrap_or_default(),
            ..AdviceConfig::default()
        };
        for (key, value) in file.costs.unwrap_or_default() {
            let at = key.span().start;
            let key = key.into_inner();
            match value {
                toml::Value::Table(t) if key == "control-plane" => {
                    for p in PROVIDERS {
                        if !t.contains_key(p) {
                            return Err(err(at, format!("[costs.control-plane] has no `{p}`: price every provider ({}) or leave the table out", PROVIDERS.join(", "))));
                        }
                    }
                    for (p, v) in &t {
                        if !PROVIDERS.contains(&p.as_str()) {
                            return Err(err(
                                at,
                                format!(
                                    "[costs.control-plane] unknown provider `{p}` (one of {})",
                                    PROVIDERS.join(", ")
                                ),
                            ));
                        }
                        match number(v) {
                            Some(n) if n.is_finite() && n >= 0.0 => {
                                out.costs.set(&format!("control-plane.{p}"), n);
                            }
                            _ => return Err(err(at, format!("[costs.control-plane] {p}: `{v}` is not a cost (a number, 0 or more)"))),
                        }
                    }
                }
                v => {
                    if key == "control-plane" || !out.costs.knows(&key) {
                        return Err(err(at, format!("[costs] unknown key `{key}`; `shipready advise --verbose` lists the table's keys")));
                    }
                    match number(&v) {
                        Some(n) if n.is_finite() && n >= 0.0 => {
                            out.costs.set(&key, n);
                        }
                        _ => {
                            return Err(err(
                                at,
                                format!("[costs] {key}: `{v}` is not a cost (a number, 0 or more)"),
                            ))
                        }
                    }
                }
            }
        }
        for (key, value) in file.thresholds.unwrap_or_default() {
            let at = key.span().start;
            let key = key.into_inner();
            let v = *value.get_ref();
            let Some(t) = out.thresholds.iter_mut().find(|t| t.key == key) else {
                return Err(err(
                    at,
                    format!(
                        "[thresholds] unknown key `{key}`; `shipready advise --verbose` lists them"
                    ),
                ));
            };
            if !v.is_finite() || v < 0.0 {
                return Err(err(at, format!("[thresholds] {key}: {v} is not a limit")));
            }
            t.limit = v;
            t.source = crate::costs::Source::Config;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<AdviceConfig, ConfigError> {
        AdviceConfig::parse(Path::new("shipready.toml"), text)
    }

    #[test]
    fn a_full_profile_and_overrides() {
        let c = parse(
            "fail-on = \"error\"\n[profile]\nteam-size = 25\ndaily-active-users = 150000\nregions = 2\ncompliance = [\"soc2\"]\nhosting = \"aws\"\n\n[costs]\ncompose-host-eur-month = 120\n[costs.control-plane]\neks = 70\ngke = 60\naks = 0\n\n[thresholds]\nmigrate-services = 6\n",
        )
        .expect("parses");
        assert_eq!(c.profile.team_size, Some(25));
        assert_eq!(c.costs.get("compose-host-eur-month"), 120.0);
        assert_eq!(c.costs.control_plane("aks"), 0.0);
        let t = c
            .thresholds
            .iter()
            .find(|t| t.key == "migrate-services")
            .expect("row");
        assert_eq!(t.limit, 6.0);
    }

    #[test]
    fn bad_values_name_the_key_and_line() {
        for (text, line, says) in [
            ("[profile]\nteam-size = -3\n", 2, "invalid value"),
            (
                "[profile]\n\ndaily-active-users = \"lots\"\n",
                3,
                "invalid type",
            ),
            ("[profile]\nteam = 4\n", 2, "unknown field `team`"),
            (
                "[profile]\ncompliance = [\"soc3\"]\n",
                2,
                "unknown variant `soc3`",
            ),
            (
                "[costs]\ncompose-host = 10\n",
                2,
                "unknown key `compose-host`",
            ),
            ("[costs]\nengineer-eur-month = -1\n", 2, "not a cost"),
            (
                "[costs.control-plane]\neks = 73\ngke = 65\n",
                1,
                "has no `aks`",
            ),
            (
                "[thresholds]\nmigrate-dau = 4\n",
                2,
                "unknown key `migrate-dau`",
            ),
        ] {
            let e = parse(text).expect_err(text);
            assert_eq!(e.line, line, "{text}: {e}");
            assert!(e.to_string().contains(says), "{text}: {e}");
            assert!(e.to_string().starts_with("shipready.toml:"), "{e}");
        }
    }
}
