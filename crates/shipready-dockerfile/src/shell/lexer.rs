use shipready_diagnostics::Span;

/// A shell word with quotes and escapes removed. `$VAR`, `$(…)` and
/// backquotes are kept as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// In the script text while lexing, in the file once parsed.
    pub span: Span,
    /// Any part of it was quoted or escaped.
    pub quoted: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    And,
    Or,
    Semi,
    /// `;;`, which ends a `case` arm.
    CaseEnd,
    Pipe,
    Background,
    Newline,
    OpenParen,
    CloseParen,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Word(Word),
    Op(Op),
}

/// Bytes that end a run of plain word characters: separators, quotes,
/// escapes and the starts of expansions.
const WORD_SPECIAL: &[u8] = b" \t\r\n;&|()<>\\'\"$`";

/// [`WORD_SPECIAL`] as a table: scanning a word looks every byte up.
static IS_WORD_SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < WORD_SPECIAL.len() {
        t[WORD_SPECIAL[i] as usize] = true;
        i += 1;
    }
    t
};

/// Bytes that end a word outright (before an operator or a separator).
fn ends_word(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\r' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>'
    )
}

struct Lexer<'a> {
    s: &'a [u8],
    text: &'a str,
    i: usize,
    out: Vec<Token>,
    /// Heredoc delimiters (`<<EOF`) whose bodies start at the next newline.
    pending_heredocs: Vec<(String, bool)>,
}

pub(crate) fn tokenize(text: &str) -> Vec<Token> {
    let mut lx = Lexer {
        s: text.as_bytes(),
        text,
        i: 0,
        out: Vec::new(),
        pending_heredocs: Vec::new(),
    };
    lx.run();
    lx.out
}

