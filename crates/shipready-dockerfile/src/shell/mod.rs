//! Enough of a POSIX shell parser to see which commands a `RUN` runs.
//!
//! Why not a crate: the shell parsers on crates.io either stop at the first
//! construct they do not support (a `case` arm, `$(( ))`, a BuildKit
//! `${VAR:-x}` inside a word), give no byte offsets, or cost more per RUN
//! than our whole per-file budget. Linting needs something different from
//! an interpreter: never fail, keep every word's position, and split a
//! script into simple commands joined by `&&`, `||`, `;`, `|`, newlines,
//! subshells and `sh -c '…'`, with quotes removed and redirections set
//! aside. That is what this module does; it never executes anything.

mod command;
mod lexer;

pub use command::Command;
pub use lexer::{Op, Token, Word};

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
        for tok in tokens {
            match tok {
                Token::Word(mut w) => {
                    w.span = map(w.span.start as usize, w.span.end as usize);
                    current.push(w);
                }
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
            return;
        }
        let cmd = Command::new(ws, pipe_in, pipe_out, chained);
        // `sh -c 'script'`: the script's commands count too.
        let inner = cmd.shell_c_script().map(|w| (w.text.clone(), w.span));
        self.commands.push(cmd);
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
