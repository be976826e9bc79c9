use crate::Settings;
use shipready_image::{Analysis, Image};

/// What an image rule gets: the image as read (config, layers with their
/// entries and history) and the analysed final tree.
pub struct ImageContext<'a> {
    pub image: &'a Image,
    pub analysis: &'a Analysis,
    pub settings: &'a Settings,
}

impl ImageContext<'_> {
    /// The layer that put a final-tree path (no leading `/`) in place.
    pub fn layer_of(&self, path: &str) -> Option<usize> {
        self.analysis.files.get(path).map(|f| f.layer)
    }
}
