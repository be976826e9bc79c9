//! `shipready image`: what a built image really ships, checked by the
//! image rules, optionally tied back to the Dockerfile that built it.

use crate::cli::{ImageArgs, ImageFormat};
use crate::lint_cmd::lookup;
use crate::output::{emit, use_color};
use crate::rule_args::{load_settings, threshold};
use anyhow::{bail, Context};
use serde::Serialize;
use shipready_diagnostics::{Equivalents, Finding, LineIndex, Severity};
use shipready_image::analysis::{LayerFigures, SizedPath};
use shipready_image::inspect::{self, OsRelease};
use shipready_image::{analyse, open_engine, open_path, Analysis, Image, ReadOptions};
use shipready_lint::rules::image::human_size;
use shipready_lint::{
    lint_image, parse_ratio, parse_size, parse_size_gate, ImageGates, Provenance,
};
use shipready_report::{FileReport, HumanOptions, Report};
use std::fmt::Write;
use std::path::{Path, PathBuf};

pub fn run(args: ImageArgs) -> anyhow::Result<u8> {
    let start = args
        .dockerfile
        .as_deref()
        .and_then(Path::parent)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut settings = load_settings(&args.rules, &start)?;
    apply_gate_flags(&args, &mut settings.image)?;
    let dockerfile = args
        .dockerfile
        .as_deref()
        .map(read_dockerfile)
        .transpose()?;
    let opts = ReadOptions {
        platform: args.platform.clone(),
        ..ReadOptions::default()
    };
    let image = if args.image.exists() {
        open_path(&args.image, &opts)?
    } else if looks_like_path(&args.image.to_string_lossy()) {
        bail!(
            "{}: no such file or directory (give a `docker save` archive, an OCI layout, or an image the Docker Engine has)",
            args.image.display()
        );
    } else {
        open_engine(&args.image.to_string_lossy(), &opts)?
    };
    let analysis = analyse(&image);
    let findings = lint_image(&image, &analysis, &settings);
    let report = report(&image, dockerfile.as_ref(), findings);
    let color = use_color(args.color, args.output.is_some());
    let text = match args.format {
        ImageFormat::Json => json(&image, &analysis, args.top, &report)?,
        ImageFormat::Sarif => {
            shipready_report::render_sarif(&report, &lookup, env!("CARGO_PKG_VERSION"))
        }
        ImageFormat::Human => {
            let findings = shipready_report::render_human(
                &report,
                &HumanOptions {
                    color,
                    concise: false,
                    noun: "image",
                },
            );
            format!(
                "{}\n{findings}",
                human(&image, &analysis, &settings.image, args.top, color)
            )
        }
    };
    emit(&text, args.output.as_deref())?;
    let failed = threshold(args.rules.fail_on, &settings).is_some_and(|t| {
        report
            .files
            .iter()
            .flat_map(|f| &f.findings)
            .any(|f| f.severity >= t)
    });
    Ok(u8::from(failed))
}

/// The command line's gates override the config's.
fn apply_gate_flags(args: &ImageArgs, gates: &mut ImageGates) -> anyhow::Result<()> {
    let flag = |name: &str, e: String| anyhow::anyhow!("--{name}: {e}");
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

struct SourceFile {
    name: String,
    text: String,
    parsed: shipready_dockerfile::Dockerfile,
}

fn read_dockerfile(path: &Path) -> anyhow::Result<SourceFile> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{name}: cannot read the Dockerfile"))?;
    let parsed = shipready_dockerfile::parse(&text).map_err(|e| {
        let at = LineIndex::new(&text).line_col(&text, e.span.start);
        anyhow::anyhow!("{name}:{}:{}: {}", at.line, at.column, e.message)
    })?;
    Ok(SourceFile { name, text, parsed })
}

