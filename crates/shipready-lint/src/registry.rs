use crate::cross_context::CrossContext;
use crate::rules;
use crate::{ComposeContext, Context, ImageContext, KubeContext, PackagesContext};
use shipready_diagnostics::{Finding, ImagePlace, RuleMeta, Span};

/// The function that checks one kind of artefact. Each finds in the
/// coordinates its context shows it: a span of the Dockerfile, a span on
/// the Compose project's or the manifests' number line, a place in the
/// image; the engine that runs it turns them into `Location`s.
#[derive(Clone, Copy)]
pub enum Check {
    Dockerfile(fn(&Context<'_>, &mut Vec<Finding<Span>>)),
    Image(fn(&ImageContext<'_>, &mut Vec<Finding<ImagePlace>>)),
    Compose(fn(&ComposeContext<'_>, &mut Vec<Finding<Span>>)),
    Kube(fn(&KubeContext<'_>, &mut Vec<Finding<Span>>)),
    /// Across a Dockerfile, the Compose service and the Kubernetes
    /// containers of one image: several files, so findings are located.
    Cross(fn(&CrossContext<'_>, &mut Vec<Finding>)),
    /// The packages of an image or a tree and what the vulnerability
    /// database says of them: located at the package's file and line, or
    /// its place in the image.
    Packages(fn(&PackagesContext<'_>, &mut Vec<Finding>)),
}

/// A rule: its metadata and the function that checks an artefact.
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
}

impl Rule {
    /// A finding of this rule at its default severity, at a place in
    /// whatever coordinates the caller works in.
    pub fn finding<At>(&'static self, at: At, message: impl Into<String>) -> Finding<At> {
        Finding::new(&self.meta, at, message)
    }
}

/// Every rule, ordered by ID.
pub fn all_rules() -> &'static [&'static Rule] {
    rules::all()
}

/// Looks a rule up by our ID (`SR-D001`), its name, or an upstream
/// equivalent (`DL3008`, `DS002`, `CKV_DOCKER_8`, `CIS-DI-0001`).
pub fn find_rule(key: &str) -> Vec<&'static Rule> {
    let by_own: Vec<_> = all_rules()
        .iter()
        .copied()
        .filter(|r| r.meta.id.eq_ignore_ascii_case(key) || r.meta.name == key)
        .collect();
    if !by_own.is_empty() {
        return by_own;
    }
    all_rules()
        .iter()
        .copied()
        .filter(|r| {
            r.meta
                .equivalents
                .all()
                .any(|id| id.eq_ignore_ascii_case(key))
        })
        .collect()
}
