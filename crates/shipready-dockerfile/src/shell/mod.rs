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
                    self.flush(&mut current, pipe_in, pipe_out, after_and_or, map, depth);
                    pipe_in = pipe_out;
                    after_and_or = matches!(op, Op::And | Op::Or);
                }
            }
        }
        self.flush(&mut current, pipe_in, false, after_and_or, map, depth);
    }

    fn flush(
        &mut self,
        words: &mut Vec<Word>,
        pipe_in: bool,
        pipe_out: bool,
        chained: bool,
        map: &dyn Fn(usize, usize) -> Span,
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
                let base = span.start + 1;
                let end = span.end;
                let inner_map = move |s: usize, e: usize| {
                    let s = (base + s as u32).min(end);
                    let e = (base + e as u32).min(end).max(s);
                    Span::new(s, e)
                };
                let _ = map;
                self.add(&inner, &inner_map, depth + 1);
            }
        }
    }

    /// Commands whose program is `name` (after `sudo`, `env`, …).
    pub fn find<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Command> + 'a {
        self.commands
            .iter()
            .filter(move |c| c.program() == Some(name))
    }

    pub fn any(&self, name: &str) -> bool {
        self.find(name).next().is_some()
    }

    pub fn has_pipe(&self) -> bool {
        self.commands.iter().any(|c| c.pipe_out)
    }
}

#[cfg(test)]
mod tests;
