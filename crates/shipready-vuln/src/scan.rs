//! Matching an inventory against the database: each package under the key
//! its advisories use (a Debian binary package by its source package and
//! the source's version, an Alpine package by its origin, a language
//! package by its normalised name), its version in its ecosystem's order,
//! and the records that name the same vulnerability (a CVE, its GHSA, a
//! DSA) merged into one finding.

use crate::db::{Db, DbError, VulnInfo};
use crate::record::normalize_name;
use crate::severity::Rating;
use crate::version::Scheme;
use serde::Serialize;
use shipready_sbom::{Distro, Ecosystem, Inventory, Package};

/// One vulnerability of one package.
#[derive(Debug, Clone, Serialize)]
pub struct Match {
    /// The record that decided it (see [`feed_priority`]).
    pub id: String,
    /// Every other ID of the same vulnerability.
    pub aliases: Vec<String>,
    pub summary: String,
    pub rating: Rating,
    pub score: Option<f64>,
    pub fixed: Vec<String>,
    /// The feed of the deciding record (`debian-dsa`, `alpine-secdb`,
    /// `PyPA`, `GitHub`, …).
    pub feed: String,
    /// The ecosystem the package was matched in (`Debian:12`, `PyPI`).
    pub ecosystem: String,
    /// The name and version it was matched by (a Debian package's source
    /// package and version).
    pub matched_name: String,
    pub matched_version: String,
    pub url: Option<String>,
    /// Index into the inventory's packages.
    pub package: usize,
}

/// Something the scan could not decide: a version that does not read, a
/// distribution the database has no advisories for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unchecked {
    pub package: Option<usize>,
    pub message: String,
    /// True when it means packages went unchecked that a gate must not
    /// take for clean (an unreadable version); false for a notice.
    pub blocking: bool,
}

#[derive(Debug, Default, Serialize)]
pub struct ScanResult {
    pub packages_scanned: usize,
    pub matches: Vec<Match>,
    pub unchecked: Vec<Unchecked>,
}

/// The OSV ecosystem of a distribution's packages (`Debian:12`,
/// `Alpine:v3.20`, `Ubuntu:22.04`, `Rocky Linux:9`).
pub fn distro_ecosystem(eco: Ecosystem, distro: Option<&Distro>) -> Option<String> {
    let d = distro?;
    let major = d.version_id.split('.').next().unwrap_or(&d.version_id);
    let minor = d
        .version_id
        .split('.')
        .take(2)
        .collect::<Vec<_>>()
        .join(".");
    Some(match (eco, d.id.as_str()) {
        (Ecosystem::Deb, "debian") => format!("Debian:{major}"),
        (Ecosystem::Deb, "ubuntu") => format!("Ubuntu:{}", d.version_id),
        (Ecosystem::Apk, "alpine") => format!("Alpine:v{minor}"),
        (Ecosystem::Apk, "wolfi") => "Wolfi".to_string(),
        (Ecosystem::Rpm, "rocky") => format!("Rocky Linux:{major}"),
        (Ecosystem::Rpm, "almalinux") => format!("AlmaLinux:{major}"),
        _ => return None,
    })
}

/// The key a package's advisories use: ecosystem, name, version.
fn key(p: &Package, distro: Option<&Distro>) -> Option<(String, String, String)> {
    if p.ecosystem.is_os() {
        let eco = distro_ecosystem(p.ecosystem, distro)?;
        let (name, version) = match (p.ecosystem, &p.source) {
            (Ecosystem::Deb, Some(s)) => (s.name.as_str(), s.version.as_str()),
            (Ecosystem::Apk, Some(s)) => (s.name.as_str(), p.version.as_str()),
            _ => (p.name.as_str(), p.version.as_str()),
        };
        return Some((eco.clone(), normalize_name(&eco, name), version.to_string()));
    }
    let eco = p.ecosystem.osv_name().to_string();
    let version = match (p.ecosystem, p.name.as_str()) {
        (Ecosystem::Go, "stdlib" | "toolchain") => go_release(&p.version),
        _ => p.version.clone(),
    };
    Some((eco.clone(), normalize_name(&eco, &p.name), version))
}

