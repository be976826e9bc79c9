use crate::engine::{apply_severities, run_enabled, sort_by_place};
use crate::{Check, Settings};
use shipready_compose::Project;
use shipready_diagnostics::Finding;
use shipready_yaml::{Mapping, Node};

/// What a Compose rule gets: the loaded, merged project (spans point into
/// its `sources`) and whether it is meant for production.
pub struct ComposeContext<'a> {
    pub project: &'a Project,
    pub settings: &'a Settings,
    /// A production file is part of the project (`compose.prod.yaml`,
    /// `docker-compose.production.yml`): rules about development
    /// conveniences (source bind mounts, `build:` without `image:`) apply.
    pub production: bool,
}

/// One service of the project.
pub struct Service<'a> {
    pub name: String,
    /// The service's key, where findings about the whole service point.
    pub key: &'a Node,
    pub node: &'a Node,
}

impl<'a> Service<'a> {
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.node.get(key)
    }

    /// The entry `key` and its value.
    pub fn entry(&self, key: &str) -> Option<(&'a Node, &'a Node)> {
        self.node.as_map().and_then(|m| m.entry(key))
    }
}

impl<'a> ComposeContext<'a> {
    pub fn services(&self) -> impl Iterator<Item = Service<'a>> + 'a {
        self.project.services().filter_map(|(k, v)| {
            Some(Service {
                name: k.key_text()?,
                key: k,
                node: v,
            })
        })
    }

    /// A top-level section (`volumes`, `secrets`, …).
    pub fn section(&self, name: &str) -> Option<&'a Mapping> {
        self.project.model.get(name).and_then(Node::as_map)
    }
}

/// Whether a file name marks a production file.
pub fn is_production_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower
        .split(['.', '-', '_'])
        .any(|part| part == "prod" || part == "production")
}

/// Runs the enabled Compose rules on a loaded project.
pub fn lint_compose(project: &Project, settings: &Settings) -> Vec<Finding> {
    let production = project.files.iter().any(|f| {
        f.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_production_name)
    });
    let ctx = ComposeContext {
        project,
        settings,
        production,
    };
    let mut findings = run_enabled(settings, &ctx, |c| match c {
        Check::Compose(f) => Some(f),
        _ => None,
    });
    apply_severities(settings, &mut findings);
    sort_by_place(&mut findings);
    findings
}

#[cfg(test)]
mod tests {
    use super::is_production_name;

    #[test]
    fn production_names() {
        assert!(is_production_name("compose.prod.yaml"));
        assert!(is_production_name("docker-compose.production.yml"));
        assert!(is_production_name("compose-prod.yml"));
        assert!(!is_production_name("compose.yaml"));
        assert!(!is_production_name("compose.products.yaml"));
    }
}
