//! `shipready image`: what a built image really ships, checked by the
//! image rules, optionally tied back to the Dockerfile that built it.

use super::{finish, settings, Output};
use crate::cli::ImageArgs;
use crate::exit::ExitStatus;
use anyhow::bail;
use shipready_lint::{parse_ratio, parse_size, parse_size_gate, ImageGates};
use shipready_project::{ImageInput, Inputs, Options, ReadOptions};
use std::path::{Path, PathBuf};

pub fn run(args: ImageArgs) -> anyhow::Result<ExitStatus> {
    let start = args
        .dockerfile
        .as_deref()
        .and_then(Path::parent)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut settings = settings(&args.rules, &start)?;
    apply_gate_flags(&args, &mut settings.image)?;
    let image = image_input(&args.image)?;
    let inputs = Inputs {
        images: vec![image],
        dockerfile: args.dockerfile.clone(),
        ..Inputs::default()
    };
    // With a vulnerability database present (or named), the image's
    // packages are catalogued in the same walk and matched.
    let vulns = super::vulns::optional(&args.vulns, args.no_vulns, &start)?;
    let options = Options {
        image: ReadOptions {
            platform: args.platform.clone(),
            ..ReadOptions::default()
        },
        top: args.top,
        packages: vulns.is_some(),
        vulns,
        ..Options::default()
    };
    let report = shipready_project::run(&inputs, &settings, &options)?;
    if report.images.is_empty() {
        // The image could not be read: there is no report to print.
        for e in &report.errors {
            eprintln!("error: {}: {}", e.file, e.message);
        }
        return Ok(ExitStatus::Error);
    }
    let out = Output {
        format: args.format,
        color: args.color,
        file: args.output.as_deref(),
    };
    finish(&report, out, &args.rules, &settings)
}

/// A path that exists is an archive or layout; a name that can only be a
/// path (absolute, relative, an archive extension) but does not exist is
/// a usage error; anything else is an image the Docker Engine has.
pub(super) fn image_input(arg: &Path) -> anyhow::Result<ImageInput> {
    if arg.exists() {
        return Ok(ImageInput::Path(arg.to_path_buf()));
    }
    let s = arg.to_string_lossy();
    let looks_like_path = s.starts_with('/')
        || s.starts_with('.')
        || [".tar", ".tar.gz", ".tgz", ".tar.zst"]
            .iter()
            .any(|e| s.ends_with(e));
    if looks_like_path {
        bail!(
            "{}: no such file or directory (give a `docker save` archive, an OCI layout, or an image the Docker Engine has)",
            arg.display()
        );
    }
    Ok(ImageInput::Engine(s.into_owned()))
}

/// The command line's gates override the config's.
fn apply_gate_flags(args: &ImageArgs, gates: &mut ImageGates) -> anyhow::Result<()> {
    let flag = |name: &str, e: shipready_lint::GateError| anyhow::anyhow!("--{name}: {e}");
    if let Some(v) = &args.max_size {
        gates.max_size = parse_size(v).map_err(|e| flag("max-size", e))?;
    }
    if let Some(v) = &args.lowest_efficiency {
        gates.lowest_efficiency = parse_ratio(v).map_err(|e| flag("lowest-efficiency", e))?;
    }
    if let Some(v) = &args.highest_wasted_bytes {
        gates.highest_wasted_bytes =
            parse_size_gate(v).map_err(|e| flag("highest-wasted-bytes", e))?;
    }
    if let Some(v) = &args.highest_user_wasted_percent {
        gates.highest_user_wasted_ratio =
            parse_ratio(v).map_err(|e| flag("highest-user-wasted-percent", e))?;
    }
    Ok(())
}
