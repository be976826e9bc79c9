//! The Node.js security working group's npm advisories
//! (`vuln/npm/<n>.json`): a module name, npm range expressions for the
//! vulnerable and patched versions, CVEs, a CVSS vector. Each becomes a
//! record with the ID `NSWG-ECO-<n>` (the name npm and GitHub give them).

use super::Skip;
use crate::record::{Affected, Range, Record};
use crate::severity::assess;
use serde::Deserialize;

#[derive(Deserialize)]
pub(crate) struct Advisory {
    id: serde_json::Value,
    title: Option<String>,
    overview: Option<String>,
    module_name: String,
    #[serde(default)]
    cves: Vec<String>,
    vulnerable_versions: Option<String>,
    patched_versions: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    cvss_vector: Option<String>,
}

pub(crate) fn convert(a: Advisory, file: &str, skips: &mut Vec<Skip>) -> Option<Record> {
    let id = format!(
        "NSWG-ECO-{}",
        a.id.as_u64().map_or_else(
            || a.id.to_string().trim_matches('"').to_string(),
            |n| n.to_string()
        )
    );
    let Some(expr) = a.vulnerable_versions.filter(|v| !v.trim().is_empty()) else {
        skips.push(Skip::new(file, &id, "no vulnerable versions".into()));
        return None;
    };
    if crate::npm_range::alternatives(&expr).is_none() {
        skips.push(Skip::new(
            file,
            &id,
            format!("`{expr}` is not an npm range"),
        ));
        return None;
    }
    let vectors: Vec<(String, String)> = a
        .cvss_vector
        .into_iter()
        .map(|v| {
            (
                if v.starts_with("CVSS:3") {
                    "CVSS_V3"
                } else {
                    "CVSS_V2"
                }
                .to_string(),
                v,
            )
        })
        .collect();
    let (score, rating) = assess(&vectors, None);
    let _ = a.patched_versions;
    Some(Record {
        id,
        aliases: a.cves,
        summary: a.title.or(a.overview).unwrap_or_default(),
        published: a.created_at,
        modified: a.updated_at,
        score,
        rating,
        source: "nodejs-security-wg".into(),
        url: None,
        affected: vec![Affected {
            ecosystem: "npm".into(),
            name: a.module_name,
            ranges: vec![Range::Npm { expr }],
            versions: Vec::new(),
        }],
    })
}
