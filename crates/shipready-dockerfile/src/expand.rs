//! BuildKit's word processing (`frontend/dockerfile/shell/lex.go`): quote
//! removal, escapes and `$VAR` / `${VAR…}` substitution, as applied to
//! FROM, ENV, LABEL, ARG, COPY, WORKDIR, USER and friends.

/// The result of expanding one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expanded {
    pub value: String,
    /// Names referenced but not defined (they expanded to the empty string
    /// or their default).
    pub unresolved: Vec<String>,
}

/// Expands `word` with `lookup` for variables, the way BuildKit does.
pub fn expand<'a>(word: &str, escape: char, lookup: &dyn Fn(&str) -> Option<&'a str>) -> Expanded {
    let mut lx = Lexer {
        chars: word.chars().collect(),
        pos: 0,
        escape,
        lookup,
        unresolved: Vec::new(),
    };
    let value = lx.word(None);
    Expanded {
        value,
        unresolved: lx.unresolved,
    }
}

/// Quote removal only (no variables defined).
pub fn unquote(word: &str, escape: char) -> String {
    expand(word, escape, &|_| None).value
}

struct Lexer<'l, 'a> {
    chars: Vec<char>,
    pos: usize,
    escape: char,
    lookup: &'l dyn Fn(&str) -> Option<&'a str>,
    unresolved: Vec<String>,
}

impl Lexer<'_, '_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    /// Reads until `stop` (used for `${VAR:-word}` where `stop` is `}`).
    fn word(&mut self, stop: Option<char>) -> String {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if Some(c) == stop {
                break;
            }
            match c {
                '\'' => {
                    self.pos += 1;
                    while let Some(c) = self.next() {
                        if c == '\'' {
                            break;
                        }
                        out.push(c);
                    }
                }
                '"' => {
                    self.pos += 1;
                    self.double_quoted(&mut out);
                }
                '$' => {
                    let v = self.dollar();
                    out.push_str(&v);
                }
                c if c == self.escape => {
                    self.pos += 1;
                    if let Some(n) = self.next() {
                        out.push(n);
                    }
                }
                c => {
                    self.pos += 1;
                    out.push(c);
                }
            }
        }
        out
    }

    fn double_quoted(&mut self, out: &mut String) {
        while let Some(c) = self.peek() {
            if c == '"' {
                self.pos += 1;
                return;
            }
            if c == '$' {
                let v = self.dollar();
                out.push_str(&v);
                continue;
            }
            self.pos += 1;
            if c == self.escape {
                match self.peek() {
                    None => continue,
                    Some(n) if n == '"' || n == '$' || n == self.escape => {
                        self.pos += 1;
                        out.push(n);
                        continue;
                    }
                    Some(_) => {}
                }
            }
            out.push(c);
        }
    }

    fn name(&mut self) -> String {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if c.is_ascii_alphanumeric() || c == '_' {
                name.push(c);
                self.pos += 1;
            } else {
                break;
            }
        }
        name
    }

    fn get(&mut self, name: &str) -> Option<String> {
        let v = (self.lookup)(name).map(str::to_string);
        if v.is_none() && !self.unresolved.iter().any(|n| n == name) {
            self.unresolved.push(name.to_string());
        }
        v
    }

    fn dollar(&mut self) -> String {
        self.pos += 1; // '$'
        match self.peek() {
            Some('{') => {
                self.pos += 1;
                self.braced()
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let name = self.name();
                self.get(&name).unwrap_or_default()
            }
            _ => "$".to_string(),
        }
    }

    fn braced(&mut self) -> String {
        let name = self.name();
        let value = self.get(&name);
        match self.next() {
            None | Some('}') => value.unwrap_or_default(),
            Some(':') => {
                let op = self.next();
                let word = self.word(Some('}'));
                self.pos += 1;
                let set = value.as_deref().is_some_and(|v| !v.is_empty());
                match op {
                    Some('-') => {
                        if set {
                            value.unwrap_or_default()
                        } else {
                            word
                        }
                    }
                    Some('+') => {
                        if set {
                            word
                        } else {
                            String::new()
                        }
                    }
                    // `:?` is an error when unset; we keep going with "".
                    _ => value.unwrap_or_default(),
                }
            }
            Some(op @ ('-' | '+' | '?')) => {
                let word = self.word(Some('}'));
                self.pos += 1;
                match op {
                    '-' => value.unwrap_or(word),
                    '+' => value.map(|_| word).unwrap_or_default(),
                    _ => value.unwrap_or_default(),
                }
            }
            Some(op @ ('#' | '%')) => {
                let greedy = self.peek() == Some(op);
                if greedy {
                    self.pos += 1;
                }
                let pattern = self.word(Some('}'));
                self.pos += 1;
                let v = value.unwrap_or_default();
                trim_pattern(&v, &pattern, op == '#', greedy)
            }
            Some('/') => {
                let all = self.peek() == Some('/');
                if all {
                    self.pos += 1;
                }
                let pattern = self.word(Some('/'));
                let with = if self.peek() == Some('/') {
                    self.pos += 1;
                    self.word(Some('}'))
                } else {
                    String::new()
                };
                self.pos += 1;
                let v = value.unwrap_or_default();
                if pattern.is_empty() {
                    v
                } else if all {
                    v.replace(&pattern, &with)
                } else {
                    v.replacen(&pattern, &with, 1)
                }
            }
            Some(_) => {
                // Unsupported modifier: skip to the closing brace.
                while let Some(c) = self.next() {
                    if c == '}' {
                        break;
                    }
                }
                value.unwrap_or_default()
            }
        }
    }
}

