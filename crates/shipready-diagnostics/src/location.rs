use crate::Span;
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use crate::{LineCol, LineIndex};

/// A file (or image) of a run: an index into its [`FileTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FileId(u32);

impl FileId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What an input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileKind {
    Dockerfile,
    Compose,
    Manifest,
    /// A built image: it has no text; findings in it are
    /// [`Location::Image`].
    Image,
    /// `shipready.toml` or `.hadolint.yaml`: findings about stale
    /// suppressions in it point here.
    Config,
    /// A lockfile or package manifest (`package-lock.json`,
    /// `requirements.txt`): vulnerable packages point at their line.
    Lockfile,
}

/// One input of a run, with its text when it has one.
#[derive(Debug)]
pub struct SourceFile {
    /// As the user named it (relative paths stay relative), or the image
    /// reference.
    pub name: String,
    /// Where it is on disk (absolute), when it is a file.
    pub path: Option<PathBuf>,
    pub kind: FileKind,
    /// Shared with the parse that keeps its own reference (a Dockerfile's
    /// `source`), so a run holds each text once.
    pub text: Arc<str>,
    /// Part of what the run checks (counted, its findings reported). A
    /// Dockerfile that a Compose file builds is read for the cross-file
    /// checks even when only the Compose file was named; it is not checked.
    pub checked: bool,
    lines: OnceLock<LineIndex>,
}

impl SourceFile {
    pub fn new(
        name: String,
        path: Option<PathBuf>,
        kind: FileKind,
        text: impl Into<Arc<str>>,
    ) -> Self {
        SourceFile {
            name,
            path,
            kind,
            text: text.into(),
            checked: true,
            lines: OnceLock::new(),
        }
    }

    /// Replaces the text (after `--fix`), and the line starts with it.
    pub fn set_text(&mut self, text: impl Into<Arc<str>>) {
        self.text = text.into();
        self.lines = OnceLock::new();
    }

    /// Line starts, computed on first use (most files have no finding).
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// 1-based line and column of a byte offset.
    pub fn line_col(&self, offset: u32) -> LineCol {
        self.lines().line_col(&self.text, offset)
    }

    /// `name:line` of a span's start, for messages that name another
    /// file's line.
    pub fn at(&self, span: Span) -> String {
        format!("{}:{}", self.name, self.line_col(span.start).line)
    }
}

/// Every input of a run, each with a [`FileId`].
#[derive(Debug, Default)]
pub struct FileTable {
    files: Vec<SourceFile>,
    /// The first file at each path: a Compose file's sources are looked up
    /// by path, and a scan per lookup made big repositories quadratic.
    by_path: HashMap<PathBuf, FileId>,
}

impl FileTable {
    pub fn add(&mut self, file: SourceFile) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        if let Some(p) = &file.path {
            self.by_path.entry(p.clone()).or_insert(id);
        }
        self.files.push(file);
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.index()]
    }

    pub fn get_mut(&mut self, id: FileId) -> &mut SourceFile {
        &mut self.files[id.index()]
    }

    /// The file at an absolute path, when the run has read it.
    pub fn by_path(&self, path: &Path) -> Option<FileId> {
        self.by_path.get(path).copied()
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A value of the image's configuration a finding is about; it says which
/// Dockerfile instruction set it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "key", content = "value", rename_all = "snake_case")]
pub enum ConfigKey {
    User,
    Healthcheck,
    ExposedPort(u16),
    /// An environment variable, by name (never its value).
    Env(String),
    Label(String),
    /// The image's reference or tag (set when it was built or tagged, not
    /// by the Dockerfile).
    Tag,
    /// The base image: the final stage's FROM.
    Base,
}

/// Where in an image a finding is.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ImagePlace {
    /// 0-based index of the layer that holds it.
    pub layer: Option<usize>,
    /// Absolute path of the file in the image.
    pub path: Option<String>,
    pub config: Option<ConfigKey>,
}

impl ImagePlace {
    /// The image as a whole.
    pub fn image() -> Self {
        ImagePlace::default()
    }

    /// A file, in the layer that holds it.
    pub fn file(path: impl Into<String>, layer: Option<usize>) -> Self {
        ImagePlace {
            layer,
            path: Some(path.into()),
            config: None,
        }
    }

    pub fn layer(layer: usize) -> Self {
        ImagePlace {
            layer: Some(layer),
            ..ImagePlace::default()
        }
    }

    pub fn config(key: ConfigKey) -> Self {
        ImagePlace {
            config: Some(key),
            ..ImagePlace::default()
        }
    }

    /// `layer 3 › /etc/app/.env`, `config Env(API_KEY)`: for output
    /// without code frames. Empty for the image as a whole.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(l) = self.layer {
            parts.push(format!("layer {}", l + 1));
        }
        if let Some(p) = &self.path {
            parts.push(p.clone());
        }
        if let Some(c) = &self.config {
            parts.push(match c {
                ConfigKey::User => "config User".to_string(),
                ConfigKey::Healthcheck => "config Healthcheck".to_string(),
                ConfigKey::ExposedPort(p) => format!("config ExposedPorts {p}"),
                ConfigKey::Env(k) => format!("config Env {k}"),
                ConfigKey::Label(k) => format!("config Labels {k}"),
                ConfigKey::Tag => "reference".to_string(),
                ConfigKey::Base => "base image".to_string(),
            });
        }
        parts.join(" › ")
    }
}

/// Where a finding is: a span of a text file, or a place in an image.
#[derive(Debug, Clone, PartialEq)]
pub enum Location {
    Text {
        file: FileId,
        span: Span,
    },
    Image {
        image: FileId,
        place: Box<ImagePlace>,
    },
}

const _: () = assert!(std::mem::size_of::<Location>() <= 16);

impl Location {
    pub fn text(file: FileId, span: Span) -> Self {
        Location::Text { file, span }
    }

    pub fn image(image: FileId, place: ImagePlace) -> Self {
        Location::Image {
            image,
            place: Box::new(place),
        }
    }

    /// The file or image it is in.
    pub fn file(&self) -> FileId {
        match self {
            Location::Text { file, .. } => *file,
            Location::Image { image, .. } => *image,
        }
    }

    /// The span, for a text location.
    pub fn span(&self) -> Option<Span> {
        match self {
            Location::Text { span, .. } => Some(*span),
            Location::Image { .. } => None,
        }
    }

    /// The place in the image, for an image location.
    pub fn image_place(&self) -> Option<&ImagePlace> {
        match self {
            Location::Image { place, .. } => Some(place),
            Location::Text { .. } => None,
        }
    }
}
