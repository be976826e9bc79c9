//! Knowledge rules of several kinds share, one home for each fact: what a
//! secret looks like, who is root, image references, where a Kubernetes
//! security setting is read from.

pub mod images;
pub mod secrets;
pub mod security_context;
pub mod users;
