//! What a conversion is told besides the Compose project.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The namespace every object goes to; `None` takes the Compose
    /// project's name (as a DNS label).
    pub namespace: Option<String>,
    /// Where a service that builds its image pushes it: the image becomes
    /// `<registry>/<service>:<tag>`. Without it such a service is an error.
    pub registry: Option<String>,
    /// The tag of built images.
    pub tag: String,
    /// What the caller could read of the images the project names, by
    /// reference (the Engine's copy, read with the image walker).
    pub images: BTreeMap<String, ImageFacts>,
}

/// What the image itself says about who runs it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageFacts {
    /// The config's `User` (`""` when the image never set one: root).
    pub user: String,
    /// The final `/etc/passwd`, when the image has one.
    pub passwd: Option<String>,
    /// The final `/etc/group`, when the image has one.
    pub group: Option<String>,
    /// The config's exposed ports (`8080/tcp`).
    pub exposed_ports: Vec<String>,
}

impl ImageFacts {
    /// The UID of `name` in the image's `/etc/passwd`, and its primary GID.
    pub fn lookup(&self, name: &str) -> Option<(i64, i64)> {
        self.passwd.as_deref()?.lines().find_map(|line| {
            let mut f = line.split(':');
            let user = f.next()?;
            let _password = f.next()?;
            let uid = f.next()?.parse().ok()?;
            let gid = f.next()?.parse().ok()?;
            (user == name).then_some((uid, gid))
        })
    }

    /// The GID of group `name` in the image's `/etc/group`.
    pub fn group_id(&self, name: &str) -> Option<i64> {
        self.group.as_deref()?.lines().find_map(|line| {
            let mut f = line.split(':');
            let group = f.next()?;
            let _password = f.next()?;
            let gid = f.next()?.parse().ok()?;
            (group == name).then_some(gid)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn users_and_groups_are_read_from_the_images_files() {
        let facts = ImageFacts {
            user: "app".into(),
            passwd: Some(
                "root:x:0:0:root:/root:/bin/sh\napp:x:10001:10002::/home/app:/sbin/nologin\nbad:line\n"
                    .into(),
            ),
            group: Some("root:x:0:\nstaff:x:50:\n".into()),
            exposed_ports: Vec::new(),
        };
        assert_eq!(facts.lookup("app"), Some((10001, 10002)));
        assert_eq!(facts.lookup("root"), Some((0, 0)));
        assert_eq!(facts.lookup("bad"), None);
        assert_eq!(facts.lookup("nobody"), None);
        assert_eq!(facts.group_id("staff"), Some(50));
        assert_eq!(ImageFacts::default().lookup("app"), None);
    }
}
