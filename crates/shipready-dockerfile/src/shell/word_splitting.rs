//! Which parameter expansions of a script are split into words and
//! globbed because no quote protects them, and may hold spaces or glob
//! characters when they run: ShellCheck's SC2086, as ShellCheck 0.9 decides
//! it.
//!
//! ShellCheck does not report every unquoted `$x`. It follows what each
//! variable was last given along the way to it: `x=1; echo $x` is fine,
//! `x=$(date); echo $x` is not, and an assignment on only one path
//! (`true && x=1; echo $x`, an `if` without `else`, a loop body) leaves the
//! variable unknown, which counts as "may hold spaces". A subshell's
//! assignments (`( … )`, `$( … )`, a pipeline's parts, `cmd &`) do not
//! leak out. So this is a small walk over the script's structure (lists,
//! `&&`/`||`, pipelines, `if`, `while`, `for`, `case`, groups, functions)
//! carrying the set of variables known to hold no spaces, reading each
//! word as written to see its quotes.
//!
//! Hand-written for the same reason as the rest of this module: nothing
//! published parses sh with byte offsets and never fails.

use super::lexer::{tokenize, Op, Token, Word};
use std::collections::HashSet;

/// Variables the shell sets to values without spaces (ShellCheck's list).
const WITHOUT_SPACES: &[&str] = &[
    "BASHPID",
    "BASH_ARGC",
    "BASH_LINENO",
    "BASH_SUBSHELL",
    "EUID",
    "LINENO",
    "OPTIND",
    "PPID",
    "RANDOM",
    "SECONDS",
    "SHELLOPTS",
    "SHLVL",
    "UID",
    "COLUMNS",
    "HISTFILESIZE",
    "HISTSIZE",
    "LINES",
];

/// Characters that make a value split or glob when expanded unquoted.
const GLOB_SPACE: &[u8] = b"*?[] \t\n";

/// Byte ranges of `text` (a whole script) holding an unquoted expansion
/// that may hold spaces or glob characters. `known` names variables the
/// caller knows to be safe (a Dockerfile's ENV and ARG, as hadolint tells
/// ShellCheck).
pub fn split_expansions(text: &str, known: &[&str]) -> Vec<(usize, usize)> {
    let mut safe = Safe::default();
    safe.names.extend(known.iter().map(|s| s.to_string()));
    let mut out = Vec::new();
    script(text, 0, &mut safe, &mut out, 0);
    out.sort_unstable();
    out.dedup();
    out
}

/// The variables known to hold no spaces on the way to a point of the
/// script; anything else may. `dead` when every way there ran `exit`
/// first: such a path adds nothing where paths merge
/// (`*) echo unsupported; exit 1;;`).
#[derive(Clone, Default)]
struct Safe {
    names: HashSet<String>,
    dead: bool,
}

impl Safe {
    fn contains(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    fn insert(&mut self, name: String) {
        self.names.insert(name);
    }

    fn remove(&mut self, name: &str) {
        self.names.remove(name);
    }
}

/// Nesting bound for `$( … )` inside `$( … )`.
const MAX_DEPTH: u8 = 8;

fn script(text: &str, base: usize, safe: &mut Safe, out: &mut Vec<(usize, usize)>, depth: u8) {
    if depth > MAX_DEPTH {
        return;
    }
    let toks = tokenize(text);
    let mut w = Walker {
        toks: &toks,
        i: 0,
        text,
        base,
        out,
        depth,
    };
    while w.i < w.toks.len() {
        let before = w.i;
        w.list(safe, &[]);
        if w.i == before {
            // A stray `)`, `;;` or reserved word: step over it.
            w.i += 1;
        }
    }
}

/// Paths merge: a variable is safe after them only if safe on each path
/// that goes on.
fn merge(into: &mut Safe, other: &Safe) {
    if other.dead {
        return;
    }
    if into.dead {
        *into = other.clone();
        return;
    }
    into.names.retain(|n| other.names.contains(n));
}

struct Walker<'t, 'o> {
    toks: &'t [Token],
    i: usize,
    text: &'t str,
    base: usize,
    out: &'o mut Vec<(usize, usize)>,
    depth: u8,
}

impl<'t> Walker<'t, '_> {
    fn word_at(&self, i: usize) -> Option<&Word> {
        match self.toks.get(i) {
            Some(Token::Word(w)) => Some(w),
            _ => None,
        }
    }

