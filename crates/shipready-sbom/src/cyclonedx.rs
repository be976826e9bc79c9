//! CycloneDX 1.6 JSON. Written from our own serde structs for the part of
//! the specification we fill (metadata, components, licences, PURLs,
//! properties): the `cyclonedx-bom` crate's models stop at 1.5 (checked
//! 0.8.1), and the tests validate the output against the official 1.6
//! schema.

use crate::document::{single_id, spdx_expression, uuid, Subject};
use crate::model::{Inventory, Origin, Package};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Bom<'a> {
    bom_format: &'static str,
    spec_version: &'static str,
    serial_number: String,
    version: u32,
    metadata: Metadata<'a>,
    components: Vec<Component<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    vulnerabilities: Vec<Vulnerability<'a>>,
}

/// A vulnerability of some components, for a CycloneDX VEX document
/// (`shipready scan --format cyclonedx-vex`).
#[derive(Debug, Clone)]
pub struct VexEntry<'a> {
    pub id: &'a str,
    /// The feed that published it, and its page.
    pub source: &'a str,
    pub url: Option<&'a str>,
    /// Other IDs of the same vulnerability, each with its feed's name.
    pub aliases: Vec<(&'a str, &'static str)>,
    pub score: Option<f64>,
    /// `critical`, `high`, `medium`, `low`, `unknown`.
    pub severity: &'static str,
    pub description: &'a str,
    pub fixed: &'a [String],
    /// Indexes of the affected packages in the inventory.
    pub affects: Vec<usize>,
    /// CycloneDX `analysis.state` (`exploitable`, `not_affected`, …) and
    /// the detail, when the team said something.
    pub analysis: Option<(&'static str, String)>,
}

#[derive(Serialize)]
struct Vulnerability<'a> {
    id: &'a str,
    source: VulnSource<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    references: Vec<Reference<'a>>,
    ratings: Vec<Rating>,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    recommendation: Option<String>,
    affects: Vec<Affects>,
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<Analysis>,
}

#[derive(Serialize)]
struct VulnSource<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct Reference<'a> {
    id: &'a str,
    source: VulnSource<'a>,
}

#[derive(Serialize)]
struct Rating {
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    severity: &'static str,
}

#[derive(Serialize)]
struct Affects {
    #[serde(rename = "ref")]
    reference: String,
}

#[derive(Serialize)]
struct Analysis {
    state: &'static str,
    detail: String,
}

#[derive(Serialize)]
struct Metadata<'a> {
    timestamp: String,
    tools: Tools<'a>,
    component: Root<'a>,
}

#[derive(Serialize)]
struct Tools<'a> {
    components: Vec<Tool<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Root<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "bom-ref")]
    bom_ref: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Component<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "bom-ref")]
    bom_ref: String,
    name: &'a str,
    version: &'a str,
    purl: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    licenses: Vec<License>,
    properties: Vec<Property>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum License {
    Id { license: LicenseId },
    Named { license: LicenseName },
    Expression { expression: String },
}

#[derive(Serialize)]
struct LicenseId {
    id: String,
}

#[derive(Serialize)]
struct LicenseName {
    name: String,
}

#[derive(Serialize)]
struct Property {
    name: &'static str,
    value: String,
}

fn licenses(p: &Package) -> Vec<License> {
    // One expression, or any number of single licences (the schema's two
    // shapes cannot be mixed).
    let exprs: Vec<Option<String>> = p.licenses.iter().map(|l| spdx_expression(l)).collect();
    if let [Some(e)] = exprs.as_slice() {
        if single_id(e).is_none() {
            return vec![License::Expression {
                expression: e.clone(),
            }];
        }
    }
    p.licenses
        .iter()
        .zip(exprs)
        .map(|(text, e)| match e.as_deref().and_then(single_id) {
            Some(id) => License::Id {
                license: LicenseId { id: id.to_string() },
            },
            None => License::Named {
                license: LicenseName { name: text.clone() },
            },
        })
        .collect()
}

fn properties(p: &Package) -> Vec<Property> {
    let mut v = vec![
        Property {
            name: "shipready:cataloger",
            value: p.cataloger.to_string(),
        },
        Property {
            name: "shipready:location",
            value: match p.origin.line() {
                Some(l) => format!("{}:{l}", p.origin.path()),
                None => p.origin.path().to_string(),
            },
        },
    ];
    if let Origin::Image { layer, .. } = &p.origin {
        v.push(Property {
            name: "shipready:layer",
            value: layer.to_string(),
        });
    }
    if let Some(s) = &p.source {
        v.push(Property {
            name: "shipready:source",
            value: format!("{} {}", s.name, s.version),
        });
    }
    v
}

/// The inventory as a CycloneDX 1.6 JSON document.
pub fn render(subject: &Subject<'_>, inv: &Inventory) -> String {
    render_with(subject, inv, &[])
}

fn bom_ref(p: &Package, i: usize) -> String {
    // A PURL is not unique (the same package in two places): the index
    // makes the reference so.
    format!("{}#{i}", p.purl)
}

/// The inventory and its vulnerabilities: a CycloneDX 1.6 BOM with VEX.
pub fn render_with(subject: &Subject<'_>, inv: &Inventory, vulns: &[VexEntry<'_>]) -> String {
    let vulnerabilities = vulns
        .iter()
        .map(|v| Vulnerability {
            id: v.id,
            source: VulnSource {
                name: v.source,
                url: v.url,
            },
            references: v
                .aliases
                .iter()
                .map(|(id, feed)| Reference {
                    id,
                    source: VulnSource {
                        name: feed,
                        url: None,
                    },
                })
                .collect(),
            ratings: vec![Rating {
                score: v.score,
                severity: v.severity,
            }],
            description: v.description,
            recommendation: (!v.fixed.is_empty())
                .then(|| format!("Upgrade to {}", v.fixed.join(", "))),
            affects: v
                .affects
                .iter()
                .filter_map(|i| {
                    inv.packages.get(*i).map(|p| Affects {
                        reference: bom_ref(p, *i),
                    })
                })
                .collect(),
            analysis: v
                .analysis
                .clone()
                .map(|(state, detail)| Analysis { state, detail }),
        })
        .collect();
    let components = inv
        .packages
        .iter()
        .enumerate()
        .map(|(i, p)| Component {
            kind: "library",
            bom_ref: bom_ref(p, i),
            name: &p.name,
            version: &p.version,
            purl: &p.purl,
            licenses: licenses(p),
            properties: properties(p),
        })
        .collect();
    let bom = Bom {
        bom_format: "CycloneDX",
        spec_version: "1.6",
        serial_number: format!("urn:uuid:{}", uuid(subject, inv)),
        version: 1,
        metadata: Metadata {
            timestamp: subject.timestamp(),
            tools: Tools {
                components: vec![Tool {
                    kind: "application",
                    name: "shipready",
                    version: subject.tool_version,
                }],
            },
            component: Root {
                kind: if subject.image {
                    "container"
                } else {
                    "application"
                },
                bom_ref: "subject",
                name: subject.name,
            },
        },
        components,
        vulnerabilities,
    };
    let mut s = serde_json::to_string_pretty(&bom).unwrap_or_default();
    s.push('\n');
    s
}
