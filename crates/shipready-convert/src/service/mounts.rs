//! A pod's volumes: named volumes as claims (templates for a
//! StatefulSet), tmpfs and anonymous volumes as emptyDirs, single-file
//! binds as a ConfigMap, directory binds dropped with the reason, Compose
//! `secrets:` and `configs:` as mounted keys, and an emptyDir wherever the
//! image must write under a read-only root filesystem.

use super::Svc;
use crate::files::{self, Data, Definition};
use crate::kind;
use crate::object::{meta, Object};
use crate::storage;
use crate::summary::Summary;
use crate::volumes::Mount;
use k8s_openapi::api::core::v1::{
    ConfigMap, ConfigMapVolumeSource, EmptyDirVolumeSource, KeyToPath,
    PersistentVolumeClaimVolumeSource, Secret, SecretVolumeSource, Volume, VolumeMount,
};
use k8s_openapi::ByteString;
use shipready_yaml::Node;
use std::collections::BTreeMap;

/// Directories well-known images write to at run time: with a read-only
/// root filesystem each gets an emptyDir, or the image would not start.
const WRITABLE: &[(&str, &[&str])] = &[
    ("nginx", &["/var/cache/nginx", "/var/run"]),
    ("httpd", &["/usr/local/apache2/logs"]),
    ("postgres", &["/var/run/postgresql"]),
    ("postgis", &["/var/run/postgresql"]),
    ("mysql", &["/var/run/mysqld"]),
    ("mariadb", &["/run/mysqld"]),
    ("redis", &["/data"]),
    ("mongo", &["/data/db", "/data/configdb"]),
    ("rabbitmq", &["/var/lib/rabbitmq"]),
];

/// The volumes and mounts of a pod as they accumulate, with the
/// objects they need.
#[derive(Default)]
pub(super) struct Storage {
    pub volumes: Vec<Volume>,
    pub mounts: Vec<VolumeMount>,
    /// Claims a StatefulSet makes per replica.
    pub templates: Vec<(String, storage::Volume)>,
    /// A claim a Deployment shares: it must not surge onto another node.
    pub has_claim: bool,
    /// ConfigMap data of single-file bind mounts.
    file_data: BTreeMap<String, String>,
    file_binary: BTreeMap<String, ByteString>,
}

impl Storage {
    fn mount(&mut self, volume: &str, target: &str, sub_path: Option<String>, read_only: bool) {
        self.mounts.push(VolumeMount {
            name: volume.to_string(),
            mount_path: target.to_string(),
            sub_path,
            read_only: read_only.then_some(true),
            ..VolumeMount::default()
        });
    }

    fn empty_dir(&mut self, name: &str, target: &str, memory: bool, size: Option<u64>) {
        self.volumes.push(Volume {
            name: name.to_string(),
            empty_dir: Some(EmptyDirVolumeSource {
                medium: memory.then(|| "Memory".to_string()),
                size_limit: size.map(crate::resources::memory_quantity),
            }),
            ..Volume::default()
        });
        self.mount(name, target, None, false);
    }

    fn has_target(&self, target: &str) -> bool {
        self.mounts.iter().any(|m| m.mount_path == target)
    }
}

/// A volume name in the pod: a DNS label from `prefix-name`.
fn volume_name(prefix: &str, name: &str) -> String {
    crate::names::label(&format!("{prefix}-{name}")).map_or_else(|| prefix.to_string(), |l| l.name)
}

