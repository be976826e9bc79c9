//! A script's structure as a tree: lists of `&&`/`||` chains of pipelines
//! of commands, with `if`, loops, `case`, groups, subshells, functions and
//! the scripts of `$(…)` and backquotes inside words. The ShellCheck rules
//! that depend on where a command stands (SC2015, SC2164, SC2043) read it;
//! so do those that look at words as written (SC2016, SC2028, SC2006).
//!
//! Every span is a byte range of the text given to [`Ast::parse`], also
//! inside command substitutions, so a rule maps it to the file once.
//! Hand-written for the reasons in the module's header: it never fails,
//! and what it cannot read it steps over.

use super::lexer::{tokenize, Op, Token, Word};
use super::word_splitting::expansions;

/// Nesting bound for `$( … )` inside `$( … )`, and for compound commands.
const MAX_DEPTH: u8 = 8;

/// A parsed script: its statements in order.
#[derive(Debug, Default)]
pub struct Ast {
    pub statements: Vec<AndOr>,
}

/// `a && b || c`: pipelines joined by `&&` and `||`.
#[derive(Debug)]
pub struct AndOr {
    pub first: Pipeline,
    /// The operator before each further pipeline (`Op::And` or `Op::Or`).
    pub rest: Vec<(Op, Pipeline)>,
}

impl AndOr {
    pub fn pipelines(&self) -> impl Iterator<Item = &Pipeline> {
        std::iter::once(&self.first).chain(self.rest.iter().map(|(_, p)| p))
    }
}

/// `a | b`, possibly negated with `!`.
#[derive(Debug)]
pub struct Pipeline {
    pub negated: bool,
    pub commands: Vec<Cmd>,
}

#[derive(Debug)]
pub enum Cmd {
    Simple(Simple),
    /// `( … )`.
    Subshell(Vec<AndOr>),
    /// `{ …; }`.
    Group(Vec<AndOr>),
    /// `if c; then b; elif c; then b; else b; fi`: each condition list with
    /// its body, then the `else` body.
    If {
        arms: Vec<(Vec<AndOr>, Vec<AndOr>)>,
        otherwise: Vec<AndOr>,
    },
    /// `while c; do b; done` and `until`.
    Loop {
        condition: Vec<AndOr>,
        body: Vec<AndOr>,
    },
    For(For),
    Case {
        subject: Option<Word>,
        arms: Vec<Vec<AndOr>>,
    },
    /// `name() body`.
    Function(Box<Cmd>),
}

/// `for var in words; do body; done`.
#[derive(Debug)]
pub struct For {
    /// The `for` keyword.
    pub keyword: Word,
    /// `None` for `for x; do` (which loops over `"$@"`).
    pub words: Option<Vec<Word>>,
    pub body: Vec<AndOr>,
    /// The scripts of the command substitutions among `words`.
    pub substitutions: Vec<Ast>,
}

/// One simple command: words (assignments first), redirections set aside.
#[derive(Debug)]
pub struct Simple {
    pub words: Vec<Word>,
    /// Index of the first word that is not a `NAME=value` assignment.
    name_at: Option<usize>,
    /// The scripts of its words' `$(…)` and backquotes, in order.
    pub substitutions: Vec<Ast>,
}

impl Simple {
    /// The first word that is not a `NAME=value` assignment.
    pub fn name_index(&self) -> Option<usize> {
        self.name_at
    }

    /// The command's name as written, unquoted (`cd`, `/bin/echo`).
    pub fn name(&self) -> Option<&Word> {
        self.name_index().map(|i| &self.words[i])
    }

    /// The base name of the command (`echo` for `/bin/echo`).
    pub fn basename(&self) -> Option<&str> {
        self.name().map(|w| w.text.rsplit('/').next().unwrap_or(""))
    }

    /// The words after the name.
    pub fn args(&self) -> &[Word] {
        match self.name_index() {
            Some(i) => &self.words[i + 1..],
            None => &[],
        }
    }

    /// The letters of the arguments that are short flags (`-rp` gives
    /// `r`, `p`), up to `--`: what ShellCheck calls a command's flags.
    pub fn short_flags(&self) -> impl Iterator<Item = char> + '_ {
        self.args()
            .iter()
            .take_while(|w| w.text != "--")
            .filter(|w| w.text.starts_with('-') && !w.text.starts_with("--"))
            .flat_map(|w| w.text.chars().skip(1))
    }
}

