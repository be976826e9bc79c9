/// saphyr-parser's markers count characters; findings carry byte offsets.
/// ASCII text (nearly every manifest) maps one to one; other text gets a
/// table built once.
///
/// `base` is added to every offset, so the spans of several files can
/// share one number line (each file at its own base) and a span alone
/// says which file it is in.
pub(crate) struct Offsets {
    table: Option<Vec<u32>>,
    len: u32,
    base: u32,
}

impl Offsets {
    pub(crate) fn new(text: &str, base: u32) -> Self {
        let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
        if text.is_ascii() {
            return Offsets {
                table: None,
                len,
                base,
            };
        }
        let mut table: Vec<u32> = text
            .char_indices()
            .map(|(b, _)| u32::try_from(b).unwrap_or(u32::MAX))
            .collect();
        table.push(len);
        Offsets {
            table: Some(table),
            len,
            base,
        }
    }

    /// The byte offset of character `index`.
    pub(crate) fn byte(&self, index: usize) -> u32 {
        let local = match &self.table {
            None => u32::try_from(index).unwrap_or(u32::MAX).min(self.len),
            Some(t) => t.get(index).copied().unwrap_or(self.len),
        };
        self.base.saturating_add(local)
    }
}
