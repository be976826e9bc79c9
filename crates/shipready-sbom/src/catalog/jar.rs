//! Java archives (`.jar`, `.war`, `.ear`): the Maven coordinates in
//! `META-INF/maven/<group>/<artifact>/pom.properties`, else the
//! manifest's title and version, else the file name; jars nested one
//! level deep (Spring Boot's `BOOT-INF/lib/`, `WEB-INF/lib/`) too. Read
//! from the bytes in memory: nothing is extracted.

use super::{push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package};
use serde::{Deserialize, Serialize};
use std::io::{Cursor, Read};

/// The most of a nested jar that is read.
const MAX_NESTED: u64 = 32 << 20;
/// The most of a `pom.properties` or manifest that is read.
const MAX_META: u64 = 64 << 10;

/// What is kept of a jar: its file name and its metadata files, by jar.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Kept {
    jars: Vec<Jar>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Jar {
    /// The archive (or nested archive) name.
    name: String,
    poms: Vec<String>,
    manifest: Option<String>,
}

/// Reads a jar's metadata from its bytes (the whole jar, bounded by the
/// caller).
pub fn inspect(name: &str, bytes: &[u8]) -> Option<Vec<u8>> {
    let mut kept = Kept::default();
    read_jar(name, bytes, 0, &mut kept);
    if kept.jars.is_empty() {
        return None;
    }
    serde_json::to_vec(&kept).ok()
}

fn read_jar(name: &str, bytes: &[u8], depth: u8, kept: &mut Kept) {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return;
    };
    let mut jar = Jar {
        name: name.to_string(),
        ..Jar::default()
    };
    let mut nested: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let Ok(mut entry) = zip.by_index(i) else {
            continue;
        };
        let Ok(entry_name) = entry.name().map(|n| n.to_string()) else {
            continue;
        };
        let text = |e: &mut zip::read::ZipFile<'_, Cursor<&[u8]>>| {
            let mut s = String::new();
            e.take(MAX_META).read_to_string(&mut s).ok().map(|_| s)
        };
        if entry_name.starts_with("META-INF/maven/") && entry_name.ends_with("/pom.properties") {
            jar.poms.extend(text(&mut entry));
        } else if entry_name == "META-INF/MANIFEST.MF" {
            jar.manifest = text(&mut entry);
        } else if depth == 0
            && [".jar", ".war"].iter().any(|e| entry_name.ends_with(e))
            && entry.size() <= MAX_NESTED
        {
            let mut inner = Vec::new();
            if entry.take(MAX_NESTED).read_to_end(&mut inner).is_ok() {
                nested.push((entry_name, inner));
            }
        }
    }
    kept.jars.push(jar);
    for (n, inner) in nested {
        read_jar(&n, &inner, depth + 1, kept);
    }
}

fn props(text: &str) -> impl Iterator<Item = (&str, &str)> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once(['=', ':']))
        .map(|(k, v)| (k.trim(), v.trim()))
}

pub fn catalog(site: &Site<'_>, bytes: &[u8]) -> Result<Vec<Package>, CatalogError> {
    let kept: Kept = serde_json::from_slice(bytes)
        .map_err(|e| CatalogError::new(format!("unreadable jar metadata: {e}")))?;
    let mut out = Vec::new();
    for jar in &kept.jars {
        let mut found_pom = false;
        for pom in &jar.poms {
            let get = |k: &str| props(pom).find(|(key, _)| *key == k).map(|(_, v)| v);
            if let (Some(g), Some(a), Some(v)) = (get("groupId"), get("artifactId"), get("version"))
            {
                let mut f = Found::new(a, v, None);
                f.namespace = Some(g);
                push(&mut out, Ecosystem::Maven, FileKind::Jar, site, f)?;
                found_pom = true;
            }
        }
        if found_pom {
            continue;
        }
        let manifest = jar.manifest.as_deref().unwrap_or("");
        let get = |k: &str| {
            props(manifest)
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.to_string())
        };
        let title = get("Implementation-Title").or_else(|| get("Bundle-SymbolicName"));
        let version = get("Implementation-Version").or_else(|| get("Bundle-Version"));
        let (name, version) = match (title, version) {
            (Some(t), Some(v)) => (t, v),
            _ => match from_file_name(&jar.name) {
                Some(nv) => nv,
                None => continue,
            },
        };
        push(
            &mut out,
            Ecosystem::Maven,
            FileKind::Jar,
            site,
            Found::new(&name, &version, None),
        )?;
    }
    Ok(out)
}

/// `guava-33.0.0-jre.jar` → (`guava`, `33.0.0-jre`): the version starts
/// at the first `-` followed by a digit.
fn from_file_name(path: &str) -> Option<(String, String)> {
    let file = path.rsplit('/').next()?;
    let stem = file.rsplit_once('.')?.0;
    let at = stem
        .char_indices()
        .find(|(i, c)| *c == '-' && stem[i + 1..].starts_with(|d: char| d.is_ascii_digit()))?
        .0;
    Some((stem[..at].to_string(), stem[at + 1..].to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in files {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .expect("entry");
            w.write_all(content).expect("write");
        }
        w.finish().expect("zip").into_inner()
    }

    #[test]
    fn coordinates_from_pom_manifest_and_name() {
        let inner = zip_of(&[(
            "META-INF/MANIFEST.MF",
            b"Implementation-Title: jackson-core\nImplementation-Version: 2.15.2\n",
        )]);
        let outer = zip_of(&[
            (
                "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
                b"groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n",
            ),
            ("BOOT-INF/lib/jackson-core.jar", &inner),
        ]);
        let kept = inspect("app.jar", &outer).expect("metadata");
        let site = Site {
            path: "app/app.jar",
            layer: Some(2),
            distro: None,
        };
        let pkgs = catalog(&site, &kept).expect("reads");
        let got: Vec<_> = pkgs
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str(), p.purl.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "org.apache.logging.log4j:log4j-core",
                    "2.14.1",
                    "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"
                ),
                ("jackson-core", "2.15.2", "pkg:maven/jackson-core@2.15.2"),
            ]
        );
        assert_eq!(
            from_file_name("lib/guava-33.0.0-jre.jar"),
            Some(("guava".into(), "33.0.0-jre".into()))
        );
    }
}