/// Findings the Dockerfile explains go under it, with the instruction's
/// span; the rest stay on the image, which has no text.
fn report(image: &Image, dockerfile: Option<&SourceFile>, findings: Vec<Finding>) -> Report {
    let mut on_image = Vec::new();
    let mut on_dockerfile = Vec::new();
    let provenance = dockerfile.map(|d| Provenance::new(&d.parsed, image));
    for mut f in findings {
        match provenance.as_ref().and_then(|p| p.span_for(&f)) {
            Some(span) => {
                f.span = span;
                on_dockerfile.push(f);
            }
            None => on_image.push(f),
        }
    }
    let mut files = Vec::new();
    if let Some(d) = dockerfile {
        files.push(FileReport {
            path: d.name.clone(),
            source: d.text.clone(),
            findings: on_dockerfile,
        });
    }
    files.push(FileReport {
        path: image.reference.clone(),
        source: String::new(),
        findings: on_image,
    });
    Report {
        files,
        errors: Vec::new(),
        files_checked: 1,
    }
}

/// Names that can only be files: an image reference never starts with
/// `/` or `.`, and does not end in an archive extension.
fn looks_like_path(s: &str) -> bool {
    s.starts_with('/')
        || s.starts_with('.')
        || [".tar", ".tar.gz", ".tgz", ".tar.zst"]
            .iter()
            .any(|e| s.ends_with(e))
}

#[derive(Serialize)]
struct JsonLayer<'a> {
    digest: &'a str,
    size: u64,
    uncompressed_size: u64,
    created_by: Option<&'a str>,
    files_added: usize,
    files_removed: usize,
    wasted_bytes: u64,
}

#[derive(Serialize)]
struct JsonImage<'a> {
    reference: &'a str,
    format: &'a str,
    os: &'a str,
    architecture: &'a str,
    size: u64,
    uncompressed_size: u64,
    layers: Vec<JsonLayer<'a>>,
    efficiency: f64,
    wasted_bytes: u64,
    user_wasted_percent: f64,
    user: &'a str,
    healthcheck: Option<&'a [String]>,
    exposed_ports: &'a [String],
    largest_files: Vec<SizedPath>,
    largest_dirs: Vec<SizedPath>,
    base_os: Option<OsRelease>,
}

/// A finding in the lint contract's shape; positions are `null` unless
/// `--dockerfile` tied the finding to an instruction.
#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    name: Option<&'static str>,
    severity: Severity,
    file: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
    message: &'a str,
    help: Option<&'a str>,
    equivalents: Equivalents,
    path: Option<&'a str>,
    layer: Option<usize>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    image: JsonImage<'a>,
    findings: Vec<JsonFinding<'a>>,
}

fn json_findings(report: &Report) -> Vec<JsonFinding<'_>> {
    report
        .located()
        .into_iter()
        .map(|l| {
            let f = l.finding;
            let text = !l.file.source.is_empty();
            let place = f.image.as_deref();
            JsonFinding {
                rule: f.rule,
                name: lookup(f.rule).map(|m| m.name),
                severity: f.severity,
                file: &l.file.path,
                line: text.then_some(l.line),
                column: text.then_some(l.column),
                end_line: text.then_some(l.end_line),
                end_column: text.then_some(l.end_column),
                message: &f.message,
                help: f.help.as_deref(),
                equivalents: lookup(f.rule).map(|m| m.equivalents).unwrap_or_default(),
                path: place.and_then(|p| p.path.as_deref()),
                layer: place.and_then(|p| p.layer),
            }
        })
        .collect()
}

