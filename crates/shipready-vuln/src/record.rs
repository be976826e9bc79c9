//! A vulnerability record as the database keeps it, whatever the feed:
//! an ID, its aliases, a summary, the severity, and the affected packages
//! with their ranges. OSV's shape, reduced to what matching needs.

use crate::severity::Rating;
use crate::version::Scheme;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: String,
    pub aliases: Vec<String>,
    pub summary: String,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub score: Option<f64>,
    pub rating: Rating,
    /// The feed it came from (`PyPA`, `debian-dsa`, `alpine-secdb`, …).
    pub source: String,
    /// The advisory's web page, when the record names one.
    pub url: Option<String>,
    pub affected: Vec<Affected>,
}

/// A package a record affects: ecosystem, name (normalised, see
/// [`normalize_name`]), ranges and explicit versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Affected {
    pub ecosystem: String,
    pub name: String,
    pub ranges: Vec<Range>,
    pub versions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "lowercase")]
pub enum Range {
    /// OSV `SEMVER` or `ECOSYSTEM` events (in the ecosystem's order).
    Events { semver: bool, events: Vec<Event> },
    /// An npm range expression (`>=2.0.0 <2.1.4 || >=3.0.0 <3.0.2`), as the
    /// Node.js security working group writes them.
    Npm { expr: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Introduced(String),
    Fixed(String),
    LastAffected(String),
    Limit(String),
}

impl Event {
    pub fn version(&self) -> &str {
        match self {
            Event::Introduced(v) | Event::Fixed(v) | Event::LastAffected(v) | Event::Limit(v) => v,
        }
    }
}

/// The name as the database keys it: PyPI's PEP 503 form, lowercase
/// where the ecosystem is case-insensitive (NuGet, Packagist, the
/// distributions), as written elsewhere.
pub fn normalize_name(ecosystem: &str, name: &str) -> String {
    let base = ecosystem.split(':').next().unwrap_or(ecosystem);
    match base {
        "PyPI" => shipready_sbom::catalog::normalize_pypi(name),
        "NuGet" | "Packagist" | "Debian" | "Ubuntu" | "Alpine" => name.to_ascii_lowercase(),
        _ => name.to_string(),
    }
}

impl Affected {
    /// Whether `version` (already parsed in `scheme`) is affected, and
    /// the fixed versions of the ranges that say so.
    pub fn affects(
        &self,
        scheme: Scheme,
        raw: &str,
        version: &crate::version::Version,
    ) -> Option<Vec<String>> {
        if self.versions.iter().any(|v| v == raw) {
            return Some(self.fixed());
        }
        for r in &self.ranges {
            let hit = match r {
                Range::Events { semver, events } => {
                    let s = if *semver { Scheme::Semver } else { scheme };
                    in_events(s, version, events)
                }
                Range::Npm { expr } => crate::npm_range::matches(expr, raw),
            };
            if hit {
                return Some(match r {
                    Range::Events { events, .. } => events
                        .iter()
                        .filter_map(|e| match e {
                            Event::Fixed(v) => Some(v.clone()),
                            _ => None,
                        })
                        .collect(),
                    Range::Npm { .. } => Vec::new(),
                });
            }
        }
        None
    }

    fn fixed(&self) -> Vec<String> {
        self.ranges
            .iter()
            .flat_map(|r| match r {
                Range::Events { events, .. } => events.iter().collect::<Vec<_>>(),
                Range::Npm { .. } => Vec::new(),
            })
            .filter_map(|e| match e {
                Event::Fixed(v) => Some(v.clone()),
                _ => None,
            })
            .collect()
    }
}

/// OSV's evaluation of a range: events in version order (`introduced:
/// "0"` first); a version is affected after an `introduced` at or below
/// it, until a `fixed` at or below it, or a `last_affected` below it.
fn in_events(scheme: Scheme, v: &crate::version::Version, events: &[Event]) -> bool {
    let mut parsed: Vec<(Option<crate::version::Version>, &Event)> =
        Vec::with_capacity(events.len());
    for e in events {
        let ver = e.version();
        if matches!(e, Event::Introduced(_)) && ver == "0" {
            parsed.push((None, e));
            continue;
        }
        match scheme.parse(ver) {
            Ok(p) => parsed.push((Some(p), e)),
            // Unreadable events were dropped at import; be safe anyway.
            Err(_) => return false,
        }
    }
    // `None` ("0") sorts first.
    parsed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut affected = false;
    for (ev, e) in &parsed {
        match e {
            Event::Introduced(_) => {
                if ev.as_ref().is_none_or(|x| v >= x) {
                    affected = true;
                }
            }
            Event::Fixed(_) => {
                if ev.as_ref().is_some_and(|x| v >= x) {
                    affected = false;
                }
            }
            Event::LastAffected(_) => {
                if ev.as_ref().is_some_and(|x| v > x) {
                    affected = false;
                }
            }
            Event::Limit(_) => {
                if ev.as_ref().is_some_and(|x| v >= x) {
                    return false;
                }
            }
        }
    }
    affected
}
