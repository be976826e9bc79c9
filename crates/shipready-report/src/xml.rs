//! Text for XML attributes and elements: quick-xml escapes the five
//! entities; characters XML 1.0 cannot hold at all (control characters
//! other than tab and newlines) are dropped first, or consumers refuse the
//! whole document.

pub fn xml(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|c| (*c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}