fn json(image: &Image, a: &Analysis, top: usize, report: &Report) -> anyhow::Result<String> {
    let layers = image
        .layers
        .iter()
        .zip(&a.layers)
        .map(|(l, f): (_, &LayerFigures)| JsonLayer {
            digest: &l.index.digest,
            size: l.index.size,
            uncompressed_size: l.index.uncompressed_size,
            created_by: l.created_by.as_deref(),
            files_added: f.files_added,
            files_removed: f.files_removed,
            wasted_bytes: f.wasted_bytes,
        })
        .collect();
    let report = JsonReport {
        version: 1,
        image: JsonImage {
            reference: &image.reference,
            format: image.format,
            os: &image.os,
            architecture: &image.architecture,
            size: image.size(),
            uncompressed_size: image.uncompressed_size(),
            layers,
            efficiency: a.efficiency,
            wasted_bytes: a.wasted_bytes,
            user_wasted_percent: a.user_wasted_percent,
            user: &image.config.user,
            healthcheck: image.config.healthcheck.as_deref(),
            exposed_ports: &image.config.exposed_ports,
            largest_files: a.largest_files(top),
            largest_dirs: a.largest_dirs(top, 3),
            base_os: inspect::os_release(image, a),
        },
        findings: json_findings(report),
    };
    let mut s = serde_json::to_string_pretty(&report)?;
    s.push('\n');
    Ok(s)
}

fn human(image: &Image, a: &Analysis, gates: &ImageGates, top: usize, color: bool) -> String {
    let budget = gates.max_size;
    let (bold, dim, red, green, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let mut s = String::new();
    let total = image.uncompressed_size();
    let _ = writeln!(
        s,
        "{bold}{}{reset}  {}/{}  {dim}({}){reset}",
        image.reference, image.os, image.architecture, image.format
    );
    let verdict = if total > budget {
        format!(
            "{red}over the {} budget by {}{reset}",
            human_size(budget),
            human_size(total - budget)
        )
    } else {
        format!("{green}within the {} budget{reset}", human_size(budget))
    };
    let _ = writeln!(
        s,
        "size: {} uncompressed, {} compressed — {verdict}\n",
        human_size(total),
        human_size(image.size())
    );
    let widest = image
        .layers
        .iter()
        .map(|l| l.index.uncompressed_size)
        .max()
        .unwrap_or(1)
        .max(1);
    let _ = writeln!(s, "{bold}layers{reset}");
    for (i, (l, f)) in image.layers.iter().zip(&a.layers).enumerate() {
        let bar_len = ((l.index.uncompressed_size as f64 / widest as f64) * 24.0).ceil() as usize;
        let step = shipready_lint::rules::image::step(l.created_by.as_deref());
        let waste = if f.wasted_bytes > 0 {
            format!("  {red}{} hidden later{reset}", human_size(f.wasted_bytes))
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "{:>3} {:>9} {:<24} {dim}{step}{reset}{waste}",
            i + 1,
            human_size(l.index.uncompressed_size),
            "█".repeat(bar_len)
        );
    }
    let _ = writeln!(
        s,
        "\nefficiency {:.1}%  ·  wasted {}  ·  user-wasted {:.1}%",
        a.efficiency * 100.0,
        human_size(a.wasted_bytes),
        a.user_wasted_percent
    );
    let user = if image.config.user.is_empty() {
        format!("{red}root (no USER){reset}")
    } else {
        image.config.user.clone()
    };
    let health = match image.config.healthcheck.as_deref() {
        None => format!("{red}none{reset}"),
        Some(t) => t.join(" "),
    };
    let ports = if image.config.exposed_ports.is_empty() {
        "none".to_string()
    } else {
        image.config.exposed_ports.join(", ")
    };
    let _ = writeln!(s, "user {user}  ·  healthcheck {health}  ·  ports {ports}");
    if let Some(os) = inspect::os_release(image, a) {
        let name = if os.pretty_name.is_empty() {
            format!("{} {}", os.id, os.version_id)
        } else {
            os.pretty_name
        };
        let _ = writeln!(s, "base {name}");
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "{bold}largest files{reset}");
    for f in a.largest_files(top) {
        let _ = writeln!(
            s,
            "  {:>9}  {}  {dim}layer {}{reset}",
            human_size(f.size),
            f.path,
            f.layer.map_or(0, |l| l + 1)
        );
    }
    let _ = writeln!(s, "{bold}largest directories{reset}");
    for d in a.largest_dirs(top, 3) {
        let _ = writeln!(s, "  {:>9}  {}", human_size(d.size), d.path);
    }
    s
}
