//! PHP's `composer.lock`: `packages` and `packages-dev`, `vendor/name`.

use super::{find_line, push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package};
use serde::Deserialize;

#[derive(Deserialize)]
struct Lock {
    #[serde(default)]
    packages: Vec<Entry>,
    #[serde(rename = "packages-dev", default)]
    packages_dev: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    version: String,
    #[serde(default)]
    license: Vec<String>,
}

pub fn lock(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let lock: Lock = serde_json::from_str(text).map_err(|e| {
        CatalogError::at(e.line() as u32, format!("not a valid composer.lock: {e}"))
    })?;
    let mut out = Vec::new();
    let mut from = 0;
    for e in lock.packages.iter().chain(&lock.packages_dev) {
        let (ns, name) = e
            .name
            .split_once('/')
            .map_or((None, e.name.as_str()), |(v, n)| (Some(v), n));
        let line = find_line(text, &format!("\"name\": \"{}\"", e.name), &mut from);
        let version = e.version.strip_prefix('v').unwrap_or(&e.version);
        let mut f = Found::new(name, version, line);
        f.namespace = ns;
        f.licenses = e.license.clone();
        push(
            &mut out,
            Ecosystem::Packagist,
            FileKind::ComposerLock,
            site,
            f,
        )?;
    }
    Ok(out)
}
