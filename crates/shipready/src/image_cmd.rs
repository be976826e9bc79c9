//! `shipready image`: what a built image really ships.

use crate::cli::{ImageArgs, ImageFormat};
use crate::output::{emit, use_color};
use anyhow::{bail, Context};
use serde::Serialize;
use shipready_image::analysis::{LayerFigures, SizedPath};
use shipready_image::inspect::{self, OsRelease};
use shipready_image::{analyse, open_engine, open_path, Analysis, Image, ReadOptions};
use std::fmt::Write;

pub fn run(args: ImageArgs) -> anyhow::Result<u8> {
    let budget =
        parse_size(&args.max_size).with_context(|| format!("--max-size `{}`", args.max_size))?;
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
    let text = match args.format {
        ImageFormat::Json => json(&image, &analysis, args.top)?,
        ImageFormat::Human => human(
            &image,
            &analysis,
            budget,
            args.top,
            use_color(args.color, false),
        ),
    };
    emit(&text, None)?;
    Ok(0)
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

/// `150MB`, `1.5GiB`, `2000000`: decimal units for KB/MB/GB (as registries
/// and `docker images` count), binary for KiB/MiB/GiB.
fn parse_size(s: &str) -> anyhow::Result<u64> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num
        .parse()
        .context("expected a number with an optional unit")?;
    let mult = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kb" | "k" => 1e3,
        "mb" | "m" => 1e6,
        "gb" | "g" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        other => bail!("unknown unit `{other}` (use B, KB, MB, GB, KiB, MiB or GiB)"),
    };
    Ok((n * mult) as u64)
}

fn human_size(n: u64) -> String {
    let n = n as f64;
    if n >= 1e9 {
        format!("{:.2} GB", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} MB", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.1} kB", n / 1e3)
    } else {
        format!("{n} B")
    }
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

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    image: JsonImage<'a>,
    /// Image checks are rules like the lint rules; they arrive with the
    /// next part of this work, so the list is empty for now.
    findings: [(); 0],
}

fn json(image: &Image, a: &Analysis, top: usize) -> anyhow::Result<String> {
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
        findings: [],
    };
    let mut s = serde_json::to_string_pretty(&report)?;
    s.push('\n');
    Ok(s)
}

fn human(image: &Image, a: &Analysis, budget: u64, top: usize, color: bool) -> String {
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
        let step = l
            .created_by
            .as_deref()
            .map(|c| {
                c.trim_start_matches("/bin/sh -c #(nop) ")
                    .trim_start_matches("/bin/sh -c ")
            })
            .unwrap_or("-");
        let step: String = step.chars().take(70).collect();
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
    inventory(&mut s, image, a, (red, reset));
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

/// What the image checks will report as findings, listed until they do.
fn inventory(s: &mut String, image: &Image, a: &Analysis, (red, reset): (&str, &str)) {
    for f in inspect::secret_files(image, a) {
        let how = match f.hidden_by {
            Some(l) => format!(
                " (deleted in layer {}, still in layer {})",
                l + 1,
                f.layer + 1
            ),
            None => String::new(),
        };
        let _ = writeln!(s, "{red}secret{reset} {} — {}{how}", f.path, f.what);
    }
    for c in inspect::caches(a) {
        let _ = writeln!(s, "cache {} ({}) — {}", c.path, c.what, human_size(c.bytes));
    }
    let setuid = inspect::setuid_files(a);
    if !setuid.is_empty() {
        let _ = writeln!(s, "setuid/setgid {}", setuid.join(", "));
    }
    let writable = inspect::world_writable(a);
    if !writable.is_empty() {
        let _ = writeln!(s, "world-writable {}", writable.join(", "));
    }
    let tools = inspect::shells_and_tools(a);
    if !tools.is_empty() {
        let _ = writeln!(s, "shells and package managers {}", tools.join(", "));
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("150MB").unwrap(), 150_000_000);
        assert_eq!(parse_size("1.5GiB").unwrap(), 1_610_612_736);
        assert_eq!(parse_size("42").unwrap(), 42);
        assert!(parse_size("12 parsecs").is_err());
    }
}
