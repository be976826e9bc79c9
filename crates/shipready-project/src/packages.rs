//! Packages in a run: the lockfiles and manifests of the trees (images'
//! packages come from their layer walk, see `load/images.rs`), and the
//! match against the vulnerability database.

use crate::Project;
use crate::VulnOptions;
use rayon::prelude::*;
use shipready_diagnostics::{FileKind, SourceFile};
use shipready_lint::PackageUnit;
use shipready_lint::Settings;
use shipready_report::{DbInfo, InputError};
use shipready_sbom::{Inventory, Site};
use shipready_vuln::filter::{apply, parse_vex, Filters, IgnoreFile};
use std::path::{Path, PathBuf};

/// Catalogues the package files found in the trees (and named), as one
/// target named `target`; each file joins the file table, so a package's
/// finding points at its line.
pub fn load(project: &mut Project, files: &[PathBuf], target: &str) {
    if files.is_empty() {
        return;
    }
    let read: Vec<(PathBuf, shipready_sbom::FileKind, Result<Vec<u8>, String>)> = files
        .par_iter()
        .filter_map(|p| {
            let kind = shipready_sbom::kind_of(&p.to_string_lossy())?;
            Some((p.clone(), kind, read_kept(p, kind)))
        })
        .collect();
    let mut inv = Inventory::default();
    let mut listed = Vec::new();
    for (path, kind, bytes) in read {
        let name = path.display().to_string();
        let bytes = match bytes {
            Ok(b) => b,
            Err(message) => {
                project.error(InputError::whole(name, message));
                continue;
            }
        };
        let text = String::from_utf8(bytes.clone()).unwrap_or_default();
        let mut file = SourceFile::new(
            name.clone(),
            std::fs::canonicalize(&path).ok(),
            FileKind::Lockfile,
            text,
        );
        file.checked = true;
        let id = project.files.add(file);
        listed.push((name.clone(), id));
        let site = Site {
            path: &name,
            layer: None,
            distro: None,
        };
        shipready_sbom::add(&mut inv, kind, &site, &bytes);
    }
    for p in std::mem::take(&mut inv.problems) {
        project.error(InputError {
            file: p.path,
            line: p.line,
            column: None,
            message: p.message,
        });
    }
    project.units.packages.push(PackageUnit {
        image: None,
        inventory: inv,
        scan: None,
        files: listed,
        dockerfile: None,
    });
    project.package_targets.push(target.to_string());
}

/// What a cataloger reads of a file of a tree: the whole of a lockfile
/// (bounded), the metadata of a jar.
fn read_kept(path: &Path, kind: shipready_sbom::FileKind) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > kind.max_bytes() {
        return Err(format!(
            "{:.1} MB: larger than any real {} file ({} MB), not read",
            meta.len() as f64 / 1e6,
            kind.cataloger(),
            kind.max_bytes() >> 20
        ));
    }
    let mut f = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let bytes = if kind == shipready_sbom::FileKind::Jar {
        shipready_sbom::keep(&path.to_string_lossy(), meta.len(), 0o644, &mut f)
            .map_err(|e| format!("cannot read: {e}"))?
            .unwrap_or_default()
    } else {
        // Bounded by the cataloger's own limit (a big monorepo's
        // package-lock.json is tens of megabytes), not the 8 MB of the
        // text inputs.
        use std::io::Read;
        let mut bytes = Vec::new();
        f.take(kind.max_bytes())
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read: {e}"))?;
        bytes
    };
    Ok(bytes)
}

/// The ignore file a scan finds by itself.
pub const IGNORE_FILE: &str = ".shipready-ignore.toml";

