//! Image references as every artefact writes them
//! (`registry:5000/team/app:1.2@sha256:…`): Dockerfile FROM lines, Compose
//! `image:`, Kubernetes containers, an image's own tags. One parser for
//! all of them.

/// An image reference `[registry/]repository[:tag][@digest]`, after ARG
/// substitution with the global ARG defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// As written.
    pub raw: String,
    /// After substitution.
    pub name: String,
    pub registry: Option<String>,
    pub repository: String,
    pub tag: Option<String>,
    pub digest: Option<String>,
    /// Variables in the reference with no default value.
    pub unresolved: Vec<String>,
}

impl ImageRef {
    pub fn parse(raw: &str, expanded: &str, unresolved: Vec<String>) -> ImageRef {
        let (rest, digest) = match expanded.split_once('@') {
            Some((r, d)) => (r, Some(d.to_string())),
            None => (expanded, None),
        };
        let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
        let (path, tag) = match rest[last_slash..].rfind(':') {
            Some(i) => (
                &rest[..last_slash + i],
                Some(rest[last_slash + i + 1..].to_string()),
            ),
            None => (rest, None),
        };
        let (registry, repository) = match path.split_once('/') {
            Some((first, tail))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (Some(first.to_string()), tail.to_string())
            }
            _ => (None, path.to_string()),
        };
        ImageRef {
            raw: raw.to_string(),
            name: expanded.to_string(),
            registry,
            repository,
            tag,
            digest,
            unresolved,
        }
    }

    /// A reference as Compose, Kubernetes or an image's tags write it:
    /// nothing to substitute.
    pub fn new(reference: &str) -> ImageRef {
        ImageRef::parse(reference, reference, Vec::new())
    }

    /// `registry:5000/shop/api` for `registry:5000/shop/api:1.4@sha256:…`:
    /// the name without tag and digest.
    pub fn full_repository(&self) -> String {
        match &self.registry {
            Some(r) => format!("{r}/{}", self.repository),
            None => self.repository.clone(),
        }
    }

    pub fn is_scratch(&self) -> bool {
        self.name.eq_ignore_ascii_case("scratch")
    }

    /// The last path component: `node` for `docker.io/library/node`.
    pub fn short_name(&self) -> &str {
        self.repository
            .rsplit('/')
            .next()
            .unwrap_or(&self.repository)
    }
}

#[cfg(test)]
mod tests {
    use super::ImageRef;

    #[test]
    fn tags_and_repositories() {
        assert_eq!(ImageRef::new("app:1.2").tag.as_deref(), Some("1.2"));
        assert_eq!(ImageRef::new("registry:5000/app").tag, None);
        assert_eq!(
            ImageRef::new("registry:5000/team/app:latest")
                .tag
                .as_deref(),
            Some("latest")
        );
        assert_eq!(ImageRef::new("app@sha256:abc").tag, None);
        assert_eq!(
            ImageRef::new("registry:5000/shop/api:1.4").full_repository(),
            "registry:5000/shop/api"
        );
        assert_eq!(
            ImageRef::new("registry:5000/shop/api").full_repository(),
            "registry:5000/shop/api"
        );
        assert_eq!(ImageRef::new("api@sha256:abc").full_repository(), "api");
        assert_eq!(
            ImageRef::new("docker.io/library/node:20").short_name(),
            "node"
        );
    }
}
