//! A sort key for the hand-written orders: a sequence of typed parts
//! compared one by one. Each scheme maps a version to parts whose order is
//! the scheme's; comparing keys lexicographically then gives a total
//! order by construction (what the property tests check).

/// One part of a version, in the order the classes are listed: a part of
/// an earlier class sorts first.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// rpm's `~` (before anything, even the end).
    Tilde,
    /// A pre-release marker: its rank within the scheme, then a number.
    Pre(u8, u64),
    /// Where the version ends.
    End,
    /// rpm's `^` (after the end, before anything else).
    Caret,
    /// A package revision (apk `-r2`).
    Revision(u64),
    /// A post-release marker (apk `_p1`): rank, number.
    Post(u8, u64),
    /// Text (rpm and Maven qualifiers, RubyGems pre-release words).
    Text(String),
    /// A letter right after a number (apk `1.2a`).
    Letter(char),
    /// A number.
    Num(u64),
}

/// A version's parts, always ending in one [`Part::End`]: so no key is a
/// prefix of another, and comparing the vectors compares versions (a
/// version that ends sorts against the other's next part as `End`).
/// Schemes that ignore trailing zeros (RubyGems, Maven, NuGet) drop them
/// before building the key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key(Vec<Part>);

impl Key {
    pub fn new(mut parts: Vec<Part>) -> Self {
        parts.push(Part::End);
        Key(parts)
    }
}

/// A run of digits as a number; very long runs (dates, hashes) saturate.
pub fn num(digits: &str) -> u64 {
    digits.parse().unwrap_or(u64::MAX)
}