impl Lexer<'_> {
    fn peek(&self, k: usize) -> u8 {
        self.s.get(self.i + k).copied().unwrap_or(0)
    }

    fn op(&mut self, op: Op, len: usize) {
        self.i += len;
        self.out.push(Token::Op(op));
    }

    fn run(&mut self) {
        while self.i < self.s.len() {
            match self.peek(0) {
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'\\' if self.peek(1) == b'\n' => self.i += 2,
                b'\n' => {
                    self.i += 1;
                    self.skip_heredoc_bodies();
                    self.out.push(Token::Op(Op::Newline));
                }
                b'#' => {
                    while self.i < self.s.len() && self.peek(0) != b'\n' {
                        self.i += 1;
                    }
                }
                b'&' if self.peek(1) == b'&' => self.op(Op::And, 2),
                b'&' if self.peek(1) == b'>' => self.redirect(),
                b'&' => self.op(Op::Background, 1),
                b'|' if self.peek(1) == b'|' => self.op(Op::Or, 2),
                b'|' if self.peek(1) == b'&' => self.op(Op::Pipe, 2),
                b'|' => self.op(Op::Pipe, 1),
                b';' if self.peek(1) == b';' => self.op(Op::CaseEnd, 2),
                b';' => self.op(Op::Semi, 1),
                b'(' => self.op(Op::OpenParen, 1),
                b')' => self.op(Op::CloseParen, 1),
                b'<' | b'>' => self.redirect(),
                _ => self.word(),
            }
        }
    }

    /// Consumes a redirection operator and its target word.
    fn redirect(&mut self) {
        let start = self.i;
        while matches!(self.peek(0), b'<' | b'>' | b'&' | b'|' | b'-') && self.i - start < 3 {
            self.i += 1;
        }
        let op = &self.text[start..self.i];
        while matches!(self.peek(0), b' ' | b'\t') {
            self.i += 1;
        }
        if op.ends_with('&') && self.peek(0).is_ascii_digit() {
            while self.peek(0).is_ascii_digit() {
                self.i += 1;
            }
            return;
        }
        if self.i >= self.s.len() || matches!(self.peek(0), b'\n' | b';' | b'&' | b'|' | b')') {
            return;
        }
        let mark = self.out.len();
        self.word();
        let target = match self.out.pop() {
            Some(Token::Word(w)) => Some(w),
            Some(other) => {
                self.out.push(other);
                None
            }
            None => None,
        };
        self.out.truncate(mark);
        if let (Some(w), true) = (target, op.starts_with("<<") && op != "<<<") {
            self.pending_heredocs.push((w.text, op.starts_with("<<-")));
        }
    }

    fn skip_heredoc_bodies(&mut self) {
        let docs = std::mem::take(&mut self.pending_heredocs);
        for (delim, chomp) in docs {
            while self.i < self.s.len() {
                let end = self.s[self.i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(self.s.len(), |p| self.i + p);
                let line = self.text.get(self.i..end).unwrap_or("");
                let line = line.trim_end_matches('\r');
                let line = if chomp {
                    line.trim_start_matches('\t')
                } else {
                    line
                };
                self.i = (end + 1).min(self.s.len());
                if line == delim {
                    break;
                }
            }
        }
    }

    fn word(&mut self) {
        let start = self.i;
        // Most words are one run of plain characters (`apt-get`,
        // `install`, `-y`): copied once, at their size.
        let run = self.s[start..]
            .iter()
            .position(|&b| IS_WORD_SPECIAL[b as usize])
            .unwrap_or(self.s.len() - start);
        let after = self.s.get(start + run).copied();
        if run > 0 && after.is_none_or(|b| ends_word(b) && !matches!(b, b'<' | b'>')) {
            self.i = start + run;
            self.out.push(Token::Word(Word {
                text: self.text[start..self.i].to_owned(),
                span: Span::from_usize(start, self.i),
                quoted: false,
            }));
            return;
        }
        let mut text = String::with_capacity(run + 8);
        let mut quoted = false;
        while self.i < self.s.len() {
            let c = self.peek(0);
            match c {
                _ if ends_word(c) => {
                    // `2>` and `2>&1`: a digit-only word followed by a
                    // redirection is the file descriptor, not a word.
                    if matches!(c, b'<' | b'>')
                        && !text.is_empty()
                        && text.bytes().all(|b| b.is_ascii_digit())
                        && !quoted
                    {
                        text.clear();
                        self.redirect();
                        return;
                    }
                    break;
                }
                b'\\' => {
                    quoted = true;
                    self.i += 1;
                    if self.peek(0) == b'\n' {
                        self.i += 1;
                        continue;
                    }
                    self.push_char(&mut text);
                }
                b'\'' => {
                    quoted = true;
                    self.i += 1;
                    let end = self.s[self.i..]
                        .iter()
                        .position(|&b| b == b'\'')
                        .map_or(self.s.len(), |p| self.i + p);
                    text.push_str(self.text.get(self.i..end).unwrap_or(""));
                    self.i = (end + 1).min(self.s.len());
                }
                b'"' => {
                    quoted = true;
                    self.i += 1;
                    self.double_quoted(&mut text);
                }
                b'$' if self.peek(1) == b'(' || self.peek(1) == b'{' => {
                    let open = self.peek(1);
                    let close = if open == b'(' { b')' } else { b'}' };
                    let s = self.i;
                    self.i += 2;
                    self.balanced(open, close);
                    text.push_str(self.text.get(s..self.i).unwrap_or(""));
                }
                b'`' => {
                    let s = self.i;
                    self.i += 1;
                    while self.i < self.s.len() && self.peek(0) != b'`' {
                        if self.peek(0) == b'\\' {
                            self.i += 1;
                        }
                        self.i += 1;
                    }
                    self.i = (self.i + 1).min(self.s.len());
                    text.push_str(self.text.get(s..self.i).unwrap_or(""));
                }
                _ => self.push_run(&mut text, |b| IS_WORD_SPECIAL[b as usize]),
            }
        }
        if self.i > start {
            self.out.push(Token::Word(Word {
                text,
                span: Span::from_usize(start, self.i),
                quoted,
            }));
        }
    }

    /// Copies the bytes up to the next one `stop` accepts in one go (at
    /// least one character): the per-character path decoded every char,
    /// most of a lint's time.
    fn push_run(&mut self, text: &mut String, stop: impl Fn(u8) -> bool) {
        let run = self.s[self.i..]
            .iter()
            .position(|&b| stop(b))
            .unwrap_or(self.s.len() - self.i);
        if run == 0 {
            self.push_char(text);
        } else {
            let end = self.i + run;
            text.push_str(self.text.get(self.i..end).unwrap_or(""));
            self.i = end;
        }
    }

    fn push_char(&mut self, text: &mut String) {
        if self.i >= self.s.len() {
            return;
        }
        let ch = self.text[self.i..].chars().next().unwrap_or('\u{fffd}');
        text.push(ch);
        self.i += ch.len_utf8().max(1);
        while self.i < self.s.len() && !self.text.is_char_boundary(self.i) {
            self.i += 1;
        }
    }

    fn double_quoted(&mut self, text: &mut String) {
        while self.i < self.s.len() {
            match self.peek(0) {
                b'"' => {
                    self.i += 1;
                    return;
                }
                b'\\' if matches!(self.peek(1), b'"' | b'\\' | b'$' | b'`') => {
                    self.i += 1;
                    self.push_char(text);
                }
                b'\\' if self.peek(1) == b'\n' => self.i += 2,
                b'$' if self.peek(1) == b'(' || self.peek(1) == b'{' => {
                    let open = self.peek(1);
                    let close = if open == b'(' { b')' } else { b'}' };
                    let s = self.i;
                    self.i += 2;
                    self.balanced(open, close);
                    text.push_str(self.text.get(s..self.i).unwrap_or(""));
                }
                _ => self.push_run(text, |b| matches!(b, b'"' | b'\\' | b'$')),
            }
        }
    }

    /// Skips to the matching `close`, honouring nesting and quotes.
    fn balanced(&mut self, open: u8, close: u8) {
        let mut depth = 1usize;
        while self.i < self.s.len() && depth > 0 {
            let c = self.peek(0);
            if c == b'\\' {
                self.i += 2;
                continue;
            }
            if c == b'\'' && open == b'(' {
                self.i += 1;
                while self.i < self.s.len() && self.peek(0) != b'\'' {
                    self.i += 1;
                }
            } else if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
            }
            self.i += 1;
        }
        self.i = self.i.min(self.s.len());
        while self.i < self.s.len() && !self.text.is_char_boundary(self.i) {
            self.i += 1;
        }
    }
}
