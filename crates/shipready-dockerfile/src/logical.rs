use shipready_diagnostics::Span;

/// One instruction's text with continuations joined, as BuildKit sees it,
/// plus the map back to byte offsets in the file.
///
/// BuildKit removes the escape token at line ends, skips comment lines and
/// blank lines inside a continuation and concatenates the rest. Each piece
/// is a contiguous copy of the source, so a sorted list of
/// `(logical offset, source offset)` pairs maps any position back exactly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LogicalLine {
    pub text: String,
    segments: Vec<(u32, u32)>,
}

impl LogicalLine {
    pub(crate) fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.segments.shrink_to_fit();
    }

    pub(crate) fn push(&mut self, piece: &str, source_offset: usize) {
        if piece.is_empty() {
            return;
        }
        let logical = u32::try_from(self.text.len()).unwrap_or(u32::MAX);
        self.segments
            .push((logical, u32::try_from(source_offset).unwrap_or(u32::MAX)));
        self.text.push_str(piece);
    }

    /// Source offset of logical offset `at`. Offsets at a piece boundary map
    /// to the start of the next piece, except the very end.
    pub fn to_source(&self, at: usize) -> u32 {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        let idx = match self.segments.binary_search_by(|(l, _)| l.cmp(&at)) {
            Ok(i) => i,
            Err(0) => return self.segments.first().map_or(0, |s| s.1),
            Err(i) => i - 1,
        };
        let (l, s) = self.segments[idx];
        s + (at - l)
    }

    /// Source span of the logical range `[start, end)`. The end is mapped
    /// from the last byte inside the range so it never jumps to the next
    /// line's piece.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.to_source(start);
        let e = if end > start {
            self.to_source(end - 1) + 1
        } else {
            s
        };
        Span::new(s, e.max(s))
    }
}

impl LogicalLine {
    /// The part from logical offset `from` on, still mapped to the source
    /// (used for ONBUILD's inner instruction).
    pub(crate) fn tail(&self, from: usize) -> LogicalLine {
        let mut out = LogicalLine::default();
        let from = from.min(self.text.len());
        for (idx, &(l, s)) in self.segments.iter().enumerate() {
            let seg_end = self
                .segments
                .get(idx + 1)
                .map_or(self.text.len(), |n| n.0 as usize);
            let l = l as usize;
            if seg_end <= from {
                continue;
            }
            let start = l.max(from);
            if let Some(piece) = self.text.get(start..seg_end) {
                out.push(piece, s as usize + (start - l));
            }
        }
        out
    }
}
