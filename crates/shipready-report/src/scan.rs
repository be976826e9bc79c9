//! What `shipready scan` prints: a table grouped by package, the JSON
//! contract of docs/scan-json.md, and a CycloneDX VEX document; and the
//! one-paragraph vulnerability summary `shipready image` adds. SARIF and
//! Markdown come from the generic renderers (SR-V001 findings).

use crate::{PackageReport, Report};
use serde::Serialize;
use shipready_sbom::cyclonedx::{render_with, VexEntry};
use shipready_sbom::document::Subject;
use shipready_sbom::{Origin, Package};
use shipready_vuln::{Match, Rating};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The version of the scan JSON; bumped on any incompatible change.
pub const SCAN_JSON_VERSION: u32 = 1;

fn matches(p: &PackageReport) -> &[Match] {
    p.scan.as_ref().map_or(&[], |s| &s.matches[..])
}

/// Counts by rating, highest first, as "2 critical, 5 high".
fn counts(ms: &[&Match]) -> String {
    let mut by: BTreeMap<std::cmp::Reverse<Rating>, usize> = BTreeMap::new();
    for m in ms {
        *by.entry(std::cmp::Reverse(m.rating)).or_default() += 1;
    }
    by.iter()
        .map(|(r, n)| format!("{n} {}", r.0.as_str().to_ascii_lowercase()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn location(p: &Package) -> String {
    match p.origin.line() {
        Some(l) => format!("{}:{l}", p.origin.path()),
        None => p.origin.path().to_string(),
    }
}

fn style(color: bool, r: Rating) -> (&'static str, &'static str) {
    if !color {
        return ("", "");
    }
    let on = match r {
        Rating::Critical => "\x1b[1;35m",
        Rating::High => "\x1b[1;31m",
        Rating::Medium => "\x1b[33m",
        Rating::Low => "\x1b[36m",
        Rating::Unknown => "\x1b[2m",
    };
    (on, "\x1b[0m")
}

/// One line, cut to `width` characters.
fn cut(s: &str, width: usize) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    if line.chars().count() <= width {
        return line.to_string();
    }
    let mut out: String = line.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The database line: when it was built, from what, and whether it is
/// stale.
fn db_line(report: &Report, color: bool) -> String {
    let Some(db) = &report.db else {
        return String::new();
    };
    let records: usize = db.sources.iter().map(|s| s.records).sum();
    let (warn, reset) = if color && db.stale {
        ("\x1b[33m", "\x1b[0m")
    } else {
        ("", "")
    };
    let stale = if db.stale {
        format!(
            " {warn}— {} days old: run `shipready db update`{reset}",
            db.age_days
        )
    } else {
        String::new()
    };
    format!(
        "database: {records} records from {} sources, built {}{stale}\n",
        db.sources.len(),
        db.built
    )
}

/// The terminal table: per target, each vulnerable package with its
/// vulnerabilities, highest rating first.
pub fn render_scan_table(report: &Report, color: bool) -> String {
    let (bold, dim, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut s = db_line(report, color);
    for target in &report.packages {
        let ms = matches(target);
        let scanned = target.scan.as_ref().map_or(0, |r| r.packages_scanned);
        let _ = writeln!(
            s,
            "\n{bold}{}{reset}  {dim}{} packages scanned{reset}",
            target.target, scanned
        );
        let mut by_package: BTreeMap<usize, Vec<&Match>> = BTreeMap::new();
        for m in ms {
            by_package.entry(m.package).or_default().push(m);
        }
        let mut groups: Vec<(usize, Vec<&Match>)> = by_package.into_iter().collect();
        for (_, v) in &mut groups {
            v.sort_by(|a, b| b.rating.cmp(&a.rating).then_with(|| a.id.cmp(&b.id)));
        }
        groups.sort_by(|a, b| {
            b.1[0].rating.cmp(&a.1[0].rating).then_with(|| {
                let (pa, pb) = (
                    &target.inventory.packages[a.0],
                    &target.inventory.packages[b.0],
                );
                (&pa.name, &pa.version).cmp(&(&pb.name, &pb.version))
            })
        });
        for (pi, vulns) in &groups {
            let p = &target.inventory.packages[*pi];
            let unfixed = vulns.iter().filter(|m| m.fixed.is_empty()).count();
            let fix = match shipready_vuln::scan::upgrade_for(vulns) {
                Some(v) => format!("upgrade to {v}"),
                None if unfixed == vulns.len() => "no fix yet".to_string(),
                None if unfixed > 0 => format!("no fix yet for {unfixed} of {}", vulns.len()),
                None => String::new(),
            };
            let via = vulns
                .iter()
                .find(|m| p.ecosystem.is_os() && m.matched_name != p.name)
                .map(|m| format!(" (source {} {})", m.matched_name, m.matched_version))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "\n  {bold}{} {}{reset}{via}  {dim}{} · {}{reset}  {fix}",
                p.name,
                p.version,
                p.ecosystem.osv_name(),
                location(p),
            );
            let ids: Vec<String> = vulns
                .iter()
                .map(|m| {
                    let aka = m
                        .aliases
                        .iter()
                        .find(|a| a.starts_with("CVE-") && **a != m.id)
                        .map(|a| format!(" ({a})"))
                        .unwrap_or_default();
                    format!("{}{aka}", m.id)
                })
                .collect();
            let w_id = ids.iter().map(|i| i.chars().count()).max().unwrap_or(0);
            let fixes: Vec<String> = vulns
                .iter()
                .map(|m| {
                    m.fixed
                        .first()
                        .map_or_else(|| "no fix".to_string(), |f| format!("→ {f}"))
                })
                .collect();
            let w_fix = fixes.iter().map(|f| f.chars().count()).max().unwrap_or(0);
            for ((m, id), fixed) in vulns.iter().zip(&ids).zip(&fixes) {
                let (on, off) = style(color, m.rating);
                let score = m.score.map_or("   ".to_string(), |v| format!("{v:>4.1}"));
                let _ = writeln!(
                    s,
                    "    {on}{:<8}{off} {score}  {id:<w_id$}  {fixed:<w_fix$}  {}  {dim}[{}]{reset}",
                    m.rating.as_str(),
                    cut(&m.summary, 60),
                    m.feed
                );
            }
        }
        let refs: Vec<&Match> = ms.iter().collect();
        let verdict = if ms.is_empty() && !report.errors.is_empty() {
            // Never a clean bill of health for input that was not read.
            "no known vulnerabilities in what could be read (see the errors below)".to_string()
        } else if ms.is_empty() {
            "no known vulnerabilities".to_string()
        } else {
            format!(
                "{} vulnerabilit{} ({}) in {} of {} packages",
                ms.len(),
                if ms.len() == 1 { "y" } else { "ies" },
                counts(&refs),
                groups.len(),
                scanned
            )
        };
        let hidden = if target.suppressed.is_empty() {
            String::new()
        } else {
            format!(", {} suppressed", target.suppressed.len())
        };
        let _ = writeln!(s, "\n  {verdict}{hidden}");
        for u in target
            .scan
            .iter()
            .flat_map(|r| &r.unchecked)
            .filter(|u| !u.blocking)
        {
            let _ = writeln!(s, "  {dim}note: {}{reset}", u.message);
        }
    }
    for e in &report.errors {
        let at = e.line.map_or(String::new(), |l| format!(":{l}"));
        let _ = writeln!(s, "\nerror: {}{at}: {}", e.file, e.message);
    }
    s
}

/// The line `shipready image` adds under the image summary when it
/// scanned the image.
pub fn render_vuln_summary(
    report: &Report,
    image: shipready_diagnostics::FileId,
    color: bool,
) -> String {
    let Some(target) = report.packages.iter().find(|p| p.image == Some(image)) else {
        return String::new();
    };
    let Some(scan) = &target.scan else {
        return format!(
            "packages: {} catalogued (no vulnerability database: `shipready db update`)\n",
            target.inventory.packages.len()
        );
    };
    let ms: Vec<&Match> = scan.matches.iter().collect();
    let top = ms.iter().map(|m| m.rating).max();
    let (on, off) = top.map_or(("", ""), |r| style(color, r));
    let what = if ms.is_empty() {
        "none known".to_string()
    } else {
        format!("{on}{}{off} — `shipready scan` lists them", counts(&ms))
    };
    format!(
        "vulnerabilities: {what} in {} packages\n{}",
        scan.packages_scanned,
        db_line(report, color)
    )
}

#[derive(Serialize)]
struct ScanJson<'a> {
    version: u32,
    target: &'a str,
    db: Option<DbJson<'a>>,
    packages_scanned: usize,
    vulnerabilities: Vec<VulnJson<'a>>,
    suppressed: Vec<SuppressedJson<'a>>,
    notes: Vec<&'a str>,
    errors: Vec<ErrorJson<'a>>,
}

#[derive(Serialize)]
struct DbJson<'a> {
    built: &'a str,
    age_days: i64,
    stale: bool,
    sources: &'a [shipready_vuln::db::SourceInfo],
}

#[derive(Serialize)]
struct VulnJson<'a> {
    id: &'a str,
    aliases: &'a [String],
    package: &'a str,
    version: &'a str,
    ecosystem: &'a str,
    purl: &'a str,
    fixed_versions: &'a [String],
    severity: &'static str,
    cvss_score: Option<f64>,
    title: &'a str,
    location: LocationJson<'a>,
    /// The feed of the record that decided it.
    feed: &'a str,
    /// The ecosystem and name it was matched under (a Debian package's
    /// source package).
    matched: MatchedJson<'a>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct MatchedJson<'a> {
    ecosystem: &'a str,
    name: &'a str,
    version: &'a str,
}

#[derive(Serialize)]
struct LocationJson<'a> {
    path: &'a str,
    line: Option<u32>,
    /// 0-based, as in the lint JSON (`shipready image` prints it 1-based).
    layer: Option<usize>,
}

