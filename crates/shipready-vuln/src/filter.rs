//! What a team says about its findings, applied before the gate:
//! `.shipready-ignore.toml` entries (an ID, optionally a package or a
//! path, a required reason, an optional expiry after which the entry stops
//! applying), VEX statements (OpenVEX, and CycloneDX VEX's `analysis`)
//! whose `not_affected` status suppresses with its justification, and
//! `--ignore-unfixed`. Unused and expired entries are reported, as
//! cargo-deny reports an ignore that matches no advisory.

use crate::record::normalize_name;
use crate::scan::{Match, ScanResult};
use serde::Deserialize;
use shipready_sbom::{Inventory, Package};
use std::path::{Path, PathBuf};
use time::Date;

#[derive(Debug, thiserror::Error)]
pub enum FilterError {
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

fn invalid(path: &Path, message: impl Into<String>) -> FilterError {
    FilterError::Invalid {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct IgnoreToml {
    #[serde(default)]
    ignore: Vec<toml::Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    package: Option<String>,
    path: Option<String>,
    reason: Option<String>,
    expires: Option<toml::value::Datetime>,
}

/// One `[[ignore]]` entry.
#[derive(Debug, Clone)]
pub struct IgnoreEntry {
    pub id: String,
    pub package: Option<String>,
    pub path: Option<String>,
    pub reason: String,
    pub expires: Option<Date>,
    /// Where the entry is written (byte span in the file).
    pub span: (usize, usize),
}

/// `.shipready-ignore.toml`.
#[derive(Debug, Clone)]
pub struct IgnoreFile {
    pub path: PathBuf,
    pub text: String,
    pub entries: Vec<IgnoreEntry>,
}

impl IgnoreFile {
    /// The file's entries; a missing reason, an unknown key or a bad date
    /// is an error naming the file and line.
    pub fn parse(path: &Path, text: &str) -> Result<IgnoreFile, FilterError> {
        let raw: IgnoreToml = toml::from_str(text)
            .map_err(|e| invalid(path, e.to_string().trim_end().to_string()))?;
        let mut entries = Vec::new();
        for spanned in raw.ignore {
            let span = spanned.span();
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            let e = spanned.into_inner();
            let reason = e
                .reason
                .filter(|r| !r.trim().is_empty())
                .ok_or_else(|| invalid(path, format!("line {line}: the entry for {} has no `reason`: say why it is safe to ignore", e.id)))?;
            let expires = match e.expires {
                Some(dt) => {
                    let d = dt.date.ok_or_else(|| {
                        invalid(
                            path,
                            format!("line {line}: `expires` must be a date (2027-01-31)"),
                        )
                    })?;
                    Some(
                        Date::from_calendar_date(
                            i32::from(d.year),
                            time::Month::try_from(d.month)
                                .map_err(|_| invalid(path, format!("line {line}: bad month")))?,
                            d.day,
                        )
                        .map_err(|_| invalid(path, format!("line {line}: not a date")))?,
                    )
                }
                None => None,
            };
            entries.push(IgnoreEntry {
                id: e.id,
                package: e.package,
                path: e.path,
                reason,
                expires,
                span: (span.start, span.end),
            });
        }
        Ok(IgnoreFile {
            path: path.to_path_buf(),
            text: text.to_string(),
            entries,
        })
    }
}

/// A VEX statement: a vulnerability, the products (PURLs) it is about,
/// and whether they are affected.
#[derive(Debug, Clone, PartialEq)]
pub struct VexStatement {
    pub vulnerability: String,
    pub products: Vec<String>,
    pub status: String,
    pub justification: Option<String>,
}

#[derive(Deserialize)]
struct OpenVex {
    statements: Vec<OpenVexStatement>,
}

#[derive(Deserialize)]
struct OpenVexStatement {
    vulnerability: serde_json::Value,
    #[serde(default)]
    products: Vec<serde_json::Value>,
    status: String,
    justification: Option<String>,
    impact_statement: Option<String>,
}

#[derive(Deserialize)]
struct CdxVex {
    vulnerabilities: Vec<CdxVuln>,
}

#[derive(Deserialize)]
struct CdxVuln {
    id: String,
    analysis: Option<CdxAnalysis>,
    #[serde(default)]
    affects: Vec<CdxAffects>,
}

#[derive(Deserialize)]
struct CdxAnalysis {
    state: Option<String>,
    justification: Option<String>,
    detail: Option<String>,
}

#[derive(Deserialize)]
struct CdxAffects {
    #[serde(rename = "ref")]
    reference: String,
}

/// Reads an OpenVEX or a CycloneDX VEX document (JSON).
pub fn parse_vex(path: &Path, text: &str) -> Result<Vec<VexStatement>, FilterError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| invalid(path, format!("not JSON: {e}")))?;
    if value.get("statements").is_some() {
        let doc: OpenVex = serde_json::from_value(value)
            .map_err(|e| invalid(path, format!("not an OpenVEX document: {e}")))?;
        return Ok(doc
            .statements
            .into_iter()
            .map(|s| VexStatement {
                vulnerability: match &s.vulnerability {
                    serde_json::Value::String(v) => v.clone(),
                    v => v
                        .get("name")
                        .and_then(|n| n.as_str())
                        .unwrap_or("")
                        .to_string(),
                },
                products: s
                    .products
                    .iter()
                    .filter_map(|p| match p {
                        serde_json::Value::String(s) => Some(s.clone()),
                        v => v.get("@id").and_then(|i| i.as_str()).map(str::to_string),
                    })
                    .collect(),
                status: s.status,
                justification: s.justification.or(s.impact_statement),
            })
            .collect());
    }
    if value.get("vulnerabilities").is_some() {
        let doc: CdxVex = serde_json::from_value(value)
            .map_err(|e| invalid(path, format!("not a CycloneDX VEX document: {e}")))?;
        return Ok(doc
            .vulnerabilities
            .into_iter()
            .filter_map(|v| {
                let a = v.analysis?;
                Some(VexStatement {
                    vulnerability: v.id,
                    products: v.affects.into_iter().map(|x| x.reference).collect(),
                    status: a.state.unwrap_or_default(),
                    justification: a.justification.or(a.detail),
                })
            })
            .collect());
    }
    Err(invalid(
        path,
        "neither OpenVEX (`statements`) nor CycloneDX VEX (`vulnerabilities`)",
    ))
}

/// A match taken out of the result, and why.
#[derive(Debug, Clone)]
pub struct Suppressed {
    pub matched: Match,
    pub why: String,
    /// The team said it does not affect them (an ignore entry, a VEX
    /// statement), rather than only hiding it (`--ignore-unfixed`).
    pub verdict: bool,
}

/// What filtering did.
#[derive(Debug, Default)]
pub struct Filtered {
    pub suppressed: Vec<Suppressed>,
    /// Ignore entries that matched nothing (index into the file's entries).
    pub unused: Vec<usize>,
    /// Entries past their expiry date: they no longer apply.
    pub expired: Vec<usize>,
}

/// A PURL without qualifiers and subpath, for comparing products.
fn bare(purl: &str) -> &str {
    purl.split(['?', '#']).next().unwrap_or(purl)
}

fn product_matches(product: &str, p: &Package) -> bool {
    let (want, have) = (bare(product), bare(&p.purl));
    want == have || (!want.contains('@') && have.split('@').next() == Some(want))
}

/// Whether an entry's `package` names this package: by name as its
/// ecosystem compares names (`Django` is `django`, `ruamel_yaml` is
/// `ruamel.yaml` on PyPI), by `name@version`, or by PURL.
fn package_is(want: &str, p: &Package) -> bool {
    let eco = p.ecosystem.osv_name();
    let same = |name: &str| normalize_name(eco, name) == normalize_name(eco, &p.name);
    if let Some((name, version)) = want.rsplit_once('@').filter(|_| !want.starts_with("pkg:")) {
        return same(name) && version == p.version;
    }
    if want.starts_with("pkg:") {
        return product_matches(want, p);
    }
    same(want)
}

fn ids(m: &Match) -> impl Iterator<Item = &str> {
    std::iter::once(m.id.as_str()).chain(m.aliases.iter().map(String::as_str))
}

pub struct Filters<'a> {
    pub ignore: Option<&'a IgnoreFile>,
    pub vex: &'a [VexStatement],
    pub ignore_unfixed: bool,
    pub today: Date,
}