/// `NAME=value` or `NAME+=value` as written.
pub fn is_assignment(raw: &str) -> bool {
    let Some(eq) = raw.find('=') else {
        return false;
    };
    let name = raw[..eq].strip_suffix('+').unwrap_or(&raw[..eq]);
    !name.is_empty()
        && !name.as_bytes()[0].is_ascii_digit()
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// A word as written in `text`.
pub fn raw<'t>(text: &'t str, w: &Word) -> &'t str {
    text.get(w.span.range()).unwrap_or("")
}

/// Where a statement stands, as ShellCheck's `isCondition` decides: a
/// pipeline followed by `&&` or `||`, or the last statement of an `if`,
/// `elif`, `while` or `until` condition, and anything inside those (a
/// subshell, a command substitution).
#[derive(Clone, Copy, Debug, Default)]
pub struct Place {
    pub condition: bool,
}

/// What a walk over the tree is shown, outermost first.
pub enum Node<'a> {
    AndOr(&'a AndOr, Place),
    Pipeline(&'a Pipeline, Place),
    Simple(&'a Simple, Place),
    For(&'a For),
}

impl Ast {
    pub fn parse(text: &str) -> Ast {
        parse_at(text, 0, 0)
    }

    /// `set -e`, `set -eux` or `set -o errexit` anywhere in the script, as
    /// ShellCheck decides whether errexit is on.
    pub fn sets_errexit(&self) -> bool {
        let mut found = false;
        self.walk(&mut |node| {
            if let Node::Simple(s, _) = node {
                found |= s.name().is_some_and(|w| !w.quoted && w.text == "set")
                    && (s.short_flags().any(|c| c == 'e')
                        || s.args().iter().any(|w| w.text == "errexit"));
            }
        });
        found
    }

    /// Shows every node to `f`, command substitutions included.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(Node<'a>)) {
        walk_list(&self.statements, Place::default(), f);
    }
}

fn walk_list<'a>(list: &'a [AndOr], place: Place, f: &mut dyn FnMut(Node<'a>)) {
    for a in list {
        walk_and_or(a, place, f);
    }
}

/// A condition list: only its last statement is the condition.
fn walk_condition<'a>(list: &'a [AndOr], place: Place, f: &mut dyn FnMut(Node<'a>)) {
    let n = list.len();
    for (i, a) in list.iter().enumerate() {
        let cond = Place {
            condition: place.condition || i + 1 == n,
        };
        walk_and_or(a, cond, f);
    }
}

fn walk_and_or<'a>(a: &'a AndOr, place: Place, f: &mut dyn FnMut(Node<'a>)) {
    f(Node::AndOr(a, place));
    let n = a.rest.len() + 1;
    for (i, p) in a.pipelines().enumerate() {
        let cond = Place {
            condition: place.condition || i + 1 < n,
        };
        f(Node::Pipeline(p, cond));
        for c in &p.commands {
            walk_cmd(c, cond, f);
        }
    }
}

fn walk_cmd<'a>(c: &'a Cmd, place: Place, f: &mut dyn FnMut(Node<'a>)) {
    match c {
        Cmd::Simple(s) => {
            f(Node::Simple(s, place));
            for sub in &s.substitutions {
                walk_list(&sub.statements, place, f);
            }
        }
        Cmd::Subshell(l) | Cmd::Group(l) => walk_list(l, place, f),
        Cmd::If { arms, otherwise } => {
            for (cond, body) in arms {
                walk_condition(cond, place, f);
                walk_list(body, place, f);
            }
            walk_list(otherwise, place, f);
        }
        Cmd::Loop { condition, body } => {
            walk_condition(condition, place, f);
            walk_list(body, place, f);
        }
        Cmd::For(fl) => {
            f(Node::For(fl));
            for sub in &fl.substitutions {
                walk_list(&sub.statements, place, f);
            }
            walk_list(&fl.body, place, f);
        }
        Cmd::Case { arms, .. } => {
            for arm in arms {
                walk_list(arm, place, f);
            }
        }
        Cmd::Function(body) => walk_cmd(body, Place::default(), f),
    }
}

/// Parses `text`, whose first byte is at offset `base` of the whole
/// script: every span is shifted by `base`.
fn parse_at(text: &str, base: usize, depth: u8) -> Ast {
    if depth > MAX_DEPTH {
        return Ast::default();
    }
    let mut toks = tokenize(text);
    let shift = u32::try_from(base).unwrap_or(u32::MAX);
    for t in &mut toks {
        if let Token::Word(w) = t {
            w.span.start = w.span.start.saturating_add(shift);
            w.span.end = w.span.end.saturating_add(shift);
        }
    }
    let mut p = Parser {
        toks,
        i: 0,
        text,
        base,
        depth,
    };
    let mut statements = Vec::new();
    while p.i < p.toks.len() {
        let before = p.i;
        statements.extend(p.list(&[], 0));
        if p.i == before {
            // A stray `)`, `;;` or reserved word: step over it.
            p.i += 1;
        }
    }
    Ast { statements }
}

struct Parser<'t> {
    /// Words are moved out into the tree as they are read.
    toks: Vec<Token>,
    i: usize,
    /// The text being parsed; word spans are `base` further on.
    text: &'t str,
    base: usize,
    depth: u8,
}

impl Parser<'_> {
    fn word_at(&self, i: usize) -> Option<&Word> {
        match self.toks.get(i) {
            Some(Token::Word(w)) => Some(w),
            _ => None,
        }
    }

    /// Moves the word at `i` out (the parser never looks back).
    fn take_word(&mut self, i: usize) -> Option<Word> {
        match self.toks.get_mut(i) {
            Some(t @ Token::Word(_)) => match std::mem::replace(t, Token::Op(Op::Newline)) {
                Token::Word(w) => Some(w),
                Token::Op(_) => None,
            },
            _ => None,
        }
    }

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

    fn skip_newlines(&mut self) {
        while self.op() == Some(Op::Newline) {
            self.i += 1;
        }
    }

    /// A word as written (spans are shifted by `base`).
    fn raw(&self, w: &Word) -> &str {
        let s = (w.span.start as usize).saturating_sub(self.base);
        let e = (w.span.end as usize).saturating_sub(self.base);
        self.text.get(s..e).unwrap_or("")
    }

    /// The scripts of a word's command substitutions.
    fn substitutions(&self, w: &Word) -> Vec<Ast> {
        let raw = self.raw(w);
        if !raw.contains("$(") && !raw.contains('`') {
            return Vec::new();
        }
        let at = w.span.start as usize;
        expansions(raw)
            .into_iter()
            .filter(|e| e.is_command())
            .map(|e| {
                let inner = raw.get(e.inner.clone()).unwrap_or("");
                parse_at(inner, at + e.inner.start, self.depth + 1)
            })
            .collect()
    }

    /// Statements up to EOF, a `)`, a `;;` or one of `stops` at the start
    /// of a command.
    fn list(&mut self, stops: &[&str], nest: u8) -> Vec<AndOr> {
        let mut out = Vec::new();
        loop {
            self.skip_separators();
            if self.i >= self.toks.len() || matches!(self.op(), Some(Op::CloseParen | Op::CaseEnd))
            {
                return out;
            }
            if self.keyword().is_some_and(|k| stops.contains(&k)) {
                return out;
            }
            let before = self.i;
            if let Some(a) = self.and_or(nest) {
                out.push(a);
            }
            if self.op() == Some(Op::Background) {
                self.i += 1;
            }
            if self.i == before {
                return out;
            }
        }
    }

    fn and_or(&mut self, nest: u8) -> Option<AndOr> {
        let first = self.pipeline(nest)?;
        let mut rest = Vec::new();
        while let Some(op @ (Op::And | Op::Or)) = self.op() {
            self.i += 1;
            self.skip_newlines();
            match self.pipeline(nest) {
                Some(p) => rest.push((op, p)),
                None => break,
            }
        }
        Some(AndOr { first, rest })
    }

    fn pipeline(&mut self, nest: u8) -> Option<Pipeline> {
        let mut negated = false;
        while let Some(k @ ("!" | "time")) = self.keyword() {
            negated |= k == "!";
            self.i += 1;
        }
        let mut commands = Vec::new();
        commands.push(self.command(nest)?);
        while self.op() == Some(Op::Pipe) {
            self.i += 1;
            self.skip_newlines();
            match self.command(nest) {
                Some(c) => commands.push(c),
                None => break,
            }
        }
        Some(Pipeline { negated, commands })
    }

    fn command(&mut self, nest: u8) -> Option<Cmd> {
        if nest > MAX_DEPTH * 4 {
            // Deeper than any real script: read the rest as words.
            return self.simple();
        }
        let nest = nest + 1;
        if self.op() == Some(Op::OpenParen) {
            self.i += 1;
            let body = self.list(&[], nest);
            self.i += usize::from(self.op() == Some(Op::CloseParen));
            return Some(Cmd::Subshell(body));
        }
        match self.keyword() {
            Some("{") => {
                self.i += 1;
                let body = self.list(&["}"], nest);
                self.eat_keyword("}");
                Some(Cmd::Group(body))
            }
            Some("if") => Some(self.if_clause(nest)),
            Some("while" | "until") => {
                self.i += 1;
                let condition = self.list(&["do"], nest);
                self.eat_keyword("do");
                let body = self.list(&["done"], nest);
                self.eat_keyword("done");
                Some(Cmd::Loop { condition, body })
            }
            Some("for" | "select") => Some(self.for_clause(nest)),
            Some("case") => Some(self.case_clause(nest)),
            _ if self.op().is_none()
                && self.toks.get(self.i + 1) == Some(&Token::Op(Op::OpenParen))
                && self.toks.get(self.i + 2) == Some(&Token::Op(Op::CloseParen)) =>
            {
                self.i += 3;
                self.skip_separators();
                let body = self.command(nest)?;
                Some(Cmd::Function(Box::new(body)))
            }
            _ => self.simple(),
        }
    }

    fn if_clause(&mut self, nest: u8) -> Cmd {
        self.i += 1;
        let mut arms = Vec::new();
        let mut otherwise = Vec::new();
        let cond = self.list(&["then"], nest);
        self.eat_keyword("then");
        let body = self.list(&["elif", "else", "fi"], nest);
        arms.push((cond, body));
        loop {
            match self.keyword() {
                Some("elif") => {
                    self.i += 1;
                    let cond = self.list(&["then"], nest);
                    self.eat_keyword("then");
                    let body = self.list(&["elif", "else", "fi"], nest);
                    arms.push((cond, body));
                }
                Some("else") => {
                    self.i += 1;
                    otherwise = self.list(&["fi"], nest);
                }
                Some("fi") => {
                    self.i += 1;
                    break;
                }
                _ => break,
            }
        }
        Cmd::If { arms, otherwise }
    }

    fn for_clause(&mut self, nest: u8) -> Cmd {
        let keyword = self.take_word(self.i).unwrap_or(Word {
            text: String::new(),
            span: Default::default(),
            quoted: false,
        });
        self.i += 1;
        self.i += usize::from(self.word_at(self.i).is_some());
        self.skip_newlines();
        let mut words = None;
        let mut substitutions = Vec::new();
        if self.eat_keyword("in") {
            let mut list = Vec::new();
            while let Some(w) = self.take_word(self.i) {
                substitutions.extend(self.substitutions(&w));
                list.push(w);
                self.i += 1;
            }
            words = Some(list);
        }
        self.skip_separators();
        self.eat_keyword("do");
        let body = self.list(&["done"], nest);
        self.eat_keyword("done");
        Cmd::For(For {
            keyword,
            words,
            body,
            substitutions,
        })
    }

    fn case_clause(&mut self, nest: u8) -> Cmd {
        self.i += 1;
        let subject = self.take_word(self.i);
        self.i += usize::from(subject.is_some());
        self.skip_separators();
        self.eat_keyword("in");
        let mut arms = Vec::new();
        loop {
            self.skip_separators();
            if self.i >= self.toks.len() || self.eat_keyword("esac") {
                break;
            }
            // The patterns, up to the `)` that ends them.
            self.i += usize::from(self.op() == Some(Op::OpenParen));
            while self.i < self.toks.len() && self.op() != Some(Op::CloseParen) {
                if matches!(self.op(), Some(Op::Semi | Op::Newline | Op::CaseEnd)) {
                    break;
                }
                self.i += 1;
            }
            self.i += usize::from(self.op() == Some(Op::CloseParen));
            let before = self.i;
            arms.push(self.list(&["esac"], nest));
            let stuck = self.i == before && self.keyword() != Some("esac");
            if self.op() == Some(Op::CaseEnd) || stuck {
                self.i += 1;
            }
        }
        Cmd::Case { subject, arms }
    }

    fn simple(&mut self) -> Option<Cmd> {
        let start = self.i;
        while self.word_at(self.i).is_some() {
            self.i += 1;
        }
        if self.i == start {
            return None;
        }
        let words: Vec<Word> = (start..self.i).filter_map(|j| self.take_word(j)).collect();
        let substitutions = words.iter().flat_map(|w| self.substitutions(w)).collect();
        let name_at = words.iter().position(|w| !is_assignment(self.raw(w)));
        Some(Cmd::Simple(Simple {
            words,
            name_at,
            substitutions,
        }))
    }
}

