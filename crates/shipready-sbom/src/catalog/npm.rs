//! npm: `package-lock.json` (lockfile versions 1–3), `yarn.lock` (classic
//! and Berry), `pnpm-lock.yaml` (v5–v9), and what is installed
//! (`node_modules/**/package.json`).

use super::{find_line, push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package};
use serde::Deserialize;
use std::collections::BTreeMap;

/// `@scope/name` → (`@scope`, `name`).
fn split_scope(full: &str) -> (Option<&str>, &str) {
    match full.strip_prefix('@').and_then(|r| r.split_once('/')) {
        Some((scope, name)) => (Some(&full[..scope.len() + 1]), name),
        None => (None, full),
    }
}

fn add(
    out: &mut Vec<Package>,
    kind: FileKind,
    site: &Site<'_>,
    full: &str,
    version: &str,
    license: Option<String>,
    line: Option<u32>,
) -> Result<(), CatalogError> {
    let (ns, name) = split_scope(full);
    let mut f = Found::new(name, version, line);
    f.namespace = ns;
    f.licenses.extend(license);
    push(out, Ecosystem::Npm, kind, site, f)
}

#[derive(Deserialize)]
struct Lock {
    #[serde(rename = "lockfileVersion", default)]
    lockfile_version: u32,
    #[serde(default)]
    packages: BTreeMap<String, LockPackage>,
    #[serde(default)]
    dependencies: BTreeMap<String, V1Dep>,
}

#[derive(Deserialize)]
struct LockPackage {
    version: Option<String>,
    #[serde(default)]
    link: bool,
    license: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct V1Dep {
    version: Option<String>,
    #[serde(default)]
    dependencies: BTreeMap<String, V1Dep>,
}

fn license_text(v: &Option<serde_json::Value>) -> Option<String> {
    match v.as_ref()? {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(m) => m.get("type")?.as_str().map(str::to_string),
        _ => None,
    }
}

pub fn package_lock(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let lock: Lock = serde_json::from_str(text).map_err(|e| {
        CatalogError::at(
            e.line() as u32,
            format!("not a valid package-lock.json: {e}"),
        )
    })?;
    let mut out = Vec::new();
    if lock.lockfile_version >= 2 && !lock.packages.is_empty() {
        for (key, p) in &lock.packages {
            // "" is the project itself; a link points at a workspace
            // folder, whose own entry is listed too.
            let Some(i) = key.rfind("node_modules/") else {
                continue;
            };
            if p.link {
                continue;
            }
            let Some(version) = &p.version else { continue };
            let name = &key[i + "node_modules/".len()..];
            let mut from = 0;
            let line = find_line(text, &format!("\"{key}\""), &mut from);
            add(
                &mut out,
                FileKind::NpmLock,
                site,
                name,
                version,
                license_text(&p.license),
                line,
            )?;
        }
        return Ok(out);
    }
    // Version 1: a tree of `dependencies`.
    let mut stack: Vec<(&String, &V1Dep)> = lock.dependencies.iter().collect();
    while let Some((name, d)) = stack.pop() {
        if let Some(v) = &d.version {
            // `file:` and git dependencies have no registry version.
            if !v.contains(':') {
                let mut from = 0;
                let line = find_line(text, &format!("\"{name}\""), &mut from);
                add(&mut out, FileKind::NpmLock, site, name, v, None, line)?;
            }
        }
        stack.extend(d.dependencies.iter());
    }
    out.sort_by(|a, b| a.name.cmp(&b.name).then(a.version.cmp(&b.version)));
    Ok(out)
}

/// `yarn.lock`, classic (`"a@^1", a@^1.2:` then `  version "1.2.3"`) and
/// Berry (`"a@npm:^1":` then `  version: 1.2.3`).
pub fn yarn_lock(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let mut out = Vec::new();
    let mut current: Option<(String, u32)> = None;
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if !line.starts_with(' ') {
            current = line.strip_suffix(':').and_then(|h| {
                let first = h.split(", ").next()?.trim().trim_matches('"');
                // The name is everything before the last `@` (a scoped
                // name starts with one).
                let at = first[1..].find('@')? + 1;
                let name = &first[..at];
                (name != "__metadata").then(|| (name.to_string(), i as u32 + 1))
            });
            continue;
        }
        let Some((name, header)) = &current else {
            continue;
        };
        let t = line.trim();
        let version = t
            .strip_prefix("version \"")
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| t.strip_prefix("version: ").map(|v| v.trim_matches('"')));
        if let Some(v) = version {
            add(
                &mut out,
                FileKind::YarnLock,
                site,
                name,
                v,
                None,
                Some(*header),
            )?;
        }
    }
    Ok(out)
}

#[derive(Deserialize)]
struct Pnpm {
    #[serde(default)]
    packages: BTreeMap<String, serde_yaml_ng::Value>,
}

