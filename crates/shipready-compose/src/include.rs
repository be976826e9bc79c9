//! Top-level `include:` as docker compose v2.40 loads it: each entry is a
//! Compose application of its own (one path or several, merged like `-f`
//! files), read with its own project directory (the first file's
//! directory unless `project_directory` says) for relative paths, and
//! interpolated with its own `env_file` (else the `.env` of that
//! directory) under the including project's environment, which wins (the
//! differential test pins this: compose lets the parent's `.env` override
//! the included one). Its services, networks, volumes, secrets and configs
//! are imported into the including file; a resource defined differently
//! on both sides is an error, as in compose. Includes nest; a cycle or a
//! chain deeper than [`MAX_DEPTH`] is an error.

use crate::loader::{absolute_path, Loader};
use crate::{dotenv, extends, merge, ComposeError};
use shipready_yaml::{Mapping, Node, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Deeper chains are refused (compose has no limit; a cycle it reports).
pub const MAX_DEPTH: usize = 16;

const RESOURCES: &[&str] = &["services", "networks", "volumes", "secrets", "configs"];

fn err(file: &Path, node: &Node, message: impl Into<String>) -> ComposeError {
    ComposeError {
        file: file.to_path_buf(),
        span: Some(node.span),
        message: message.into(),
    }
}

fn strings(node: &Node) -> Vec<(String, &Node)> {
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .filter_map(|i| i.as_str().map(|s| (s.to_string(), i)))
            .collect(),
        _ => node
            .as_str()
            .map(|s| (s.to_string(), node))
            .into_iter()
            .collect(),
    }
}

/// One entry: its files, project directory and env files, resolved
/// against the including file's directory.
struct Entry<'a> {
    node: &'a Node,
    paths: Vec<PathBuf>,
    project_dir: PathBuf,
    env_files: Vec<(PathBuf, bool)>,
}

fn entry<'a>(
    item: &'a Node,
    file: &Path,
    dir: &Path,
    env: &BTreeMap<String, String>,
) -> Result<Entry<'a>, ComposeError> {
    let abs = |p: &str| PathBuf::from(absolute_path(p, dir, env));
    let (paths, project_dir, env_files) = match &item.value {
        Value::Str(p) => (vec![abs(p)], None, None),
        Value::Map(m) => {
            for (k, _) in &m.entries {
                let key = k.as_str().unwrap_or("");
                if !matches!(key, "path" | "project_directory" | "env_file") {
                    return Err(err(
                        file,
                        k,
                        format!("include: unknown key `{key}` (path, project_directory, env_file)"),
                    ));
                }
            }
            let path = m
                .get("path")
                .ok_or_else(|| err(file, item, "include: an entry needs a `path`"))?;
            let paths: Vec<PathBuf> = strings(path).iter().map(|(p, _)| abs(p)).collect();
            let project_dir = m.get("project_directory").and_then(Node::as_str).map(abs);
            let env_files = m.get("env_file").map(|e| {
                strings(e)
                    .iter()
                    .map(|(p, _)| (abs(p), true))
                    .collect::<Vec<_>>()
            });
            (paths, project_dir, env_files)
        }
        _ => {
            return Err(err(
                file,
                item,
                "include: an entry is a path or a mapping with `path`",
            ))
        }
    };
    let Some(first) = paths.first() else {
        return Err(err(file, item, "include: `path` names no file"));
    };
    let project_dir = project_dir.unwrap_or_else(|| {
        first
            .parent()
            .map_or_else(|| dir.to_path_buf(), Path::to_path_buf)
    });
    let env_files = env_files.unwrap_or_else(|| vec![(project_dir.join(".env"), false)]);
    Ok(Entry {
        node: item,
        paths,
        project_dir,
        env_files,
    })
}

/// The environment of an included application: its env files under the
/// including project's environment (the shell, then the parent's `.env`),
/// which wins, as in compose.
fn environment(
    loader: &Loader,
    entry: &Entry<'_>,
    file: &Path,
) -> Result<BTreeMap<String, String>, ComposeError> {
    let mut env = BTreeMap::new();
    for (path, required) in &entry.env_files {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let vars = dotenv::parse(&text, &loader.env).map_err(|e| ComposeError {
                    file: path.clone(),
                    span: None,
                    message: format!("line {}: {}", e.line, e.message),
                })?;
                env.extend(vars);
            }
            Err(e) if *required || e.kind() != std::io::ErrorKind::NotFound => {
                return Err(err(
                    file,
                    entry.node,
                    format!("include: cannot read the env file {}: {e}", path.display()),
                ));
            }
            Err(_) => {}
        }
    }
    env.extend(loader.env.clone());
    Ok(env)
}

