//! What both SBOM formats share: the document's subject, its creation
//! time, a stable identity, and the licence expressions.

use crate::model::Inventory;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

/// The subject of a document and when it was made.
pub struct Subject<'a> {
    /// The image reference or the directory, as the user named it.
    pub name: &'a str,
    /// `true` for an image (CycloneDX `container`), `false` for a tree.
    pub image: bool,
    pub tool_version: &'a str,
    pub created: OffsetDateTime,
}

impl Subject<'_> {
    pub fn timestamp(&self) -> String {
        self.created
            .replace_nanosecond(0)
            .unwrap_or(self.created)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default()
    }
}

/// A UUID (version 4 layout) derived from the subject and the packages:
/// the same inventory always gets the same serial number, and two
/// different ones never share one.
pub fn uuid(subject: &Subject<'_>, inv: &Inventory) -> String {
    let mut h = Sha256::new();
    h.update(subject.name.as_bytes());
    h.update(subject.timestamp().as_bytes());
    for p in &inv.packages {
        h.update(p.purl.as_bytes());
        h.update(p.origin.path().as_bytes());
    }
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// A declared licence as an SPDX expression, when it is one (`MIT`,
/// `Apache-2.0 OR MIT`); free text (`BSD`, `GPL-2+`) is not.
pub fn spdx_expression(declared: &str) -> Option<String> {
    let candidate = match spdx::Expression::canonicalize(declared) {
        Ok(Some(c)) => c,
        Ok(None) => declared.to_string(),
        Err(_) => return None,
    };
    spdx::Expression::parse(&candidate).ok()?;
    Some(candidate)
}

/// Whether an expression is a single licence ID (CycloneDX writes those
/// as `license.id`).
pub fn single_id(expr: &str) -> Option<&str> {
    spdx::license_id(expr).map(|_| expr)
}
