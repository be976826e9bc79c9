//! Image references as every artefact writes them (`registry:5000/team/app:1.2@sha256:…`).

/// `registry:5000/app:1.2` → `1.2`; a port in the registry is not a tag,
/// and a reference by digest alone has none.
pub fn reference_tag(reference: &str) -> Option<&str> {
    let name = reference.split('@').next().unwrap_or(reference);
    let last = name.rsplit('/').next().unwrap_or(name);
    last.split_once(':').map(|(_, t)| t)
}

/// `registry:5000/shop/api:1.4` → `registry:5000/shop/api`.
pub fn repository(image: &str) -> &str {
    let name = image.split('@').next().unwrap_or(image);
    match name.rfind(':') {
        Some(i) if !name[i..].contains('/') => &name[..i],
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::{reference_tag, repository};

    #[test]
    fn tags_and_repositories() {
        assert_eq!(reference_tag("app:1.2"), Some("1.2"));
        assert_eq!(reference_tag("registry:5000/app"), None);
        assert_eq!(
            reference_tag("registry:5000/team/app:latest"),
            Some("latest")
        );
        assert_eq!(reference_tag("app@sha256:abc"), None);
        assert_eq!(
            repository("registry:5000/shop/api:1.4"),
            "registry:5000/shop/api"
        );
        assert_eq!(
            repository("registry:5000/shop/api"),
            "registry:5000/shop/api"
        );
        assert_eq!(repository("api@sha256:abc"), "api");
    }
}