/// Applies the filters to a scan's matches.
pub fn apply(result: &mut ScanResult, inv: &Inventory, f: &Filters<'_>) -> Filtered {
    let mut out = Filtered::default();
    let entries = f.ignore.map_or(&[][..], |i| &i.entries[..]);
    let mut used = vec![false; entries.len()];
    for (i, e) in entries.iter().enumerate() {
        if e.expires.is_some_and(|d| d < f.today) {
            out.expired.push(i);
        }
    }
    let mut kept = Vec::new();
    for m in std::mem::take(&mut result.matches) {
        let p = &inv.packages[m.package];
        let mut why: Option<String> = None;
        for (i, e) in entries.iter().enumerate() {
            if out.expired.contains(&i) || !ids(&m).any(|id| id == e.id) {
                continue;
            }
            let pkg_ok = e.package.as_deref().is_none_or(|want| package_is(want, p));
            let path_ok = e
                .path
                .as_deref()
                .is_none_or(|want| p.origin.path().contains(want));
            if pkg_ok && path_ok {
                used[i] = true;
                why = Some(format!(
                    "ignored in {}: {}",
                    f.ignore
                        .map_or(String::new(), |x| x.path.display().to_string()),
                    e.reason
                ));
                break;
            }
        }
        if why.is_none() {
            why = f
                .vex
                .iter()
                .find(|s| {
                    s.status == "not_affected"
                        && ids(&m).any(|id| id == s.vulnerability)
                        && (s.products.is_empty()
                            || s.products.iter().any(|x| product_matches(x, p)))
                })
                .map(|s| {
                    format!(
                        "VEX: not affected ({})",
                        s.justification
                            .as_deref()
                            .unwrap_or("no justification given")
                    )
                });
        }
        let verdict = why.is_some();
        if why.is_none() && f.ignore_unfixed && m.fixed.is_empty() {
            why = Some("no fixed version (--ignore-unfixed)".to_string());
        }
        match why {
            Some(why) => out.suppressed.push(Suppressed {
                matched: m,
                why,
                verdict,
            }),
            None => kept.push(m),
        }
    }
    result.matches = kept;
    out.unused = (0..entries.len())
        .filter(|i| !used[*i] && !out.expired.contains(i))
        .collect();
    out
}
