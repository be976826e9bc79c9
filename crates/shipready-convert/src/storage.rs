//! Named volumes as PersistentVolumeClaims. Size and storage class come
//! from the top-level volume's labels (`shipready.dev/size`,
//! `shipready.dev/storage-class`, or kompose's `kompose.volume.size` and
//! `kompose.volume.storage-class-name`); without them a claim asks for
//! [`DEFAULT_SIZE`] from the cluster's default class, and the summary
//! says so. Access is ReadWriteOnce, the one mode every provisioner has.
//! An `external` volume already exists: its claim is referenced by name,
//! never created.

use k8s_openapi::api::core::v1::{
    PersistentVolumeClaim, PersistentVolumeClaimSpec, VolumeResourceRequirements,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use shipready_yaml::Node;
use std::collections::BTreeMap;

/// What a claim asks for when the volume says nothing.
pub const DEFAULT_SIZE: &str = "1Gi";

/// A top-level volume, as the converter needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Volume {
    /// The claim's name.
    pub claim: String,
    /// Created elsewhere (`external: true`): only referenced.
    pub external: bool,
    pub size: String,
    pub size_defaulted: bool,
    pub storage_class: Option<String>,
}

fn label(v: Option<&Node>, keys: &[&str]) -> Option<String> {
    let labels = v?.get("labels")?;
    keys.iter()
        .find_map(|k| labels.get(k).and_then(Node::key_text))
        .filter(|s| !s.is_empty())
}

/// The volume `name` of the project's top-level `volumes:`; `dns` is the
/// name as a DNS label.
pub fn volume(top: Option<&Node>, name: &str, dns: &str) -> Result<Volume, String> {
    let v = top.and_then(|t| t.get(name));
    if v.is_none() {
        return Err(format!("volume `{name}` is not declared under the top-level `volumes:` (docker compose refuses it too)"));
    }
    let external = v
        .and_then(|v| v.get("external"))
        .and_then(Node::key_text)
        .as_deref()
        == Some("true");
    let claim = if external {
        v.and_then(|v| v.get("name"))
            .and_then(Node::key_text)
            .unwrap_or_else(|| name.to_string())
    } else {
        dns.to_string()
    };
    let size = match label(v, &["shipready.dev/size", "kompose.volume.size"]) {
        // The API server refuses a malformed quantity; say it here, at
        // the volume, instead.
        Some(s) => Some(quantity(&s).ok_or_else(|| {
            format!("volume `{name}`: size `{s}` is not a quantity (1Gi, 500Mi, 10g)")
        })?),
        None => None,
    };
    Ok(Volume {
        claim,
        external,
        size_defaulted: size.is_none(),
        size: size.unwrap_or_else(|| DEFAULT_SIZE.to_string()),
        storage_class: label(
            v,
            &[
                "shipready.dev/storage-class",
                "kompose.volume.storage-class-name",
            ],
        ),
    })
}

/// A Kubernetes quantity as it is (`10Gi`, `500M`), or a Compose size
/// (`10g`, `500mb`) as one.
fn quantity(s: &str) -> Option<String> {
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if digits > 0 && ["", "Ki", "Mi", "Gi", "Ti", "K", "M", "G", "T"].contains(&&s[digits..]) {
        return Some(s.to_string());
    }
    crate::resources::memory_bytes(s).map(|b| crate::resources::memory_quantity(b).0)
}

/// The claim's spec (also a StatefulSet's `volumeClaimTemplates`).
pub fn claim_spec(v: &Volume) -> PersistentVolumeClaimSpec {
    PersistentVolumeClaimSpec {
        access_modes: Some(vec!["ReadWriteOnce".to_string()]),
        storage_class_name: v.storage_class.clone(),
        resources: Some(VolumeResourceRequirements {
            requests: Some(BTreeMap::from([(
                "storage".to_string(),
                Quantity(v.size.clone()),
            )])),
            ..VolumeResourceRequirements::default()
        }),
        ..PersistentVolumeClaimSpec::default()
    }
}

pub fn claim(
    v: &Volume,
    meta: k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta,
) -> PersistentVolumeClaim {
    PersistentVolumeClaim {
        metadata: meta,
        spec: Some(claim_spec(v)),
        ..PersistentVolumeClaim::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_classes_come_from_labels_with_a_default() {
        let top = crate::yaml(
            "data:\n  labels:\n    shipready.dev/size: 20g\n    kompose.volume.storage-class-name: fast\nplain: {}\nshared:\n  external: true\n  name: team-shared\nbad:\n  labels: {kompose.volume.size: lots}\n",
        );
        let v = volume(Some(&top), "data", "data").unwrap();
        assert_eq!((v.size.as_str(), v.size_defaulted), ("20Gi", false));
        assert_eq!(v.storage_class.as_deref(), Some("fast"));
        let v = volume(Some(&top), "plain", "plain").unwrap();
        assert_eq!((v.size.as_str(), v.size_defaulted), (DEFAULT_SIZE, true));
        let v = volume(Some(&top), "shared", "shared").unwrap();
        assert!(v.external);
        assert_eq!(v.claim, "team-shared");
        assert!(volume(Some(&top), "bad", "bad")
            .unwrap_err()
            .contains("lots"));
        let spec = claim_spec(&volume(Some(&top), "data", "data").unwrap());
        assert_eq!(spec.access_modes.unwrap(), ["ReadWriteOnce"]);
    }
}
