//! `Gemfile.lock`: the gems under `GEM` / `specs:`, written
//! `    name (version)` (four spaces; six are their dependencies).

use super::{push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package};

pub fn lock(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let mut out = Vec::new();
    let mut in_specs = false;
    for (i, line) in text.lines().enumerate() {
        if !line.starts_with(' ') {
            in_specs = false;
            continue;
        }
        if line.trim() == "specs:" {
            in_specs = true;
            continue;
        }
        let Some(entry) = line
            .strip_prefix("    ")
            .filter(|e| in_specs && !e.starts_with(' '))
        else {
            continue;
        };
        let Some((name, rest)) = entry.split_once(" (") else {
            continue;
        };
        let version = rest.trim_end_matches(')');
        // `nokogiri (1.16.2-x86_64-linux)`: the platform is not the version.
        let version = version.split('-').next().unwrap_or(version);
        push(
            &mut out,
            Ecosystem::RubyGems,
            FileKind::GemfileLock,
            site,
            Found::new(name, version, Some(i as u32 + 1)),
        )?;
    }
    Ok(out)
}
