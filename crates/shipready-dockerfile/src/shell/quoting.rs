//! Reading one word as written: its literal text, its single-quoted parts
//! and whether anything in it is expanded, split or globbed. The rules that
//! port ShellCheck's word checks need the quotes the lexer removes.

use super::word_splitting::expansions;
use std::ops::Range;

/// The word's literal text with quotes removed and every expansion left
/// out, as ShellCheck's `onlyLiteralString` gives it: `"a\n$x"` is `a\n`,
/// unquoted `a\\nb` is `a\nb`, `'\t'` is `\t`.
pub fn literal(raw: &str) -> String {
    let skipped: Vec<Range<usize>> = expansions(raw)
        .into_iter()
        .map(|e| e.start..e.end)
        .collect();
    let b = raw.as_bytes();
    let mut out = String::new();
    let mut double = false;
    let mut i = 0;
    while i < b.len() {
        if let Some(r) = skipped.iter().find(|r| r.start == i) {
            i = r.end.max(i + 1);
            continue;
        }
        let c = b[i];
        match c {
            b'\\' if double => {
                match b.get(i + 1) {
                    Some(b'$' | b'`' | b'"' | b'\\') => push(&mut out, raw, i + 1),
                    Some(b'\n') => {}
                    Some(_) => {
                        out.push('\\');
                        push(&mut out, raw, i + 1);
                    }
                    None => out.push('\\'),
                }
                i += 2;
            }
            b'\\' => {
                if b.get(i + 1) != Some(&b'\n') {
                    push(&mut out, raw, i + 1);
                }
                i += 2;
            }
            b'\'' if !double => {
                let end = raw[i + 1..].find('\'').map_or(b.len(), |e| i + 1 + e);
                out.push_str(&raw[i + 1..end]);
                i = end + 1;
            }
            b'"' => {
                double = !double;
                i += 1;
            }
            _ => {
                push(&mut out, raw, i);
                i += 1;
            }
        }
        while i < b.len() && !raw.is_char_boundary(i) {
            i += 1;
        }
    }
    out
}

fn push(out: &mut String, raw: &str, at: usize) {
    if let Some(ch) = raw.get(at..).and_then(|s| s.chars().next()) {
        out.push(ch);
    }
}

/// The contents of the word's single-quoted strings (`'…'` outside double
/// quotes; `$'…'` is bash's escape string, not one), as byte ranges.
pub fn single_quoted(raw: &str) -> Vec<Range<usize>> {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let mut double = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\'' if !double => {
                let end = raw[i + 1..].find('\'').map_or(b.len(), |e| i + 1 + e);
                if i == 0 || b[i - 1] != b'$' {
                    out.push(i + 1..end);
                }
                i = end + 1;
            }
            b'"' => {
                double = !double;
                i += 1;
            }
            b'$' | b'`' => {
                // Quotes inside `$(…)` belong to the inner script.
                match expansions(&raw[i..]).first() {
                    Some(e) if e.start == 0 => i += e.end.max(1),
                    _ => i += 1,
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether the word may expand to several words, or none: an unquoted
/// expansion, glob or brace expansion, or `"$@"` (ShellCheck's
/// `willSplit` or `mayBecomeMultipleArgs`).
pub fn may_be_several(raw: &str) -> bool {
    for e in expansions(raw) {
        let text = &raw[e.start..e.end];
        if !e.quoted || matches!(text, "$@" | "${@}" | "$*" | "${*}") || text.contains("[@]") {
            return true;
        }
    }
    unquoted_glob_or_brace(raw)
}

/// An unquoted `*`, `?`, `[…]` or `{a,b}` / `{1..3}` in the word.
pub fn unquoted_glob_or_brace(raw: &str) -> bool {
    let b = raw.as_bytes();
    let mut double = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'\'' if !double => {
                i = raw[i + 1..].find('\'').map_or(b.len(), |e| i + 1 + e);
            }
            b'"' => double = !double,
            b'$' | b'`' => {
                if let Some(e) = expansions(&raw[i..]).first().filter(|e| e.start == 0) {
                    i += e.end.max(1);
                    continue;
                }
            }
            b'*' | b'?' if !double => return true,
            b'[' if !double && raw[i + 1..].contains(']') => return true,
            b'{' if !double => {
                if let Some(end) = raw[i + 1..].find('}') {
                    let inner = &raw[i + 1..i + 1 + end];
                    if inner.contains(',') || inner.contains("..") {
                        return true;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    false
}

/// The unquoted literal text of the word (quoted parts and expansions
/// left out).
pub fn unquoted_literal(raw: &str) -> String {
    let b = raw.as_bytes();
    let mut out = String::new();
    let mut double = false;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'\'' if !double => {
                i = raw[i + 1..].find('\'').map_or(b.len(), |e| i + 1 + e) + 1;
            }
            b'"' => {
                double = !double;
                i += 1;
            }
            b'$' | b'`' => match expansions(&raw[i..]).first().filter(|e| e.start == 0) {
                Some(e) => i += e.end.max(1),
                None => {
                    if !double {
                        out.push(char::from(b[i]));
                    }
                    i += 1;
                }
            },
            c => {
                if !double && c.is_ascii() {
                    out.push(char::from(c));
                }
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_removes_quotes_and_expansions() {
        assert_eq!(literal(r#"'a\nb'"#), r"a\nb");
        assert_eq!(literal(r#""a\nb""#), r"a\nb");
        assert_eq!(literal(r"a\\nb"), r"a\nb");
        assert_eq!(literal(r"a\nb"), "anb");
        assert_eq!(literal(r#""$x\t""#), r"\t");
        assert_eq!(literal(r#""\$x""#), "$x");
        assert_eq!(literal(r#"$(printf '\n')x"#), "x");
    }

    #[test]
    fn single_quoted_parts_skip_double_quotes_and_substitutions() {
        let raw = r#"'a'"'b'"$(echo 'c')'d'"#;
        let parts: Vec<&str> = single_quoted(raw).into_iter().map(|r| &raw[r]).collect();
        assert_eq!(parts, ["a", "d"]);
        assert!(single_quoted("$'x'").is_empty());
    }

    #[test]
    fn several_words() {
        assert!(may_be_several("$x"));
        assert!(may_be_several(r#""$@""#));
        assert!(may_be_several("*.txt"));
        assert!(may_be_several("a{b,c}"));
        assert!(!may_be_several(r#""$x""#));
        assert!(!may_be_several(r#""*.txt""#));
        assert!(!may_be_several("one"));
        assert!(!may_be_several("~"));
    }
}
