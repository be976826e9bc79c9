//! `shipready scan`: the packages of an image or a tree against the
//! offline vulnerability database; the gate blocks HIGH and CRITICAL.

use super::{target, vulns};
use crate::cli::{RatingArg, ScanArgs, ScanFormat};
use crate::exit::ExitStatus;
use crate::output::{emit, use_color};
use shipready_project::{discover_settings, Options, ReadOptions};
use shipready_vuln::Rating;
use std::collections::HashSet;
use std::path::Path;

pub fn run(args: ScanArgs) -> anyhow::Result<ExitStatus> {
    let t = &args.target;
    let (mut inputs, is_image) = target::inputs(&t.target)?;
    inputs.dockerfile = args.dockerfile.clone();
    let start = if is_image {
        args.dockerfile
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."))
            .to_path_buf()
    } else {
        t.target.clone()
    };
    let mut settings = discover_settings(args.config.as_deref(), &start)?;
    // A scan runs the package rules only.
    settings.select = Some(HashSet::from([
        shipready_lint::rules::vuln::vulnerable_package::RULE
            .meta
            .id,
        shipready_lint::rules::vuln::stale_ignore::RULE.meta.id,
    ]));
    let options = Options {
        image: ReadOptions {
            platform: t.platform.clone(),
            ..ReadOptions::default()
        },
        packages: true,
        packages_only: true,
        vulns: Some(vulns::required(&args.vulns, &start)?),
        ..Options::default()
    };
    let report = shipready_project::run(&inputs, &settings, &options)?;
    if report.packages.is_empty() {
        for e in &report.errors {
            eprintln!("error: {}: {}", e.file, e.message);
        }
        return Ok(ExitStatus::Error);
    }
    let color = use_color(args.color, t.output.is_some());
    let text = match args.format {
        ScanFormat::Table => shipready_report::render_scan_table(&report, color),
        ScanFormat::Json => shipready_report::render_scan_json(&report),
        ScanFormat::Sarif => shipready_report::render_sarif(&report, env!("CARGO_PKG_VERSION")),
        ScanFormat::Markdown => shipready_report::render_markdown(&report),
        ScanFormat::CyclonedxVex => shipready_report::render_scan_vex(
            &report,
            env!("CARGO_PKG_VERSION"),
            time::OffsetDateTime::now_utc(),
        ),
    };
    emit(&text, t.output.as_deref())?;
    if args.format != ScanFormat::Table {
        if let Some(db) = report.db.as_ref().filter(|d| d.stale) {
            eprintln!(
                "warning: the vulnerability database is {} days old (built {}): run `shipready db update`",
                db.age_days, db.built
            );
        }
        for e in &report.errors {
            let at = e.line.map_or(String::new(), |l| format!(":{l}"));
            eprintln!("error: {}{at}: {}", e.file, e.message);
        }
    }
    if !report.errors.is_empty() && !t.allow_input_errors {
        return Ok(ExitStatus::Error);
    }
    let gate = match args.fail_on {
        Some(RatingArg::Critical) => Some(Rating::Critical),
        Some(RatingArg::High) => Some(Rating::High),
        Some(RatingArg::Medium) => Some(Rating::Medium),
        Some(RatingArg::Low) => Some(Rating::Low),
        Some(RatingArg::None) => None,
        None => settings.scan.fail_on,
    };
    let unknown_fails = args.fail_on_unknown || settings.scan.fail_on_unknown;
    let found = || {
        report
            .packages
            .iter()
            .flat_map(|p| p.scan.iter().flat_map(|s| &s.matches))
    };
    let failed = gate.is_some_and(|g| {
        found().any(|m| m.rating >= g || (unknown_fails && m.rating == Rating::Unknown))
    });
    let unrated = found().filter(|m| m.rating == Rating::Unknown).count();
    if gate.is_some() && !unknown_fails && unrated > 0 {
        eprintln!(
            "note: {unrated} vulnerabilit{} of unknown severity (no feed rates them) do not fail the gate; `--fail-on-unknown` makes them",
            if unrated == 1 { "y" } else { "ies" }
        );
    }
    Ok(if failed {
        ExitStatus::Failure
    } else {
        ExitStatus::Success
    })
}