    /// The unquoted reserved word (or `{`, `}`) at the cursor.
    fn keyword(&self) -> Option<&str> {
        self.word_at(self.i)
            .filter(|w| !w.quoted)
            .map(|w| w.text.as_str())
    }

    fn op(&self) -> Option<Op> {
        match self.toks.get(self.i) {
            Some(Token::Op(op)) => Some(*op),
            _ => None,
        }
    }

    fn eat_keyword(&mut self, k: &str) -> bool {
        let found = self.keyword() == Some(k);
        self.i += usize::from(found);
        found
    }

    fn skip_separators(&mut self) {
        while matches!(self.op(), Some(Op::Semi | Op::Newline)) {
            self.i += 1;
        }
    }

    /// The word as written. Borrows the script, not the walker.
    fn raw(&self, w: &Word) -> &'t str {
        let text: &'t str = self.text;
        text.get(w.span.range()).unwrap_or("")
    }

    /// The operator that ends the statement at the cursor (parentheses
    /// skipped); with `and_or`, `&&`, `||` and `|` end it too. Lets the
    /// common case (no `&`, no pipe) go without copying the state.
    fn statement_end(&self, and_or: bool) -> Option<Op> {
        let mut depth = 0usize;
        for t in &self.toks[self.i..] {
            let Token::Op(op) = t else { continue };
            match op {
                Op::OpenParen => depth += 1,
                Op::CloseParen if depth == 0 => return Some(Op::CloseParen),
                Op::CloseParen => depth -= 1,
                Op::And | Op::Or | Op::Pipe if !and_or => {}
                _ if depth == 0 => return Some(*op),
                _ => {}
            }
        }
        None
    }

    /// Statements up to EOF, a `)`, a `;;` or one of `stops` at the start
    /// of a command.
    fn list(&mut self, safe: &mut Safe, stops: &[&str]) {
        loop {
            self.skip_separators();
            if self.i >= self.toks.len() || matches!(self.op(), Some(Op::CloseParen | Op::CaseEnd))
            {
                return;
            }
            if self.keyword().is_some_and(|k| stops.contains(&k)) {
                return;
            }
            let before = self.i;
            // `cmd &` runs in a subshell of its own.
            if self.statement_end(false) == Some(Op::Background) {
                let mut sub = safe.clone();
                self.and_or(&mut sub);
            } else {
                self.and_or(safe);
            }
            if self.op() == Some(Op::Background) {
                self.i += 1;
            }
            if self.i == before {
                return;
            }
        }
    }

    /// `a && b || c`: each right-hand side may not run.
    fn and_or(&mut self, safe: &mut Safe) {
        self.pipeline(safe);
        while matches!(self.op(), Some(Op::And | Op::Or)) {
            self.i += 1;
            while self.op() == Some(Op::Newline) {
                self.i += 1;
            }
            let mut branch = safe.clone();
            self.pipeline(&mut branch);
            merge(safe, &branch);
        }
    }

    /// `a | b`: every part runs in a subshell.
    fn pipeline(&mut self, safe: &mut Safe) {
        while matches!(self.keyword(), Some("!" | "time")) {
            self.i += 1;
        }
        if self.statement_end(true) != Some(Op::Pipe) {
            self.command(safe);
            if self.op() != Some(Op::Pipe) {
                return;
            }
        } else {
            let mut first = safe.clone();
            self.command(&mut first);
        }
        while self.op() == Some(Op::Pipe) {
            self.i += 1;
            while self.op() == Some(Op::Newline) {
                self.i += 1;
            }
            let mut part = safe.clone();
            self.command(&mut part);
        }
    }

    fn command(&mut self, safe: &mut Safe) {
        if self.op() == Some(Op::OpenParen) {
            self.i += 1;
            let mut sub = safe.clone();
            self.list(&mut sub, &[]);
            self.i += usize::from(self.op() == Some(Op::CloseParen));
            return;
        }
        match self.keyword() {
            Some("{") => {
                self.i += 1;
                self.list(safe, &["}"]);
                self.eat_keyword("}");
            }
            Some("if") => self.if_clause(safe),
            Some("while" | "until") => {
                self.i += 1;
                self.list(safe, &["do"]);
                self.eat_keyword("do");
                let mut body = safe.clone();
                self.list(&mut body, &["done"]);
                self.eat_keyword("done");
                merge(safe, &body);
            }
            Some("for" | "select") => self.for_clause(safe),
            Some("case") => self.case_clause(safe),
            _ if self.op().is_none()
                && self.toks.get(self.i + 1) == Some(&Token::Op(Op::OpenParen))
                && self.toks.get(self.i + 2) == Some(&Token::Op(Op::CloseParen)) =>
            {
                // `name() body`: ShellCheck reads the body where it stands.
                self.i += 3;
                self.skip_separators();
                self.command(safe);
            }
            _ => self.simple(safe),
        }
    }

    fn if_clause(&mut self, safe: &mut Safe) {
        self.i += 1;
        self.list(safe, &["then"]);
        self.eat_keyword("then");
        let mut fallthrough = safe.clone();
        let mut branches = Vec::new();
        let mut body = fallthrough.clone();
        self.list(&mut body, &["elif", "else", "fi"]);
        branches.push(body);
        let mut has_else = false;
        loop {
            match self.keyword() {
                Some("elif") => {
                    self.i += 1;
                    self.list(&mut fallthrough, &["then"]);
                    self.eat_keyword("then");
                    let mut body = fallthrough.clone();
                    self.list(&mut body, &["elif", "else", "fi"]);
                    branches.push(body);
                }
                Some("else") => {
                    self.i += 1;
                    let mut body = fallthrough.clone();
                    self.list(&mut body, &["fi"]);
                    branches.push(body);
                    has_else = true;
                }
                Some("fi") => {
                    self.i += 1;
                    break;
                }
                _ => break,
            }
        }
        let mut result = if has_else {
            branches.pop().unwrap_or_default()
        } else {
            fallthrough
        };
        for b in &branches {
            merge(&mut result, b);
        }
        *safe = result;
    }

    fn for_clause(&mut self, safe: &mut Safe) {
        self.i += 1;
        let var = self.word_at(self.i).map(|w| w.text.clone());
        self.i += usize::from(var.is_some());
        while self.op() == Some(Op::Newline) {
            self.i += 1;
        }
        // The loop variable is safe when every listed word is; `for x;`
        // loops over "$@".
        let mut var_safe = false;
        if self.eat_keyword("in") {
            var_safe = true;
            while let Some(w) = self.word_at(self.i).cloned() {
                let raw = self.raw(&w).to_string();
                self.scan(&raw, w.span.start as usize, false, safe);
                // An unquoted expansion there is split into unknown words.
                var_safe &= !value_may_split(&raw, safe) && !unquoted_expansion(&raw);
                self.i += 1;
            }
        }
        self.skip_separators();
        self.eat_keyword("do");
        let mut body = safe.clone();
        if let Some(v) = &var {
            if var_safe {
                body.insert(v.clone());
            } else {
                body.remove(v);
            }
        }
        self.list(&mut body, &["done"]);
        self.eat_keyword("done");
        merge(safe, &body);
    }

    fn case_clause(&mut self, safe: &mut Safe) {
        self.i += 1;
        if let Some(w) = self.word_at(self.i).cloned() {
            let raw = self.raw(&w).to_string();
            self.scan(&raw, w.span.start as usize, false, safe);
            self.i += 1;
        }
        self.skip_separators();
        self.eat_keyword("in");
        let mut arms = Vec::new();
        let mut has_default = false;
        loop {
            self.skip_separators();
            if self.i >= self.toks.len() || self.eat_keyword("esac") {
                break;
            }
            // The patterns, up to the `)` that ends them; `*` matches
            // whatever the others do not.
            self.i += usize::from(self.op() == Some(Op::OpenParen));
            while self.i < self.toks.len() && self.op() != Some(Op::CloseParen) {
                if matches!(self.op(), Some(Op::Semi | Op::Newline | Op::CaseEnd)) {
                    break;
                }
                has_default |= self.keyword() == Some("*");
                self.i += 1;
            }
            self.i += usize::from(self.op() == Some(Op::CloseParen));
            let mut arm = safe.clone();
            let before = self.i;
            self.list(&mut arm, &["esac"]);
            arms.push(arm);
            // Past the `;;`, or past a token nothing could read.
            let stuck = self.i == before && self.keyword() != Some("esac");
            if self.op() == Some(Op::CaseEnd) || stuck {
                self.i += 1;
            }
        }
        let mut result = safe.clone();
        if has_default {
            result.dead = true;
        }
        for a in &arms {
            merge(&mut result, a);
        }
        *safe = result;
    }

    fn simple(&mut self, safe: &mut Safe) {
        let start = self.i;
        while self.word_at(self.i).is_some() {
            self.i += 1;
        }
        let toks: &'t [Token] = self.toks;
        let words: Vec<&'t Word> = toks[start..self.i]
            .iter()
            .filter_map(|t| match t {
                Token::Word(w) => Some(w),
                Token::Op(_) => None,
            })
            .collect();
        let assigns = words
            .iter()
            .take_while(|w| assignment(self.raw(w)).is_some())
            .count();
        if assigns == words.len() {
            // `a=1 b="$a"`: set in order.
            for w in &words {
                let raw = self.raw(w);
                self.assign(raw, w.span.start as usize, false, safe);
            }
            return;
        }
        for w in &words[..assigns] {
            let raw = self.raw(w);
            self.scan(raw, w.span.start as usize, false, safe);
        }
        // A command name that is one expansion is not reported
        // (`$CC -o app`); one built around it is (`/opt/$v/run`).
        let program = words[assigns];
        let program_raw = self.raw(program);
        let whole =
            program_raw.starts_with('$') && expansion(program_raw, 0).0 == program_raw.len();
        self.scan(program_raw, program.span.start as usize, !whole, safe);
        let name = if program.quoted {
            ""
        } else {
            program.text.rsplit('/').next().unwrap_or("")
        };
        if matches!(name, "exit" | "return") {
            safe.dead = true;
        }
        let args = &words[assigns + 1..];
        for (n, w) in args.iter().enumerate() {
            let raw = self.raw(w);
            let at = w.span.start as usize;
            match name {
                "[[" => self.scan(raw, at, false, safe),
                "export" | "local" | "readonly" | "declare" | "typeset"
                    if assignment(raw).is_some() =>
                {
                    self.assign(raw, at, true, safe);
                }
                "read" | "unset" if !w.text.starts_with('-') => {
                    self.scan(raw, at, true, safe);
                    safe.remove(&w.text);
                }
                "getopts" if n == 1 => {
                    self.scan(raw, at, true, safe);
                    safe.remove(&w.text);
                }
                _ => self.scan(raw, at, true, safe),
            }
        }
    }

    /// `name=value`: the value decides whether `name` is safe from now on.
    /// In `export name=$v` the value is an argument and is split.
    fn assign(&mut self, raw: &str, at: usize, split: bool, safe: &mut Safe) {
        let Some(eq) = assignment(raw) else { return };
        let value = &raw[eq + 1..];
        self.scan(value, at + eq + 1, split, safe);
        let name = raw[..eq].trim_end_matches('+').to_string();
        if value_may_split(value, safe) {
            safe.remove(&name);
        } else {
            safe.insert(name);
        }
    }

    /// Reads one word as written: reports its unquoted expansions that may
    /// split (when `split`), and walks its command substitutions as the
    /// subshells they are.
    fn scan(&mut self, raw: &str, at: usize, split: bool, safe: &Safe) {
        for e in expansions(raw) {
            match e.kind {
                Expansion::Command => {
                    let inner = raw.get(e.inner.clone()).unwrap_or("");
                    self.substitution(inner, at + e.inner.start, safe);
                }
                Expansion::Var(ref name) if split && !e.quoted && may_split(name, safe) => {
                    self.out
                        .push((self.base + at + e.start, self.base + at + e.end));
                }
                _ => {}
            }
        }
    }

    fn substitution(&mut self, inner: &str, at: usize, safe: &Safe) {
        let mut sub = safe.clone();
        script(inner, self.base + at, &mut sub, self.out, self.depth + 1);
    }
}

