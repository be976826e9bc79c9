//! rpm's SQLite database (`rpmdb.sqlite`, Fedora 36+ and RHEL 9+): each
//! row of `Packages` is an rpm header blob. The database is opened from
//! the bytes in memory (SQLite's deserialize), never written to disk.
//! BerkeleyDB (`Packages`) and NDB (`Packages.db`) are not read: the
//! cataloger says so instead of listing nothing.

use super::{push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package, SourcePackage};

const TAG_NAME: u32 = 1000;
const TAG_VERSION: u32 = 1001;
const TAG_RELEASE: u32 = 1002;
const TAG_EPOCH: u32 = 1003;
const TAG_LICENSE: u32 = 1014;
const TAG_ARCH: u32 = 1022;
const TAG_SOURCERPM: u32 = 1044;

pub fn catalog(site: &Site<'_>, bytes: &[u8]) -> Result<Vec<Package>, CatalogError> {
    let fail = |e: rusqlite::Error| CatalogError::new(format!("not a readable rpm database: {e}"));
    let mut conn = rusqlite::Connection::open_in_memory().map_err(fail)?;
    conn.deserialize_read_exact(rusqlite::MAIN_DB, bytes, bytes.len(), true)
        .map_err(fail)?;
    let mut stmt = conn
        .prepare("SELECT hnum, blob FROM Packages")
        .map_err(fail)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))
        .map_err(fail)?;
    let mut out = Vec::new();
    for row in rows {
        let (hnum, blob) = row.map_err(fail)?;
        let h = Header::parse(&blob)
            .ok_or_else(|| CatalogError::new(format!("rpm header {hnum} is malformed")))?;
        let (Some(name), Some(version), Some(release)) = (
            h.string(TAG_NAME),
            h.string(TAG_VERSION),
            h.string(TAG_RELEASE),
        ) else {
            continue;
        };
        // `gpg-pubkey` entries are imported keys, not packages.
        if name == "gpg-pubkey" {
            continue;
        }
        let full = match h.int(TAG_EPOCH) {
            Some(e) if e > 0 => format!("{e}:{version}-{release}"),
            _ => format!("{version}-{release}"),
        };
        let arch = h.string(TAG_ARCH);
        let mut f = Found::new(&name, &full, None);
        f.arch = arch.as_deref();
        f.licenses.extend(h.string(TAG_LICENSE));
        f.source = h.string(TAG_SOURCERPM).and_then(|s| source_of(&s));
        push(&mut out, Ecosystem::Rpm, FileKind::RpmSqlite, site, f)?;
    }
    Ok(out)
}

/// `glibc-2.34-60.el9.src.rpm` → `glibc`, `2.34-60.el9`.
fn source_of(srpm: &str) -> Option<SourcePackage> {
    let base = srpm
        .strip_suffix(".src.rpm")
        .or_else(|| srpm.strip_suffix(".nosrc.rpm"))?;
    let (rest, release) = base.rsplit_once('-')?;
    let (name, version) = rest.rsplit_once('-')?;
    Some(SourcePackage {
        name: name.to_string(),
        version: format!("{version}-{release}"),
    })
}

/// An rpm header: `il` index entries of 16 bytes (tag, type, offset,
/// count, big-endian) and `dl` bytes of data after them.
struct Header<'a> {
    entries: Vec<(u32, u32, usize)>,
    data: &'a [u8],
}

impl<'a> Header<'a> {
    fn parse(blob: &'a [u8]) -> Option<Self> {
        let be =
            |b: &[u8]| -> Option<u32> { Some(u32::from_be_bytes(b.get(..4)?.try_into().ok()?)) };
        let il = be(blob.get(0..4)?)? as usize;
        let dl = be(blob.get(4..8)?)? as usize;
        let index_end = 8usize.checked_add(il.checked_mul(16)?)?;
        let data = blob.get(index_end..index_end.checked_add(dl)?)?;
        let mut entries = Vec::with_capacity(il.min(4096));
        for i in 0..il {
            let e = blob.get(8 + i * 16..8 + i * 16 + 16)?;
            entries.push((be(&e[0..4])?, be(&e[4..8])?, be(&e[8..12])? as usize));
        }
        Some(Header { entries, data })
    }

