use shipready_diagnostics::Span;

/// A heredoc attached to RUN, COPY or ADD: `<<EOF`, `<<-EOF`, `<<'EOF'`,
/// `3<<EOF`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heredoc {
    /// The delimiter with quotes removed.
    pub name: String,
    /// `<<-`: leading tabs are ignored on the terminator line.
    pub chomp: bool,
    /// False when any part of the delimiter was quoted: the body is then
    /// taken literally, without variable expansion.
    pub expand: bool,
    pub file_descriptor: u32,
    /// The body, lines joined with `\n` (a trailing `\n` after each line),
    /// exactly as BuildKit passes it on.
    pub content: String,
    /// The body in the source (without the terminator line).
    pub content_span: Span,
    /// The `<<EOF` marker on the instruction line.
    pub marker_span: Span,
}

/// The heredoc markers on an instruction line, as BuildKit finds them: the
/// line is split into shell words (quotes kept), and each word matching
/// `^(\d*)<<(-?)([^<]*)$` with a non-empty delimiter is a heredoc.
pub(crate) fn markers(line: &str) -> Vec<(Heredoc, usize, usize)> {
    let mut found = Vec::new();
    for (start, end) in raw_words(line) {
        let word = &line[start..end];
        let digits = word.bytes().take_while(u8::is_ascii_digit).count();
        let Some(rest) = word[digits..].strip_prefix("<<") else {
            continue;
        };
        let (chomp, rest) = match rest.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        if rest.is_empty() || rest.contains('<') {
            continue;
        }
        let name = unquote(rest);
        if name.is_empty() || name.chars().any(char::is_whitespace) {
            continue;
        }
        let quoted = rest.contains(['\'', '"']);
        found.push((
            Heredoc {
                name,
                chomp,
                expand: !quoted,
                file_descriptor: word[..digits].parse().unwrap_or(0),
                content: String::new(),
                content_span: Span::default(),
                marker_span: Span::default(),
            },
            start,
            end,
        ));
    }
    found
}

/// Whitespace-separated words, quotes and escapes kept inside the word.
pub(crate) fn raw_words(line: &str) -> Vec<(usize, usize)> {
    let bytes = line.as_bytes();
    let mut words = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let start = i;
        let mut quote = 0u8;
        while i < bytes.len() {
            let b = bytes[i];
            if quote != 0 {
                if b == quote {
                    quote = 0;
                } else if b == b'\\' && quote == b'"' {
                    i += 1;
                }
            } else if b == b'\'' || b == b'"' {
                quote = b;
            } else if b == b'\\' {
                i += 1;
            } else if b.is_ascii_whitespace() {
                break;
            }
            i += 1;
        }
        let end = i.min(bytes.len());
        words.push((start, end));
    }
    words
}

/// Shell-style quote removal for a heredoc delimiter.
fn unquote(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut chars = word.chars();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '\\') | (Some('"'), '\\') => {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
            (_, c) => out.push(c),
        }
    }
    out
}