/// Follows the `include:` of `root` (read from `file`, whose relative
/// paths resolve against `dir`), importing the included resources into
/// `root`. `chain` holds the files being included, for cycles.
pub(crate) fn resolve(
    loader: &mut Loader,
    root: &mut Node,
    file: &Path,
    dir: &Path,
    chain: &mut Vec<PathBuf>,
) -> Result<(), ComposeError> {
    let Value::Map(m) = &mut root.value else {
        return Ok(());
    };
    let Some(pos) = m
        .entries
        .iter()
        .position(|(k, _)| k.as_str() == Some("include"))
    else {
        return Ok(());
    };
    let (_, include) = m.entries.remove(pos);
    let items: Vec<&Node> = match &include.value {
        Value::Seq(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        _ => return Err(err(file, &include, "include: a list of paths or entries")),
    };
    for item in items {
        let entry = entry(item, file, dir, &loader.env)?;
        if chain.len() >= MAX_DEPTH {
            return Err(err(
                file,
                item,
                format!("include: more than {MAX_DEPTH} levels deep"),
            ));
        }
        let env = environment(loader, &entry, file)?;
        let saved = std::mem::replace(&mut loader.env, env);
        let mut model: Option<Node> = None;
        let mut failed = None;
        for path in &entry.paths {
            let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            if chain.contains(&canonical) {
                failed = Some(err(
                    file,
                    item,
                    format!(
                        "include: {} includes itself (through {})",
                        path.display(),
                        chain
                            .iter()
                            .map(|p| p.display().to_string())
                            .collect::<Vec<_>>()
                            .join(" → ")
                    ),
                ));
                break;
            }
            if !path.is_file() {
                failed = Some(err(
                    file,
                    item,
                    format!("include: {} does not exist", path.display()),
                ));
                break;
            }
            if !loader.included.contains(&canonical) {
                loader.included.push(canonical.clone());
            }
            let read = loader
                .read_file(path, &entry.project_dir)
                .and_then(|mut node| {
                    extends::resolve_file(loader, &mut node, path)?;
                    chain.push(canonical.clone());
                    let nested = resolve(loader, &mut node, path, &entry.project_dir, chain);
                    chain.pop();
                    nested.map(|()| node)
                });
            match read {
                Ok(node) => {
                    model = Some(match model {
                        None => node,
                        Some(prev) => merge::merge(prev, node, &mut Vec::new()),
                    });
                }
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        loader.env = saved;
        if let Some(e) = failed {
            return Err(e);
        }
        if let Some(model) = model {
            import(root, model, file, item)?;
        }
    }
    Ok(())
}

/// Adds the included resources to `root`; one defined differently on both
/// sides is an error.
fn import(root: &mut Node, included: Node, file: &Path, at: &Node) -> Result<(), ComposeError> {
    let Value::Map(inc) = included.value else {
        return Ok(());
    };
    let Value::Map(m) = &mut root.value else {
        return Ok(());
    };
    for (key, section) in inc.entries {
        let Some(name) = key.as_str().map(str::to_string) else {
            continue;
        };
        if !RESOURCES.contains(&name.as_str()) {
            continue;
        }
        let Value::Map(section_map) = section.value else {
            continue;
        };
        let target = match m
            .entries
            .iter()
            .position(|(k, _)| k.as_str() == Some(name.as_str()))
        {
            Some(i) => i,
            None => {
                m.entries.push((
                    key.clone(),
                    Node {
                        value: Value::Map(Mapping::default()),
                        span: section.span,
                        tag: None,
                    },
                ));
                m.entries.len() - 1
            }
        };
        let existing = &mut m.entries[target].1;
        if existing.is_null() {
            existing.value = Value::Map(Mapping::default());
        }
        let Value::Map(ours) = &mut existing.value else {
            continue;
        };
        for (k, v) in section_map.entries {
            let rname = k.as_str().unwrap_or("").to_string();
            match ours
                .entries
                .iter()
                .find(|(ok, _)| ok.as_str() == Some(rname.as_str()))
            {
                Some((_, mine)) if mine.to_json() != v.to_json() => {
                    return Err(err(file, at, format!("include: the included file defines {name}.{rname}, which conflicts with the one here")));
                }
                Some(_) => {}
                None => ours.entries.push((k, v)),
            }
        }
    }
    Ok(())
}