    fn entry(&self, tag: u32) -> Option<(u32, usize)> {
        self.entries
            .iter()
            .find(|(t, _, _)| *t == tag)
            .map(|(_, ty, off)| (*ty, *off))
    }

    /// A STRING, the first of a STRING_ARRAY or I18NSTRING.
    fn string(&self, tag: u32) -> Option<String> {
        let (ty, off) = self.entry(tag)?;
        if !matches!(ty, 6 | 8 | 9) {
            return None;
        }
        let s = self.data.get(off..)?;
        let end = memchr::memchr(0, s)?;
        Some(String::from_utf8_lossy(&s[..end]).into_owned())
    }

    fn int(&self, tag: u32) -> Option<u32> {
        let (ty, off) = self.entry(tag)?;
        if ty != 4 {
            return None;
        }
        Some(u32::from_be_bytes(
            self.data.get(off..off + 4)?.try_into().ok()?,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An rpm header built by hand, as rpm writes one.
    fn header(fields: &[(u32, u32, &[u8])]) -> Vec<u8> {
        let mut index = Vec::new();
        let mut data = Vec::new();
        for (tag, ty, value) in fields {
            index.extend(tag.to_be_bytes());
            index.extend(ty.to_be_bytes());
            index.extend((data.len() as u32).to_be_bytes());
            index.extend(1u32.to_be_bytes());
            data.extend_from_slice(value);
        }
        let mut out = (fields.len() as u32).to_be_bytes().to_vec();
        out.extend((data.len() as u32).to_be_bytes());
        out.extend(index);
        out.extend(data);
        out
    }

    #[test]
    fn packages_from_an_sqlite_rpmdb() {
        let conn = rusqlite::Connection::open_in_memory().expect("sqlite");
        conn.execute_batch("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB NOT NULL);")
            .expect("table");
        let openssl = header(&[
            (TAG_NAME, 6, b"openssl-libs\0"),
            (TAG_VERSION, 6, b"3.0.7\0"),
            (TAG_RELEASE, 6, b"27.el9\0"),
            (TAG_EPOCH, 4, &1u32.to_be_bytes()),
            (TAG_ARCH, 6, b"x86_64\0"),
            (TAG_LICENSE, 6, b"ASL 2.0\0"),
            (TAG_SOURCERPM, 6, b"openssl-3.0.7-27.el9.src.rpm\0"),
        ]);
        let key = header(&[
            (TAG_NAME, 6, b"gpg-pubkey\0"),
            (TAG_VERSION, 6, b"1\0"),
            (TAG_RELEASE, 6, b"2\0"),
        ]);
        conn.execute(
            "INSERT INTO Packages (blob) VALUES (?1), (?2)",
            (openssl, key),
        )
        .expect("rows");
        let mut conn = conn;
        let bytes = conn
            .serialize(rusqlite::MAIN_DB)
            .expect("serialize")
            .to_vec();
        let site = Site {
            path: "var/lib/rpm/rpmdb.sqlite",
            layer: Some(0),
            distro: None,
        };
        let pkgs = catalog(&site, &bytes).expect("reads");
        assert_eq!(pkgs.len(), 1);
        let p = &pkgs[0];
        assert_eq!(
            (p.name.as_str(), p.version.as_str()),
            ("openssl-libs", "1:3.0.7-27.el9")
        );
        assert_eq!(p.source.as_ref().map(|s| s.name.as_str()), Some("openssl"));
        assert_eq!(p.licenses, ["ASL 2.0"]);
        assert!(catalog(&site, b"not a database").is_err());
    }
}
