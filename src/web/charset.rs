//! A fetched body's bytes to text, in the order browsers follow: a byte-order
//! mark, then the charset the server declared, then (for HTML) the page's own
//! `<meta charset>`, then UTF-8 if the bytes are valid UTF-8, else
//! windows-1252 (what pages without a declaration most often are).

use std::sync::LazyLock;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;

/// Browsers look for `<meta charset>` in the first 1024 bytes only.
const PRESCAN: usize = 1024;

pub fn decode(bytes: &[u8], declared: Option<&str>, html: bool) -> String {
    let encoding = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())))
        .or_else(|| if html { meta_charset(bytes) } else { None })
        .unwrap_or_else(|| if std::str::from_utf8(bytes).is_ok() { UTF_8 } else { WINDOWS_1252 });
    encoding.decode_with_bom_removal(bytes).0.into_owned()
}

fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static META: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#).expect("valid pattern")
    });
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let label = META.captures(head)?.get(1)?.as_bytes();
    // A page cannot be in UTF-16 if these ASCII bytes were readable (HTML's rule).
    Encoding::for_label(label).map(|e| if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE { UTF_8 } else { e })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LATIN1: &[u8] = b"Caf\xe9 cr\xe8me, na\xefve";

    #[test]
    fn the_declared_charset_decodes_the_body() {
        assert_eq!(decode(LATIN1, Some("ISO-8859-1"), false), "Café crème, naïve");
        assert_eq!(decode("Café".as_bytes(), Some("utf-8"), true), "Café");
    }

    #[test]
    fn an_html_page_names_its_own_charset() {
        let page = [b"<html><head><meta charset=\"iso-8859-1\"></head><body>".as_slice(), LATIN1].concat();
        assert!(decode(&page, None, true).contains("Café crème"));
        let page =
            [b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">".as_slice(), LATIN1]
                .concat();
        assert!(decode(&page, None, true).contains("naïve"));
        let page = [b"<meta charset=\"utf-16\">".as_slice(), "Café".as_bytes()].concat();
        assert!(decode(&page, None, true).ends_with("Café"));
    }

    #[test]
    fn a_bom_wins_and_undeclared_bytes_are_utf8_else_windows_1252() {
        assert_eq!(decode(b"\xef\xbb\xbfCaf\xc3\xa9", Some("iso-8859-1"), false), "Café");
        assert_eq!(decode("Café".as_bytes(), None, false), "Café");
        assert_eq!(decode(LATIN1, None, true), "Café crème, naïve");
        assert_eq!(decode(b"\x93quoted\x94", None, false), "\u{201c}quoted\u{201d}");
    }
}
