//! A service's mounts, classified for Kubernetes:
//!
//! - a named volume becomes a PersistentVolumeClaim (the caller sizes it);
//! - `tmpfs` (the service key or a long-form mount) becomes an `emptyDir`
//!   with medium Memory;
//! - a bind mount of one file becomes a ConfigMap mounted at the same path
//!   (with a warning: the file is copied into the manifests);
//! - a bind mount of a directory (source code, a host path) is dropped
//!   with a warning: the host's directories do not exist on a cluster's
//!   nodes, and `hostPath` ties a pod to one node. Kompose ignores bind
//!   mounts and Compose Bridge turns them into `hostPath`; neither says so.
//! - an anonymous volume (`/data` alone) becomes an `emptyDir`.
//!
//! The loader has already made bind sources absolute.

use shipready_compose::is_path;
use shipready_diagnostics::Span;
use shipready_yaml::{Node, Value};
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mount {
    Named {
        volume: String,
        target: String,
        read_only: bool,
    },
    Tmpfs {
        target: String,
        size: Option<u64>,
    },
    BindFile {
        source: String,
        target: String,
        read_only: bool,
    },
    /// Dropped, with the reason.
    BindDir {
        source: String,
        target: String,
        why: String,
    },
    Anonymous {
        target: String,
    },
}

fn bind(source: String, target: String, read_only: bool) -> Mount {
    if Path::new(&source).is_file() {
        return Mount::BindFile {
            source,
            target,
            read_only,
        };
    }
    let why = if source.ends_with(".sock") {
        format!("`{source}` is a socket of this machine (a container engine's, usually): a pod that mounts a node's engine socket controls the node")
    } else if Path::new(&source).is_dir() {
        format!("`{source}` is a directory of this machine; a cluster's nodes do not have it (a source-code mount is for development)")
    } else {
        format!("`{source}` does not exist here; on a node it would be an empty host directory")
    };
    Mount::BindDir {
        source,
        target,
        why,
    }
}

fn short(text: &str) -> Result<Mount, String> {
    let parts: Vec<&str> = text.split(':').collect();
    let (source, target, mode) = match parts.as_slice() {
        [t] => {
            return Ok(Mount::Anonymous {
                target: (*t).to_string(),
            })
        }
        [s, t] => (*s, *t, ""),
        [s, t, m] => (*s, *t, *m),
        _ => return Err(format!("volume `{text}` is not source:target[:mode]")),
    };
    if source.is_empty() || target.is_empty() {
        return Err(format!("volume `{text}` has an empty source or target"));
    }
    let read_only = mode.split(',').any(|m| m == "ro");
    Ok(if is_path(source) {
        bind(source.to_string(), target.to_string(), read_only)
    } else {
        Mount::Named {
            volume: source.to_string(),
            target: target.to_string(),
            read_only,
        }
    })
}

fn long(m: &Node) -> Result<Mount, String> {
    let text = |k: &str| m.get(k).and_then(Node::key_text);
    let target = text("target").ok_or("a long-form volume needs a `target`")?;
    let read_only = text("read_only").as_deref() == Some("true");
    let source = text("source").unwrap_or_default();
    match text("type").as_deref().unwrap_or("volume") {
        "volume" if source.is_empty() => Ok(Mount::Anonymous { target }),
        "volume" => Ok(Mount::Named {
            volume: source,
            target,
            read_only,
        }),
        "bind" => Ok(bind(source, target, read_only)),
        "tmpfs" => Ok(Mount::Tmpfs {
            target,
            size: m
                .get("tmpfs")
                .and_then(|t| t.get("size"))
                .and_then(Node::key_text)
                .and_then(|s| shipready_compose::config::bytes(&s)),
        }),
        other => Err(format!(
            "volume type `{other}` has no Kubernetes equivalent here (volume, bind and tmpfs do)"
        )),
    }
}

/// An entry that is not a mount, and where it is.
pub type Problem = (String, Span);

/// Every mount of the service, `volumes` then `tmpfs`, each with the
/// span of its entry; errors name the entry's text.
pub fn from_service(svc: &Node) -> (Vec<(Mount, Span)>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    if let Some(Value::Seq(items)) = svc.get("volumes").map(|n| &n.value) {
        for item in items {
            let r = match &item.value {
                Value::Map(_) => long(item),
                _ => item.key_text().map_or_else(
                    || Err("a volume is a string or a mapping".to_string()),
                    |t| short(&t),
                ),
            };
            match r {
                Ok(m) => out.push((m, item.span)),
                Err(e) => errors.push((e, item.span)),
            }
        }
    }
    let tmpfs: Vec<(String, Span)> = match svc.get("tmpfs").map(|n| &n.value) {
        Some(Value::Seq(items)) => items
            .iter()
            .filter_map(|i| Some((i.key_text()?, i.span)))
            .collect(),
        Some(_) => svc
            .get("tmpfs")
            .and_then(|n| Some((n.key_text()?, n.span)))
            .into_iter()
            .collect(),
        None => Vec::new(),
    };
    for (t, span) in tmpfs {
        // `/run:size=64m,mode=1777`
        let (target, opts) = t.split_once(':').unwrap_or((&t, ""));
        let size = opts
            .split(',')
            .find_map(|o| o.strip_prefix("size="))
            .and_then(shipready_compose::config::bytes);
        out.push((
            Mount::Tmpfs {
                target: target.to_string(),
                size,
            },
            span,
        ));
    }
    (out, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svc(yaml: &str) -> Node {
        crate::yaml(yaml)
    }

    #[test]
    fn every_kind_of_mount_is_told_apart() {
        let dir =
            std::env::temp_dir().join(format!("shipready-convert-vol-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(dir.join("nginx.conf"), "events {}\n").unwrap();
        let d = dir.display();
        let (mounts, errors) = from_service(&svc(&format!(
            "volumes:\n  - pgdata:/var/lib/postgresql/data\n  - {d}/nginx.conf:/etc/nginx/nginx.conf:ro\n  - {d}/src:/app\n  - /data\n  - type: tmpfs\n    target: /cache\n    tmpfs: {{size: 64m}}\ntmpfs: [\"/run:size=16m\"]\n"
        )));
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        let mounts: Vec<Mount> = mounts.into_iter().map(|(m, _)| m).collect();
        assert_eq!(
            mounts[0],
            Mount::Named {
                volume: "pgdata".into(),
                target: "/var/lib/postgresql/data".into(),
                read_only: false
            }
        );
        assert!(
            matches!(&mounts[1], Mount::BindFile { read_only: true, target, .. } if target == "/etc/nginx/nginx.conf")
        );
        assert!(
            matches!(&mounts[2], Mount::BindDir { why, .. } if why.contains("is a directory of this machine"))
        );
        assert_eq!(
            mounts[3],
            Mount::Anonymous {
                target: "/data".into()
            }
        );
        assert_eq!(
            mounts[4],
            Mount::Tmpfs {
                target: "/cache".into(),
                size: Some(64 << 20)
            }
        );
        assert_eq!(
            mounts[5],
            Mount::Tmpfs {
                target: "/run".into(),
                size: Some(16 << 20)
            }
        );
    }

    #[test]
    fn bad_entries_are_errors() {
        let (_, errors) = from_service(&svc(
            "volumes:\n  - \":/x\"\n  - a:b:c:d\n  - type: npipe\n    source: x\n    target: /y\n",
        ));
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[2].0.contains("npipe"));
    }
}
