//! Renderers for findings: terminal (code frames), JSON (a documented,
//! versioned contract), SARIF 2.1.0, GitHub workflow annotations and
//! Checkstyle XML. Renderers only format; they never decide what is a
//! finding or what the exit code is.

mod checkstyle;
mod github;
mod human;
mod json;
mod model;
mod sarif;

pub use checkstyle::render_checkstyle;
pub use github::render_github;
pub use human::{render_human, HumanOptions};
pub use json::{render_json, JSON_VERSION};
pub use model::{FileReport, InputError, Located, Report, RuleLookup};
pub use sarif::render_sarif;
