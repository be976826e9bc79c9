use crate::{Severity, Span};
use serde::Serialize;

/// One replacement of `span` by `replacement` in the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

impl Edit {
    pub fn insert(at: u32, text: impl Into<String>) -> Self {
        Edit {
            span: Span::empty_at(at),
            replacement: text.into(),
        }
    }

    pub fn replace(span: Span, text: impl Into<String>) -> Self {
        Edit {
            span,
            replacement: text.into(),
        }
    }
}

/// A repair for a finding. Only rules whose metadata says `FixKind::Safe`
/// produce fixes that `--fix` applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<Edit>,
}

/// Where an image finding sits inside the image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ImagePlace {
    /// Absolute path of the file in the image, when the finding is a file.
    pub path: Option<String>,
    /// 0-based index of the layer that holds it.
    pub layer: Option<usize>,
}

/// A problem found in one file. Findings are data, never errors.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span,
    /// What is wrong and why it matters in production.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// Set by image rules; boxed so Dockerfile findings stay small.
    pub image: Option<Box<ImagePlace>>,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            severity,
            span,
            message: message.into(),
            help: None,
            fix: None,
            image: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Places an image finding at a file and/or layer.
    pub fn in_image(mut self, path: Option<String>, layer: Option<usize>) -> Self {
        self.image = Some(Box::new(ImagePlace { path, layer }));
        self
    }

    pub fn with_fix(mut self, description: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix {
            description: description.into(),
            edits,
        });
        self
    }
}
