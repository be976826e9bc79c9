//! `# shipready ignore=SR-C007,SR-K013 reason` in Compose files and
//! manifests: on its own line it covers the entry on the next line (the
//! key and all of its value), at the end of a line the entry on that line;
//! `# shipready global ignore=…` covers the file.
//!
//! The YAML tree does not keep comments, so the text is scanned for them,
//! and a `#` inside a string (quoted, plain or block scalar) is told apart
//! by the scalars' spans. Only files whose text holds a pragma are parsed
//! again for this.

use super::pragma::{codes, parse_pragma};
use super::{Scope, Suppression};
use shipready_diagnostics::{FileId, LineIndex, Location, Span};
use shipready_yaml::{parse_stream, Limits, Node, Value};

/// The suppressions written in a YAML file's comments.
pub fn from_yaml(file: FileId, text: &str) -> Vec<Suppression> {
    if !(text.contains("shipready") && text.contains("ignore=")) {
        return Vec::new();
    }
    let Ok(docs) = parse_stream(text, &Limits::default()) else {
        // A file that does not parse is an input error of its own.
        return Vec::new();
    };
    let mut tree = Tree::default();
    for d in &docs {
        tree.collect(&d.root);
    }
    tree.scalars.sort_unstable_by_key(|s| s.start);
    let index = LineIndex::new(text);
    let mut out = Vec::new();
    for line in 0..index.line_count() {
        let start = index.line_start(line);
        let body = index.line_text(text, line);
        let Some((hash, own_line)) = comment_start(body, start, &tree) else {
            continue;
        };
        let comment = &body[(hash - start) as usize + 1..];
        let Some((global, "shipready", list)) = parse_pragma(comment) else {
            continue;
        };
        let span = Span::from_usize(hash as usize, (start as usize) + body.len());
        let scope = if global {
            Scope::Files(vec![file])
        } else {
            let target = if own_line {
                next_content_line(text, &index, line + 1)
            } else {
                Some(line)
            };
            let covered = target.map_or(Span::empty_at(0), |t| tree.entry_on(&index, text, t));
            Scope::Range {
                file,
                span: covered,
            }
        };
        out.push(Suppression {
            at: Location::text(file, span),
            scope,
            codes: codes(list),
            report_unused: true,
            what: "ignore comment",
        });
    }
    out
}

#[derive(Default)]
struct Tree {
    /// Where each scalar's text is: a `#` in there is not a comment.
    scalars: Vec<Span>,
    /// `(start, covered)` of every mapping entry (key and value) and
    /// sequence item.
    entries: Vec<(u32, Span)>,
}

impl Tree {
    fn collect(&mut self, node: &Node) {
        match &node.value {
            Value::Map(m) => {
                for (k, v) in m.iter() {
                    self.entries.push((k.span.start, k.span.cover(v.span)));
                    self.collect(k);
                    self.collect(v);
                }
            }
            Value::Seq(items) => {
                for i in items {
                    self.entries.push((i.span.start, i.span));
                    self.collect(i);
                }
            }
            _ => self.scalars.push(node.span),
        }
    }

    fn in_scalar(&self, offset: u32) -> bool {
        let i = self.scalars.partition_point(|s| s.start <= offset);
        self.scalars[..i]
            .iter()
            .rev()
            .take(64)
            .any(|s| s.start <= offset && offset < s.end)
    }

    /// Everything that starts on 0-based `line`, with its value; the line
    /// itself when nothing does.
    fn entry_on(&self, index: &LineIndex, text: &str, line: usize) -> Span {
        let start = index.line_start(line);
        let end = start + index.line_text(text, line).len() as u32;
        self.entries
            .iter()
            .filter(|(s, _)| start <= *s && *s <= end)
            .map(|(_, c)| *c)
            .reduce(Span::cover)
            .unwrap_or(Span::new(start, end.max(start + 1)))
    }
}

/// The offset of the `#` that starts a comment on this line, and whether
/// the comment is all the line holds.
fn comment_start(body: &str, start: u32, tree: &Tree) -> Option<(u32, bool)> {
    let bytes = body.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b != b'#' || (i > 0 && !matches!(bytes[i - 1], b' ' | b'\t')) {
            continue;
        }
        let at = start + i as u32;
        if tree.in_scalar(at) {
            continue;
        }
        return Some((at, body[..i].trim().is_empty()));
    }
    None
}

/// The next 0-based line from `from` that holds something other than a
/// comment or blanks.
fn next_content_line(text: &str, index: &LineIndex, from: usize) -> Option<usize> {
    (from..index.line_count()).find(|&l| {
        let t = index.line_text(text, l).trim();
        !t.is_empty() && !t.starts_with('#')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(text: &str) -> Vec<(String, String)> {
        let mut files = shipready_diagnostics::FileTable::default();
        let file = files.add(shipready_diagnostics::SourceFile::new(
            "compose.yaml".into(),
            None,
            shipready_diagnostics::FileKind::Compose,
            text,
        ));
        from_yaml(file, text)
            .into_iter()
            .map(|s| {
                let covered = match s.scope {
                    Scope::Range { span, .. } => text[span.range()].to_string(),
                    Scope::Files(_) => "<file>".to_string(),
                };
                (s.codes.iter().map(|c| c.text.clone()).collect(), covered)
            })
            .collect()
    }

    #[test]
    fn comments_cover_the_entry_after_them_or_on_their_line() {
        let text = "services:\n  # shipready ignore=SR-C007 a reason\n  web:\n    image: nginx\n    privileged: true # shipready ignore=SR-C010\n  db:\n    image: \"postgres # shipready ignore=SR-C008\"\n";
        assert_eq!(
            scopes(text),
            [
                (
                    "SR-C007".into(),
                    "web:\n    image: nginx\n    privileged: true".into()
                ),
                ("SR-C010".into(), "privileged: true".into()),
            ]
        );
    }

    #[test]
    fn a_trailing_comment_after_a_quoted_item() {
        let text = "services:\n  web:\n    ports:\n      - \"8080:8080\" # shipready ignore=SR-F002 it listens there\n      - '9090:9090'\n";
        assert_eq!(scopes(text), [("SR-F002".into(), "\"8080:8080\"".into())]);
    }

    #[test]
    fn global_and_block_scalars() {
        let text = "# shipready global ignore=SR-K018\napiVersion: v1\nkind: ConfigMap\ndata:\n  script: |\n    # shipready ignore=SR-K001\n    echo hi\n";
        assert_eq!(scopes(text), [("SR-K018".into(), "<file>".into())]);
    }
}
