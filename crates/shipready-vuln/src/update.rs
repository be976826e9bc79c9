//! `shipready db update`: download the OSV exports (or a database a team
//! published), check them, and build the database, replacing the old one
//! only when everything succeeded.
//!
//! HTTP through `ureq` with rustls: blocking, small, no async runtime for
//! a handful of sequential downloads (reqwest would bring tokio). Plain
//! `http://` is accepted for loopback hosts only (a local mirror, the
//! tests): anywhere else a download that can be tampered with in transit
//! must not decide what the gate blocks. Each download is streamed to a
//! file beside the database, never held in memory, and is checked three
//! ways: against the size limit, against `Content-Length` (ureq refuses a
//! short body), and against the SHA-256 a source pins; the zip's own CRCs
//! are checked when it is read. Rate limits (429) and server errors are
//! retried with backoff, honouring `Retry-After`: the failure that makes
//! users leave other scanners' hosted databases.

use crate::db::{Db, DbError, FILE_NAME};
use crate::import::{import, ImportError, ImportReport};
use sha2::{Digest, Sha256};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The per-ecosystem exports osv.dev publishes (its documented bucket,
/// <https://google.github.io/osv.dev/data/#data-dumps>), for the
/// ecosystems shipready catalogues. `[scan] sources` replaces the list.
pub const DEFAULT_SOURCES: &[&str] = &[
    "https://osv-vulnerabilities.storage.googleapis.com/Debian/all.zip",
    "https://osv-vulnerabilities.storage.googleapis.com/Ubuntu/all.zip",
    "https://osv-vulnerabilities.storage.googleapis.com/Alpine/all.zip",
    "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip",
    "https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip",
    "https://osv-vulnerabilities.storage.googleapis.com/crates.io/all.zip",
    "https://osv-vulnerabilities.storage.googleapis.com/Go/all.zip",
    "https://osv-vulnerabilities.storage.googleapis.com/Maven/all.zip",
    "https://osv-vulnerabilities.storage.googleapis.com/RubyGems/all.zip",
    "https://osv-vulnerabilities.storage.googleapis.com/Packagist/all.zip",
    "https://osv-vulnerabilities.storage.googleapis.com/NuGet/all.zip",
];

/// The largest download accepted: the biggest OSV export (Debian) is a
/// few hundred megabytes.
pub const DEFAULT_MAX_BYTES: u64 = 2 << 30;

/// One thing to download.
#[derive(Debug, Clone, PartialEq)]
pub struct Download {
    pub url: String,
    /// Lower-case hex; checked when given.
    pub sha256: Option<String>,
}

/// How `update` downloads.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    pub max_bytes: u64,
    /// Attempts per download (rate limits and server errors retry).
    pub attempts: u32,
    /// The first backoff; doubled each retry.
    pub backoff: Duration,
    pub timeout: Duration,
}

impl Default for UpdateOptions {
    fn default() -> Self {
        UpdateOptions {
            max_bytes: DEFAULT_MAX_BYTES,
            attempts: 4,
            backoff: Duration::from_secs(2),
            timeout: Duration::from_secs(600),
        }
    }
}

/// What an update reports as it goes, for a progress bar.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress<'a> {
    /// A download starts; its length when the server says.
    Start { url: &'a str, total: Option<u64> },
    /// Bytes received so far of the current download.
    Bytes(u64),
    /// The current download was refused and will be retried after a pause.
    Retry {
        url: &'a str,
        why: String,
        wait: Duration,
    },
    /// The downloads are done; the import starts.
    Importing,
    /// Files imported of all.
    Imported(usize, usize),
}

#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("{url}: {why}")]
    Download { url: String, why: String },
    #[error("{url}: plain http:// is accepted only from this machine (127.0.0.1, localhost); use https://")]
    Insecure { url: String },
    #[error("{url}: larger than the {limit} MB limit")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: SHA-256 is {found}, the source pins {expected}")]
    Checksum {
        url: String,
        expected: String,
        found: String,
    },
    #[error("{url}: a published database must be the only source")]
    MixedDatabase { url: String },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error("{url}: not a usable database: {source}")]
    BadDatabase { url: String, source: DbError },
}

