//! `extends`: a service built on another, in the same file or another
//! one (`extends: {file: common.yaml, service: web}`, or `extends: web`).
//! The base is resolved first (it may extend too; a cycle is an error),
//! then the service is merged over it with the usual merge rules. The
//! other file's relative paths are resolved against its own directory.

use crate::loader::Loader;
use crate::{merge, ComposeError};
use shipready_yaml::{Node, Value};
use std::path::{Path, PathBuf};

/// A reference chain longer than this is a mistake (or a cycle through
/// files we failed to see).
const MAX_CHAIN: usize = 32;

fn err(file: &Path, node: &Node, message: String) -> ComposeError {
    ComposeError {
        file: file.to_path_buf(),
        span: Some(node.span),
        message,
    }
}

/// Resolves every `extends` of the services of `root` (read from `file`).
pub(crate) fn resolve_file(
    loader: &mut Loader,
    root: &mut Node,
    file: &Path,
) -> Result<(), ComposeError> {
    // Only the services that extend another are resolved (and copied):
    // copying every service made a file with many services quadratic.
    let names: Vec<String> = root
        .get("services")
        .and_then(Node::as_map)
        .map(|m| {
            m.iter()
                .filter(|(_, v)| v.get("extends").is_some())
                .filter_map(|(k, _)| k.key_text())
                .collect()
        })
        .unwrap_or_default();
    for name in names {
        let mut chain = Vec::new();
        let resolved = resolve(loader, root, file, &name, &mut chain)?;
        set_service(root, &name, resolved);
    }
    Ok(())
}

fn set_service(root: &mut Node, name: &str, svc: Node) {
    let slot = crate::shape::services_mut(root)
        .and_then(|m| m.entries.iter_mut().find(|(k, _)| k.key_is(name)));
    if let Some((_, v)) = slot {
        *v = svc;
    }
}

fn resolve(
    loader: &mut Loader,
    root: &Node,
    file: &Path,
    name: &str,
    chain: &mut Vec<(PathBuf, String)>,
) -> Result<Node, ComposeError> {
    let Some(svc) = root.get("services").and_then(|s| s.get(name)) else {
        return Err(ComposeError {
            file: file.to_path_buf(),
            span: Some(root.span),
            message: format!("extends: no service `{name}` in {}", file.display()),
        });
    };
    let Some(ext) = svc.get("extends") else {
        return Ok(svc.clone());
    };
    let here = (file.to_path_buf(), name.to_string());
    if chain.contains(&here) || chain.len() >= MAX_CHAIN {
        let path: Vec<String> = chain.iter().map(|(_, n)| n.clone()).collect();
        return Err(err(
            file,
            ext,
            format!("extends: a cycle ({} → {name})", path.join(" → ")),
        ));
    }
    chain.push(here);
    let (target_file, target) = match &ext.value {
        Value::Str(s) => (None, s.clone()),
        Value::Map(m) => (
            m.get("file").and_then(Node::as_str).map(PathBuf::from),
            m.get("service")
                .and_then(Node::key_text)
                .ok_or_else(|| err(file, ext, "extends: `service` is required".into()))?,
        ),
        _ => {
            return Err(err(
                file,
                ext,
                "extends: a service name or {file, service}".into(),
            ))
        }
    };
    let base = match target_file {
        None => resolve(loader, root, file, &target, chain)?,
        Some(other) if other == file => resolve(loader, root, file, &target, chain)?,
        Some(other) => {
            let other_root = match loader.extended.get(&other) {
                Some(r) => r.clone(),
                None => {
                    let dir = other
                        .parent()
                        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                    let r = loader.read_file(&other, &dir).map_err(|mut e| {
                        e.message = format!("extends: {}", e.message);
                        e
                    })?;
                    loader.extended.insert(other.clone(), r.clone());
                    r
                }
            };
            resolve(loader, &other_root, &other, &target, chain)?
        }
    };
    chain.pop();
    let mut local = svc.clone();
    if let Value::Map(m) = &mut local.value {
        m.entries.retain(|(k, _)| !k.key_is("extends"));
    }
    let mut base = base;
    if let Value::Map(m) = &mut base.value {
        m.entries.retain(|(k, _)| !k.key_is("extends"));
    }
    let mut path = vec!["services".to_string(), name.to_string()];
    Ok(merge::merge(base, local, &mut path))
}
