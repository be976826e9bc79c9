//! Reading one word as written: its literal text, its single-quoted parts
//! and whether anything in it is expanded, split or globbed. The rules that
//! port ShellCheck's word checks need the quotes the lexer removes.

use super::word_splitting::expansions;
use std::ops::Range;

/// Where a piece of a word stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    Double,
    Single,
}

/// One piece of a word as written, in order.
enum Piece {
    /// Characters with no special meaning where they stand (single-quoted
    /// text is one piece, without its quotes).
    Text(Range<usize>, Quote),
    /// A backslash and the byte offset of the character it escapes.
    Escape(usize, Quote),
    /// `$x`, `${…}`, `$(…)`, `` `…` ``, `$((…))`: no literal text.
    Expansion,
}

/// Splits `raw` into pieces: the one walk over a word's quotes that every
/// reader below shares (expansions as [`expansions`] finds them).
fn pieces(raw: &str) -> Vec<Piece> {
    let found = expansions(raw);
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let mut quote = Quote::None;
    let mut text_from = 0;
    let mut i = 0;
    let flush = |out: &mut Vec<Piece>, from: usize, to: usize, q: Quote| {
        if to > from {
            out.push(Piece::Text(from..to, q));
        }
    };
    while i < b.len() {
        if let Some(e) = found.iter().find(|e| e.start == i) {
            flush(&mut out, text_from, i, quote);
            out.push(Piece::Expansion);
            i = e.end.max(i + 1);
            text_from = i;
            continue;
        }
        match b[i] {
            b'\\' => {
                flush(&mut out, text_from, i, quote);
                out.push(Piece::Escape(i + 1, quote));
                i += 2;
                text_from = i.min(b.len());
            }
            b'\'' if quote == Quote::None => {
                flush(&mut out, text_from, i, quote);
                let end = raw[i + 1..].find('\'').map_or(b.len(), |e| i + 1 + e);
                // `$'…'` is bash's escape string, not a single-quoted one.
                let q = if i > 0 && b[i - 1] == b'$' {
                    Quote::None
                } else {
                    Quote::Single
                };
                out.push(Piece::Text(i + 1..end, q));
                i = end + 1;
                text_from = i.min(b.len());
            }
            b'"' => {
                flush(&mut out, text_from, i, quote);
                quote = if quote == Quote::Double {
                    Quote::None
                } else {
                    Quote::Double
                };
                i += 1;
                text_from = i;
            }
            _ => i += 1,
        }
    }
    flush(&mut out, text_from.min(b.len()), b.len(), quote);
    out
}

/// The character at byte `at` of `raw`, if any.
fn char_at(raw: &str, at: usize) -> Option<char> {
    raw.get(at..).and_then(|s| s.chars().next())
}

/// The word's literal text with quotes removed and every expansion left
/// out, as ShellCheck's `onlyLiteralString` gives it: `"a\n$x"` is `a\n`,
/// unquoted `a\\nb` is `a\nb`, `'\t'` is `\t`.
pub fn literal(raw: &str) -> String {
    let mut out = String::new();
    for p in pieces(raw) {
        match p {
            Piece::Text(r, _) => out.push_str(&raw[r]),
            Piece::Escape(at, q) => match (char_at(raw, at), q) {
                (Some('\n') | None, Quote::None) => {}
                (Some(c), Quote::None) => out.push(c),
                (Some(c @ ('$' | '`' | '"' | '\\')), _) => out.push(c),
                (Some('\n'), _) => {}
                (Some(c), _) => {
                    out.push('\\');
                    out.push(c);
                }
                (None, _) => out.push('\\'),
            },
            Piece::Expansion => {}
        }
    }
    out
}

/// The contents of the word's single-quoted strings (`'…'` outside double
/// quotes; `$'…'` is bash's escape string, not one), as byte ranges.
pub fn single_quoted(raw: &str) -> Vec<Range<usize>> {
    pieces(raw)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(r, Quote::Single) => Some(r),
            _ => None,
        })
        .collect()
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
    pieces(raw).into_iter().any(|p| {
        let Piece::Text(r, Quote::None) = p else {
            return false;
        };
        let text = &raw[r.clone()];
        text.bytes().enumerate().any(|(k, c)| {
            let rest = &raw[r.start + k + 1..];
            match c {
                b'*' | b'?' => true,
                b'[' => rest.contains(']'),
                b'{' => rest
                    .find('}')
                    .is_some_and(|end| rest[..end].contains(',') || rest[..end].contains("..")),
                _ => false,
            }
        })
    })
}

/// The unquoted literal text of the word (quoted parts and expansions
/// left out).
pub fn unquoted_literal(raw: &str) -> String {
    pieces(raw)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(r, Quote::None) => Some(&raw[r]),
            _ => None,
        })
        .collect()
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
