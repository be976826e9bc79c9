//! Image references: one parser (`ImageRef`, shared with the Dockerfile
//! parser's FROM) for Dockerfiles, Compose, Kubernetes and image tags.

pub use shipready_dockerfile::ImageRef;
