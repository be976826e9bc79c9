//! The image a container runs. A service with `image:` keeps it as it is
//! (the converter never invents a version). A service that only builds
//! has no image a cluster can pull: with `--registry R` it becomes
//! `R/<service>:<tag>`, the name CI must push; without, it is an error,
//! because a manifest naming a local build cannot run anywhere.

use shipready_lint::rules::common::images::ImageRef;
use shipready_yaml::Node;

/// How the image was decided, for the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub reference: String,
    /// The service builds this image (CI must push it before deploying).
    pub built: bool,
}

/// Whether a reference names a version: a tag other than `latest`, or a
/// digest (read with the one image-reference parser the rules use).
pub fn is_pinned(reference: &str) -> bool {
    let r = ImageRef::new(reference);
    r.digest.is_some() || r.tag.is_some_and(|t| t != "latest" && !t.is_empty())
}

/// The image's name without registry, path, tag and digest, lower-cased:
/// `docker.io/library/postgres:16` → `postgres`.
pub fn name(reference: &str) -> String {
    ImageRef::new(reference).short_name().to_ascii_lowercase()
}

pub fn of_service(
    svc: &Node,
    dns_name: &str,
    registry: Option<&str>,
    tag: &str,
) -> Result<Image, String> {
    if let Some(image) = svc
        .get("image")
        .and_then(Node::key_text)
        .filter(|s| !s.is_empty())
    {
        return Ok(Image {
            reference: image,
            built: false,
        });
    }
    if svc.get("build").is_none() {
        return Err("the service has neither `image:` nor `build:`".into());
    }
    match registry {
        Some(_) if tag.is_empty() => Err("the service builds its image and there is no tag for it: pass `--tag` (the version CI pushes; by default the repository's commit, and this is not a git checkout)".into()),
        Some(r) => Ok(Image {
            reference: format!("{}/{dns_name}:{tag}", r.trim_end_matches('/')),
            built: true,
        }),
        None => Err("the service builds its image and names none a cluster can pull: pass `--registry R` (the image becomes R/<service>:<tag>, which CI must push) or set `image:`".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_images_need_a_registry() {
        let built = crate::yaml("build: .\n");
        assert!(of_service(&built, "api", None, "v1")
            .unwrap_err()
            .contains("--registry"));
        assert_eq!(
            of_service(&built, "api", Some("registry.invalid/team/"), "v1").unwrap(),
            Image {
                reference: "registry.invalid/team/api:v1".into(),
                built: true
            }
        );
        let named = crate::yaml("image: nginx:1.27\nbuild: .\n");
        assert_eq!(
            of_service(&named, "web", None, "v1").unwrap().reference,
            "nginx:1.27"
        );
        assert!(of_service(&crate::yaml("restart: always\n"), "x", None, "v1").is_err());
        assert!(of_service(&built, "api", Some("r"), "")
            .unwrap_err()
            .contains("--tag"));
    }

    #[test]
    fn pinned_means_a_version_or_a_digest() {
        assert!(is_pinned("nginx:1.27"));
        assert!(is_pinned("localhost:5000/app@sha256:abc"));
        assert!(!is_pinned("nginx"));
        assert!(!is_pinned("nginx:latest"));
        assert!(!is_pinned("localhost:5000/app"));
        assert!(is_pinned("localhost:5000/app:2"));
    }
}