/// What an update did.
#[derive(Debug)]
pub enum Updated {
    /// OSV exports downloaded and imported.
    Imported { bytes: u64, report: ImportReport },
    /// A published database downloaded, checked and put in place.
    Database { bytes: u64, path: PathBuf },
}

/// Whether a URL names a database file rather than records to import.
fn is_database(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.ends_with(".sqlite") || path.ends_with(".db")
}

/// Downloads every source into `dir` and builds the database there. The
/// old database stays until the new one is complete.
pub fn update(
    sources: &[Download],
    dir: &Path,
    built: &str,
    opts: &UpdateOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<Updated, UpdateError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| UpdateError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let work = tempfile::Builder::new()
        .prefix(".download-")
        .tempdir_in(dir)
        .map_err(io(dir))?;
    if let Some(db) = sources.iter().find(|s| is_database(&s.url)) {
        if sources.len() > 1 {
            return Err(UpdateError::MixedDatabase {
                url: db.url.clone(),
            });
        }
        let file = work.path().join(FILE_NAME);
        let bytes = fetch(db, &file, opts, progress)?;
        Db::open(work.path()).map_err(|source| UpdateError::BadDatabase {
            url: db.url.clone(),
            source,
        })?;
        let target = dir.join(FILE_NAME);
        std::fs::rename(&file, &target).map_err(io(&target))?;
        return Ok(Updated::Database {
            bytes,
            path: target,
        });
    }
    let mut files = Vec::new();
    let mut bytes = 0;
    for (i, s) in sources.iter().enumerate() {
        let file = work.path().join(format!("{i:02}-{}", file_name(&s.url)));
        bytes += fetch(s, &file, opts, progress)?;
        files.push(file);
    }
    progress(Progress::Importing);
    let report = import(&files, dir, built, &mut |done, all| {
        progress(Progress::Imported(done, all))
    })?;
    Ok(Updated::Imported { bytes, report })
}

/// The last path segment, for naming the download (`all.zip` keeps its
/// extension, which the import goes by).
fn file_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or("download");
    let clean: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if clean.is_empty() {
        "download".to_string()
    } else {
        clean
    }
}

