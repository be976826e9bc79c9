//! OSV records (JSON, or YAML as the PyPA database writes them) into
//! database records. Our own lenient serde structs rather than the `osv`
//! crate's: a record with one bad range must lose that range (counted),
//! not the whole file, and unknown ecosystems and fields must not fail the
//! parse. Each range's versions are checked against the ecosystem's order
//! here, so matching never meets a version it cannot read.

use super::Skip;
use crate::record::{normalize_name, Affected, Event, Range, Record};
use crate::severity::assess;
use crate::version::Scheme;
use serde::{Deserialize, Deserializer};

#[derive(Deserialize)]
pub(crate) struct Osv {
    id: String,
    modified: Option<String>,
    published: Option<String>,
    withdrawn: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    summary: Option<String>,
    details: Option<String>,
    #[serde(default)]
    severity: Vec<Severity>,
    #[serde(default)]
    affected: Vec<OsvAffected>,
    #[serde(default)]
    references: Vec<Reference>,
    database_specific: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Severity {
    #[serde(rename = "type")]
    kind: String,
    score: String,
}

#[derive(Deserialize)]
struct Reference {
    #[serde(rename = "type")]
    kind: String,
    url: String,
}

#[derive(Deserialize)]
struct OsvAffected {
    package: Option<Package>,
    #[serde(default)]
    ranges: Vec<OsvRange>,
    #[serde(default, deserialize_with = "strings")]
    versions: Vec<String>,
    #[serde(default)]
    severity: Vec<Severity>,
}

#[derive(Deserialize)]
struct Package {
    ecosystem: String,
    name: String,
}

#[derive(Deserialize)]
struct OsvRange {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    events: Vec<OsvEvent>,
}

#[derive(Deserialize)]
struct OsvEvent {
    #[serde(default, deserialize_with = "string")]
    introduced: Option<String>,
    #[serde(default, deserialize_with = "string")]
    fixed: Option<String>,
    #[serde(default, deserialize_with = "string")]
    last_affected: Option<String>,
    #[serde(default, deserialize_with = "string")]
    limit: Option<String>,
}

/// A version as text, also where YAML read an unquoted `2.0` as a number.
fn string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(
        Option::<serde_json::Value>::deserialize(d)?.and_then(|v| match v {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        }),
    )
}

fn strings<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Vec::<serde_json::Value>::deserialize(d)?
        .into_iter()
        .filter_map(|v| match v {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect())
}

/// The record, or why it was skipped. Withdrawn records are skipped (not
/// counted as bad); affected entries of ecosystems we have no order for,
/// and ranges with versions that do not read, are dropped and counted.
pub(crate) fn convert(osv: Osv, source: &str, file: &str, skips: &mut Vec<Skip>) -> Option<Record> {
    if osv.withdrawn.is_some() {
        return None;
    }
    let mut vectors: Vec<(String, String)> = osv
        .severity
        .iter()
        .map(|s| (s.kind.clone(), s.score.clone()))
        .collect();
    let mut affected = Vec::new();
    for a in osv.affected {
        vectors.extend(a.severity.iter().map(|s| (s.kind.clone(), s.score.clone())));
        let Some(pkg) = a.package else { continue };
        let Some(scheme) = Scheme::for_ecosystem(&pkg.ecosystem) else {
            skips.push(Skip::new(
                file,
                &osv.id,
                format!("unknown ecosystem `{}`", pkg.ecosystem),
            ));
            continue;
        };
        let mut ranges = Vec::new();
        for r in a.ranges {
            let semver = match r.kind.as_str() {
                "SEMVER" => true,
                "ECOSYSTEM" => false,
                // A commit range needs the repository's history; the
                // versions list (when the record has one) stands for it.
                "GIT" => continue,
                other => {
                    skips.push(Skip::new(
                        file,
                        &osv.id,
                        format!("unknown range type `{other}`"),
                    ));
                    continue;
                }
            };
            let check = if semver { Scheme::Semver } else { scheme };
            let mut events = Vec::new();
            let mut bad = None;
            for e in r.events {
                let ev = match (e.introduced, e.fixed, e.last_affected, e.limit) {
                    (Some(v), None, None, None) => Event::Introduced(v),
                    (None, Some(v), None, None) => Event::Fixed(v),
                    (None, None, Some(v), None) => Event::LastAffected(v),
                    (None, None, None, Some(v)) => Event::Limit(v),
                    _ => {
                        bad = Some("an event with no version, or several".to_string());
                        break;
                    }
                };
                let v = ev.version();
                if !(matches!(ev, Event::Introduced(_)) && v == "0") && check.parse(v).is_err() {
                    bad = Some(format!("`{v}` is not a {} version", check.name()));
                    break;
                }
                events.push(ev);
            }
            if let Some(why) = bad {
                skips.push(Skip::new(file, &osv.id, format!("range dropped: {why}")));
                continue;
            }
            if !events.iter().any(|e| matches!(e, Event::Introduced(_))) {
                skips.push(Skip::new(
                    file,
                    &osv.id,
                    "range dropped: no `introduced` event".into(),
                ));
                continue;
            }
            ranges.push(Range::Events { semver, events });
        }
        if ranges.is_empty() && a.versions.is_empty() {
            continue;
        }
        affected.push(Affected {
            name: normalize_name(&pkg.ecosystem, &pkg.name),
            ecosystem: pkg.ecosystem,
            ranges,
            versions: a.versions,
        });
    }
    if affected.is_empty() {
        skips.push(Skip::new(
            file,
            &osv.id,
            "no affected package we can match".into(),
        ));
        return None;
    }
    let word = osv
        .database_specific
        .as_ref()
        .and_then(|d| d.get("severity"))
        .and_then(|s| s.as_str())
        .map(str::to_string);
    let (score, rating) = assess(&vectors, word.as_deref());
    let url = osv
        .references
        .iter()
        .find(|r| r.kind == "ADVISORY")
        .or_else(|| osv.references.first())
        .map(|r| r.url.clone());
    let summary = osv
        .summary
        .filter(|s| !s.trim().is_empty())
        .or_else(|| {
            osv.details
                .as_deref()
                .map(|d| first_sentence(d).to_string())
        })
        .unwrap_or_default();
    Some(Record {
        id: osv.id,
        aliases: osv.aliases,
        summary: shorten(&summary, 200),
        published: osv.published,
        modified: osv.modified,
        score,
        rating,
        source: source.to_string(),
        url,
        affected,
    })
}

/// At most `max` characters, cut at a word with an ellipsis.
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max).collect();
    let cut = head
        .rfind(' ')
        .filter(|i| *i > max / 2)
        .unwrap_or(head.len());
    format!("{}…", head[..cut].trim_end_matches([',', ';', ':']))
}

/// The first sentence of a description, for a one-line title: up to a
/// line break or a full stop followed by a space ("Django 3.2 before
/// 3.2.5 allows …" keeps its version numbers).
fn first_sentence(d: &str) -> &str {
    let line = d.trim_start().lines().next().unwrap_or("");
    match line.find(". ") {
        Some(i) => &line[..i],
        None => line.trim_end_matches('.'),
    }
    .trim()
}

#[cfg(test)]
mod tests {
    #[test]
    fn titles_keep_version_numbers() {
        assert_eq!(
            super::first_sentence(
                "Django 3.2 before 3.2.5 allows QuerySet.order_by SQL injection. More."
            ),
            "Django 3.2 before 3.2.5 allows QuerySet.order_by SQL injection"
        );
        assert_eq!(super::first_sentence("\nOne line.\nTwo."), "One line");
    }
}
