//! The database: one SQLite file. SQLite (rusqlite, bundled) rather than a
//! format of our own: a scan looks up a few hundred (ecosystem, name)
//! keys through an index and reads nothing else; the file can be opened
//! read-only by every CI worker at once, inspected with `sqlite3`, and
//! replaced atomically by a rename; Grype made the same choice. A format
//! of our own would have to prove it beats that, and nothing measured so
//! far says it must (an import of every record in `../shared/vulndb` and
//! a scan are in BENCHMARKS.md).

use crate::record::{Affected, Record};
use crate::severity::Rating;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file in the database directory.
pub const FILE_NAME: &str = "shipready-vulns.sqlite";
/// Bumped when the tables change; an older file is refused with the
/// command that rebuilds it.
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE vulns (
    id TEXT PRIMARY KEY,
    aliases TEXT NOT NULL,
    summary TEXT NOT NULL,
    published TEXT,
    modified TEXT,
    score REAL,
    rating TEXT NOT NULL,
    source TEXT NOT NULL,
    url TEXT
);
CREATE TABLE affected (
    vuln TEXT NOT NULL,
    ecosystem TEXT NOT NULL,
    name TEXT NOT NULL,
    ranges TEXT NOT NULL,
    versions TEXT NOT NULL
);
";

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("no vulnerability database at {0}: build one with `shipready db update`, or `shipready db import <OSV files or folders>`")]
    Missing(PathBuf),
    #[error("{path}: not a readable vulnerability database ({why}); rebuild it with `shipready db update` or `shipready db import …`")]
    Corrupt { path: PathBuf, why: String },
    #[error("{path}: built by another shipready (schema {found}, this one reads {SCHEMA_VERSION}); rebuild it with `shipready db update` or `shipready db import …`")]
    Schema { path: PathBuf, found: i64 },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where the database's records came from, as `db` and `scan` say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub name: String,
    pub records: usize,
}

/// When the database was built and from what.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// RFC 3339.
    pub built: String,
    pub sources: Vec<SourceInfo>,
}

/// An open database, read-only.
pub struct Db {
    conn: Connection,
    pub path: PathBuf,
}

/// One affected row: a vulnerability of a package name in an ecosystem.
#[derive(Debug, Clone)]
pub struct Hit {
    pub vuln: String,
    pub affected: Affected,
}

/// What a vulnerability is, for reports.
#[derive(Debug, Clone)]
pub struct VulnInfo {
    pub id: String,
    pub aliases: Vec<String>,
    pub summary: String,
    pub score: Option<f64>,
    pub rating: Rating,
    pub source: String,
    pub url: Option<String>,
}

fn sqlite(path: &Path) -> impl Fn(rusqlite::Error) -> DbError + '_ {
    move |source| DbError::Sqlite {
        path: path.to_path_buf(),
        source,
    }
}

impl Db {
    /// Opens the database in `dir` read-only, checking that it is whole
    /// and of this schema.
    pub fn open(dir: &Path) -> Result<Db, DbError> {
        let path = dir.join(FILE_NAME);
        if !path.is_file() {
            return Err(DbError::Missing(path));
        }
        let corrupt = |why: String| DbError::Corrupt {
            path: path.clone(),
            why,
        };
        let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| corrupt(e.to_string()))?;
        let version: Option<String> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| corrupt(e.to_string()))?;
        let found = version
            .and_then(|v| v.parse::<i64>().ok())
            .ok_or_else(|| corrupt("no schema version".into()))?;
        if found != SCHEMA_VERSION {
            return Err(DbError::Schema { path, found });
        }
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(|e| corrupt(e.to_string()))?;
        if check != "ok" {
            return Err(corrupt(check));
        }
        Ok(Db { conn, path })
    }

    pub fn meta(&self) -> Result<Meta, DbError> {
        let get = |key: &str| -> Result<String, DbError> {
            self.conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .map_err(sqlite(&self.path))
        };
        Ok(Meta {
            built: get("built")?,
            sources: serde_json::from_str(&get("sources")?).map_err(|e| DbError::Corrupt {
                path: self.path.clone(),
                why: e.to_string(),
            })?,
        })
    }

    /// Every affected row for a package name in an ecosystem.
    pub fn affected(&self, ecosystem: &str, name: &str) -> Result<Vec<Hit>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT vuln, ranges, versions FROM affected WHERE ecosystem = ?1 AND name = ?2",
            )
            .map_err(sqlite(&self.path))?;
        let rows = stmt
            .query_map(params![ecosystem, name], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(sqlite(&self.path))?;
        let mut out = Vec::new();
        for row in rows {
            let (vuln, ranges, versions) = row.map_err(sqlite(&self.path))?;
            let corrupt = |e: serde_json::Error| DbError::Corrupt {
                path: self.path.clone(),
                why: format!("{vuln}: {e}"),
            };
            out.push(Hit {
                affected: Affected {
                    ecosystem: ecosystem.to_string(),
                    name: name.to_string(),
                    ranges: serde_json::from_str(&ranges).map_err(corrupt)?,
                    versions: serde_json::from_str(&versions).map_err(corrupt)?,
                },
                vuln,
            });
        }
        Ok(out)
    }

    /// Whether any record covers an ecosystem (`Debian:12`): when none
    /// does, a scan says so instead of reporting the packages clean.
    pub fn covers(&self, ecosystem: &str) -> Result<bool, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM affected WHERE ecosystem = ?1 LIMIT 1")
            .map_err(sqlite(&self.path))?;
        stmt.exists([ecosystem]).map_err(sqlite(&self.path))
    }

    pub fn vuln(&self, id: &str) -> Result<Option<VulnInfo>, DbError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, aliases, summary, score, rating, source, url FROM vulns WHERE id = ?1",
            )
            .map_err(sqlite(&self.path))?;
        stmt.query_row([id], |r| {
            Ok(VulnInfo {
                id: r.get(0)?,
                aliases: serde_json::from_str(&r.get::<_, String>(1)?).unwrap_or_default(),
                summary: r.get(2)?,
                score: r.get(3)?,
                rating: r.get::<_, String>(4)?.parse().unwrap_or(Rating::Unknown),
                source: r.get(5)?,
                url: r.get(6)?,
            })
        })
        .optional()
        .map_err(sqlite(&self.path))
    }
}