impl Cmd {
    /// The first and the last word of the command, compound or not.
    pub fn ends(&self) -> Option<(&Word, &Word)> {
        match self {
            Cmd::Simple(s) => Some((s.words.first()?, s.words.last()?)),
            Cmd::Subshell(l) | Cmd::Group(l) => list_ends(l),
            Cmd::If { arms, .. } => arms.first().and_then(|(c, _)| list_ends(c)),
            Cmd::Loop { condition, .. } => list_ends(condition),
            Cmd::For(f) => Some((&f.keyword, f.words.as_ref()?.last().unwrap_or(&f.keyword))),
            Cmd::Case { subject, .. } => subject.as_ref().map(|w| (w, w)),
            Cmd::Function(body) => body.ends(),
        }
    }
}

fn list_ends(l: &[AndOr]) -> Option<(&Word, &Word)> {
    let first = l.iter().find_map(AndOr::ends)?;
    let last = l.iter().rev().find_map(AndOr::ends)?;
    Some((first.0, last.1))
}

impl Pipeline {
    pub fn ends(&self) -> Option<(&Word, &Word)> {
        let first = self.commands.iter().find_map(Cmd::ends)?;
        let last = self.commands.iter().rev().find_map(Cmd::ends)?;
        Some((first.0, last.1))
    }
}

