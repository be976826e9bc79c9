//! `[scan]` in `shipready.toml`: the vulnerability gate and the database's
//! freshness, the sources `shipready db update` downloads.

use serde::Deserialize;
use shipready_vuln::Rating;

/// What `[scan]` says, resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanSettings {
    /// `scan` exits 1 on a vulnerability at or above this rating; `None`
    /// never fails on findings. The guide's gate is HIGH.
    pub fail_on: Option<Rating>,
    /// Vulnerabilities no feed rates (Go's and Debian's records carry no
    /// CVSS) fail the gate too.
    pub fail_on_unknown: bool,
    /// Leave out vulnerabilities no fixed version exists for yet.
    pub ignore_unfixed: bool,
    /// A database older than this many days is stale (cargo-deny's
    /// `maximum-db-staleness`); `None` never is.
    pub max_db_age_days: Option<u32>,
    /// A stale database fails the run instead of warning.
    pub fail_on_stale_db: bool,
    /// What `db update` downloads, in order; empty means the documented
    /// defaults (`shipready_vuln::update::DEFAULT_SOURCES`).
    pub sources: Vec<Source>,
}

impl Default for ScanSettings {
    fn default() -> Self {
        ScanSettings {
            fail_on: Some(Rating::High),
            fail_on_unknown: false,
            ignore_unfixed: false,
            max_db_age_days: Some(7),
            fail_on_stale_db: false,
            sources: Vec::new(),
        }
    }
}

/// One download of `db update`: a URL and, when the publisher gives one,
/// the SHA-256 the file must have.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum Source {
    Url(String),
    Pinned { url: String, sha256: Option<String> },
}

impl Source {
    pub fn url(&self) -> &str {
        match self {
            Source::Url(u) | Source::Pinned { url: u, .. } => u,
        }
    }

    pub fn sha256(&self) -> Option<&str> {
        match self {
            Source::Url(_) => None,
            Source::Pinned { sha256, .. } => sha256.as_deref(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RawScan {
    fail_on: Option<String>,
    fail_on_unknown: Option<bool>,
    ignore_unfixed: Option<bool>,
    max_db_age_days: Option<u32>,
    stale_db: Option<String>,
    sources: Option<Vec<Source>>,
}

/// A `--fail-on` word of `scan`: a rating, or `none`.
pub fn parse_fail_on(s: &str) -> Result<Option<Rating>, String> {
    if s.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    match Rating::from_word(s) {
        Some(Rating::Unknown) | None => Err(format!(
            "`{s}` is not one of critical, high, medium, low, none"
        )),
        Some(r) => Ok(Some(r)),
    }
}

impl ScanSettings {
    pub(crate) fn apply(&mut self, raw: RawScan) -> Result<(), String> {
        if let Some(f) = raw.fail_on {
            self.fail_on = parse_fail_on(&f).map_err(|e| format!("[scan] fail-on: {e}"))?;
        }
        if let Some(b) = raw.fail_on_unknown {
            self.fail_on_unknown = b;
        }
        if let Some(b) = raw.ignore_unfixed {
            self.ignore_unfixed = b;
        }
        if let Some(d) = raw.max_db_age_days {
            // 0 switches the check off.
            self.max_db_age_days = (d > 0).then_some(d);
        }
        if let Some(s) = raw.stale_db {
            self.fail_on_stale_db = match s.as_str() {
                "warn" => false,
                "fail" => true,
                other => {
                    return Err(format!(
                        "[scan] stale-db: `{other}` is not `warn` or `fail`"
                    ))
                }
            };
        }
        if let Some(s) = raw.sources {
            for src in &s {
                let u = src.url();
                if !(u.starts_with("https://")
                    || u.starts_with("http://")
                    || u.starts_with("file://")
                    || u.starts_with('/'))
                {
                    return Err(format!(
                        "[scan] sources: `{u}` is not an https:// URL or a file path"
                    ));
                }
            }
            self.sources = s;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fail_on_words() {
        assert_eq!(parse_fail_on("HIGH"), Ok(Some(Rating::High)));
        assert_eq!(parse_fail_on("critical"), Ok(Some(Rating::Critical)));
        assert_eq!(parse_fail_on("none"), Ok(None));
        assert!(parse_fail_on("severe").is_err());
        assert!(parse_fail_on("unknown").is_err());
    }
}