/// The offset of `=` when `raw` is `NAME=…` or `NAME+=…`.
fn assignment(raw: &str) -> Option<usize> {
    let eq = raw.find('=')?;
    let name = raw[..eq].strip_suffix('+').unwrap_or(&raw[..eq]);
    let ok = !name.is_empty()
        && !name.as_bytes()[0].is_ascii_digit()
        && name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_');
    ok.then_some(eq)
}

enum Expansion {
    /// `$x`, `${x}`, `${x%.*}` and the like: may split if `x` may.
    Var(String),
    /// `$(…)`.
    Command,
    /// Never split: `$((…))`, `${#x}`, `$#`, `$?`, `${x:+…}`, `$@`
    /// (another ShellCheck code), a lone `$`.
    Safe,
}

/// Where the expansion starting at the `$` at `i` ends, and what it is.
fn expansion(raw: &str, i: usize) -> (usize, Expansion) {
    let b = raw.as_bytes();
    match b.get(i + 1) {
        Some(b'(') if b.get(i + 2) == Some(&b'(') => {
            (closing(b, i + 1, b'(', b')'), Expansion::Safe)
        }
        Some(b'(') => (closing(b, i + 1, b'(', b')'), Expansion::Command),
        Some(b'{') => {
            let end = closing(b, i + 1, b'{', b'}');
            let inner = raw.get(i + 2..end.saturating_sub(1)).unwrap_or("");
            (end, braced(inner))
        }
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
            let len = b[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count();
            (
                i + 1 + len,
                Expansion::Var(raw[i + 1..i + 1 + len].to_string()),
            )
        }
        Some(c) if c.is_ascii_digit() || *c == b'*' => {
            (i + 2, Expansion::Var((*c as char).to_string()))
        }
        Some(b'#' | b'?' | b'$' | b'!' | b'-' | b'@') => (i + 2, Expansion::Safe),
        _ => (i + 1, Expansion::Safe),
    }
}

