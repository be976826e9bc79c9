//! Enough of a POSIX shell parser to see which commands a `RUN` runs.
//!
//! Why not a crate: the published shell-parser crates either stop at the first
//! construct they do not support (a `case` arm, `$(( ))`, a BuildKit
//! `${VAR:-x}` inside a word), give no byte offsets, or cost more per RUN
//! than our whole per-file budget. Linting needs something different from
//! an interpreter: never fail, keep every word's position, and split a
//! script into simple commands joined by `&&`, `||`, `;`, `|`, newlines,
//! subshells and `sh -c '…'`, with quotes removed and redirections set
//! aside. That is what this module does; it never executes anything.

pub mod ast;
mod command;
mod lexer;
pub mod quoting;
mod word_splitting;

pub use command::Command;
pub use lexer::{Op, Token, Word};
pub use word_splitting::{expansions, split_expansions, WordExpansion};

use shipready_diagnostics::Span;

/// The simple commands of a shell script, in order.
#[derive(Debug, Clone, Default)]
pub struct Script {
    pub commands: Vec<Command>,
}

impl Script {
    /// Parses `text`; `map` turns a byte range of `text` into a span of the
    /// file (see [`crate::LogicalLine::span`]).
    pub fn parse(text: &str, map: &dyn Fn(usize, usize) -> Span) -> Script {
        let mut script = Script::default();
        script.add(text, map, 0);
        script
    }

    /// One command given as words, as in exec form (`["sh", "-c", "…"]`).
    /// `sh -c` scripts are read the same way as in [`Script::parse`].
    pub fn from_words(words: Vec<Word>) -> Script {
        let mut script = Script::default();
        script.flush(&mut { words }, false, false, false, 0);
        script
    }

    fn add(&mut self, text: &str, map: &dyn Fn(usize, usize) -> Span, depth: u8) {
        let tokens = lexer::tokenize(text);
        let mut current: Vec<Word> = Vec::new();
        let mut pipe_in = false;
        let mut after_and_or = false;
        let pattern_pipes = case_pattern_pipes(&tokens);
        for (i, tok) in tokens.into_iter().enumerate() {
            match tok {
                Token::Word(mut w) => {
                    w.span = map(w.span.start as usize, w.span.end as usize);
                    current.push(w);
                }
                Token::Op(Op::Pipe) if pattern_pipes.contains(&i) => {}
                Token::Op(op) => {
                    let pipe_out = matches!(op, Op::Pipe);
                    self.flush(&mut current, pipe_in, pipe_out, after_and_or, depth);
                    pipe_in = pipe_out;
                    after_and_or = matches!(op, Op::And | Op::Or);
                }
            }
        }
        self.flush(&mut current, pipe_in, false, after_and_or, depth);
    }

    fn flush(
        &mut self,
        words: &mut Vec<Word>,
        pipe_in: bool,
        pipe_out: bool,
        chained: bool,
        depth: u8,
    ) {
        let mut ws = std::mem::take(words);
        // A `!` among them negates the pipeline; after `if`, `while`,
        // `until` or `elif` the negation is a condition's.
        let mut condition = false;
        let mut negation = None;
        for w in ws.iter().take_while(|w| {
            !w.quoted
                && matches!(
                    w.text.as_str(),
                    "if" | "then" | "else" | "elif" | "do" | "while" | "until" | "!" | "{" | "time"
                )
        }) {
            match w.text.as_str() {
                "if" | "while" | "until" | "elif" => condition = true,
                "!" => negation = Some(w.span),
                _ => {}
            }
        }
        // Reserved words that open or continue a compound command are not
        // the command itself: `if x; then apt-get install y; fi`.
        while ws.first().is_some_and(|w| {
            !w.quoted
                && matches!(
                    w.text.as_str(),
                    "if" | "then" | "else" | "elif" | "do" | "while" | "until" | "!" | "{" | "time"
                )
        }) {
            ws.remove(0);
        }
        if ws.first().is_some_and(|w| {
            !w.quoted && matches!(w.text.as_str(), "fi" | "done" | "}" | "esac" | ";;")
        }) || ws.is_empty()
        {
            // `{ …; } | tee f`, `( … ) | sort`, `done | sort`: the group's
            // output is piped, so its last command feeds a pipe.
            if pipe_out {
                if let Some(last) = self.commands.last_mut() {
                    last.pipe_out = true;
                }
            }
            return;
        }
        let mut cmd = Command::new(ws, pipe_in, pipe_out, chained);
        cmd.negated = negation.filter(|_| !condition);
        cmd.nested = depth > 0;
        // `sh -c 'script'`: the script's commands count too.
        let inner = cmd.shell_c_script().map(|w| (w.text.clone(), w.span));
        // So do those of `$(…)` and backquotes: `x="$(dpkg … | awk …)"`
        // runs a pipeline. Their words get the span of the enclosing word,
        // since quote removal has lost the exact offsets.
        let substituted: Vec<(String, Span)> = if depth < 4 {
            cmd.words
                .iter()
                .flat_map(|w| {
                    command_substitutions(&w.text)
                        .into_iter()
                        .map(move |t| (t.to_string(), w.span))
                })
                .collect()
        } else {
            Vec::new()
        };
        self.commands.push(cmd);
        for (text, span) in substituted {
            self.add(&text, &move |_, _| span, depth + 1);
        }
        if let Some((inner, span)) = inner {
            if depth < 4 {
                // Inside the quotes; exact unless the script has escapes.
                self.add(&inner, &offset_map(span.start + 1, span.end), depth + 1);
            }
        }
    }

