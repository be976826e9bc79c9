use shipready_diagnostics::Span;
use std::path::{Path, PathBuf};

/// A file the loader read.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    /// As the user named it, for messages.
    pub name: String,
    pub text: String,
    /// Where this file's offsets start on the shared number line.
    pub base: u32,
}

/// Every file of a project on one number line: file `i` occupies
/// `[base_i, base_i + len_i]`, with a gap of one after each so an empty
/// file still owns an offset.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub files: Vec<Source>,
}

impl Sources {
    /// Adds a file and returns its base.
    pub fn add(&mut self, path: &Path, name: String, text: String) -> u32 {
        let base = self
            .files
            .last()
            .map_or(0, |s| s.base + s.text.len() as u32 + 1);
        self.files.push(Source {
            path: path.to_path_buf(),
            name,
            text,
            base,
        });
        base
    }

    /// The file a global span is in, and the span local to its text.
    pub fn locate(&self, span: Span) -> Option<(&Source, Span)> {
        let (i, local) = self.locate_index(span)?;
        Some((&self.files[i], local))
    }

    /// The index of the file a global span is in, and the span local to
    /// its text.
    pub fn locate_index(&self, span: Span) -> Option<(usize, Span)> {
        let i = self
            .files
            .partition_point(|s| s.base <= span.start)
            .checked_sub(1)?;
        let s = &self.files[i];
        Some((
            i,
            Span::new(span.start - s.base, span.end.saturating_sub(s.base)),
        ))
    }

    pub fn by_path(&self, path: &Path) -> Option<&Source> {
        self.files.iter().find(|s| s.path == path)
    }
}