/// Matches every target's packages against the database, then applies
/// what the team said (ignore file, VEX, `--ignore-unfixed`). A package
/// whose version does not read is an input error: the gate must not take
/// it for clean. So is an ignore file or VEX document that does not read.
pub fn scan(
    project: &mut Project,
    opts: &VulnOptions,
    settings: &Settings,
) -> Result<DbInfo, crate::Error> {
    let db = shipready_vuln::Db::open(&opts.db)?;
    let meta = db.meta()?;
    let info = freshness(&db, &meta, settings);
    if info.stale && settings.scan.fail_on_stale_db {
        project.error(InputError::whole(
            info.path.clone(),
            format!(
                "the vulnerability database is {} days old (built {}), older than [scan] max-db-age-days: run `shipready db update`",
                info.age_days, info.built
            ),
        ));
    }
    let mut errors = Vec::new();
    for unit in &mut project.units.packages {
        let result = shipready_vuln::scan(&db, &unit.inventory)?;
        for u in result.unchecked.iter().filter(|u| u.blocking) {
            let origin = u
                .package
                .and_then(|i| unit.inventory.packages.get(i))
                .map(|p| &p.origin);
            errors.push(InputError {
                file: origin.map_or_else(String::new, |o| o.path().to_string()),
                line: origin.and_then(|o| o.line()),
                column: None,
                message: u.message.clone(),
            });
        }
        unit.scan = Some(result);
    }
    for e in errors {
        project.error(e);
    }
    filter(project, opts, settings);
    Ok(info)
}

/// How old the database is, against `[scan] max-db-age-days`.
fn freshness(db: &shipready_vuln::Db, meta: &shipready_vuln::Meta, settings: &Settings) -> DbInfo {
    let built =
        time::OffsetDateTime::parse(&meta.built, &time::format_description::well_known::Rfc3339)
            .ok();
    let age_days = built.map_or(i64::MAX, |b| {
        (time::OffsetDateTime::now_utc() - b).whole_days()
    });
    DbInfo {
        path: db.path.display().to_string(),
        built: meta.built.clone(),
        sources: meta.sources.clone(),
        age_days: age_days.min(99_999),
        stale: settings
            .scan
            .max_db_age_days
            .is_some_and(|max| age_days > i64::from(max)),
    }
}

/// Reads the ignore file and VEX documents and takes out what they
/// cover; stale ignore entries become findings in the ignore file.
fn filter(project: &mut Project, opts: &VulnOptions, settings: &Settings) {
    let ignore = opts.ignore_file.as_ref().and_then(|path| {
        let name = path.display().to_string();
        let text = match crate::read::read_text(path) {
            Ok(t) => t,
            Err(e) => {
                project.error(InputError::whole(name, e.to_string()));
                return None;
            }
        };
        match IgnoreFile::parse(path, &text) {
            Ok(f) => {
                let file = SourceFile::new(
                    name,
                    std::fs::canonicalize(path).ok(),
                    FileKind::Config,
                    text,
                );
                Some((project.files.add(file), f))
            }
            Err(e) => {
                project.error(InputError::whole(name, e.to_string()));
                None
            }
        }
    });
    let mut vex = Vec::new();
    for path in &opts.vex {
        let parsed = crate::read::read_text(path)
            .map_err(|e| e.to_string())
            .and_then(|t| parse_vex(path, &t).map_err(|e| e.to_string()));
        match parsed {
            Ok(v) => vex.extend(v),
            Err(message) => project.error(InputError::whole(path.display().to_string(), message)),
        }
    }
    let filters = Filters {
        ignore: ignore.as_ref().map(|(_, f)| f),
        vex: &vex,
        ignore_unfixed: opts.ignore_unfixed || settings.scan.ignore_unfixed,
        today: time::OffsetDateTime::now_utc().date(),
    };
    let entries = ignore.as_ref().map_or(0, |(_, f)| f.entries.len());
    let mut used = vec![false; entries];
    let mut expired = Vec::new();
    project.suppressed.clear();
    for unit in &mut project.units.packages {
        let Some(result) = unit.scan.as_mut() else {
            project.suppressed.push(Vec::new());
            continue;
        };
        let out = apply(result, &unit.inventory, &filters);
        for (i, u) in used.iter_mut().enumerate() {
            *u |= !out.unused.contains(&i);
        }
        expired = out.expired;
        project.suppressed.push(out.suppressed);
    }
    if let Some((file, f)) = &ignore {
        // An entry is unused when no target used it; an expired one is
        // reported as expired instead.
        let unused: Vec<usize> = (0..entries)
            .filter(|i| !used[*i] && !expired.contains(i))
            .collect();
        project.filter_findings = shipready_lint::rules::vuln::stale_ignore::findings(
            *file, &f.entries, &unused, &expired,
        );
    }
}