#[derive(Serialize)]
struct SuppressedJson<'a> {
    id: &'a str,
    package: &'a str,
    version: &'a str,
    reason: &'a str,
}

#[derive(Serialize)]
struct ErrorJson<'a> {
    file: &'a str,
    line: Option<u32>,
    message: &'a str,
}

fn location_json(p: &Package) -> LocationJson<'_> {
    LocationJson {
        path: p.origin.path(),
        line: p.origin.line(),
        layer: match &p.origin {
            Origin::Image { layer, .. } => Some(*layer),
            Origin::File { .. } => None,
        },
    }
}

fn vuln_json<'a>(p: &'a Package, m: &'a Match) -> VulnJson<'a> {
    VulnJson {
        id: &m.id,
        aliases: &m.aliases,
        package: &p.name,
        version: &p.version,
        ecosystem: p.ecosystem.osv_name(),
        purl: &p.purl,
        fixed_versions: &m.fixed,
        severity: m.rating.as_str(),
        cvss_score: m.score,
        title: &m.summary,
        location: location_json(p),
        feed: &m.feed,
        matched: MatchedJson {
            ecosystem: &m.ecosystem,
            name: &m.matched_name,
            version: &m.matched_version,
        },
        url: m.url.as_deref(),
    }
}

/// The scan as the versioned JSON contract (docs/scan-json.md). A scan
/// has one target; should a report hold more, their vulnerabilities are
/// listed together and `target` names the first.
pub fn render_scan_json(report: &Report) -> String {
    let mut vulnerabilities = Vec::new();
    let mut suppressed = Vec::new();
    let mut notes = Vec::new();
    let mut scanned = 0;
    for t in &report.packages {
        scanned += t.scan.as_ref().map_or(0, |s| s.packages_scanned);
        for m in matches(t) {
            vulnerabilities.push(vuln_json(&t.inventory.packages[m.package], m));
        }
        for s in &t.suppressed {
            let p = &t.inventory.packages[s.matched.package];
            suppressed.push(SuppressedJson {
                id: &s.matched.id,
                package: &p.name,
                version: &p.version,
                reason: &s.why,
            });
        }
        notes.extend(
            t.scan
                .iter()
                .flat_map(|s| &s.unchecked)
                .filter(|u| !u.blocking)
                .map(|u| u.message.as_str()),
        );
    }
    let doc = ScanJson {
        version: SCAN_JSON_VERSION,
        target: report.packages.first().map_or("", |t| t.target.as_str()),
        db: report.db.as_ref().map(|d| DbJson {
            built: &d.built,
            age_days: d.age_days,
            stale: d.stale,
            sources: &d.sources,
        }),
        packages_scanned: scanned,
        vulnerabilities,
        suppressed,
        notes,
        errors: report
            .errors
            .iter()
            .map(|e| ErrorJson {
                file: &e.file,
                line: e.line,
                message: &e.message,
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The first target as a CycloneDX 1.6 BOM with its vulnerabilities
/// (VEX). A found vulnerability carries no analysis: a scanner does not
/// know reachability. One the ignore file or a VEX statement took out
/// carries the team's verdict, `not_affected` with its reason; one
/// `--ignore-unfixed` hid is still listed, without a verdict.
pub fn render_scan_vex(
    report: &Report,
    tool_version: &str,
    created: time::OffsetDateTime,
) -> String {
    let Some(t) = report.packages.first() else {
        return String::new();
    };
    fn entry<'a>(m: &'a Match, analysis: Option<(&'static str, String)>) -> (String, VexEntry<'a>) {
        (
            m.id.clone(),
            VexEntry {
                id: &m.id,
                source: &m.feed,
                url: m.url.as_deref(),
                aliases: m
                    .aliases
                    .iter()
                    .map(|a| (a.as_str(), shipready_vuln::import::feed_of(a)))
                    .collect(),
                score: m.score,
                severity: severity_word(m.rating),
                description: &m.summary,
                fixed: &m.fixed,
                affects: vec![m.package],
                analysis,
            },
        )
    }
    // One entry per vulnerability, affecting every package it was found in.
    let mut merged: Vec<(String, VexEntry<'_>)> = Vec::new();
    let all = matches(t)
        .iter()
        .map(|m| entry(m, None))
        .chain(t.suppressed.iter().map(|s| {
            let verdict = s.verdict.then(|| ("not_affected", s.why.clone()));
            entry(&s.matched, verdict)
        }));
    for (id, e) in all {
        match merged
            .iter_mut()
            .find(|(i, x)| *i == id && x.analysis == e.analysis)
        {
            Some((_, x)) => x.affects.extend(e.affects),
            None => merged.push((id, e)),
        }
    }
    let entries: Vec<VexEntry<'_>> = merged.into_iter().map(|(_, e)| e).collect();
    let subject = Subject {
        name: &t.target,
        image: t.image.is_some(),
        tool_version,
        created,
    };
    render_with(&subject, &t.inventory, &entries)
}

fn severity_word(r: Rating) -> &'static str {
    match r {
        Rating::Critical => "critical",
        Rating::High => "high",
        Rating::Medium => "medium",
        Rating::Low => "low",
        Rating::Unknown => "unknown",
    }
}