impl AndOr {
    pub fn ends(&self) -> Option<(&Word, &Word)> {
        let first = self.pipelines().find_map(Pipeline::ends)?;
        let last = self
            .rest
            .iter()
            .rev()
            .find_map(|(_, p)| p.ends())
            .unwrap_or(first);
        Some((first.0, last.1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conditions(text: &str) -> Vec<(String, bool)> {
        let ast = Ast::parse(text);
        let mut out = Vec::new();
        ast.walk(&mut |n| {
            if let Node::Simple(s, place) = n {
                out.push((s.words[0].text.clone(), place.condition));
            }
        });
        out
    }

    #[test]
    fn conditions_are_left_of_and_or_and_last_of_if() {
        assert_eq!(
            conditions("a && b || c; if d; e; then f; fi; (g) && h; x=$(i) && j"),
            [
                ("a".into(), true),
                ("b".into(), true),
                ("c".into(), false),
                ("d".into(), false),
                ("e".into(), true),
                ("f".into(), false),
                ("g".into(), true),
                ("h".into(), false),
                ("x=$(i)".into(), true),
                ("i".into(), true),
                ("j".into(), false),
            ]
        );
    }

    #[test]
    fn case_patterns_and_loops_parse() {
        let text = "case $x in a|b) cd /a;; *) exit 1;; esac; for i in 1 2; do echo $i; done";
        let mut names = Vec::new();
        let mut loops = 0;
        Ast::parse(text).walk(&mut |n| match n {
            Node::Simple(s, _) => names.push(s.words[0].text.clone()),
            Node::For(f) => loops += f.words.as_ref().map_or(0, Vec::len),
            _ => {}
        });
        assert_eq!(names, ["cd", "exit", "echo"]);
        assert_eq!(loops, 2);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = "(".repeat(100_000) + "a" + &")".repeat(100_000);
        let _ = Ast::parse(&text);
        let subs = "$(".repeat(5_000) + "a" + &")".repeat(5_000);
        let _ = Ast::parse(&subs);
    }
}
