//! The report of a run and its renderers: terminal (code frames), JSON (a
//! documented, versioned contract), SARIF 2.1.0, GitHub workflow
//! annotations, Checkstyle XML, JUnit XML and Markdown for pull-request
//! comments. Renderers only format a [`Report`]; they never decide what is
//! a finding or what the exit code is.

mod advice;
pub mod audit;
mod checkstyle;
pub mod convert;
pub mod fleet;
mod github;
mod gitlab;
mod html;
mod human;
mod image;
mod json;
mod junit;
mod markdown;
mod model;
mod sarif;
mod sbom;
mod scan;
mod xml;

pub use advice::{render_advice_json, render_advice_table};
pub use checkstyle::render_checkstyle;
pub use github::render_github;
pub use gitlab::render_gitlab;
pub use html::render_audit_html;
pub use human::{render_human, summary, HumanOptions};
pub use image::render_image_summary;
pub use json::{render_json, write_json, JSON_VERSION};
pub use junit::render_junit;
pub use markdown::render_markdown;
pub use model::{
    DbInfo, ImageSummary, InputError, LayerSummary, Located, OsRelease, PackageReport, Report,
    SizedPath,
};
pub use sarif::render_sarif;
pub use sbom::{render_sbom, SbomFormat};
pub use scan::{
    render_scan_json, render_scan_table, render_scan_vex, render_vuln_summary, SCAN_JSON_VERSION,
};
