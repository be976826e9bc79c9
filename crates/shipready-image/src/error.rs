use std::path::Path;

/// Why an image could not be read. Every variant names what was being
/// read, so the message stands on its own.
#[derive(Debug, thiserror::Error)]
pub enum ImageError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{what}: not a container image: {why}")]
    NotAnImage { what: String, why: String },
    #[error("{what}: {why}")]
    Invalid { what: String, why: String },
    #[error("{what}: digest mismatch: the manifest says {expected}, the content is {actual}")]
    DigestMismatch {
        what: String,
        expected: String,
        actual: String,
    },
    #[error("{what}: {blob} is missing from the image")]
    MissingBlob { what: String, blob: String },
    #[error("{what}: {why} (limit {limit}; a compression bomb or a corrupt layer)")]
    LimitExceeded {
        what: String,
        why: String,
        limit: u64,
    },
    #[error("cannot use the Docker Engine at {host}: {why}")]
    Engine { host: String, why: String },
    #[error("{what}: no image for platform {wanted}; it has {available}")]
    NoPlatform {
        what: String,
        wanted: String,
        available: String,
    },
}

impl ImageError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Self {
        ImageError::Io {
            path: path.display().to_string(),
            source,
        }
    }

    pub(crate) fn invalid(what: impl Into<String>, why: impl Into<String>) -> Self {
        ImageError::Invalid {
            what: what.into(),
            why: why.into(),
        }
    }
}
