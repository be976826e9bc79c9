use crate::args::node_from_line;
use crate::directives::DirectiveScanner;
use crate::heredoc::markers;
use crate::{Args, Directive, Instruction, Keyword, LogicalLine, ParseError};
use shipready_diagnostics::Span;
use std::sync::Arc;

/// A comment line (`# …`), kept for ignore pragmas and lossless output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Text after `#`, trimmed.
    pub text: String,
    pub span: Span,
    /// 1-based.
    pub line: u32,
}

/// A parsed Dockerfile. The source text is kept: every span indexes it.
#[derive(Debug, Clone)]
pub struct Dockerfile {
    /// Shared with the run's file table: the text is held once.
    pub source: Arc<str>,
    pub escape: char,
    pub directives: Vec<Directive>,
    pub instructions: Vec<Instruction>,
    pub comments: Vec<Comment>,
}

impl Dockerfile {
    pub fn text(&self, span: Span) -> &str {
        self.source.get(span.range()).unwrap_or("")
    }
}

struct Lines<'a> {
    src: &'a str,
    /// `(start, end)` of each physical line without `\n` or a final `\r`.
    spans: Vec<(usize, usize)>,
}

impl<'a> Lines<'a> {
    fn new(src: &'a str) -> Self {
        let mut spans = Vec::with_capacity(src.len() / 40 + 1);
        let mut start = 0;
        for i in memchr::memchr_iter(b'\n', src.as_bytes()) {
            spans.push((start, trim_cr(src, start, i)));
            start = i + 1;
        }
        if start < src.len() {
            spans.push((start, trim_cr(src, start, src.len())));
        }
        Lines { src, spans }
    }

    fn get(&self, i: usize) -> (&'a str, usize) {
        let (s, e) = self.spans[i];
        (&self.src[s..e], s)
    }
}

fn trim_cr(src: &str, start: usize, end: usize) -> usize {
    if end > start && src.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

fn trim_leading_ws(s: &str) -> (&str, usize) {
    let t = s.trim_start();
    (t, s.len() - t.len())
}

fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// Strips a trailing escape token (followed only by spaces or tabs).
/// Returns the remaining text and whether the logical line ends here.
fn trim_continuation(line: &str, escape: char) -> (&str, bool) {
    let t = line.trim_end_matches([' ', '\t']);
    match t.strip_suffix(escape) {
        Some(rest) => (rest, false),
        None => (line, true),
    }
}

/// Parses a Dockerfile the way BuildKit does.
pub fn parse(source: &str) -> Result<Dockerfile, ParseError> {
    parse_shared(Arc::from(source))
}

/// [`parse`], keeping `source` itself rather than a copy of it.
pub fn parse_shared(shared: Arc<str>) -> Result<Dockerfile, ParseError> {
    let source: &str = &shared;
    let body_start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let lines = Lines::new(source);
    let mut directives = DirectiveScanner::new();
    let mut instructions = Vec::new();
    let mut comments = Vec::new();
    let mut i = 0;
    let n = lines.spans.len();

    while i < n {
        let (mut raw, mut raw_off) = lines.get(i);
        if i == 0 && body_start > 0 {
            raw = &raw[body_start.min(raw.len())..];
            raw_off += body_start;
        }
        let (stripped, ws) = trim_leading_ws(raw);
        let first_off = raw_off + ws;
        if let Some(body) = stripped.strip_prefix('#') {
            comments.push(Comment {
                text: body.trim().to_string(),
                span: Span::from_usize(first_off, first_off + stripped.len()),
                line: line_no(i),
            });
        }
        directives.feed(stripped, first_off)?;
        i += 1;
        let start_line = line_no(i - 1);
        let escape = directives.escape;
        let first = if stripped.starts_with('#') {
            ""
        } else {
            stripped
        };
        let (text, mut end_of_line) = trim_continuation(first, escape);
        if end_of_line && text.is_empty() {
            continue;
        }
        let mut logical = LogicalLine::default();
        logical.push(text, first_off);
        while !end_of_line && i < n {
            let (raw, off) = lines.get(i);
            i += 1;
            if is_comment(raw) {
                let (c, ws) = trim_leading_ws(raw);
                comments.push(Comment {
                    text: c[1..].trim().to_string(),
                    span: Span::from_usize(off + ws, off + raw.len()),
                    line: line_no(i - 1),
                });
                continue;
            }
            if raw.trim_start().is_empty() {
                continue;
            }
            let (t, eol) = trim_continuation(raw, escape);
            logical.push(t, off);
            end_of_line = eol;
        }
        logical.shrink_to_fit();
        let mut inst = node_from_line(logical, escape)?;
        inst.start_line = start_line;
        let mut end_off = lines.spans[i - 1].1;

        if can_contain_heredoc(&inst) && inst.line.text.contains("<<") {
            for (mut doc, ms, me) in markers(&inst.line.text) {
                doc.marker_span = inst.line.span(ms, me);
                let body_start = lines.spans.get(i).map_or(source.len(), |s| s.0);
                let mut body_end = body_start;
                let mut terminated = false;
                while i < n {
                    let (raw, off) = lines.get(i);
                    i += 1;
                    let candidate = if doc.chomp {
                        raw.trim_start_matches('\t')
                    } else {
                        raw
                    };
                    if candidate == doc.name {
                        terminated = true;
                        end_off = off + raw.len();
                        break;
                    }
                    doc.content.push_str(raw);
                    doc.content.push('\n');
                    body_end = off + raw.len();
                    end_off = body_end;
                }
                if !terminated {
                    return Err(ParseError::new(
                        format!(
                            "unterminated heredoc `{}`: no line `{}` closes it",
                            doc.name, doc.name
                        ),
                        doc.marker_span,
                    ));
                }
                doc.content_span = Span::from_usize(body_start, body_end.max(body_start));
                inst.heredocs.push(doc);
            }
        }
        inst.end_line = line_no(i - 1);
        inst.span = Span::new(
            inst.keyword_span.start,
            u32::try_from(end_off).unwrap_or(u32::MAX),
        );
        instructions.push(inst);
    }

    if instructions.is_empty() {
        return Err(ParseError::new(
            "file with no instructions",
            Span::new(0, 0),
        ));
    }
    // Every file of a run stays parsed until the report is written; the
    // growth slack of these vectors was a fifth of a parse's memory.
    instructions.shrink_to_fit();
    comments.shrink_to_fit();
    Ok(Dockerfile {
        source: Arc::clone(&shared),
        escape: directives.escape,
        directives: directives.found,
        instructions,
        comments,
    })
}

fn line_no(i: usize) -> u32 {
    u32::try_from(i + 1).unwrap_or(u32::MAX)
}

/// RUN, COPY and ADD in shell form take heredocs, also behind ONBUILD.
fn can_contain_heredoc(inst: &Instruction) -> bool {
    let inner = inst.effective();
    matches!(inner.keyword, Keyword::Run | Keyword::Copy | Keyword::Add)
        && !matches!(inner.args, Args::Exec(_))
}