pub(super) fn build(
    s: &Svc<'_>,
    kind: &kind::Kind,
    image: &str,
    summary: &mut Summary,
) -> (Storage, Vec<Object>) {
    let (ctx, svc, compose, name) = (s.ctx, s.node, s.compose, s.name.as_str());
    let ns = ctx.namespace.as_str();
    let part_of = ctx.part_of.as_str();
    let mut objects = Vec::new();
    // Volumes.
    let mut st = Storage::default();
    let (mounts, volume_errors) = crate::volumes::from_service(svc);
    for (e, span) in volume_errors {
        s.fail(summary, Some(span), e);
    }
    let top_volumes = ctx.project.model.get("volumes");
    let mut seen_targets: Vec<String> = Vec::new();
    let mut anon = 0;
    let mut tmpfs_n = 0;
    for (mount, at) in mounts {
        let target = match &mount {
            Mount::Named { target, .. }
            | Mount::Tmpfs { target, .. }
            | Mount::BindFile { target, .. }
            | Mount::BindDir { target, .. }
            | Mount::Anonymous { target } => target.trim_end_matches('/').to_string(),
        };
        let target = if target.is_empty() {
            "/".to_string()
        } else {
            target
        };
        if seen_targets.contains(&target) {
            s.fail(
                summary,
                Some(at),
                format!(
                    "two volumes are mounted at `{target}`: the pod would be refused; keep one"
                ),
            );
            continue;
        }
        seen_targets.push(target.clone());
        match mount {
            Mount::Named {
                volume, read_only, ..
            } => {
                let dns =
                    crate::names::label(&volume).map_or_else(|| "data".to_string(), |l| l.name);
                let v = match storage::volume(top_volumes, &volume, &dns) {
                    Ok(v) => v,
                    Err(e) => {
                        s.fail(
                            summary,
                            top_volumes
                                .and_then(|t| t.get(&volume))
                                .map(|n| n.span)
                                .or(Some(at)),
                            e,
                        );
                        continue;
                    }
                };
                if v.size_defaulted && !v.external {
                    summary.defaulted(compose, format!("volume {volume}"), format!("{} from the cluster's default storage class (label shipready.dev/size sets it)", storage::DEFAULT_SIZE));
                }
                let vol_name = volume_name("data", &dns);
                if matches!(kind, kind::Kind::StatefulSet) && !v.external {
                    summary.mapped(
                        compose,
                        format!("volume {volume}"),
                        format!("volumeClaimTemplate {vol_name}, one claim per replica"),
                    );
                    st.templates.push((vol_name.clone(), v));
                } else {
                    summary.mapped(
                        compose,
                        format!("volume {volume}"),
                        format!("PersistentVolumeClaim {}", v.claim),
                    );
                    st.has_claim = true;
                    st.volumes.push(Volume {
                        name: vol_name.clone(),
                        persistent_volume_claim: Some(PersistentVolumeClaimVolumeSource {
                            claim_name: v.claim.clone(),
                            read_only: read_only.then_some(true),
                        }),
                        ..Volume::default()
                    });
                    if !v.external {
                        let pm = meta(&v.claim, ns, part_of, None);
                        objects.push(Object::of(&v.claim, &storage::claim(&v, pm)));
                    }
                }
                st.mount(&vol_name, &target, None, read_only);
            }
            Mount::Tmpfs { size, .. } => {
                tmpfs_n += 1;
                summary.mapped(
                    compose,
                    format!("tmpfs {target}"),
                    "emptyDir (medium Memory)",
                );
                st.empty_dir(&format!("tmpfs-{tmpfs_n}"), &target, true, size);
            }
            Mount::Anonymous { .. } => {
                anon += 1;
                summary.mapped(
                    compose,
                    format!("volume {target}"),
                    "emptyDir (an anonymous volume lives as long as the pod)",
                );
                st.empty_dir(&format!("scratch-{anon}"), &target, false, None);
            }
            Mount::BindDir { source, why, .. } => {
                summary.warn(Some(compose), Some(at), format!("bind mount `{source}` → `{target}` is dropped: {why}; bake the files into the image"));
                summary.dropped(compose, format!("volume {source}:{target}"), why);
            }
            Mount::BindFile {
                source, read_only, ..
            } => match files::read(std::path::Path::new(&source)) {
                Err(e) => {
                    summary.warn(
                        Some(compose),
                        Some(at),
                        format!("bind mount `{source}` is dropped: {e}"),
                    );
                    summary.dropped(compose, format!("volume {source}:{target}"), e);
                }
                Ok(data) => {
                    let mut k = files::key(&source);
                    let mut n = 1;
                    while st.file_data.contains_key(&k) || st.file_binary.contains_key(&k) {
                        n += 1;
                        k = format!("{}-{n}", files::key(&source));
                    }
                    data.insert(k.clone(), &mut st.file_data, &mut st.file_binary);
                    summary.warn(Some(compose), Some(at), format!("bind mount of the file `{source}` is copied into ConfigMap `{name}-files` (key {k}), mounted read-only at `{target}`{}", if read_only { "" } else { "; the container can no longer write it" }));
                    summary.mapped(
                        compose,
                        format!("volume {source}:{target}"),
                        format!("ConfigMap {name}-files key {k}"),
                    );
                    st.mount("files", &target, Some(k), true);
                }
            },
        }
    }
    if !st.file_data.is_empty() || !st.file_binary.is_empty() {
        st.volumes.push(Volume {
            name: "files".into(),
            config_map: Some(ConfigMapVolumeSource {
                name: format!("{name}-files"),
                ..ConfigMapVolumeSource::default()
            }),
            ..Volume::default()
        });
        objects.push(Object::of(
            &format!("{name}-files"),
            &ConfigMap {
                metadata: s.meta(&format!("{name}-files")),
                data: (!st.file_data.is_empty()).then(|| std::mem::take(&mut st.file_data)),
                binary_data: (!st.file_binary.is_empty())
                    .then(|| std::mem::take(&mut st.file_binary)),
                ..ConfigMap::default()
            },
        ));
    }

    // Compose secrets and configs.
    for (key, what) in [("secrets", "secret"), ("configs", "config")] {
        let top = ctx.project.model.get(key);
        for r in files::references(svc, key) {
            if seen_targets.contains(&r.target) {
                s.fail(
                    summary,
                    Some(r.span),
                    format!(
                        "{what} `{}` is mounted at `{}`, where a volume already is",
                        r.source, r.target
                    ),
                );
                continue;
            }
            seen_targets.push(r.target.clone());
            let dns = crate::names::label(&r.source).map_or_else(|| what.to_string(), |l| l.name);
            let data_key = files::key(&r.source);
            let def = match files::definition(top, &r.source, &ctx.project.dir, what) {
                Ok(d) => d,
                Err(e) => {
                    s.fail(summary, Some(r.span), e);
                    continue;
                }
            };
            let object_kind = if what == "secret" {
                "Secret"
            } else {
                "ConfigMap"
            };
            let object_name = match &def {
                Definition::External(n) => n.clone(),
                _ => format!("{}-{dns}", ctx.part_of),
            };
            let data = match def {
                Definition::External(ref n) => {
                    summary.mapped(
                        compose,
                        format!("{what} {}", r.source),
                        format!(
                            "the existing {} `{n}` (key {data_key}), not created here",
                            object_kind
                        ),
                    );
                    None
                }
                // A secret file that is not here is usually kept out of
                // the repository on purpose: the manifests reference the
                // Secret, and it is created in the cluster.
                Definition::File(ref p)
                    if what == "secret" && !std::path::Path::new(p).exists() =>
                {
                    summary.warn(Some(compose), Some(r.span), format!("secret `{}`: `{p}` is not here, so Secret `{object_name}` is referenced, not created; create it in the cluster: kubectl create secret generic {object_name} -n {ns} --from-file={data_key}=<file>", r.source));
                    None
                }
                Definition::File(ref p) => match files::read(std::path::Path::new(p)) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        s.fail(summary, Some(r.span), format!("{what} `{}`: {e}", r.source));
                        continue;
                    }
                },
                Definition::Content(ref c) => Some(Data::Text(c.clone())),
                Definition::Environment(ref var) => match ctx.project.environment.get(var) {
                    Some(v) => Some(Data::Text(v.clone())),
                    None => {
                        s.fail(
                            summary,
                            Some(r.span),
                            format!("{what} `{}` reads ${var}, which is not set", r.source),
                        );
                        continue;
                    }
                },
            };
            let vol = volume_name(what, &dns);
            let items = Some(vec![KeyToPath {
                key: data_key.clone(),
                path: data_key.clone(),
                mode: r.mode,
            }]);
            if what == "secret" {
                st.volumes.push(Volume {
                    name: vol.clone(),
                    secret: Some(SecretVolumeSource {
                        secret_name: Some(object_name.clone()),
                        items,
                        ..SecretVolumeSource::default()
                    }),
                    ..Volume::default()
                });
            } else {
                st.volumes.push(Volume {
                    name: vol.clone(),
                    config_map: Some(ConfigMapVolumeSource {
                        name: object_name.clone(),
                        items,
                        ..ConfigMapVolumeSource::default()
                    }),
                    ..Volume::default()
                });
            }
            st.mount(&vol, &r.target, Some(data_key.clone()), true);
            if let Some(d) = data {
                summary.mapped(
                    compose,
                    format!("{what} {}", r.source),
                    format!("{} {object_name}, mounted at {}", object_kind, r.target),
                );
                if what == "secret" {
                    summary.warn(Some(compose), Some(r.span), format!("secret `{}` is copied into Secret `{object_name}`: it is plaintext in the manifests until it moves to a secret manager (or mark it `external: true` and create it in the cluster)", r.source));
                    objects.push(Object::of(
                        &object_name,
                        &Secret {
                            metadata: meta(&object_name, ns, part_of, None),
                            type_: Some("Opaque".into()),
                            data: Some(BTreeMap::from([(data_key, ByteString(d.into_bytes()))])),
                            ..Secret::default()
                        },
                    ));
                } else {
                    let mut data = BTreeMap::new();
                    let mut binary = BTreeMap::new();
                    d.insert(data_key, &mut data, &mut binary);
                    objects.push(Object::of(
                        &object_name,
                        &ConfigMap {
                            metadata: meta(&object_name, ns, part_of, None),
                            data: (!data.is_empty()).then_some(data),
                            binary_data: (!binary.is_empty()).then_some(binary),
                            ..ConfigMap::default()
                        },
                    ));
                }
            }
        }
    }

    // A read-only root filesystem: the writable places get emptyDirs.
    if !st.has_target("/tmp") {
        st.empty_dir("tmp", "/tmp", false, None);
        summary.defaulted(
            compose,
            "/tmp",
            "emptyDir: the root filesystem is read-only",
        );
    }
    let image_name = crate::image::name(image);
    let writable = WRITABLE
        .iter()
        .find(|(img, _)| *img == image_name)
        .map_or(&[][..], |(_, dirs)| *dirs);
    for (i, dir) in writable.iter().enumerate() {
        if !st.has_target(dir) {
            st.empty_dir(&format!("writable-{}", i + 1), dir, false, None);
            summary.defaulted(
                compose,
                dir.to_string(),
                format!(
                    "emptyDir: `{}` writes there and the root filesystem is read-only",
                    image_name
                ),
            );
        }
    }
    if let Some(shm) = svc.get("shm_size").and_then(Node::key_text) {
        let bytes = shipready_compose::config::bytes(&shm);
        if !st.has_target("/dev/shm") {
            st.empty_dir("shm", "/dev/shm", true, bytes);
            summary.mapped(compose, "shm_size", "emptyDir (medium Memory) at /dev/shm");
        }
    }

    (st, objects)
}
