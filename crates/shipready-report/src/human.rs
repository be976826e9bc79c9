use crate::Report;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use shipready_diagnostics::{Finding, Location, Severity, SourceFile, Span};
use std::fmt::Write;

pub struct HumanOptions {
    pub color: bool,
    /// Only `file:line:col: severity [rule] message` lines, no code frames.
    pub concise: bool,
}

/// Terminal output: one code frame per finding (like rustc and ruff), the
/// lines it relates to in other files beside it, then the input errors
/// and a summary line.
pub fn render_human(report: &Report, opts: &HumanOptions) -> String {
    let renderer = if opts.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for f in &report.findings {
        if opts.concise {
            let _ = writeln!(
                out,
                "{}: {} [{}] {}",
                place(report, &f.at),
                f.severity,
                f.rule.id,
                f.message
            );
        } else {
            let _ = writeln!(out, "{}\n", renderer.render(&[group(report, f)]));
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
    let _ = writeln!(
        out,
        "{}",
        paint(opts.color, &summary(report), Style::new().bold())
    );
    out
}

/// `4 files checked: 8 errors, 30 warnings, 20 info, 0 style`.
pub fn summary(report: &Report) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let errors = report.count(Severity::Error);
    let warnings = report.count(Severity::Warning);
    format!(
        "{} checked: {errors} error{}, {warnings} warning{}, {} info, {} style{}",
        report.checked_noun(),
        plural(errors),
        plural(warnings),
        report.count(Severity::Info),
        report.count(Severity::Style),
        if report.errors.is_empty() {
            String::new()
        } else {
            format!(
                "; {} input{} could not be read",
                report.errors.len(),
                plural(report.errors.len())
            )
        },
    )
}

/// `file:line:col`, or `image › layer 2 › /path` for a place in an image.
pub fn place(report: &Report, at: &Location) -> String {
    let (file, range) = report.position(at);
    match (at, range) {
        (_, Some((s, _))) => format!("{}:{}:{}", file.name, s.line, s.column),
        (Location::Image { place, .. }, None) => {
            let inside = place.describe();
            if inside.is_empty() {
                file.name.clone()
            } else {
                format!("{} › {inside}", file.name)
            }
        }
        (Location::Text { .. }, None) => file.name.clone(),
    }
}

fn level_of(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
        Severity::Style => Level::NOTE,
    }
}

/// The lines a span covers (at most nine), with the span's range inside
/// them: the frame stays small in long files.
fn excerpt(file: &SourceFile, span: Span) -> (usize, String, std::ops::Range<usize>) {
    let index = file.lines();
    let text = &file.text;
    let first = index.line_of(span.start);
    let last = index
        .line_of(span.end.saturating_sub(1).max(span.start))
        .min(first + 8);
    let start = index.line_start(first) as usize;
    let end = if last + 1 < index.line_count() {
        index.line_start(last + 1) as usize
    } else {
        text.len()
    };
    let body = text
        .get(start..end)
        .unwrap_or("")
        .trim_end_matches(['\n', '\r'])
        .to_string();
    let lo = (span.start as usize).saturating_sub(start).min(body.len());
    let hi = (span.end as usize)
        .saturating_sub(start)
        .clamp(lo, body.len());
    let hi = if hi == lo {
        (lo + 1).min(body.len())
    } else {
        hi
    };
    (first + 1, body, lo..hi)
}

fn snippet<'a>(
    file: &'a SourceFile,
    span: Span,
    kind: AnnotationKind,
    label: Option<&'a str>,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let (line, body, range) = excerpt(file, span);
    let mut annotation = kind.span(range);
    if let Some(l) = label {
        annotation = annotation.label(l);
    }
    Snippet::source(body)
        .line_start(line)
        .path(file.name.as_str())
        .annotation(annotation)
}

fn group<'a>(report: &'a Report, f: &'a Finding) -> Group<'a> {
    let title = level_of(f.severity)
        .primary_title(f.message.as_str())
        .id(f.rule.id);
    let mut group = match &f.at {
        Location::Text { file, span } => title.element(snippet(
            report.files.get(*file),
            *span,
            AnnotationKind::Primary,
            None,
        )),
        Location::Image { .. } => {
            title.element(Level::NOTE.message(format!("in {}", place(report, &f.at))))
        }
    };
    for r in &f.related {
        group = match &r.at {
            Location::Text { file, span } => group.element(snippet(
                report.files.get(*file),
                *span,
                AnnotationKind::Context,
                Some(r.note.as_str()),
            )),
            Location::Image { .. } => {
                group.element(Level::NOTE.message(format!("{}: {}", r.note, place(report, &r.at))))
            }
        };
    }
    if let Some(h) = &f.help {
        group = group.element(Level::HELP.message(h.as_str()));
    }
    group
}

/// `text` in `style` when colour is on.
pub(crate) fn paint(color: bool, text: &str, style: Style) -> String {
    if color {
        format!("{style}{text}{style:#}")
    } else {
        text.to_string()
    }
}