/// A Go release as the Go vulnerability database writes it: `go1.22.3` is
/// `1.22.3`, `go1.21rc2` is `1.21.0-rc.2` and `go1.20` is `1.20.0`.
fn go_release(v: &str) -> String {
    let v = v.strip_prefix("go").unwrap_or(v);
    let v = v.strip_prefix('v').unwrap_or(v);
    let (core, pre) = match v.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&v[..i], &v[i..]),
        None => (v, ""),
    };
    let mut parts: Vec<&str> = core.trim_end_matches('.').split('.').collect();
    while parts.len() < 3 {
        parts.push("0");
    }
    let core = parts.join(".");
    match pre.find(|c: char| c.is_ascii_digit()) {
        Some(i) => format!("{core}-{}.{}", &pre[..i], &pre[i..]),
        None if !pre.is_empty() => format!("{core}-{pre}"),
        None => core,
    }
}

/// Which record's ID stands for a vulnerability several feeds describe:
/// the distribution's own advisory for a distribution package (its fixed
/// version is the one to install), else the language database's.
pub fn feed_priority(id: &str) -> u8 {
    match id.split('-').next().unwrap_or("") {
        "DSA" | "DLA" | "USN" | "RHSA" | "ALSA" | "RLSA" => 0,
        "GHSA" => 1,
        "PYSEC" | "RUSTSEC" | "GO" | "NSWG" => 2,
        "CVE" => 3,
        _ => 4,
    }
}

/// Matches every package of the inventory.
pub fn scan(db: &Db, inv: &Inventory) -> Result<ScanResult, DbError> {
    let mut result = ScanResult {
        packages_scanned: inv.packages.len(),
        ..ScanResult::default()
    };
    let mut uncovered: Vec<(String, usize)> = Vec::new();
    for (i, p) in inv.packages.iter().enumerate() {
        let Some((eco, name, version)) = key(p, inv.distro.as_ref()) else {
            let what = inv.distro.as_ref().map_or_else(
                || "an unknown distribution".to_string(),
                |d| d.pretty_name.clone(),
            );
            note_uncovered(&mut uncovered, &what);
            continue;
        };
        let Some(scheme) = Scheme::for_ecosystem(&eco) else {
            continue;
        };
        if p.ecosystem.is_os() && !db.covers(&eco)? {
            note_uncovered(&mut uncovered, &eco);
            continue;
        }
        let parsed = match scheme.parse(&version) {
            Ok(v) => v,
            Err(e) => {
                result.unchecked.push(Unchecked {
                    package: Some(i),
                    message: format!("{} {}: {e}; not matched", p.name, p.version),
                    blocking: true,
                });
                continue;
            }
        };
        let mut found: Vec<(VulnInfo, Vec<String>)> = Vec::new();
        for hit in db.affected(&eco, &name)? {
            let Some(fixed) = hit.affected.affects(scheme, &version, &parsed) else {
                continue;
            };
            if let Some(info) = db.vuln(&hit.vuln)? {
                found.push((info, fixed));
            }
        }
        for group in merge(found) {
            let fixed = upgrades(scheme, &parsed, &group.fixed);
            result.matches.push(Match {
                package: i,
                ecosystem: eco.clone(),
                matched_name: name.clone(),
                matched_version: version.clone(),
                fixed,
                ..group
            });
        }
    }
    for (what, n) in uncovered {
        result.unchecked.push(Unchecked {
            package: None,
            message: format!("the database has no advisories for {what}: {n} of its packages were not checked (import that distribution's feed)"),
            blocking: false,
        });
    }
    Ok(result)
}

/// The fixed versions worth naming: those above the installed one, lowest
/// first (a record lists the fixes of every release branch; 2.2.28 means
/// nothing to someone on 3.2.1). The first is the smallest upgrade.
fn upgrades(scheme: Scheme, installed: &crate::version::Version, fixed: &[String]) -> Vec<String> {
    let parsed: Vec<(crate::version::Version, &String)> = fixed
        .iter()
        .filter_map(|f| scheme.parse(f).ok().map(|v| (v, f)))
        .collect();
    if parsed.len() < fixed.len() {
        // A fix that does not read in the scheme: say all, not less.
        return fixed.to_vec();
    }
    let mut above: Vec<_> = parsed.into_iter().filter(|(v, _)| v > installed).collect();
    above.sort_by(|a, b| a.0.cmp(&b.0));
    above.dedup_by(|a, b| a.0 == b.0);
    above.into_iter().map(|(_, f)| f.clone()).collect()
}

