use crate::{Location, RuleMeta, Severity, Span};
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

/// A repair for a finding: edits of the finding's own file. Only rules
/// whose metadata says `FixKind::Safe` produce fixes that `--fix` applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub description: String,
    pub edits: Vec<Edit>,
}

/// Another place a finding involves: the Dockerfile line a cross-file
/// finding compares against, the place in the image a finding traced to
/// its Dockerfile came from. SARIF's `relatedLocations`.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub at: Location,
    /// What is there ("the HEALTHCHECK", "in the image").
    pub note: String,
}

/// A problem found by a rule. Findings are data, never errors.
///
/// `At` says where, in the coordinates of whoever holds the finding: a
/// rule emits `Finding<Span>` (a span in the text its context shows it)
/// or `Finding<ImagePlace>` (a place in the image); the engine that ran
/// the rule turns it into a `Finding` (at a [`Location`]) with
/// [`Finding::locate`], so everything after the engines speaks of one
/// kind of place.
#[derive(Debug, Clone)]
pub struct Finding<At = Location> {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub at: At,
    /// What is wrong and why it matters in production.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
}

impl<At> Finding<At> {
    /// A finding of `rule` at its default severity.
    pub fn new(rule: &'static RuleMeta, at: At, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.severity,
            at,
            message: message.into(),
            help: None,
            fix: None,
            related: Vec::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, description: impl Into<String>, edits: Vec<Edit>) -> Self {
        self.fix = Some(Fix {
            description: description.into(),
            edits,
        });
        self
    }

    pub fn with_related(mut self, at: Location, note: impl Into<String>) -> Self {
        self.related.push(Related {
            at,
            note: note.into(),
        });
        self
    }

    /// The same finding at another kind of place.
    pub fn locate<B>(self, f: impl FnOnce(At) -> B) -> Finding<B> {
        Finding {
            rule: self.rule,
            severity: self.severity,
            at: f(self.at),
            message: self.message,
            help: self.help,
            fix: self.fix,
            related: self.related,
        }
    }

    /// The rule's ID (`SR-D001`).
    pub fn id(&self) -> &'static str {
        self.rule.id
    }
}
