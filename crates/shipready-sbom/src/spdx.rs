//! SPDX 2.3 JSON, from our own serde structs (the `spdx-rs` crate models
//! 2.2 documents for parsing and was last released in 2022); the tests
//! validate the output against the official 2.3 schema. One package for
//! the subject, which CONTAINS every package found.

use crate::document::{spdx_expression, uuid, Subject};
use crate::model::{Inventory, Package};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Document<'a> {
    spdx_version: &'static str,
    data_license: &'static str,
    #[serde(rename = "SPDXID")]
    spdx_id: &'static str,
    name: &'a str,
    document_namespace: String,
    creation_info: CreationInfo,
    packages: Vec<SpdxPackage<'a>>,
    relationships: Vec<Relationship>,
}

#[derive(Serialize)]
struct CreationInfo {
    created: String,
    creators: Vec<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpdxPackage<'a> {
    #[serde(rename = "SPDXID")]
    spdx_id: String,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_info: Option<&'a str>,
    download_location: &'static str,
    files_analyzed: bool,
    license_concluded: &'static str,
    license_declared: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    license_comments: Option<String>,
    copyright_text: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_info: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    external_refs: Vec<ExternalRef<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExternalRef<'a> {
    reference_category: &'static str,
    reference_type: &'static str,
    reference_locator: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Relationship {
    spdx_element_id: String,
    relationship_type: &'static str,
    related_spdx_element: String,
}

/// The declared licence as an SPDX expression; free text cannot be one,
/// so it goes to the comment and the field says NOASSERTION.
fn declared(p: &Package) -> (String, Option<String>) {
    if p.licenses.is_empty() {
        return ("NOASSERTION".into(), None);
    }
    let exprs: Option<Vec<String>> = p.licenses.iter().map(|l| spdx_expression(l)).collect();
    match exprs {
        Some(v) if v.len() == 1 => (v[0].clone(), None),
        Some(v) => (
            v.iter()
                .map(|e| format!("({e})"))
                .collect::<Vec<_>>()
                .join(" AND "),
            None,
        ),
        None => (
            "NOASSERTION".into(),
            Some(format!("declared: {}", p.licenses.join("; "))),
        ),
    }
}

/// The inventory as an SPDX 2.3 JSON document.
pub fn render(subject: &Subject<'_>, inv: &Inventory) -> String {
    let mut packages = vec![SpdxPackage {
        spdx_id: "SPDXRef-Subject".into(),
        name: subject.name,
        version_info: None,
        download_location: "NOASSERTION",
        files_analyzed: false,
        license_concluded: "NOASSERTION",
        license_declared: "NOASSERTION".into(),
        license_comments: None,
        copyright_text: "NOASSERTION",
        source_info: None,
        external_refs: Vec::new(),
    }];
    let mut relationships = vec![Relationship {
        spdx_element_id: "SPDXRef-DOCUMENT".into(),
        relationship_type: "DESCRIBES",
        related_spdx_element: "SPDXRef-Subject".into(),
    }];
    for (i, p) in inv.packages.iter().enumerate() {
        let id = format!("SPDXRef-Package-{i}");
        let (license_declared, license_comments) = declared(p);
        packages.push(SpdxPackage {
            spdx_id: id.clone(),
            name: &p.name,
            version_info: Some(&p.version),
            download_location: "NOASSERTION",
            files_analyzed: false,
            license_concluded: "NOASSERTION",
            license_declared,
            license_comments,
            copyright_text: "NOASSERTION",
            source_info: Some(format!(
                "found by {} in {}",
                p.cataloger,
                match p.origin.line() {
                    Some(l) => format!("{}:{l}", p.origin.path()),
                    None => p.origin.path().to_string(),
                }
            )),
            external_refs: vec![ExternalRef {
                reference_category: "PACKAGE-MANAGER",
                reference_type: "purl",
                reference_locator: &p.purl,
            }],
        });
        relationships.push(Relationship {
            spdx_element_id: "SPDXRef-Subject".into(),
            relationship_type: "CONTAINS",
            related_spdx_element: id,
        });
    }
    let doc = Document {
        spdx_version: "SPDX-2.3",
        data_license: "CC0-1.0",
        spdx_id: "SPDXRef-DOCUMENT",
        name: subject.name,
        document_namespace: format!("https://shipready.dev/spdx/{}", uuid(subject, inv)),
        creation_info: CreationInfo {
            created: subject.timestamp(),
            creators: vec![format!("Tool: shipready-{}", subject.tool_version)],
        },
        packages,
        relationships,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