/// What `${inner}` is.
fn braced(inner: &str) -> Expansion {
    if inner.len() > 1 && inner.starts_with('#') {
        return Expansion::Safe; // a length
    }
    let name_len = if inner.starts_with('!') { 1 } else { 0 };
    let rest = &inner[name_len..];
    let len = match rest.bytes().next() {
        Some(c)
            if c.is_ascii_digit()
                || matches!(c, b'*' | b'@' | b'#' | b'?' | b'$' | b'!' | b'-') =>
        {
            1
        }
        _ => rest
            .bytes()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == b'_')
            .count(),
    };
    let name = &rest[..len];
    let op = &rest[len..];
    if op.starts_with("[@]") || (name == "@" && name_len == 0) {
        return Expansion::Safe; // arrays and "$@": SC2068's
    }
    if op.starts_with(":+") || op.starts_with('+') {
        return Expansion::Safe; // the alternative decides, and is quoted or not on its own
    }
    if name_len == 1 {
        return Expansion::Var(String::new()); // `${!x}`: unknown
    }
    match name {
        "#" | "?" | "$" | "!" | "-" => Expansion::Safe,
        _ => Expansion::Var(name.to_string()),
    }
}

fn may_split(name: &str, safe: &Safe) -> bool {
    !safe.contains(name) && !WITHOUT_SPACES.contains(&name)
}

