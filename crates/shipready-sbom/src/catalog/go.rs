//! Go: `go.mod` (`require` lines and blocks) and the build information a
//! Go binary carries (see `binary.rs`), which also names the Go release it
//! was built with: the standard library is a package (`stdlib`) with
//! advisories of its own.

use super::{push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package};

pub fn go_mod(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split("//").next().unwrap_or(raw).trim();
        let spec = if in_block {
            if line == ")" {
                in_block = false;
                continue;
            }
            line
        } else if let Some(rest) = line.strip_prefix("require") {
            let rest = rest.trim();
            if rest == "(" {
                in_block = true;
                continue;
            }
            rest
        } else {
            continue;
        };
        let mut words = spec.split_whitespace();
        let (Some(module), Some(version)) = (words.next(), words.next()) else {
            continue;
        };
        push(
            &mut out,
            Ecosystem::Go,
            FileKind::GoMod,
            site,
            Found::new(module, version, Some(i as u32 + 1)),
        )?;
    }
    Ok(out)
}

/// The modules of a binary's build information: `go1.22.3` and the
/// `modinfo` text (`path`, `mod`, `dep`, `=>` lines).
pub fn build_info(
    site: &Site<'_>,
    go_version: &str,
    modinfo: &str,
) -> Result<Vec<Package>, CatalogError> {
    let mut out = Vec::new();
    if let Some(v) = go_version.strip_prefix("go") {
        // `go1.22.3 X:boringcrypto`: the release is the first word.
        let v = v.split_whitespace().next().unwrap_or(v);
        push(
            &mut out,
            Ecosystem::Go,
            FileKind::Binary,
            site,
            Found::new("stdlib", &format!("v{v}"), None),
        )?;
    }
    let lines: Vec<&str> = modinfo.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let parts: Vec<&str> = line.split('\t').collect();
        let (kind, module, version) = match parts.as_slice() {
            [k, m, v, ..] if *k == "mod" || *k == "dep" => (*k, *m, *v),
            _ => continue,
        };
        // A replacement on the next line is what was built.
        let (module, version) = match lines.get(i + 1).map(|l| l.split('\t').collect::<Vec<_>>()) {
            Some(r) if r.first() == Some(&"=>") && r.len() >= 3 => (r[1], r[2]),
            _ => (module, version),
        };
        // The main module of a `go build` in its own tree has no version.
        if kind == "mod" && version == "(devel)" {
            continue;
        }
        push(
            &mut out,
            Ecosystem::Go,
            FileKind::Binary,
            site,
            Found::new(module, version, None),
        )?;
    }
    Ok(out)
}
