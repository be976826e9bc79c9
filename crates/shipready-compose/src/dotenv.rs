//! `.env` files as compose reads them: `KEY=value`, `export KEY=value`,
//! `#` comments (also after an unquoted value, when a space precedes the
//! `#`), single quotes (literal), double quotes (escapes, multi-line),
//! `${VAR}` substitution in unquoted and double-quoted values from the
//! variables above and the given environment, and a bare `KEY` (taken
//! from the environment, skipped when unset).

use crate::interpolate::{substitute, Lookup};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotenvError {
    /// 1-based.
    pub line: usize,
    pub message: String,
}

struct Layered<'a> {
    own: &'a BTreeMap<String, String>,
    outer: &'a dyn Lookup,
}

impl Lookup for Layered<'_> {
    fn get(&self, name: &str) -> Option<&str> {
        self.own
            .get(name)
            .map(String::as_str)
            .or_else(|| self.outer.get(name))
    }
}

/// Parses `text`; substitutions see earlier keys of the file first, then
/// `outer`.
pub fn parse(text: &str, outer: &dyn Lookup) -> Result<BTreeMap<String, String>, DotenvError> {
    let mut vars = BTreeMap::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let lineno = i + 1;
        let raw = lines[i].trim_start();
        i += 1;
        if raw.is_empty() || raw.starts_with('#') {
            continue;
        }
        let raw = raw.strip_prefix("export ").map_or(raw, str::trim_start);
        let (key, rest) = match raw.find(['=', ':']) {
            Some(p) => (raw[..p].trim(), Some(&raw[p + 1..])),
            None => (raw.trim(), None),
        };
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(DotenvError {
                line: lineno,
                message: format!("unexpected character in variable name {key:?}"),
            });
        }
        let Some(rest) = rest else {
            if let Some(v) = outer.get(key) {
                vars.insert(key.to_string(), v.to_string());
            }
            continue;
        };
        let rest = rest.trim_start();
        let value = if let Some(body) = rest.strip_prefix('\'') {
            match body.find('\'') {
                Some(end) => body[..end].to_string(),
                None => {
                    return Err(DotenvError {
                        line: lineno,
                        message: "unterminated single-quoted value".into(),
                    })
                }
            }
        } else if let Some(body) = rest.strip_prefix('"') {
            let mut collected = String::from(body);
            loop {
                if let Some(end) = closing_quote(&collected) {
                    collected.truncate(end);
                    break;
                }
                let Some(next) = lines.get(i) else {
                    return Err(DotenvError {
                        line: lineno,
                        message: "unterminated double-quoted value".into(),
                    });
                };
                collected.push('\n');
                collected.push_str(next);
                i += 1;
            }
            let unescaped = unescape(&collected);
            expand(&unescaped, &vars, outer, lineno)?
        } else {
            let cut = rest.find(" #").map_or(rest, |p| &rest[..p]);
            expand(cut.trim_end(), &vars, outer, lineno)?
        };
        vars.insert(key.to_string(), value);
    }
    Ok(vars)
}

fn closing_quote(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn expand(
    value: &str,
    own: &BTreeMap<String, String>,
    outer: &dyn Lookup,
    line: usize,
) -> Result<String, DotenvError> {
    substitute(value, &Layered { own, outer })
        .map(|s| s.value)
        .map_err(|e| DotenvError {
            line,
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::parse;
    use std::collections::BTreeMap;

    #[test]
    fn forms() {
        let outer: BTreeMap<String, String> = [("HOME".to_string(), "/root".to_string())].into();
        let text = "\
# comment
TAG=1.4
export NAME=shop # trailing comment
QUOTED='a # not a comment ${TAG}'
DOUBLE=\"line1\\nx ${TAG}\"
MULTI=\"first
second\"
REF=${TAG}-${HOME}
HOME
EMPTY=
URL=http://x/#frag
";
        let v = parse(text, &outer).expect("parses");
        assert_eq!(v["TAG"], "1.4");
        assert_eq!(v["NAME"], "shop");
        assert_eq!(v["QUOTED"], "a # not a comment ${TAG}");
        assert_eq!(v["DOUBLE"], "line1\nx 1.4");
        assert_eq!(v["MULTI"], "first\nsecond");
        assert_eq!(v["REF"], "1.4-/root");
        assert_eq!(v["HOME"], "/root");
        assert_eq!(v["EMPTY"], "");
        assert_eq!(v["URL"], "http://x/#frag");
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("A=1\nB=\"open\n", &BTreeMap::new()).expect_err("unterminated");
        assert_eq!(e.line, 2);
        let e = parse("A B=1\n", &BTreeMap::new()).expect_err("bad name");
        assert_eq!(e.line, 1);
    }
}
