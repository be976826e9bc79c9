//! .NET: an application's `*.deps.json` (the `package` libraries) and
//! NuGet's `packages.lock.json`.

use super::{find_line, push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Deps {
    #[serde(default)]
    libraries: BTreeMap<String, Library>,
}

#[derive(Deserialize)]
struct Library {
    #[serde(rename = "type")]
    kind: String,
}

pub fn deps(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let d: Deps = serde_json::from_str(text)
        .map_err(|e| CatalogError::at(e.line() as u32, format!("not a valid .deps.json: {e}")))?;
    let mut out = Vec::new();
    let mut from = 0;
    for (key, lib) in &d.libraries {
        // `project` libraries are the application's own.
        if lib.kind != "package" {
            continue;
        }
        let Some((name, version)) = key.split_once('/') else {
            continue;
        };
        let line = find_line(text, &format!("\"{key}\""), &mut from);
        push(
            &mut out,
            Ecosystem::NuGet,
            FileKind::DotnetDeps,
            site,
            Found::new(name, version, line),
        )?;
    }
    Ok(out)
}

#[derive(Deserialize)]
struct NugetLock {
    #[serde(default)]
    dependencies: BTreeMap<String, BTreeMap<String, NugetDep>>,
}

#[derive(Deserialize)]
struct NugetDep {
    #[serde(rename = "type", default)]
    kind: String,
    resolved: Option<String>,
}

pub fn nuget_lock(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let l: NugetLock = serde_json::from_str(text).map_err(|e| {
        CatalogError::at(
            e.line() as u32,
            format!("not a valid packages.lock.json: {e}"),
        )
    })?;
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for deps in l.dependencies.values() {
        for (name, d) in deps {
            let Some(v) = &d.resolved else { continue };
            if d.kind == "Project" || !seen.insert((name.clone(), v.clone())) {
                continue;
            }
            let mut from = 0;
            let line = find_line(text, &format!("\"{name}\""), &mut from);
            push(
                &mut out,
                Ecosystem::NuGet,
                FileKind::NugetLock,
                site,
                Found::new(name, v, line),
            )?;
        }
    }
    Ok(out)
}