/// `pnpm-lock.yaml`: package keys `/name/1.2.3` (v5), `/name@1.2.3`
/// (v6), `name@1.2.3` (v9), any with `(peer…)` suffixes.
pub fn pnpm_lock(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let lock: Pnpm = serde_yaml_ng::from_str(text).map_err(|e| CatalogError {
        line: e.location().map(|l| l.line() as u32),
        message: format!("not a valid pnpm-lock.yaml: {e}"),
    })?;
    let mut out = Vec::new();
    let mut from = 0;
    for key in lock.packages.keys() {
        let k = key.trim_start_matches('/');
        let k = k.split('(').next().unwrap_or(k);
        // After the scope (`@scope/`), the first `@` or `/` ends the name.
        let skip = if k.starts_with('@') {
            k.find('/').map_or(k.len(), |i| i + 1)
        } else {
            0
        };
        let Some(at) = k[skip..].find(['@', '/']).map(|i| i + skip) else {
            continue;
        };
        let (name, version) = (&k[..at], &k[at + 1..]);
        if version.is_empty() {
            continue;
        }
        let line = find_line(text, key, &mut from);
        add(
            &mut out,
            FileKind::PnpmLock,
            site,
            name,
            version,
            None,
            line,
        )?;
    }
    Ok(out)
}

#[derive(Deserialize)]
struct Manifest {
    name: Option<String>,
    version: Option<String>,
    license: Option<serde_json::Value>,
}

/// An installed package's own `package.json`.
pub fn installed(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let m: Manifest = serde_json::from_str(text)
        .map_err(|e| CatalogError::at(e.line() as u32, format!("not a valid package.json: {e}")))?;
    let mut out = Vec::new();
    if let (Some(name), Some(version)) = (&m.name, &m.version) {
        add(
            &mut out,
            FileKind::NodePackage,
            site,
            name,
            version,
            license_text(&m.license),
            Some(1),
        )?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site<'static> {
        Site {
            path: "app/package-lock.json",
            layer: None,
            distro: None,
        }
    }

    fn pairs(v: Vec<Package>) -> Vec<(String, String)> {
        v.into_iter().map(|p| (p.name, p.version)).collect()
    }

    #[test]
    fn package_lock_v3_and_v1() {
        let v3 = r#"{"lockfileVersion": 3, "packages": {"": {"name": "app"},
            "node_modules/lodash": {"version": "4.17.20", "license": "MIT"},
            "node_modules/@babel/core": {"version": "7.24.0"},
            "node_modules/a/node_modules/lodash": {"version": "3.10.1"},
            "packages/ui": {"version": "1.0.0"},
            "node_modules/ui": {"link": true, "resolved": "packages/ui"}}}"#;
        assert_eq!(
            pairs(package_lock(&site(), v3).expect("v3")),
            [
                ("@babel/core".into(), "7.24.0".into()),
                ("lodash".into(), "3.10.1".into()),
                ("lodash".into(), "4.17.20".into()),
            ]
        );
        let v1 = r#"{"lockfileVersion": 1, "dependencies": {"lodash": {"version": "4.17.20"},
            "a": {"version": "1.0.0", "dependencies": {"minimist": {"version": "0.0.8"}}},
            "local": {"version": "file:../local"}}}"#;
        assert_eq!(
            pairs(package_lock(&site(), v1).expect("v1")),
            [
                ("a".into(), "1.0.0".into()),
                ("lodash".into(), "4.17.20".into()),
                ("minimist".into(), "0.0.8".into()),
            ]
        );
    }

    #[test]
    fn yarn_classic_and_berry_and_pnpm() {
        let classic = "# yarn lockfile v1\n\n\"@babel/code-frame@^7.0.0\", \"@babel/code-frame@^7.10.4\":\n  version \"7.12.13\"\n  resolved \"x\"\n\nlodash@^4.17.15:\n  version \"4.17.21\"\n";
        assert_eq!(
            pairs(yarn_lock(&site(), classic).expect("classic")),
            [
                ("@babel/code-frame".into(), "7.12.13".into()),
                ("lodash".into(), "4.17.21".into())
            ]
        );
        let berry = "__metadata:\n  version: 6\n\n\"lodash@npm:^4.17.15\":\n  version: 4.17.21\n  resolution: \"lodash@npm:4.17.21\"\n";
        assert_eq!(
            pairs(yarn_lock(&site(), berry).expect("berry")),
            [("lodash".into(), "4.17.21".into())]
        );
        let pnpm = "lockfileVersion: '9.0'\npackages:\n  lodash@4.17.21:\n    resolution: {integrity: x}\n  '@babel/core@7.24.0':\n    resolution: {integrity: y}\n  /ms/2.1.2:\n    resolution: {integrity: z}\n  /react-dom@18.2.0(react@18.2.0):\n    resolution: {integrity: w}\n";
        assert_eq!(
            pairs(pnpm_lock(&site(), pnpm).expect("pnpm")),
            [
                ("ms".into(), "2.1.2".into()),
                ("react-dom".into(), "18.2.0".into()),
                ("@babel/core".into(), "7.24.0".into()),
                ("lodash".into(), "4.17.21".into()),
            ]
        );
    }
}
