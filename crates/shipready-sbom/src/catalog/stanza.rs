//! `Key: value` stanzas separated by blank lines, continuation lines
//! starting with a blank: dpkg's status file and Python's METADATA /
//! PKG-INFO (an email header block) share the shape.

/// One stanza: its fields in order and the line it starts on.
pub(crate) struct Stanza<'a> {
    pub line: u32,
    pub fields: Vec<(&'a str, String)>,
}

impl Stanza<'_> {
    /// The first value of `key` (case-insensitive, as both formats are).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }

    pub fn all<'b>(&'b self, key: &'b str) -> impl Iterator<Item = &'b str> + 'b {
        self.fields
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// The stanzas of a text; `headers_only` stops at the first blank line
/// (an email header block: the body that follows is the description).
pub(crate) fn parse(text: &str, headers_only: bool) -> Vec<Stanza<'_>> {
    let mut out = Vec::new();
    let mut cur: Option<Stanza<'_>> = None;
    for (i, line) in text.lines().enumerate() {
        let n = i as u32 + 1;
        if line.trim().is_empty() {
            if let Some(s) = cur.take() {
                out.push(s);
                if headers_only {
                    return out;
                }
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = cur.as_mut().and_then(|s| s.fields.last_mut()) {
                v.push('\n');
                v.push_str(line.trim());
            }
            continue;
        }
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        cur.get_or_insert_with(|| Stanza {
            line: n,
            fields: Vec::new(),
        })
        .fields
        .push((k.trim(), v.trim().to_string()));
    }
    if let Some(s) = cur {
        out.push(s);
    }
    out
}