/// Whether the value assigned by `raw` (as written) may hold spaces or
/// glob characters: quoted or not, a literal with one of them, a command
/// substitution, or a variable that may; an empty value too.
fn value_may_split(raw: &str, safe: &Safe) -> bool {
    let b = raw.as_bytes();
    let mut double = false;
    let mut parts = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => {
                parts += 1;
                if b.get(i + 1).is_some_and(|c| GLOB_SPACE.contains(c)) {
                    return true;
                }
                i += 2;
            }
            b'\'' if !double => {
                let end = raw[i + 1..].find('\'').map_or(b.len(), |e| i + 1 + e);
                let inner = &b[i + 1..end.min(b.len())];
                parts += inner.len();
                if inner.iter().any(|c| GLOB_SPACE.contains(c)) {
                    return true;
                }
                i = end + 1;
            }
            b'"' => {
                double = !double;
                i += 1;
            }
            b'`' => return true,
            b'$' => {
                let (end, kind) = expansion(raw, i);
                parts += 1;
                match kind {
                    Expansion::Command => return true,
                    Expansion::Var(name) => {
                        // `${x:-y}` and other operators: ShellCheck gives up.
                        let plain = raw[i..end].trim_start_matches('$');
                        let plain = plain.trim_start_matches('{').trim_end_matches('}');
                        if plain != name || may_split(&name, safe) {
                            return true;
                        }
                    }
                    Expansion::Safe => {}
                }
                i = end.max(i + 1);
            }
            c => {
                parts += 1;
                if GLOB_SPACE.contains(&c) {
                    return true;
                }
                i += 1;
            }
        }
    }
    parts == 0
}

