//! Files a container reads that are not in its image: single-file bind
//! mounts, and Compose `configs:` and `secrets:`. Each becomes a key of a
//! ConfigMap or Secret mounted at the same path with `subPath`, so a
//! mount never hides the rest of its directory. External ones already
//! exist in the cluster: they are referenced by name, never invented.
//!
//! A ConfigMap or Secret holds at most 1 MiB; a larger file is refused
//! with the reason instead of producing an object the API server rejects.

use k8s_openapi::ByteString;
use shipready_yaml::{Node, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// The API server's limit for one ConfigMap or Secret.
pub const MAX_BYTES: u64 = 1 << 20;

/// A file's bytes as a ConfigMap or Secret key holds them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    Text(String),
    Binary(Vec<u8>),
}

impl Data {
    /// Into a ConfigMap's `data` or `binaryData`.
    pub fn insert(
        self,
        key: String,
        data: &mut BTreeMap<String, String>,
        binary: &mut BTreeMap<String, ByteString>,
    ) {
        match self {
            Data::Text(t) => {
                data.insert(key, t);
            }
            Data::Binary(b) => {
                binary.insert(key, ByteString(b));
            }
        }
    }

    pub fn into_bytes(self) -> Vec<u8> {
        match self {
            Data::Text(t) => t.into_bytes(),
            Data::Binary(b) => b,
        }
    }
}

/// Reads a file for a ConfigMap or Secret, bounded.
pub fn read(path: &Path) -> Result<Data, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("`{}`: {e}", path.display()))?;
    if meta.len() > MAX_BYTES {
        return Err(format!(
            "`{}` is {} bytes; a ConfigMap or Secret holds at most 1 MiB (bake it into the image or use a volume)",
            path.display(),
            meta.len()
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("`{}`: {e}", path.display()))?;
    Ok(match String::from_utf8(bytes) {
        Ok(t) => Data::Text(t),
        Err(e) => Data::Binary(e.into_bytes()),
    })
}

/// A key for a file: its base name, with anything outside
/// `[-._a-zA-Z0-9]` as `-`.
pub fn key(path: &str) -> String {
    let base = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or("file");
    let k: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    if k.chars().all(|c| c == '.') {
        "file".into()
    } else {
        k
    }
}

/// What a top-level `configs:` or `secrets:` entry holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Definition {
    File(String),
    Content(String),
    /// The value of this variable of the project environment.
    Environment(String),
    /// Exists in the cluster under this name.
    External(String),
}

/// The definition of `name` under the project's `configs:` or
/// `secrets:` (`top`), with paths resolved against `dir`.
pub fn definition(
    top: Option<&Node>,
    name: &str,
    dir: &Path,
    what: &str,
) -> Result<Definition, String> {
    let Some(d) = top.and_then(|t| t.get(name)) else {
        return Err(format!("{what} `{name}` is not defined at the top level"));
    };
    let text = |k: &str| d.get(k).and_then(Node::key_text);
    if text("external").as_deref() == Some("true") {
        return Ok(Definition::External(
            text("name").unwrap_or_else(|| name.to_string()),
        ));
    }
    if let Some(f) = text("file") {
        let p = Path::new(&f);
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            dir.join(p)
        };
        return Ok(Definition::File(p.display().to_string()));
    }
    if let Some(c) = text("content") {
        return Ok(Definition::Content(c));
    }
    if let Some(e) = text("environment") {
        return Ok(Definition::Environment(e));
    }
    Err(format!(
        "{what} `{name}` has no `file`, `content`, `environment` or `external`"
    ))
}

/// One `secrets:` or `configs:` entry of a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub source: String,
    /// Absolute path in the container.
    pub target: String,
    /// File mode, as Compose's `mode` (octal in the file).
    pub mode: Option<i32>,
    pub span: shipready_diagnostics::Span,
}

/// The service's `secrets:` (targets under `/run/secrets/`) or
/// `configs:` (targets under `/`), with Compose's defaults.
pub fn references(svc: &Node, key: &str) -> Vec<Reference> {
    let Some(Value::Seq(items)) = svc.get(key).map(|n| &n.value) else {
        return Vec::new();
    };
    let base = if key == "secrets" {
        "/run/secrets/"
    } else {
        "/"
    };
    items
        .iter()
        .filter_map(|item| {
            let (source, target, mode) = match &item.value {
                Value::Map(_) => (
                    item.get("source").and_then(Node::key_text)?,
                    item.get("target").and_then(Node::key_text),
                    item.get("mode").and_then(Node::key_text),
                ),
                _ => (item.key_text()?, None, None),
            };
            let target = match target {
                Some(t) if t.starts_with('/') => t,
                Some(t) => format!("{base}{t}"),
                None => format!("{base}{source}"),
            };
            // `0440` in YAML 1.1 is octal; the loader keeps the text.
            let mode = mode.and_then(|m| i32::from_str_radix(m.trim_start_matches("0o"), 8).ok());
            Some(Reference {
                source,
                target,
                mode,
                span: item.span,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_get_composes_default_targets() {
        let svc = crate::yaml(
            "secrets:\n  - db_password\n  - source: api_key\n    target: key.txt\n    mode: 0400\nconfigs:\n  - nginx_conf\n  - source: site\n    target: /etc/nginx/conf.d/site.conf\n",
        );
        let s = references(&svc, "secrets");
        assert_eq!(s[0].target, "/run/secrets/db_password");
        assert_eq!(
            (s[1].target.as_str(), s[1].mode),
            ("/run/secrets/key.txt", Some(0o400))
        );
        let c = references(&svc, "configs");
        assert_eq!(c[0].target, "/nginx_conf");
        assert_eq!(c[1].target, "/etc/nginx/conf.d/site.conf");
    }

    #[test]
    fn definitions_are_told_apart() {
        let top = crate::yaml(
            "a: {file: ./a.txt}\nb: {external: true, name: prod-b}\nc: {environment: TOKEN}\nd: {content: hello}\ne: {}\n",
        );
        let dir = Path::new("/srv/app");
        assert_eq!(
            definition(Some(&top), "a", dir, "secret").unwrap(),
            Definition::File("/srv/app/./a.txt".into())
        );
        assert_eq!(
            definition(Some(&top), "b", dir, "secret").unwrap(),
            Definition::External("prod-b".into())
        );
        assert_eq!(
            definition(Some(&top), "c", dir, "secret").unwrap(),
            Definition::Environment("TOKEN".into())
        );
        assert_eq!(
            definition(Some(&top), "d", dir, "config").unwrap(),
            Definition::Content("hello".into())
        );
        assert!(definition(Some(&top), "e", dir, "config").is_err());
        assert!(definition(Some(&top), "zz", dir, "config").is_err());
    }

    #[test]
    fn keys_are_valid_and_large_files_refused() {
        assert_eq!(key("/etc/nginx/nginx.conf"), "nginx.conf");
        assert_eq!(key("/x/my file@1"), "my-file-1");
        let dir = std::env::temp_dir().join(format!("shipready-files-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let big = dir.join("big");
        std::fs::write(&big, vec![b'a'; (MAX_BYTES + 1) as usize]).unwrap();
        let bin = dir.join("bin");
        std::fs::write(&bin, [0xff, 0xfe, 0]).unwrap();
        assert!(read(&big).unwrap_err().contains("1 MiB"));
        assert_eq!(read(&bin).unwrap(), Data::Binary(vec![0xff, 0xfe, 0]));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