fn note_uncovered(list: &mut Vec<(String, usize)>, what: &str) {
    match list.iter_mut().find(|(w, _)| w == what) {
        Some((_, n)) => *n += 1,
        None => list.push((what.to_string(), 1)),
    }
}

/// Records that share an ID or an alias are one vulnerability.
fn merge(found: Vec<(VulnInfo, Vec<String>)>) -> Vec<Match> {
    let mut groups: Vec<Vec<(VulnInfo, Vec<String>)>> = Vec::new();
    for f in found {
        let ids: Vec<&str> = std::iter::once(f.0.id.as_str())
            .chain(f.0.aliases.iter().map(String::as_str))
            .collect();
        let joined: Vec<usize> = groups
            .iter()
            .enumerate()
            .filter(|(_, g)| {
                g.iter().any(|(v, _)| {
                    ids.contains(&v.id.as_str())
                        || v.aliases.iter().any(|a| ids.contains(&a.as_str()))
                })
            })
            .map(|(i, _)| i)
            .collect();
        let mut merged = vec![f];
        for i in joined.into_iter().rev() {
            merged.extend(groups.remove(i));
        }
        groups.push(merged);
    }
    let mut out: Vec<Match> = groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| {
                feed_priority(&a.0.id)
                    .cmp(&feed_priority(&b.0.id))
                    .then_with(|| a.0.id.cmp(&b.0.id))
            });
            let lead = g[0].0.clone();
            let mut aliases: Vec<String> = Vec::new();
            let mut fixed: Vec<String> = Vec::new();
            let mut rating = Rating::Unknown;
            let mut score: Option<f64> = None;
            let mut summary = lead.summary.clone();
            for (v, f) in &g {
                for id in std::iter::once(&v.id).chain(&v.aliases) {
                    if *id != lead.id && !aliases.contains(id) {
                        aliases.push(id.clone());
                    }
                }
                for x in f {
                    if !fixed.contains(x) {
                        fixed.push(x.clone());
                    }
                }
                rating = rating.max(v.rating);
                score = match (score, v.score) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
                if summary.is_empty() {
                    summary = v.summary.clone();
                }
            }
            aliases.sort();
            Match {
                id: lead.id.clone(),
                aliases,
                summary,
                rating,
                score,
                fixed,
                feed: lead.source.clone(),
                ecosystem: String::new(),
                matched_name: String::new(),
                matched_version: String::new(),
                url: lead.url.clone(),
                package: 0,
            }
        })
        .collect();
    out.sort_by(|a, b| b.rating.cmp(&a.rating).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The smallest version that fixes every one of these vulnerabilities of
/// one package: the highest of each one's smallest fix. `None` when one
/// of them has no fix yet.
pub fn upgrade_for(matches: &[&Match]) -> Option<String> {
    let scheme = Scheme::for_ecosystem(&matches.first()?.ecosystem)?;
    let mut best: Option<(crate::version::Version, &String)> = None;
    for m in matches {
        let first = m.fixed.first()?;
        let v = scheme.parse(first).ok()?;
        if best.as_ref().is_none_or(|(b, _)| v > *b) {
            best = Some((v, first));
        }
    }
    best.map(|(_, s)| s.clone())
}

#[cfg(test)]
mod tests {
    use super::go_release;

    #[test]
    fn go_releases_are_written_as_the_go_database_does() {
        for (release, want) in [
            ("go1.22.3", "1.22.3"),
            ("go1.20", "1.20.0"),
            ("go1.21rc2", "1.21.0-rc.2"),
            ("go1.9beta1", "1.9.0-beta.1"),
            ("v1.22.3", "1.22.3"),
        ] {
            assert_eq!(go_release(release), want, "{release}");
        }
    }
}