/// Whether plain HTTP to this URL stays on this machine.
fn is_loopback(url: &str) -> bool {
    let rest = url.strip_prefix("http://").unwrap_or("");
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = if host.starts_with('[') {
        host.split(']').next().map(|h| &h[1..]).unwrap_or("")
    } else {
        host.split(':').next().unwrap_or("")
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// One source into `dest`: a local file is copied (checked the same way),
/// a URL downloaded with retries.
fn fetch(
    src: &Download,
    dest: &Path,
    opts: &UpdateOptions,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<u64, UpdateError> {
    let url = src.url.as_str();
    let local = url
        .strip_prefix("file://")
        .or_else(|| url.starts_with('/').then_some(url));
    if let Some(path) = local {
        let f = std::fs::File::open(path).map_err(|e| UpdateError::Download {
            url: url.to_string(),
            why: e.to_string(),
        })?;
        let total = f.metadata().ok().map(|m| m.len());
        progress(Progress::Start { url, total });
        return copy_checked(src, f, dest, opts.max_bytes, progress);
    }
    if url.starts_with("http://") && !is_loopback(url) {
        return Err(UpdateError::Insecure {
            url: url.to_string(),
        });
    }
    if !url.starts_with("https://") && !url.starts_with("http://") {
        return Err(UpdateError::Download {
            url: url.to_string(),
            why: "not an https:// URL or a file path".to_string(),
        });
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .user_agent(concat!("shipready/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut wait = opts.backoff;
    let mut attempt = 1;
    loop {
        let failure = match agent.get(url).call() {
            Ok(resp) if resp.status().is_success() => {
                let total = resp
                    .headers()
                    .get("content-length")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.parse::<u64>().ok());
                if total.is_some_and(|t| t > opts.max_bytes) {
                    return Err(UpdateError::TooLarge {
                        url: url.to_string(),
                        limit: opts.max_bytes >> 20,
                    });
                }
                progress(Progress::Start { url, total });
                let reader = resp
                    .into_body()
                    .into_with_config()
                    .limit(opts.max_bytes.saturating_add(1))
                    .reader();
                match copy_checked(src, reader, dest, opts.max_bytes, progress) {
                    // A body cut short is worth another try; a bad
                    // checksum or an oversized body is not.
                    Err(UpdateError::Download { why, .. }) => Retryable(why),
                    other => return other,
                }
            }
            Ok(resp) => {
                let status = resp.status();
                let after = resp
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| v.trim().parse::<u64>().ok());
                if status.as_u16() == 429 || status.is_server_error() {
                    if let Some(secs) = after {
                        wait = Duration::from_secs(secs.min(120));
                    }
                    Retryable(format!("HTTP {status}"))
                } else {
                    return Err(UpdateError::Download {
                        url: url.to_string(),
                        why: format!("HTTP {status}"),
                    });
                }
            }
            Err(e) => Retryable(e.to_string()),
        };
        let Retryable(why) = failure;
        if attempt >= opts.attempts {
            return Err(UpdateError::Download {
                url: url.to_string(),
                why: format!("{why} (after {attempt} attempts)"),
            });
        }
        progress(Progress::Retry { url, why, wait });
        std::thread::sleep(wait);
        wait = wait.saturating_mul(2);
        attempt += 1;
    }
}

/// A failure another attempt may not repeat.
struct Retryable(String);

/// Streams `from` into `dest`, counting and hashing, within the limit.
fn copy_checked(
    src: &Download,
    mut from: impl Read,
    dest: &Path,
    max: u64,
    progress: &mut dyn FnMut(Progress<'_>),
) -> Result<u64, UpdateError> {
    let url = src.url.as_str();
    let mut out = std::fs::File::create(dest).map_err(|source| UpdateError::Io {
        path: dest.to_path_buf(),
        source,
    })?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 << 10];
    let mut done: u64 = 0;
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(UpdateError::Download {
                    url: url.to_string(),
                    why: format!("the download broke off after {done} bytes: {e}"),
                })
            }
        };
        done += n as u64;
        if done > max {
            return Err(UpdateError::TooLarge {
                url: url.to_string(),
                limit: max >> 20,
            });
        }
        hasher.update(&buf[..n]);
        out.write_all(&buf[..n]).map_err(|source| UpdateError::Io {
            path: dest.to_path_buf(),
            source,
        })?;
        progress(Progress::Bytes(done));
    }
    out.sync_all().map_err(|source| UpdateError::Io {
        path: dest.to_path_buf(),
        source,
    })?;
    let found = hex(&hasher.finalize());
    if let Some(expected) = &src.sha256 {
        if !expected.eq_ignore_ascii_case(&found) {
            return Err(UpdateError::Checksum {
                url: url.to_string(),
                expected: expected.clone(),
                found,
            });
        }
    }
    Ok(done)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_may_use_plain_http() {
        assert!(is_loopback("http://127.0.0.1:8080/PyPI/all.zip"));
        assert!(is_loopback("http://localhost/x"));
        assert!(is_loopback("http://[::1]:9000/x"));
        assert!(is_loopback("http://127.0.0.2/x"));
        assert!(!is_loopback("http://example.org/x"));
        assert!(!is_loopback("http://127.0.0.1.example.org/x"));
        assert!(!is_loopback("http://user@10.0.0.1/x"));
    }

    #[test]
    fn names_keep_the_extension() {
        assert_eq!(file_name("https://h/PyPI/all.zip"), "all.zip");
        assert_eq!(file_name("https://h/x/db.sqlite?token=1"), "db.sqlite");
        assert_eq!(file_name("https://h/"), "download");
        assert!(is_database("https://h/ci/shipready-vulns.sqlite"));
        assert!(!is_database("https://h/PyPI/all.zip"));
    }
}
