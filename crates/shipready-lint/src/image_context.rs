use crate::Settings;
use shipready_image::{Analysis, Image};

/// What an image rule gets: the image as read (config, layers with their
/// entries and history) and the analysed final tree.
pub struct ImageContext<'a> {
    pub image: &'a Image,
    pub analysis: &'a Analysis,
    pub settings: &'a Settings,
}

impl<'a> ImageContext<'a> {
    /// The layer that put a final-tree path (no leading `/`) in place.
    pub fn layer_of(&self, path: &str) -> Option<usize> {
        self.analysis.files.get(path).map(|f| f.layer)
    }

    /// The tag part of the reference (`latest` for `app:latest`), `None`
    /// when the reference has no tag (a path, a digest, a bare ID).
    pub fn tag(&self) -> Option<&'a str> {
        reference_tag(&self.image.reference)
    }
}

/// `registry:5000/app:1.2` → `1.2`; a port in the registry is not a tag.
pub fn reference_tag(reference: &str) -> Option<&str> {
    let name = reference.split('@').next().unwrap_or(reference);
    let last = name.rsplit('/').next().unwrap_or(name);
    last.split_once(':').map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::reference_tag;

    #[test]
    fn tags() {
        assert_eq!(reference_tag("app:1.2"), Some("1.2"));
        assert_eq!(reference_tag("registry:5000/app"), None);
        assert_eq!(
            reference_tag("registry:5000/team/app:latest"),
            Some("latest")
        );
        assert_eq!(reference_tag("app@sha256:abc"), None);
    }
}
