//! Python: what pip installed (`*.dist-info/METADATA`, `*.egg-info`), and
//! what a project pins (`requirements*.txt` with `==`, `poetry.lock`,
//! `uv.lock`, `Pipfile.lock`).

use super::{find_line, push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package};
use serde::Deserialize;
use std::collections::BTreeMap;

/// PEP 503's normal form: lowercase, every run of `-`, `_` and `.` one `-`.
pub fn normalize_pypi(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut sep = false;
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            sep = true;
            continue;
        }
        if sep && !out.is_empty() {
            out.push('-');
        }
        sep = false;
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// `METADATA` / `PKG-INFO`: an email header block.
pub fn installed(
    kind: FileKind,
    site: &Site<'_>,
    text: &str,
) -> Result<Vec<Package>, CatalogError> {
    let headers = super::stanza::parse(text, true);
    let Some(h) = headers.first() else {
        return Err(CatalogError::new("an empty package metadata file"));
    };
    let (Some(name), Some(version)) = (h.get("Name"), h.get("Version")) else {
        return Err(CatalogError::at(
            h.line,
            "package metadata without Name and Version",
        ));
    };
    let mut f = Found::new(name, version, Some(h.line));
    // The SPDX expression where the package declares one (PEP 639), else
    // the free-text License field, else the licence classifiers.
    if let Some(e) = h.get("License-Expression") {
        f.licenses.push(e.to_string());
    } else if let Some(l) = h
        .get("License")
        .filter(|l| !l.is_empty() && l.len() < 100 && *l != "UNKNOWN")
    {
        f.licenses.push(l.to_string());
    } else {
        f.licenses.extend(
            h.all("Classifier")
                .filter_map(|c| c.strip_prefix("License :: OSI Approved :: "))
                .map(str::to_string),
        );
    }
    let mut out = Vec::new();
    push(&mut out, Ecosystem::PyPI, kind, site, f)?;
    Ok(out)
}

/// Pinned lines of a requirements file: `name==1.2.3`, with extras,
/// markers, hashes and comments; anything unpinned is not an installed
/// version and is left out.
pub fn requirements(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split(" #").next().unwrap_or(raw).trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('-') {
            continue;
        }
        let spec = line.split(';').next().unwrap_or(line).trim();
        let spec = spec.split_whitespace().next().unwrap_or(spec);
        let Some((name, version)) = spec.split_once("===").or_else(|| spec.split_once("==")) else {
            continue;
        };
        let name = name.split('[').next().unwrap_or(name).trim();
        let version = version.trim().trim_end_matches('\\').trim();
        if name.is_empty() || version.is_empty() || version.contains(['*', ',']) {
            continue;
        }
        push(
            &mut out,
            Ecosystem::PyPI,
            FileKind::Requirements,
            site,
            Found::new(name, version, Some(i as u32 + 1)),
        )?;
    }
    Ok(out)
}

#[derive(Deserialize)]
struct TomlLock {
    #[serde(default)]
    package: Vec<TomlPackage>,
}

#[derive(Deserialize)]
struct TomlPackage {
    name: String,
    version: Option<String>,
}

/// `poetry.lock` and `uv.lock`: `[[package]]` tables with a name and a
/// version (uv's editable or virtual root has none, and is the project).
pub fn toml_lock(
    kind: FileKind,
    site: &Site<'_>,
    text: &str,
) -> Result<Vec<Package>, CatalogError> {
    let lock: TomlLock = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| super::line_of(text, s.start));
        CatalogError {
            line,
            message: format!("not a valid lockfile: {}", e.message()),
        }
    })?;
    let mut out = Vec::new();
    let mut from = 0;
    for p in &lock.package {
        let Some(version) = &p.version else { continue };
        let line = find_line(text, &format!("name = \"{}\"", p.name), &mut from);
        push(
            &mut out,
            Ecosystem::PyPI,
            kind,
            site,
            Found::new(&p.name, version, line),
        )?;
    }
    Ok(out)
}

#[derive(Deserialize)]
struct PipfileLock {
    #[serde(default)]
    default: BTreeMap<String, PipfileEntry>,
    #[serde(default)]
    develop: BTreeMap<String, PipfileEntry>,
}

#[derive(Deserialize)]
struct PipfileEntry {
    version: Option<String>,
}

/// `Pipfile.lock`: `default` and `develop`, versions as `==1.2.3`.
pub fn pipfile_lock(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let lock: PipfileLock = serde_json::from_str(text)
        .map_err(|e| CatalogError::at(e.line() as u32, format!("not a valid Pipfile.lock: {e}")))?;
    let mut out = Vec::new();
    for (name, e) in lock.default.iter().chain(&lock.develop) {
        let Some(v) = e.version.as_deref().and_then(|v| v.strip_prefix("==")) else {
            continue;
        };
        let mut from = 0;
        let line = find_line(text, &format!("\"{name}\""), &mut from);
        push(
            &mut out,
            Ecosystem::PyPI,
            FileKind::PipfileLock,
            site,
            Found::new(name, v, line),
        )?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site<'static> {
        Site {
            path: "app/requirements.txt",
            layer: None,
            distro: None,
        }
    }

    #[test]
    fn names_normalise_as_pep_503_says() {
        assert_eq!(normalize_pypi("Django"), "django");
        assert_eq!(normalize_pypi("zope.interface"), "zope-interface");
        assert_eq!(normalize_pypi("typing__Extensions"), "typing-extensions");
    }

    #[test]
    fn requirements_keep_pins_only() {
        let text = "# deps\nDjango==3.2.1 \\\n    --hash=sha256:abc\nrequests[socks]==2.19.0 ; python_version>'3'\nflask>=2\n-r base.txt\nnumpy===1.26.4\n";
        let found = requirements(&site(), text).expect("reads");
        let got: Vec<_> = found
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.origin.line()))
            .collect();
        assert_eq!(
            got,
            [
                ("Django", "3.2.1", Some(2)),
                ("requests", "2.19.0", Some(4)),
                ("numpy", "1.26.4", Some(7))
            ]
        );
        assert_eq!(found[0].purl, "pkg:pypi/django@3.2.1");
    }
}