    pub fn has_pipe(&self) -> bool {
        self.commands.iter().any(|c| c.pipe_out)
    }
}

/// Indices of the `|` tokens that separate `case` patterns (`a|b)`), which
/// are not pipes.
fn case_pattern_pipes(tokens: &[Token]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut at_start = true;
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Token::Word(w) => {
                let word = if w.quoted { "" } else { w.text.as_str() };
                match word {
                    "case" if at_start => depth += 1,
                    "esac" if at_start => depth = depth.saturating_sub(1),
                    _ => {}
                }
                at_start = at_start
                    && matches!(
                        word,
                        "then" | "else" | "do" | "{" | "if" | "while" | "until" | "!"
                    );
            }
            Token::Op(Op::Pipe) if depth > 0 && is_case_pattern(&tokens[i + 1..]) => out.push(i),
            Token::Op(_) => at_start = true,
        }
    }
    out
}

/// True when the tokens after a `|` are more pattern words up to the `)`
/// that ends a `case` pattern.
fn is_case_pattern(rest: &[Token]) -> bool {
    for t in rest {
        match t {
            Token::Word(_) | Token::Op(Op::Pipe) => {}
            Token::Op(Op::CloseParen) => return true,
            Token::Op(_) => return false,
        }
    }
    false
}

/// The scripts of the command substitutions in a word: `$(…)` (not the
/// arithmetic `$((…))`) and `` `…` ``, outermost only.
fn command_substitutions(word: &str) -> Vec<&str> {
    let b = word.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'$' && b.get(i + 1) == Some(&b'(') && b.get(i + 2) != Some(&b'(') {
            let start = i + 2;
            let mut depth = 1;
            let mut j = start;
            let mut quote = None;
            while j < b.len() && depth > 0 {
                match (quote, b[j]) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, b'\'') | (None, b'"') => quote = Some(b[j]),
                    (None, b'(') => depth += 1,
                    (None, b')') => depth -= 1,
                    _ => {}
                }
                j += 1;
            }
            if depth == 0 {
                out.push(&word[start..j - 1]);
            }
            i = j;
        } else if b[i] == b'`' {
            match word[i + 1..].find('`') {
                Some(len) => {
                    out.push(&word[i + 1..i + 1 + len]);
                    i += len + 2;
                }
                None => break,
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Maps byte ranges of a text that starts at file offset `base` to file
/// spans, clamped to `end`: for heredoc bodies and quoted `sh -c` scripts.
pub fn offset_map(base: u32, end: u32) -> impl Fn(usize, usize) -> Span {
    move |s, e| {
        let to = |o: usize| u32::try_from(o).map_or(end, |o| base.saturating_add(o).min(end));
        let s = to(s);
        Span::new(s, to(e).max(s))
    }
}

#[cfg(test)]
mod tests;