/// Whether `raw` expands anything outside double quotes.
fn unquoted_expansion(raw: &str) -> bool {
    expansions(raw).iter().any(|e| !e.quoted)
}

/// One expansion of a word as written: `$x`, `${…}`, `$(…)`, `` `…` ``,
/// `$((…))`, with its byte range and whether double quotes hold it.
pub struct WordExpansion {
    pub start: usize,
    pub end: usize,
    /// The script inside `$(…)` or backquotes.
    pub inner: std::ops::Range<usize>,
    pub quoted: bool,
    kind: Expansion,
}

impl WordExpansion {
    /// `$(…)` or backquotes.
    pub fn is_command(&self) -> bool {
        matches!(self.kind, Expansion::Command)
    }
}

/// The outermost expansions of `raw` (a word as written), in order:
/// single-quoted text and backslash escapes hold none.
pub fn expansions(raw: &str) -> Vec<WordExpansion> {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let mut double = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\'' if !double => {
                i = raw[i + 1..].find('\'').map_or(b.len(), |e| i + e + 2);
            }
            b'"' => {
                double = !double;
                i += 1;
            }
            b'`' => {
                let end = closing_backquote(b, i);
                out.push(WordExpansion {
                    start: i,
                    end,
                    inner: i + 1..end.saturating_sub(1).max(i + 1),
                    quoted: double,
                    kind: Expansion::Command,
                });
                i = end;
            }
            b'$' => {
                let (end, kind) = expansion(raw, i);
                out.push(WordExpansion {
                    start: i,
                    end,
                    inner: i + 2..end.saturating_sub(1).max(i + 2),
                    quoted: double,
                    kind,
                });
                i = end.max(i + 1);
            }
            _ => i += 1,
        }
    }
    out
}

/// The offset after the `close` matching the `open` at `at`, skipping
/// quoted text.
fn closing(b: &[u8], at: usize, open: u8, close: u8) -> usize {
    let mut depth = 0usize;
    let mut i = at;
    let mut double = false;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'\'' if !double && open == b'(' => {
                if let Some(e) = b[i + 1..].iter().position(|c| *c == b'\'') {
                    i += e + 1;
                }
            }
            b'"' => double = !double,
            c if c == open && !double => depth += 1,
            c if c == close && !double => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
}

