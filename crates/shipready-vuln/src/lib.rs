//! The offline vulnerability database and matching.
//!
//! [`import`] builds one SQLite file from OSV records and the
//! distribution feeds; [`db::Db`] opens it read-only; [`scan`] matches an
//! inventory (from `shipready-sbom`) in each ecosystem's version order
//! ([`version`]), merges the records that describe one vulnerability, and
//! rates each by its CVSS vector ([`severity`]).

pub mod db;
pub mod filter;
pub mod import;
mod npm_range;
pub mod record;
pub mod scan;
pub mod severity;
pub mod update;
pub mod version;

pub use db::{Db, DbError, Meta};
pub use import::{import, ImportError, ImportReport};
pub use scan::{scan, Match, ScanResult, Unchecked};
pub use severity::Rating;
