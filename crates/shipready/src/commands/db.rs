//! `shipready db import|update|status`: the offline vulnerability
//! database.

use super::vulns::db_dir;
use crate::cli::{DbCommand, StatusFormat};
use crate::exit::ExitStatus;
use crate::output::emit;
use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use shipready_project::discover_settings;
use shipready_vuln::update::{Download, Progress, UpdateOptions, Updated, DEFAULT_SOURCES};
use shipready_vuln::ImportReport;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn run(cmd: DbCommand) -> anyhow::Result<ExitStatus> {
    match cmd {
        DbCommand::Import { paths, db } => import(&paths, &db_dir(db.as_deref())?),
        DbCommand::Update {
            db,
            sources,
            config,
            max_size,
        } => update(
            &db_dir(db.as_deref())?,
            &sources,
            config.as_deref(),
            max_size.as_deref(),
        ),
        DbCommand::Status { db, format } => status(&db_dir(db.as_deref())?, format),
    }
}

fn now() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn files_bar() -> ProgressBar {
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} files")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_prefix("importing");
    bar
}

fn import(paths: &[PathBuf], dir: &Path) -> anyhow::Result<ExitStatus> {
    let bar = files_bar();
    let report = shipready_vuln::import(paths, dir, &now(), &mut |done, all| {
        bar.set_length(all as u64);
        bar.set_position(done as u64);
    })?;
    bar.finish_and_clear();
    summary(&report);
    Ok(ExitStatus::Success)
}

/// What an import wrote and what it skipped, by reason.
fn summary(report: &ImportReport) {
    let sources: Vec<String> = report
        .by_source
        .iter()
        .map(|(s, n)| format!("{s} {n}"))
        .collect();
    eprintln!(
        "imported {} records from {} files into {} ({})",
        report.records,
        report.files,
        report.path.display(),
        sources.join(", ")
    );
    if report.skips.is_empty() {
        return;
    }
    let mut why: BTreeMap<String, usize> = BTreeMap::new();
    for s in &report.skips {
        *why.entry(reason(&s.why)).or_default() += 1;
    }
    eprintln!(
        "skipped {} malformed or unsupported entries:",
        report.skips.len()
    );
    for (w, n) in why {
        eprintln!("  {n:>6}  {w}");
    }
}

/// A skip's reason without its particulars: "unknown ecosystem `Foo`"
/// and "unknown ecosystem `Bar`" are one reason, as are two JSON errors.
fn reason(why: &str) -> String {
    let head = why.split(": ").next().unwrap_or(why);
    let mut out = String::new();
    for (i, part) in head.split('`').enumerate() {
        out.push_str(if i % 2 == 1 { "…" } else { part });
    }
    out
}

/// `URL#sha256=HEX`, or a URL.
fn parse_source(s: &str) -> Download {
    match s.rsplit_once("#sha256=") {
        Some((url, sum)) => Download {
            url: url.to_string(),
            sha256: Some(sum.to_ascii_lowercase()),
        },
        None => Download {
            url: s.to_string(),
            sha256: None,
        },
    }
}

fn update(
    dir: &Path,
    sources: &[String],
    config: Option<&Path>,
    max_size: Option<&str>,
) -> anyhow::Result<ExitStatus> {
    let settings = discover_settings(config, Path::new("."))?;
    let downloads: Vec<Download> = if !sources.is_empty() {
        sources.iter().map(|s| parse_source(s)).collect()
    } else if !settings.scan.sources.is_empty() {
        settings
            .scan
            .sources
            .iter()
            .map(|s| Download {
                url: s.url().to_string(),
                sha256: s.sha256().map(str::to_ascii_lowercase),
            })
            .collect()
    } else {
        DEFAULT_SOURCES.iter().map(|s| parse_source(s)).collect()
    };
    let mut opts = UpdateOptions::default();
    if let Some(m) = max_size {
        opts.max_bytes =
            shipready_lint::parse_size(m).map_err(|e| anyhow::anyhow!("--max-size: {e}"))?;
    }
    let bar = ProgressBar::new(0);
    let bytes_style =
        ProgressStyle::with_template("{msg:40!} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
    let spinner = ProgressStyle::with_template("{msg:40!} {spinner} {bytes} {bytes_per_sec}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    let updated =
        shipready_vuln::update::update(&downloads, dir, &now(), &opts, &mut |p| match p {
            Progress::Start { url, total } => {
                bar.reset();
                bar.set_message(url.to_string());
                match total {
                    Some(t) => {
                        bar.set_style(bytes_style.clone());
                        bar.set_length(t);
                    }
                    None => bar.set_style(spinner.clone()),
                }
            }
            Progress::Bytes(n) => bar.set_position(n),
            Progress::Retry { url, why, wait } => {
                bar.suspend(|| eprintln!("warning: {url}: {why}; retrying in {}s", wait.as_secs()));
            }
            Progress::Importing => {
                bar.reset();
                bar.set_style(files_bar().style());
                bar.set_message(String::new());
            }
            Progress::Imported(done, all) => {
                bar.set_length(all as u64);
                bar.set_position(done as u64);
            }
        });
    bar.finish_and_clear();
    match updated.with_context(|| format!("updating the database in {}", dir.display()))? {
        Updated::Imported { bytes, report } => {
            eprintln!(
                "downloaded {:.1} MB from {} sources",
                bytes as f64 / 1e6,
                downloads.len()
            );
            summary(&report);
        }
        Updated::Database { bytes, path } => {
            eprintln!(
                "installed the published database ({:.1} MB) at {}",
                bytes as f64 / 1e6,
                path.display()
            );
        }
    }
    Ok(ExitStatus::Success)
}

fn status(dir: &Path, format: StatusFormat) -> anyhow::Result<ExitStatus> {
    let db = shipready_vuln::Db::open(dir)?;
    let meta = db.meta()?;
    let text = match format {
        StatusFormat::Json => {
            let mut s = serde_json::to_string_pretty(&serde_json::json!({
                "version": 1,
                "path": db.path.display().to_string(),
                "schema_version": shipready_vuln::db::SCHEMA_VERSION,
                "built": meta.built,
                "sources": meta.sources,
            }))?;
            s.push('\n');
            s
        }
        StatusFormat::Human => {
            let mut s = format!(
                "{}\nbuilt {} · schema {}\n",
                db.path.display(),
                meta.built,
                shipready_vuln::db::SCHEMA_VERSION
            );
            for src in &meta.sources {
                s.push_str(&format!("  {:>7}  {}\n", src.records, src.name));
            }
            s
        }
    };
    emit(&text, None)?;
    Ok(ExitStatus::Success)
}
