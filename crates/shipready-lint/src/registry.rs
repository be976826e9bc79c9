use crate::cross_context::{CrossContext, CrossFinding};
use crate::rules;
use crate::{ComposeContext, Context, ImageContext, KubeContext};
use shipready_diagnostics::{Finding, RuleMeta};

/// The function that checks one kind of artefact.
#[derive(Clone, Copy)]
pub enum Check {
    Dockerfile(fn(&Context<'_>, &mut Vec<Finding>)),
    Image(fn(&ImageContext<'_>, &mut Vec<Finding>)),
    Compose(fn(&ComposeContext<'_>, &mut Vec<Finding>)),
    Kube(fn(&KubeContext<'_>, &mut Vec<Finding>)),
    /// Across a Dockerfile, the Compose service and the Kubernetes
    /// containers of one image; findings name their file.
    Cross(fn(&CrossContext<'_>, &mut Vec<CrossFinding>)),
}

/// A rule: its metadata and the function that checks an artefact.
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
}

impl Rule {
    /// A finding of this rule at its default severity.
    pub fn finding(
        &'static self,
        span: shipready_diagnostics::Span,
        message: impl Into<String>,
    ) -> Finding {
        Finding::new(self.meta.id, self.meta.severity, span, message)
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
