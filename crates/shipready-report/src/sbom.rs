//! What `shipready sbom` prints: CycloneDX 1.6, SPDX 2.3, shipready's own
//! JSON (every field the catalogers record), or a table.

use crate::Report;
use serde::Serialize;
use shipready_sbom::document::Subject;
use std::fmt::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SbomFormat {
    CycloneDx,
    Spdx,
    Json,
    Table,
}

/// The version of `sbom --format json`.
pub const SBOM_JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct SbomJson<'a> {
    version: u32,
    targets: Vec<TargetJson<'a>>,
}

#[derive(Serialize)]
struct TargetJson<'a> {
    target: &'a str,
    distro: Option<&'a shipready_sbom::Distro>,
    packages: &'a [shipready_sbom::Package],
}

/// The report's package targets in `format`. CycloneDX and SPDX describe
/// one subject: the first target (a run of `sbom` has one).
pub fn render_sbom(
    report: &Report,
    format: SbomFormat,
    tool_version: &str,
    created: time::OffsetDateTime,
) -> String {
    let first = report.packages.first();
    fn subject<'a>(
        t: &'a crate::PackageReport,
        tool_version: &'a str,
        created: time::OffsetDateTime,
    ) -> Subject<'a> {
        Subject {
            name: &t.target,
            image: t.image.is_some(),
            tool_version,
            created,
        }
    }
    match format {
        SbomFormat::CycloneDx => first.map_or_else(String::new, |t| {
            shipready_sbom::cyclonedx::render(&subject(t, tool_version, created), &t.inventory)
        }),
        SbomFormat::Spdx => first.map_or_else(String::new, |t| {
            shipready_sbom::spdx::render(&subject(t, tool_version, created), &t.inventory)
        }),
        SbomFormat::Json => {
            let doc = SbomJson {
                version: SBOM_JSON_VERSION,
                targets: report
                    .packages
                    .iter()
                    .map(|t| TargetJson {
                        target: &t.target,
                        distro: t.inventory.distro.as_ref(),
                        packages: &t.inventory.packages,
                    })
                    .collect(),
            };
            let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
            s.push('\n');
            s
        }
        SbomFormat::Table => table(report),
    }
}

fn table(report: &Report) -> String {
    let mut s = String::new();
    for t in &report.packages {
        let pk = &t.inventory.packages;
        let w_name = pk
            .iter()
            .map(|p| p.name.len())
            .max()
            .unwrap_or(4)
            .clamp(4, 40);
        let w_ver = pk
            .iter()
            .map(|p| p.version.len())
            .max()
            .unwrap_or(7)
            .clamp(7, 32);
        let distro = t
            .inventory
            .distro
            .as_ref()
            .map(|d| {
                format!(
                    " ({})",
                    if d.pretty_name.is_empty() {
                        &d.id
                    } else {
                        &d.pretty_name
                    }
                )
            })
            .unwrap_or_default();
        let _ = writeln!(s, "{}{distro}: {} packages\n", t.target, pk.len());
        let _ = writeln!(
            s,
            "{:<w_name$}  {:<w_ver$}  {:<10}  LOCATION",
            "NAME", "VERSION", "TYPE"
        );
        for p in pk {
            let at = match p.origin.line() {
                Some(l) => format!("{}:{l}", p.origin.path()),
                None => p.origin.path().to_string(),
            };
            let _ = writeln!(
                s,
                "{:<w_name$}  {:<w_ver$}  {:<10}  {at}",
                p.name,
                p.version,
                p.ecosystem.purl_type()
            );
        }
        s.push('\n');
    }
    for e in &report.errors {
        let at = e.line.map_or(String::new(), |l| format!(":{l}"));
        let _ = writeln!(s, "error: {}{at}: {}", e.file, e.message);
    }
    s
}
