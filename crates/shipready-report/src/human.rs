use crate::Report;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use shipready_diagnostics::{LineIndex, Severity};
use std::fmt::Write;

pub struct HumanOptions {
    pub color: bool,
    /// Only `file:line:col: rule message` lines, no code frames.
    pub concise: bool,
    /// What the summary counts: `file` for lint, `image` for images.
    pub noun: &'static str,
}

/// Terminal output: one code frame per finding (like rustc and ruff), then
/// a summary line.
pub fn render_human(report: &Report, opts: &HumanOptions) -> String {
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for file in &report.files {
        if file.findings.is_empty() {
            continue;
        }
        let index = LineIndex::new(&file.source);
        for f in &file.findings {
            if file.source.is_empty() {
                without_text(&mut out, &renderer, &file.path, f, opts.concise);
                continue;
            }
            let (s, _) = index.span_positions(&file.source, f.span);
            if opts.concise {
                let _ = writeln!(
                    out,
                    "{}:{}:{}: {} [{}] {}",
                    file.path, s.line, s.column, f.severity, f.rule, f.message
                );
                continue;
            }
            // Show only the lines the span covers, so the frame stays
            // small for long files.
            let first = index.line_of(f.span.start);
            let last = index.line_of(f.span.end.saturating_sub(1).max(f.span.start));
            let last = last.min(first + 8);
            let start = index.line_start(first) as usize;
            let end = if last + 1 < index.line_count() {
                index.line_start(last + 1) as usize
            } else {
                file.source.len()
            };
            let excerpt = file
                .source
                .get(start..end)
                .unwrap_or("")
                .trim_end_matches(['\n', '\r']);
            let lo = (f.span.start as usize)
                .saturating_sub(start)
                .min(excerpt.len());
            let hi = (f.span.end as usize)
                .saturating_sub(start)
                .clamp(lo, excerpt.len());
            let hi = if hi == lo {
                (lo + 1).min(excerpt.len())
            } else {
                hi
            };
            let level = level_of(f.severity);
            let title = f.message.clone();
            let mut group = level.primary_title(&title).id(f.rule).element(
                Snippet::source(excerpt)
                    .line_start(first + 1)
                    .path(&file.path)
                    .annotation(AnnotationKind::Primary.span(lo..hi)),
            );
            if let Some(h) = &f.help {
                group = group.element(Level::HELP.message(h));
            }
            let _ = writeln!(out, "{}\n", renderer.render(&[group]));
        }
    }
    for e in &report.errors {
        let place = match (e.line, e.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", e.file),
            (Some(l), None) => format!("{}:{l}", e.file),
            _ => e.file.clone(),
        };
        let _ = writeln!(
            out,
            "{}: {place}: {}",
            paint(
                opts.color,
                "error",
                Style::new().bold().fg_color(Some(AnsiColor::Red.into()))
            ),
            e.message
        );
    }
    let summary = format!(
        "{} {}{} checked: {} error{}, {} warning{}, {} info, {} style{}",
        report.files_checked,
        opts.noun,
        plural(report.files_checked),
        report.count(Severity::Error),
        plural(report.count(Severity::Error)),
        report.count(Severity::Warning),
        plural(report.count(Severity::Warning)),
        report.count(Severity::Info),
        report.count(Severity::Style),
        if report.errors.is_empty() {
            String::new()
        } else {
            format!(
                "; {} file{} could not be read",
                report.errors.len(),
                plural(report.errors.len())
            )
        },
    );
    let _ = writeln!(out, "{}", paint(opts.color, &summary, Style::new().bold()));
    out
}

fn level_of(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Style => Level::NOTE,
    }
}

/// A finding on an artefact with no text (an image): the place in the
/// image replaces the code frame.
fn without_text(
    out: &mut String,
    renderer: &Renderer,
    artefact: &str,
    f: &shipready_diagnostics::Finding,
    concise: bool,
) {
    let place = f.image.as_deref().map_or(String::new(), |p| {
        let mut s = String::new();
        if let Some(l) = p.layer {
            s.push_str(&format!(" › layer {}", l + 1));
        }
        if let Some(path) = &p.path {
            s.push_str(&format!(" › {path}"));
        }
        s
    });
    if concise {
        let _ = writeln!(
            out,
            "{artefact}{place}: {} [{}] {}",
            f.severity, f.rule, f.message
        );
        return;
    }
    let title = f.message.clone();
    let mut group = level_of(f.severity)
        .primary_title(&title)
        .id(f.rule)
        .element(Level::NOTE.message(format!("in {artefact}{place}")));
    if let Some(h) = &f.help {
        group = group.element(Level::HELP.message(h));
    }
    let _ = writeln!(out, "{}\n", renderer.render(&[group]));
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn paint(color: bool, text: &str, style: Style) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}
