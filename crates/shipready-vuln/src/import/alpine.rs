//! Alpine's secdb (`v3.x/main.yaml`): per release, each source package's
//! `secfixes` map a fixed version to the CVEs it fixes. Each CVE becomes a
//! record affecting `Alpine:v3.x`, from the start up to that fix. A fixed
//! version of `0` says the package was never affected: no record.

use super::Skip;
use crate::record::{normalize_name, Affected, Event, Range, Record};
use crate::severity::Rating;
use crate::version::Scheme;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct SecDb {
    distroversion: String,
    #[serde(default)]
    packages: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    pkg: Pkg,
}

#[derive(Deserialize)]
struct Pkg {
    name: String,
    #[serde(default)]
    secfixes: BTreeMap<String, Option<Vec<String>>>,
}

pub(crate) fn convert(
    text: &str,
    file: &str,
    skips: &mut Vec<Skip>,
) -> Result<Vec<Record>, String> {
    let db: SecDb = serde_yaml_ng::from_str(text).map_err(|e| e.to_string())?;
    let ecosystem = format!("Alpine:{}", db.distroversion);
    let mut by_cve: BTreeMap<String, Record> = BTreeMap::new();
    for e in db.packages {
        for (fixed, cves) in e.pkg.secfixes {
            if fixed == "0" {
                continue;
            }
            if Scheme::Apk.parse(&fixed).is_err() {
                skips.push(Skip::new(
                    file,
                    &e.pkg.name,
                    format!("`{fixed}` is not an apk version"),
                ));
                continue;
            }
            for cve in cves.unwrap_or_default() {
                // Entries such as `CVE-2019-1234 XSA-123`: the first word.
                let Some(id) = cve.split_whitespace().next().map(str::to_string) else {
                    continue;
                };
                let rec = by_cve.entry(id.clone()).or_insert_with(|| Record {
                    id,
                    aliases: Vec::new(),
                    summary: String::new(),
                    published: None,
                    modified: None,
                    score: None,
                    rating: Rating::Unknown,
                    source: "alpine-secdb".into(),
                    url: None,
                    affected: Vec::new(),
                });
                rec.affected.push(Affected {
                    ecosystem: ecosystem.clone(),
                    name: normalize_name(&ecosystem, &e.pkg.name),
                    ranges: vec![Range::Events {
                        semver: false,
                        events: vec![Event::Introduced("0".into()), Event::Fixed(fixed.clone())],
                    }],
                    versions: Vec::new(),
                });
            }
        }
    }
    Ok(by_cve.into_values().collect())
}
