use crate::{ImageSummary, Report};
use serde::Serialize;
use shipready_diagnostics::{Category, ConfigKey, Equivalents, Location, Severity};

/// Version of the JSON contract; bumped on any incompatible change.
/// 2: one document for every command; positions are `null` for a finding
/// in an image; `image`, `related` and `category` on findings; `images`.
pub const JSON_VERSION: u32 = 2;

// Borrowing structs serialised straight to the output: building a
// `serde_json::Value` tree first cost more than linting the whole corpus.
#[derive(Serialize)]
struct Doc<'a> {
    version: u32,
    findings: Findings<'a>,
    errors: Vec<ErrorOut<'a>>,
    images: &'a [ImageSummary],
    summary: Summary,
}

struct Place<'a> {
    file: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
}

// No `#[serde(flatten)]`: it serialises through a map and costs a third
// of the time of a large document.
#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'static str,
    name: &'static str,
    severity: Severity,
    category: Category,
    file: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
    message: &'a str,
    help: Option<&'a str>,
    equivalents: Equivalents,
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<FixOut<'a>>,
    /// Where in the image, for a finding about an image (also when the
    /// finding was traced to the Dockerfile line that caused it).
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<ImageOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<RelatedOut<'a>>,
}

#[derive(Serialize)]
struct ImageOut<'a> {
    reference: &'a str,
    layer: Option<usize>,
    path: Option<&'a str>,
    config: Option<&'a ConfigKey>,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    file: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
    note: &'a str,
}

#[derive(Serialize)]
struct FixOut<'a> {
    description: &'a str,
    edits: Vec<EditOut<'a>>,
}

#[derive(Serialize)]
struct EditOut<'a> {
    start: u32,
    end: u32,
    replacement: &'a str,
}

#[derive(Serialize)]
struct ErrorOut<'a> {
    file: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    images: usize,
    findings: usize,
    errors: usize,
    by_severity: BySeverity,
}

#[derive(Serialize)]
struct BySeverity {
    error: usize,
    warning: usize,
    info: usize,
    style: usize,
}

fn place<'a>(report: &'a Report, at: &Location) -> Place<'a> {
    let (file, range) = report.position(at);
    Place {
        file: &file.name,
        line: range.map(|(s, _)| s.line),
        column: range.map(|(s, _)| s.column),
        end_line: range.map(|(_, e)| e.line),
        end_column: range.map(|(_, e)| e.column),
    }
}

fn image_of<'a>(report: &'a Report, at: &'a Location) -> Option<ImageOut<'a>> {
    let Location::Image { image, place } = at else {
        return None;
    };
    Some(ImageOut {
        reference: &report.files.get(*image).name,
        layer: place.layer,
        path: place.path.as_deref(),
        config: place.config.as_ref(),
    })
}

/// A finding as the document shows it.
fn finding_out<'a>(report: &'a Report, f: &'a shipready_diagnostics::Finding) -> FindingOut<'a> {
    let p = place(report, &f.at);
    FindingOut {
        rule: f.rule.id,
        name: f.rule.name,
        severity: f.severity,
        category: f.rule.category,
        file: p.file,
        line: p.line,
        column: p.column,
        end_line: p.end_line,
        end_column: p.end_column,
        message: &f.message,
        help: f.help.as_deref(),
        equivalents: f.rule.equivalents,
        fix: f.fix.as_ref().map(|fix| FixOut {
            description: &fix.description,
            edits: fix
                .edits
                .iter()
                .map(|e| EditOut {
                    start: e.span.start,
                    end: e.span.end,
                    replacement: &e.replacement,
                })
                .collect(),
        }),
        image: image_of(report, &f.at)
            .or_else(|| f.related.iter().find_map(|r| image_of(report, &r.at))),
        related: f
            .related
            .iter()
            .filter(|r| matches!(r.at, Location::Text { .. }))
            .map(|r| {
                let p = place(report, &r.at);
                RelatedOut {
                    file: p.file,
                    line: p.line,
                    column: p.column,
                    end_line: p.end_line,
                    end_column: p.end_column,
                    note: &r.note,
                }
            })
            .collect(),
    }
}

/// The findings, serialised one by one as the document is written rather
/// than collected first: at 16 corpus copies the collected list and the
/// document's text were most of the peak memory.
struct Findings<'a>(&'a Report);

impl Serialize for Findings<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.findings.iter().map(|f| finding_out(self.0, f)))
    }
}

/// The `--format json` document. See `docs/json-format.md`.
pub fn render_json(report: &Report) -> String {
    let mut out = Vec::new();
    // Writing to a Vec fails only when serialising fails, which these
    // borrowed structs of strings and numbers do not.
    let _ = write_json(report, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes the `--format json` document (and a final newline) to `w` as it
/// is serialised.
pub fn write_json(report: &Report, mut w: impl std::io::Write) -> std::io::Result<()> {
    let errors = report
        .errors
        .iter()
        .map(|e| ErrorOut {
            file: &e.file,
            line: e.line,
            column: e.column,
            message: &e.message,
        })
        .collect();
    let doc = Doc {
        version: JSON_VERSION,
        findings: Findings(report),
        errors,
        images: &report.images,
        summary: Summary {
            files: report.files_checked(),
            images: report.images_checked(),
            findings: report.total(),
            errors: report.errors.len(),
            by_severity: BySeverity {
                error: report.count(Severity::Error),
                warning: report.count(Severity::Warning),
                info: report.count(Severity::Info),
                style: report.count(Severity::Style),
            },
        },
    };
    serde_json::to_writer_pretty(&mut w, &doc)?;
    w.write_all(b"\n")
}
