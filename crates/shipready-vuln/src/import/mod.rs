//! Building the database from files: OSV records (JSON, YAML, the
//! per-ecosystem `all.zip` exports osv.dev publishes, or folders of them),
//! and the distribution and community feeds that are not OSV: Alpine's
//! secdb, Debian's DSA/DLA lists, the Node.js security working group's npm
//! advisories. Malformed records and ranges are skipped and counted; they
//! never abort an import.

mod alpine;
mod debian;
mod nodejs;
mod osv;

use crate::db::{Builder, DbError, Meta, SourceInfo};
use crate::record::Record;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The largest single record file read (an OSV record is kilobytes; the
/// Debian lists are a few megabytes).
const MAX_FILE: u64 = 64 << 20;

/// A record (or part of one) that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    pub file: String,
    pub id: String,
    pub why: String,
}

impl Skip {
    pub(crate) fn new(file: &str, id: &str, why: String) -> Self {
        Skip {
            file: file.to_string(),
            id: id.to_string(),
            why,
        }
    }
}

/// What an import read and wrote.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub records: usize,
    pub by_source: BTreeMap<String, usize>,
    pub skips: Vec<Skip>,
    /// Files (and zip entries) read as records.
    pub files: usize,
    pub path: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}: no such file or directory")]
    Missing(PathBuf),
    #[error("{path}: not a readable zip archive: {why}")]
    Zip { path: PathBuf, why: String },
    #[error("no vulnerability records in {0}")]
    Empty(String),
    #[error(transparent)]
    Db(#[from] DbError),
}

/// The feed an OSV record comes from, by its ID's prefix.
pub fn feed_of(id: &str) -> &'static str {
    match id.split('-').next().unwrap_or("") {
        "PYSEC" => "PyPA",
        "RUSTSEC" => "RustSec",
        "GO" => "Go vulndb",
        "GHSA" => "GitHub",
        "DSA" | "DLA" | "DTSA" | "DEBIAN" => "Debian",
        "USN" | "UBUNTU" => "Ubuntu",
        "ALSA" | "ALBA" | "ALEA" => "AlmaLinux",
        "RLSA" => "Rocky Linux",
        "RHSA" | "RHBA" | "RHEA" => "Red Hat",
        "SUSE" | "openSUSE" => "SUSE",
        "MAL" => "OpenSSF malicious packages",
        "CVE" => "NVD/CVE",
        _ => "OSV",
    }
}

