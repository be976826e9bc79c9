//! `# shipready ignore=…` and `# hadolint ignore=…` on the line(s) before
//! an instruction cover that instruction; `# … global ignore=…` the file.

use super::pragma::{codes, parse_pragma};
use super::{Scope, Suppression};
use crate::Settings;
use shipready_diagnostics::{LineIndex, Location, Span};

/// The suppressions written in a Dockerfile's comments.
pub fn from_dockerfile(unit: &crate::DockerfileUnit, settings: &Settings) -> Vec<Suppression> {
    let df = &unit.df;
    let mut out = Vec::new();
    let mut index: Option<LineIndex> = None;
    for c in &df.comments {
        let Some((global, tool, list)) = parse_pragma(&c.text) else {
            continue;
        };
        if tool == "hadolint" && !settings.ignore_pragmas {
            continue;
        }
        let scope = if global {
            Scope::Files(vec![unit.file])
        } else {
            let index = index.get_or_insert_with(|| LineIndex::new(&df.source));
            // The lines of the next instruction after the comment; none
            // when the comment is the last thing in the file.
            let span = df
                .instructions
                .iter()
                .find(|i| i.start_line > c.line)
                .map_or(Span::empty_at(0), |i| {
                    let start = index.line_start(i.start_line as usize - 1);
                    let end = index.line_start(i.end_line as usize);
                    let end = if end == u32::MAX {
                        u32::try_from(df.source.len() + 1).unwrap_or(u32::MAX)
                    } else {
                        end
                    };
                    Span::new(start, end)
                });
            Scope::Range {
                file: unit.file,
                span,
            }
        };
        out.push(Suppression {
            at: Location::text(unit.file, c.span),
            scope,
            codes: codes(list),
            report_unused: true,
            what: "ignore comment",
        });
    }
    out
}
