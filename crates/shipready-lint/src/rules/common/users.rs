//! Who a process runs as: a Dockerfile USER, an image's config, Compose
//! `user:`, all written `user[:group]`.

/// Whether a `user[:group]` names root (`root`, `0`); the group does not
/// matter. Dockerfile USER, an image's config, Compose `user:` all use it.
pub fn names_root(user: &str) -> bool {
    let name = user.split(':').next().unwrap_or("").trim();
    name == "root" || name == "0"
}

/// Whether a Dockerfile USER leaves the process as root: absent, empty,
/// `root` or `0`.
pub fn is_root_user(user: Option<&str>) -> bool {
    user.is_none_or(|u| u.split(':').next().unwrap_or("").trim().is_empty() || names_root(u))
}