/// `${v#p}`, `${v##p}`, `${v%p}`, `${v%%p}` with `*` and `?` wildcards.
fn trim_pattern(value: &str, pattern: &str, prefix: bool, greedy: bool) -> String {
    let idx: Vec<usize> = value
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(value.len()))
        .collect();
    let candidates: Box<dyn Iterator<Item = usize>> = match (prefix, greedy) {
        (true, false) => Box::new(idx.iter().copied()),
        (true, true) => Box::new(idx.iter().rev().copied()),
        (false, false) => Box::new(idx.iter().rev().copied()),
        (false, true) => Box::new(idx.iter().copied()),
    };
    for cut in candidates {
        let (part, keep) = if prefix {
            (&value[..cut], &value[cut..])
        } else {
            (&value[cut..], &value[..cut])
        };
        if glob_match(pattern, part) {
            return keep.to_string();
        }
    }
    value.to_string()
}

fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<&'static str> {
        match name {
            "V" => Some("3.12"),
            "EMPTY" => Some(""),
            "PATHV" => Some("/usr/local/bin:/usr/bin"),
            _ => None,
        }
    }

    fn x(word: &str) -> String {
        expand(word, '\\', &env).value
    }

    #[test]
    fn substitutions_follow_buildkit() {
        assert_eq!(x("python:${V}-slim"), "python:3.12-slim");
        assert_eq!(x("$V"), "3.12");
        assert_eq!(x("${NOPE:-def}"), "def");
        assert_eq!(x("${EMPTY:-def}"), "def");
        assert_eq!(x("${EMPTY-def}"), "");
        assert_eq!(x("${V:+alt}"), "alt");
        assert_eq!(x("${NOPE:+alt}"), "");
        assert_eq!(x("${PATHV%%:*}"), "/usr/local/bin");
        assert_eq!(x("${PATHV#*:}"), "/usr/bin");
        assert_eq!(x("${PATHV/usr/opt}"), "/opt/local/bin:/usr/bin");
        assert_eq!(x("'$V'"), "$V");
        assert_eq!(x("\"a $V\""), "a 3.12");
        assert_eq!(x("a\\ b"), "a b");
        assert_eq!(x("\"q\\\"x\""), "q\"x");
        assert_eq!(x("cost$"), "cost$");
        let e = expand("${A}/${B:-x}", '\\', &env);
        assert_eq!(e.unresolved, vec!["A".to_string(), "B".to_string()]);
    }
}
