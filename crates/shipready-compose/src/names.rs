//! The file names `docker compose` looks for, in its order of preference,
//! and the names of their override and environment variants: one list for
//! the loader, discovery and project grouping.

/// Main files, as `docker compose` prefers them.
pub const MAIN_NAMES: &[&str] = &[
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];

/// Override files, loaded on top of the main file without `-f`.
pub const OVERRIDE_NAMES: &[&str] = &[
    "compose.override.yaml",
    "compose.override.yml",
    "docker-compose.override.yaml",
    "docker-compose.override.yml",
];

/// `compose.yaml`, `docker-compose.yml`, and their `compose.<x>.yaml`
/// override and environment variants (`compose.prod.yaml`).
pub fn is_compose_name(name: &str) -> bool {
    let Some(stem) = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
    else {
        return false;
    };
    stem == "compose"
        || stem == "docker-compose"
        || stem.starts_with("compose.")
        || stem.starts_with("docker-compose.")
}

pub fn is_main_name(name: &str) -> bool {
    MAIN_NAMES.contains(&name)
}

/// `compose.override.yaml` and the like (any `.override.` variant).
pub fn is_override_name(name: &str) -> bool {
    is_compose_name(name) && name.contains(".override.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compose_names() {
        for n in [
            "compose.yaml",
            "docker-compose.yml",
            "compose.prod.yaml",
            "docker-compose.override.yml",
        ] {
            assert!(is_compose_name(n), "{n}");
        }
        for n in [
            "composer.json",
            "compose.json",
            "my-compose.yml",
            "values.yaml",
        ] {
            assert!(!is_compose_name(n), "{n}");
        }
        assert!(is_override_name("compose.override.yml"));
        assert!(!is_override_name("compose.prod.yml"));
        assert!(is_main_name("docker-compose.yaml"));
    }
}