/// Builds a new database beside the old one and moves it into place
/// when done: a reader never sees a half-written file, and a failed build
/// leaves the old database as it was.
pub struct Builder {
    conn: Connection,
    tmp: PathBuf,
    target: PathBuf,
    records: usize,
}

impl Builder {
    pub fn create(dir: &Path) -> Result<Builder, DbError> {
        std::fs::create_dir_all(dir).map_err(|source| DbError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let target = dir.join(FILE_NAME);
        let tmp = dir.join(format!("{FILE_NAME}.tmp-{}", std::process::id()));
        let _ = std::fs::remove_file(&tmp);
        let conn = Connection::open(&tmp).map_err(sqlite(&tmp))?;
        // A build is one transaction into a file nobody reads yet: the
        // journal would only slow it down.
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;")
            .map_err(sqlite(&tmp))?;
        conn.execute_batch(SCHEMA).map_err(sqlite(&tmp))?;
        Ok(Builder {
            conn,
            tmp,
            target,
            records: 0,
        })
    }

    /// Adds a record. A second record with an ID already present (the
    /// same CVE from two distribution feeds) adds its affected packages
    /// and aliases to the first.
    pub fn add(&mut self, r: &Record) -> Result<(), DbError> {
        let path = self.tmp.clone();
        let existing: Option<String> = self
            .conn
            .query_row("SELECT aliases FROM vulns WHERE id = ?1", [&r.id], |row| {
                row.get(0)
            })
            .optional()
            .map_err(sqlite(&path))?;
        match existing {
            Some(aliases) => {
                let mut all: Vec<String> = serde_json::from_str(&aliases).unwrap_or_default();
                for a in &r.aliases {
                    if !all.contains(a) {
                        all.push(a.clone());
                    }
                }
                self.conn
                    .execute(
                        "UPDATE vulns SET aliases = ?2 WHERE id = ?1",
                        params![r.id, serde_json::to_string(&all).unwrap_or_default()],
                    )
                    .map_err(sqlite(&path))?;
            }
            None => {
                self.conn
                    .prepare_cached(
                        "INSERT INTO vulns (id, aliases, summary, published, modified, score, rating, source, url) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    )
                    .and_then(|mut s| {
                        s.execute(params![
                            r.id,
                            serde_json::to_string(&r.aliases).unwrap_or_default(),
                            r.summary,
                            r.published,
                            r.modified,
                            r.score,
                            r.rating.as_str(),
                            r.source,
                            r.url,
                        ])
                    })
                    .map_err(sqlite(&path))?;
                self.records += 1;
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached("INSERT INTO affected (vuln, ecosystem, name, ranges, versions) VALUES (?1, ?2, ?3, ?4, ?5)")
            .map_err(sqlite(&path))?;
        for a in &r.affected {
            stmt.execute(params![
                r.id,
                a.ecosystem,
                a.name,
                serde_json::to_string(&a.ranges).unwrap_or_default(),
                serde_json::to_string(&a.versions).unwrap_or_default(),
            ])
            .map_err(sqlite(&path))?;
        }
        Ok(())
    }

    /// Records in the database so far.
    pub fn records(&self) -> usize {
        self.records
    }

    /// Indexes, writes the metadata and moves the file into place.
    pub fn finish(self, meta: &Meta) -> Result<PathBuf, DbError> {
        let path = self.tmp.clone();
        let m = sqlite(&path);
        self.conn
            .execute_batch("CREATE INDEX affected_key ON affected (ecosystem, name);")
            .map_err(&m)?;
        for (k, v) in [
            ("schema_version", SCHEMA_VERSION.to_string()),
            ("built", meta.built.clone()),
            (
                "sources",
                serde_json::to_string(&meta.sources).unwrap_or_default(),
            ),
        ] {
            self.conn
                .execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                    params![k, v],
                )
                .map_err(&m)?;
        }
        self.conn.execute_batch("COMMIT; VACUUM;").map_err(&m)?;
        std::fs::rename(&self.tmp, &self.target).map_err(|source| DbError::Io {
            path: self.target.clone(),
            source,
        })?;
        Ok(self.target.clone())
    }
}

impl Drop for Builder {
    fn drop(&mut self) {
        // A build that did not finish leaves nothing behind.
        let _ = std::fs::remove_file(&self.tmp);
    }
}
