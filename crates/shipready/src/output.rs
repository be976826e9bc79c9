//! Picking a renderer and writing its output.

use crate::cli::{ColorChoice, Format};
use shipready_report::{HumanOptions, Report};
use std::io::{IsTerminal, Write};
use std::path::Path;

pub fn use_color(choice: ColorChoice, to_file: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            !to_file && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    }
}

/// The report in the chosen format. Human output starts with each image's
/// summary when the run analysed images.
pub fn render(report: &Report, format: Format, color: bool) -> String {
    match format {
        Format::Human | Format::Concise => {
            let mut s = String::new();
            if format == Format::Human {
                for image in &report.images {
                    s.push_str(&shipready_report::render_image_summary(image, color));
                    s.push_str(&shipready_report::render_vuln_summary(
                        report, image.file, color,
                    ));
                    s.push('\n');
                }
            }
            s.push_str(&shipready_report::render_human(
                report,
                &HumanOptions {
                    color,
                    concise: format == Format::Concise,
                },
            ));
            s
        }
        Format::Json => shipready_report::render_json(report),
        Format::Sarif => shipready_report::render_sarif(report, env!("CARGO_PKG_VERSION")),
        Format::Github => shipready_report::render_github(report),
        Format::Checkstyle => shipready_report::render_checkstyle(report),
        Format::Gitlab => shipready_report::render_gitlab(report),
        Format::Junit => shipready_report::render_junit(report),
        Format::Markdown => shipready_report::render_markdown(report),
    }
}

/// Writes the report to `--output` or standard output.
/// Writes the report in the chosen format to the file or standard output.
/// JSON, the format of large machine runs, is written as it is serialised
/// instead of being built as one string first.
pub fn write_report(
    report: &Report,
    format: Format,
    color: bool,
    output: Option<&Path>,
) -> anyhow::Result<()> {
    if format != Format::Json {
        return emit(&render(report, format, color), output);
    }
    let sink: Box<dyn Write> = match output {
        Some(p) => Box::new(fs_err::File::create(p)?),
        None => Box::new(std::io::stdout().lock()),
    };
    // 64 KB: the corpus report is 5 MB, written in 80 calls, not 650.
    let mut w = std::io::BufWriter::with_capacity(64 * 1024, sink);
    shipready_report::write_json(report, &mut w)?;
    w.flush()?;
    Ok(())
}

pub fn emit(text: &str, output: Option<&Path>) -> anyhow::Result<()> {
    match output {
        Some(p) => Ok(fs_err::write(p, text)?),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            Ok(())
        }
    }
}

pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
