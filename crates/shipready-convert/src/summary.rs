//! What a conversion says about itself: every problem with the service
//! and the place in the Compose file it comes from, and what was mapped,
//! defaulted and dropped, so a reviewer reads the differences instead of
//! diffing the manifests against the Compose file by eye.

use serde::Serialize;
use shipready_diagnostics::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The project cannot be converted as it is; nothing is written.
    Error,
    /// Converted, but a reviewer must look: something changed meaning,
    /// was copied into the manifests, or was left out.
    Warning,
}

/// One problem, at its service and place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub level: Level,
    /// The Compose service, when the problem is one service's.
    pub service: Option<String>,
    /// Where in the project's sources (the caller turns it into a file
    /// and line).
    #[serde(skip)]
    pub span: Option<Span>,
    /// The Compose file and 1-based line of `span`.
    pub file: Option<String>,
    pub line: Option<u32>,
    pub message: String,
}

/// What became of one Compose item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub service: String,
    /// `port 8080/tcp`, `env DATABASE_URL`, `volume pgdata`, `healthcheck`, …
    pub item: String,
    /// Where it went, or why it is absent.
    pub detail: String,
}

/// One service as it came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceOutcome {
    pub compose: String,
    /// Its DNS name in the cluster.
    pub name: String,
    /// Deployment, StatefulSet, …
    pub workload: String,
    /// `Kind/name` of every object made for it.
    pub objects: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub project: String,
    pub namespace: String,
    pub services: Vec<ServiceOutcome>,
    pub mapped: Vec<Entry>,
    pub defaulted: Vec<Entry>,
    pub dropped: Vec<Entry>,
    pub issues: Vec<Issue>,
}

impl Summary {
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.level == Level::Error)
    }

    pub(crate) fn error(&mut self, service: Option<&str>, span: Option<Span>, message: String) {
        self.issue(Level::Error, service, span, message);
    }

    pub(crate) fn warn(&mut self, service: Option<&str>, span: Option<Span>, message: String) {
        self.issue(Level::Warning, service, span, message);
    }

    fn issue(&mut self, level: Level, service: Option<&str>, span: Option<Span>, message: String) {
        self.issues.push(Issue {
            level,
            service: service.map(str::to_string),
            span,
            file: None,
            line: None,
            message,
        });
    }

    pub(crate) fn mapped(
        &mut self,
        service: &str,
        item: impl Into<String>,
        detail: impl Into<String>,
    ) {
        self.mapped.push(entry(service, item, detail));
    }

    pub(crate) fn defaulted(
        &mut self,
        service: &str,
        item: impl Into<String>,
        detail: impl Into<String>,
    ) {
        self.defaulted.push(entry(service, item, detail));
    }

    pub(crate) fn dropped(
        &mut self,
        service: &str,
        item: impl Into<String>,
        detail: impl Into<String>,
    ) {
        self.dropped.push(entry(service, item, detail));
    }
}

fn entry(service: &str, item: impl Into<String>, detail: impl Into<String>) -> Entry {
    Entry {
        service: service.to_string(),
        item: item.into(),
        detail: detail.into(),
    }
}
