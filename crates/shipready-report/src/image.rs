use crate::ImageSummary;
use shipready_diagnostics::human_size;
use std::fmt::Write;

/// What `shipready image` prints before the findings: size against the
/// budget, a bar per layer with the step that made it and the bytes later
/// layers hide, dive's figures, user, health check, ports, base OS, and
/// the largest files and directories.
pub fn render_image_summary(image: &ImageSummary, color: bool) -> String {
    let (bold, dim, red, green, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[31m", "\x1b[32m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let mut s = String::new();
    let total = image.uncompressed_size;
    let budget = image.budget;
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
        human_size(image.size)
    );
    let widest = image
        .layers
        .iter()
        .map(|l| l.uncompressed_size)
        .max()
        .unwrap_or(1)
        .max(1);
    let _ = writeln!(s, "{bold}layers{reset}");
    for (i, l) in image.layers.iter().enumerate() {
        let bar_len = ((l.uncompressed_size as f64 / widest as f64) * 24.0).ceil() as usize;
        let waste = if l.wasted_bytes > 0 {
            format!("  {red}{} hidden later{reset}", human_size(l.wasted_bytes))
        } else {
            String::new()
        };
        let _ = writeln!(
            s,
            "{:>3} {:>9} {:<24} {dim}{}{reset}{waste}",
            i + 1,
            human_size(l.uncompressed_size),
            "█".repeat(bar_len),
            l.step
        );
    }
    let _ = writeln!(
        s,
        "\nefficiency {:.1}%  ·  wasted {}  ·  user-wasted {:.1}%",
        image.efficiency * 100.0,
        human_size(image.wasted_bytes),
        image.user_wasted_percent
    );
    let user = if image.user.is_empty() {
        format!("{red}root (no USER){reset}")
    } else {
        image.user.clone()
    };
    let health = match image.healthcheck.as_deref() {
        None => format!("{red}none{reset}"),
        Some(t) => t.join(" "),
    };
    let ports = if image.exposed_ports.is_empty() {
        "none".to_string()
    } else {
        image.exposed_ports.join(", ")
    };
    let _ = writeln!(s, "user {user}  ·  healthcheck {health}  ·  ports {ports}");
    if let Some(os) = &image.base_os {
        let name = if os.pretty_name.is_empty() {
            format!("{} {}", os.id, os.version_id)
        } else {
            os.pretty_name.clone()
        };
        let _ = writeln!(s, "base {name}");
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "{bold}largest files{reset}");
    for f in &image.largest_files {
        let _ = writeln!(
            s,
            "  {:>9}  {}  {dim}layer {}{reset}",
            human_size(f.size),
            f.path,
            f.layer.map_or(0, |l| l + 1)
        );
    }
    let _ = writeln!(s, "{bold}largest directories{reset}");
    for d in &image.largest_dirs {
        let _ = writeln!(s, "  {:>9}  {}", human_size(d.size), d.path);
    }
    s
}
