//! `shipready sbom`: the packages of an image or a tree, as CycloneDX,
//! SPDX, JSON or a table.

use super::target;
use crate::cli::{SbomArgs, SbomFormatArg};
use crate::exit::ExitStatus;
use crate::output::emit;
use shipready_lint::Settings;
use shipready_project::{Options, ReadOptions};
use shipready_report::SbomFormat;
use std::collections::HashSet;

pub fn run(args: SbomArgs) -> anyhow::Result<ExitStatus> {
    let t = &args.target;
    let (inputs, _) = target::inputs(&t.target)?;
    // Cataloguing only: no rule runs.
    let settings = Settings {
        select: Some(HashSet::new()),
        ..Settings::default()
    };
    let options = Options {
        image: ReadOptions {
            platform: t.platform.clone(),
            ..ReadOptions::default()
        },
        packages: true,
        packages_only: true,
        ..Options::default()
    };
    let report = shipready_project::run(&inputs, &settings, &options)?;
    if report.packages.is_empty() {
        for e in &report.errors {
            eprintln!("error: {}: {}", e.file, e.message);
        }
        return Ok(ExitStatus::Error);
    }
    let format = match args.format {
        SbomFormatArg::Table => SbomFormat::Table,
        SbomFormatArg::Cyclonedx => SbomFormat::CycloneDx,
        SbomFormatArg::Spdx => SbomFormat::Spdx,
        SbomFormatArg::Json => SbomFormat::Json,
    };
    let text = shipready_report::render_sbom(
        &report,
        format,
        env!("CARGO_PKG_VERSION"),
        time::OffsetDateTime::now_utc(),
    );
    emit(&text, t.output.as_deref())?;
    if format != SbomFormat::Table {
        for e in &report.errors {
            let at = e.line.map_or(String::new(), |l| format!(":{l}"));
            eprintln!("error: {}{at}: {}", e.file, e.message);
        }
    }
    Ok(if report.errors.is_empty() || t.allow_input_errors {
        ExitStatus::Success
    } else {
        ExitStatus::Error
    })
}
