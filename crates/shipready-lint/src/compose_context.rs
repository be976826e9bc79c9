use crate::engine::run_enabled;
use crate::{Check, ComposeUnit, DockerfileUnit, Settings};
use shipready_compose::Project;
use shipready_diagnostics::Finding;
use shipready_yaml::{Mapping, Node};

/// What a Compose rule gets: the loaded, merged project (spans point into
/// its `sources`), whether it is meant for production, and what its
/// services build.
pub struct ComposeContext<'a> {
    pub project: &'a Project,
    pub unit: &'a ComposeUnit,
    /// The run's Dockerfiles (those the project builds among them).
    pub dockerfiles: &'a [DockerfileUnit],
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

    /// The Dockerfile a service builds, when the run read it.
    pub fn built_dockerfile(&self, service: &str) -> Option<&'a DockerfileUnit> {
        let i = self.unit.build(service)?.unit?;
        self.dockerfiles.get(i)
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
pub fn lint_compose(
    unit: &ComposeUnit,
    dockerfiles: &[DockerfileUnit],
    settings: &Settings,
) -> Vec<Finding> {
    let ctx = ComposeContext {
        project: &unit.project,
        unit,
        dockerfiles,
        settings,
        production: unit.production,
    };
    run_enabled(settings, &ctx, |c| match c {
        Check::Compose(f) => Some(f),
        _ => None,
    })
    .into_iter()
    .filter_map(|f| {
        let at = unit.locate(f.at)?;
        Some(f.locate(|_| at))
    })
    .collect()
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
