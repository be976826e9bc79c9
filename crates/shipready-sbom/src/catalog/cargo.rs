//! `Cargo.lock`: every `[[package]]` (path and workspace crates have no
//! `source` and are listed too, as syft does).

use super::{find_line, push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package};
use serde::Deserialize;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    package: Vec<Crate>,
}

#[derive(Deserialize)]
struct Crate {
    name: String,
    version: String,
}

pub fn lock(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let lock: Lock = toml::from_str(text).map_err(|e| CatalogError {
        line: e.span().map(|s| super::line_of(text, s.start)),
        message: format!("not a valid Cargo.lock: {}", e.message()),
    })?;
    let mut out = Vec::new();
    let mut from = 0;
    for c in &lock.package {
        let line = find_line(text, &format!("name = \"{}\"", c.name), &mut from);
        push(
            &mut out,
            Ecosystem::Cargo,
            FileKind::CargoLock,
            site,
            Found::new(&c.name, &c.version, line),
        )?;
    }
    Ok(out)
}
