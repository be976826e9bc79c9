//! Build information in compiled programs: Go's (the `.go.buildinfo`
//! section: the Go release and every module linked in) and
//! cargo-auditable's (the `.dep-v0` section: zlib-compressed JSON listing
//! every crate). Read while the layer streams past, never executed; only
//! the few kilobytes of build information are kept.

use super::{push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package};
use serde::{Deserialize, Serialize};
use std::io::Read;

/// ELF files up to this size are read whole to find their sections.
const MAX_ELF_BYTES: u64 = 128 << 20;
/// The most a dependency list may inflate to.
const MAX_AUDIT_JSON: u64 = 8 << 20;

const GO_MAGIC: &[u8] = b"\xff Go buildinf:";

/// What the layer walk keeps of a binary.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Kept {
    go_version: Option<String>,
    go_modinfo: Option<String>,
    cargo_audit: Option<String>,
}

/// Reads an executable's build information; `None` when it has none (or is
/// not an ELF file, or is larger than we read).
pub fn inspect_binary(size: u64, content: &mut dyn Read) -> std::io::Result<Option<Vec<u8>>> {
    if size > MAX_ELF_BYTES {
        return Ok(None);
    }
    let mut head = [0u8; 4];
    if content.read_exact(&mut head).is_err() || head != *b"\x7fELF" {
        return Ok(None);
    }
    let mut data = Vec::with_capacity(size as usize);
    data.extend_from_slice(&head);
    content.take(MAX_ELF_BYTES).read_to_end(&mut data)?;
    let Ok(file) = object::read::File::parse(&*data) else {
        return Ok(None);
    };
    use object::{Object, ObjectSection};
    let mut kept = Kept::default();
    if let Some(section) = file.section_by_name(".go.buildinfo") {
        if let Ok(bytes) = section.data() {
            if let Some((version, modinfo)) = go_build_info(bytes) {
                kept.go_version = Some(version);
                kept.go_modinfo = Some(modinfo);
            }
        }
    }
    if let Some(section) = file.section_by_name(".dep-v0") {
        if let Ok(bytes) = section.data() {
            let mut json = String::new();
            let inflated = flate2::read::ZlibDecoder::new(bytes)
                .take(MAX_AUDIT_JSON)
                .read_to_string(&mut json);
            if inflated.is_ok() {
                kept.cargo_audit = Some(json);
            }
        }
    }
    if kept.go_version.is_none() && kept.cargo_audit.is_none() {
        return Ok(None);
    }
    Ok(serde_json::to_vec(&kept).ok())
}

/// Go 1.18+ build information: after the 16-byte header (magic, pointer
/// size, flags with bit 2 set for inline strings) and 16 more bytes, two
/// varint-length strings: the Go version and the module information
/// (between 16-byte sentinels). Older binaries point into the data
/// segment instead, which we do not follow.
fn go_build_info(section: &[u8]) -> Option<(String, String)> {
    let at = memchr::memmem::find(section, GO_MAGIC)?;
    let b = &section[at..];
    let flags = *b.get(15)?;
    if flags & 0x2 == 0 {
        return None;
    }
    let mut rest = b.get(32..)?;
    let version = read_string(&mut rest)?;
    let mut modinfo = read_string(&mut rest)?;
    if modinfo.len() >= 32 {
        modinfo = modinfo[16..modinfo.len() - 16].to_vec();
    }
    Some((
        String::from_utf8_lossy(&version).into_owned(),
        String::from_utf8_lossy(&modinfo).into_owned(),
    ))
}

fn read_string(b: &mut &[u8]) -> Option<Vec<u8>> {
    let (len, n) = uvarint(b)?;
    let s = b.get(n..n + len)?.to_vec();
    *b = &b[n + len..];
    Some(s)
}

fn uvarint(b: &[u8]) -> Option<(usize, usize)> {
    let mut x: u64 = 0;
    for (i, byte) in b.iter().take(10).enumerate() {
        x |= u64::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            return Some((usize::try_from(x).ok()?, i + 1));
        }
    }
    None
}

#[derive(Deserialize)]
struct Audit {
    packages: Vec<AuditPackage>,
}

#[derive(Deserialize)]
struct AuditPackage {
    name: String,
    version: String,
}

/// The packages of a binary's kept build information.
pub fn catalog(site: &Site<'_>, bytes: &[u8]) -> Result<Vec<Package>, CatalogError> {
    let kept: Kept = serde_json::from_slice(bytes)
        .map_err(|e| CatalogError::new(format!("unreadable build information: {e}")))?;
    let mut out = Vec::new();
    if let (Some(v), Some(m)) = (&kept.go_version, &kept.go_modinfo) {
        out.extend(super::go::build_info(site, v, m)?);
    }
    if let Some(json) = &kept.cargo_audit {
        let audit: Audit = serde_json::from_str(json)
            .map_err(|e| CatalogError::new(format!("unreadable cargo-auditable data: {e}")))?;
        for p in &audit.packages {
            push(
                &mut out,
                Ecosystem::Cargo,
                FileKind::Binary,
                site,
                Found::new(&p.name, &p.version, None),
            )?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_build_info_inline_strings() {
        let mut s = GO_MAGIC.to_vec();
        s.push(8);
        s.push(0x2);
        s.extend([0u8; 16]);
        let version = b"go1.22.3";
        s.push(version.len() as u8);
        s.extend(version);
        let mut modinfo = vec![b'x'; 16];
        modinfo.extend(b"path\texample.com/app\nmod\texample.com/app\t(devel)\t\ndep\tgolang.org/x/net\tv0.17.0\th1:x\n");
        modinfo.extend([b'y'; 16]);
        s.push(((modinfo.len() & 0x7f) | 0x80) as u8);
        s.push((modinfo.len() >> 7) as u8);
        s.extend(&modinfo);
        let (v, m) = go_build_info(&s).expect("build info");
        assert_eq!(v, "go1.22.3");
        assert!(m.starts_with("path\texample.com/app"), "{m}");
        let site = Site {
            path: "usr/bin/app",
            layer: Some(1),
            distro: None,
        };
        let pkgs = super::super::go::build_info(&site, &v, &m).expect("packages");
        let got: Vec<_> = pkgs
            .iter()
            .map(|p| (p.name.as_str(), p.version.as_str()))
            .collect();
        assert_eq!(
            got,
            [("stdlib", "go1.22.3"), ("golang.org/x/net", "v0.17.0")]
        );
        assert_eq!(pkgs[1].purl, "pkg:golang/golang.org/x/net@v0.17.0");
    }
}