/// Collects the files under the inputs, in a stable order.
fn files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut out = Vec::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|_| ImportError::Missing(input.clone()))?;
        if meta.is_file() {
            out.push(input.clone());
            continue;
        }
        let mut stack = vec![input.clone()];
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir).map_err(|source| ImportError::Io {
                path: dir.clone(),
                source,
            })?;
            for e in entries.flatten() {
                let p = e.path();
                match e.file_type() {
                    Ok(t) if t.is_dir() => stack.push(p),
                    Ok(t) if t.is_file() => out.push(p),
                    _ => {}
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads records from every input into a new database in `dir`, which
/// replaces the old one when the import succeeds. `progress` is called
/// with (files done, files in all).
pub fn import(
    inputs: &[PathBuf],
    dir: &Path,
    built: &str,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport, ImportError> {
    let files = files(inputs)?;
    let mut builder = Builder::create(dir)?;
    let mut report = ImportReport::default();
    let total = files.len();
    for (i, f) in files.iter().enumerate() {
        progress(i, total);
        let name = f.display().to_string();
        let is_zip = f.extension().is_some_and(|e| e == "zip");
        if is_zip {
            read_zip(f, &mut builder, &mut report)?;
            continue;
        }
        let meta = std::fs::metadata(f).map_err(|source| ImportError::Io {
            path: f.clone(),
            source,
        })?;
        if meta.len() > MAX_FILE {
            report.skips.push(Skip::new(
                &name,
                "",
                format!("{} MB: not a record file", meta.len() >> 20),
            ));
            continue;
        }
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let debian_list = f.file_name().is_some_and(|n| n == "list")
            && f.parent()
                .and_then(|p| p.file_name())
                .is_some_and(|d| d == "DSA" || d == "DLA");
        let records = if debian_list {
            let dir_name = f
                .parent()
                .and_then(|p| p.file_name())
                .map(|d| d.to_string_lossy().to_ascii_lowercase())
                .unwrap_or_default();
            report.files += 1;
            debian::convert(
                &text,
                &format!("debian-{dir_name}"),
                &name,
                &mut report.skips,
            )
        } else {
            match records_of(&name, &text, &mut report) {
                Some(r) => r,
                None => continue,
            }
        };
        for r in records {
            add(&mut builder, &mut report, &r)?;
        }
    }
    progress(total, total);
    if builder.records() == 0 {
        let shown: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
        return Err(ImportError::Empty(shown.join(", ")));
    }
    report.records = builder.records();
    let meta = Meta {
        built: built.to_string(),
        sources: report
            .by_source
            .iter()
            .map(|(name, records)| SourceInfo {
                name: name.clone(),
                records: *records,
            })
            .collect(),
    };
    report.path = builder.finish(&meta)?;
    Ok(report)
}

fn add(builder: &mut Builder, report: &mut ImportReport, r: &Record) -> Result<(), ImportError> {
    builder.add(r)?;
    *report.by_source.entry(r.source.clone()).or_default() += 1;
    Ok(())
}

/// The records of one text file, by what it holds; `None` for files that
/// are not records (a licence, a README, a schema).
fn records_of(name: &str, text: &str, report: &mut ImportReport) -> Option<Vec<Record>> {
    let lower = name.to_ascii_lowercase();
    let yaml = lower.ends_with(".yaml") || lower.ends_with(".yml");
    if !yaml && !lower.ends_with(".json") {
        return None;
    }
    if yaml && text.contains("distroversion:") && text.contains("secfixes") {
        report.files += 1;
        return match alpine::convert(text, name, &mut report.skips) {
            Ok(r) => Some(r),
            Err(why) => {
                report.skips.push(Skip::new(
                    name,
                    "",
                    format!("not a readable secdb file: {why}"),
                ));
                None
            }
        };
    }
    let value: serde_json::Value = if yaml {
        serde_yaml_ng::from_str(text).ok()?
    } else {
        match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                report
                    .skips
                    .push(Skip::new(name, "", format!("not JSON: {e}")));
                return None;
            }
        }
    };
    if value.get("module_name").is_some() && value.get("vulnerable_versions").is_some() {
        report.files += 1;
        let a: nodejs::Advisory = match serde_json::from_value(value) {
            Ok(a) => a,
            Err(e) => {
                report
                    .skips
                    .push(Skip::new(name, "", format!("not a readable advisory: {e}")));
                return None;
            }
        };
        return Some(
            nodejs::convert(a, name, &mut report.skips)
                .into_iter()
                .collect(),
        );
    }
    // An OSV record has an ID and says when it was modified; a JSON
    // schema or an index file does not.
    let is_osv = value.get("id").is_some_and(|i| i.is_string()) && value.get("modified").is_some();
    if !is_osv {
        return None;
    }
    report.files += 1;
    let id = value["id"].as_str().unwrap_or("").to_string();
    let parsed: osv::Osv = match serde_json::from_value(value) {
        Ok(o) => o,
        Err(e) => {
            report.skips.push(Skip::new(
                name,
                &id,
                format!("not a readable OSV record: {e}"),
            ));
            return None;
        }
    };
    let feed = feed_of(&id);
    Some(
        osv::convert(parsed, feed, name, &mut report.skips)
            .into_iter()
            .collect(),
    )
}

/// An OSV export (`all.zip`): one JSON record per entry, read one at a
/// time, bounded.
fn read_zip(
    path: &Path,
    builder: &mut Builder,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    let file = std::fs::File::open(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut zip =
        zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| ImportError::Zip {
            path: path.to_path_buf(),
            why: e.to_string(),
        })?;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| ImportError::Zip {
            path: path.to_path_buf(),
            why: e.to_string(),
        })?;
        let entry_name = format!(
            "{}!{}",
            path.display(),
            entry.name().map(|n| n.into_owned()).unwrap_or_default()
        );
        if entry.size() > MAX_FILE {
            report
                .skips
                .push(Skip::new(&entry_name, "", "larger than any record".into()));
            continue;
        }
        let mut text = String::new();
        if (&mut entry)
            .take(MAX_FILE)
            .read_to_string(&mut text)
            .is_err()
        {
            report
                .skips
                .push(Skip::new(&entry_name, "", "not UTF-8 text".into()));
            continue;
        }
        drop(entry);
        if let Some(records) = records_of(&entry_name, &text, report) {
            for r in records {
                add(builder, report, &r)?;
            }
        }
    }
    Ok(())
}