fn closing_backquote(b: &[u8], at: usize) -> usize {
    let mut i = at + 1;
    while i < b.len() && b[i] != b'`' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    (i + 1).min(b.len())
}

#[cfg(test)]
mod tests {
    use super::split_expansions;

    /// The expansions reported, as text.
    fn found(script: &str) -> Vec<&str> {
        split_expansions(script, &["FROM_ENV"])
            .into_iter()
            .map(|(s, e)| &script[s..e])
            .collect()
    }

    #[test]
    fn unquoted_unknown_variables_are_reported_quoted_ones_are_not() {
        assert_eq!(found("echo $a \"$b\" ${c} \"${d}\"x"), ["$a", "${c}"]);
        assert_eq!(
            found("echo $FROM_ENV $RANDOM $# $? ${#x}"),
            Vec::<&str>::new()
        );
        assert_eq!(found("$CC -o app $FLAGS"), ["$FLAGS"]);
        assert_eq!(found("/opt/$v/run"), ["$v"]);
        assert_eq!(found("echo $1 $* $@ ${a[@]} ${x:+\"$y\"}"), ["$1", "$*"]);
    }

    #[test]
    fn assignments_decide_what_follows() {
        assert_eq!(found("x=1; echo $x"), Vec::<&str>::new());
        assert_eq!(found("x=$(date); echo $x"), ["$x"]);
        assert_eq!(found("x=\"a b\"; echo $x"), ["$x"]);
        assert_eq!(found("x=; echo $x"), ["$x"]);
        assert_eq!(found("x=a; y=${x}b; echo $y"), Vec::<&str>::new());
        assert_eq!(found("x=1; y=${x:-a}; echo $y"), ["$y"]);
        assert_eq!(found("export A=$B; echo $A"), ["$B", "$A"]);
        assert_eq!(found("A=$B cmd"), Vec::<&str>::new());
        assert_eq!(found("read line; echo $line"), ["$line"]);
    }

    #[test]
    fn paths_that_may_not_run_leave_a_variable_unknown() {
        assert_eq!(found("true && x=1; echo $x"), ["$x"]);
        assert_eq!(found("x=1 && true; echo $x"), Vec::<&str>::new());
        assert_eq!(found("if true; then x=1; fi; echo $x"), ["$x"]);
        assert_eq!(
            found("if true; then x=1; else x=2; fi; echo $x"),
            Vec::<&str>::new()
        );
        assert_eq!(found("for f in a b; do echo $f; done; echo $f"), ["$f"]);
        assert_eq!(found("for f in *.txt; do echo $f; done"), ["$f"]);
        assert_eq!(found("L=1; for g in $L; do echo $g; done"), ["$g"]);
        assert_eq!(
            found("L=1; for g in \"$L\"; do echo $g; done"),
            Vec::<&str>::new()
        );
        assert_eq!(found("case a in a) x=1;; esac; echo $x"), ["$x"]);
        assert_eq!(found("( x=1 ); echo $x"), ["$x"]);
        assert_eq!(found("x=1 | cat; echo $x"), ["$x"]);
        assert_eq!(found("f() { x=1; }; echo $x"), Vec::<&str>::new());
        assert_eq!(
            found("case $a in x) E=1;; *) E=2;; esac; echo $E"),
            Vec::<&str>::new()
        );
        assert_eq!(
            found("case $a in x) E=1;; *) echo no; exit 1;; esac; echo $E"),
            Vec::<&str>::new()
        );
        assert_eq!(
            found("case $a in x) E=1;; *) echo no;; esac; echo $E"),
            ["$E"]
        );
        assert_eq!(
            found("if true; then E=1; else exit 1; fi; echo $E"),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn command_substitutions_are_read_inside() {
        assert_eq!(found("echo \"$(basename $p)\""), ["$p"]);
        assert_eq!(found("echo `echo $q`"), ["$q"]);
        assert_eq!(found("echo $((a + $b))"), Vec::<&str>::new());
        assert_eq!(found("cat <<EOF\n$x\nEOF\necho ok"), Vec::<&str>::new());
    }
}
