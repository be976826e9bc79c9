//! rpm's order: `[epoch:]version[-release]`, each of version and release
//! compared by `rpmvercmp`: alphanumeric segments (anything else
//! separates), numbers numerically and after letters, letters as text;
//! `~` before anything (even the end), `^` after the end.

use super::key::{num, Key, Part};

pub fn key(s: &str) -> Option<Key> {
    let (epoch, rest) = match s.split_once(':') {
        Some((e, r)) if e.bytes().all(|c| c.is_ascii_digit()) && !e.is_empty() => (num(e), r),
        Some(_) => return None,
        None => (0, s),
    };
    let (version, release) = rest
        .rsplit_once('-')
        .map_or((rest, None), |(v, r)| (v, Some(r)));
    if version.is_empty() {
        return None;
    }
    let mut parts = vec![Part::Num(epoch)];
    segments(version, &mut parts);
    // Version and release are compared one after the other: the end of
    // the version is a boundary no segment crosses.
    parts.push(Part::Caret);
    parts.push(Part::Caret);
    if let Some(r) = release {
        segments(r, &mut parts);
    }
    Some(Key::new(parts))
}

fn segments(s: &str, parts: &mut Vec<Part>) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'~' => {
                parts.push(Part::Tilde);
                i += 1;
            }
            b'^' => {
                parts.push(Part::Caret);
                i += 1;
            }
            c if c.is_ascii_digit() => {
                let start = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                parts.push(Part::Num(num(&s[start..i])));
            }
            c if c.is_ascii_alphabetic() => {
                let start = i;
                while i < b.len() && b[i].is_ascii_alphabetic() {
                    i += 1;
                }
                parts.push(Part::Text(s[start..i].to_string()));
            }
            _ => i += 1,
        }
    }
}
