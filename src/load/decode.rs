//! Bytes to text: UTF-8, or UTF-16 / UTF-32 announced by a byte order mark
//! (what Windows tools write when they save "Unicode" text).

use std::borrow::Cow;

/// What a file's bytes hold.
#[derive(Debug, PartialEq, Eq)]
pub enum Decoded<'a> {
    /// Text, and whether undecodable bytes were replaced (with the encoding's name).
    Text {
        text: Cow<'a, str>,
        replaced: Option<&'static str>,
    },
    Binary,
}

pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    // UTF-32LE's mark begins with UTF-16LE's, so it is tried first.
    let wide = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE\0\0") {
        Some(("UTF-32", utf32(rest, u32::from_le_bytes)))
    } else if let Some(rest) = bytes.strip_prefix(b"\0\0\xFE\xFF") {
        Some(("UTF-32", utf32(rest, u32::from_be_bytes)))
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        Some(("UTF-16", utf16(rest, u16::from_le_bytes)))
    } else {
        bytes.strip_prefix(b"\xFE\xFF").map(|rest| ("UTF-16", utf16(rest, u16::from_be_bytes)))
    };
    if let Some((name, (text, replaced))) = wide {
        if is_binary(text.chars().take(8192).map(|c| c as u32)) {
            return Decoded::Binary;
        }
        return Decoded::Text { text: Cow::Owned(text), replaced: replaced.then_some(name) };
    }
    if is_binary(bytes[..bytes.len().min(8192)].iter().map(|&b| u32::from(b))) {
        return Decoded::Binary;
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Decoded::Text { text: Cow::Borrowed(t), replaced: None },
        Err(_) => Decoded::Text { text: String::from_utf8_lossy(bytes), replaced: Some("UTF-8") },
    }
}

/// NUL does not occur in text; look at the start, as `git` and `grep` do.
fn is_binary(mut start: impl Iterator<Item = u32>) -> bool {
    start.any(|unit| unit == 0)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, bool) {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let odd = !bytes.len().is_multiple_of(2);
    let mut replaced = odd;
    let mut text: String = char::decode_utf16(units)
        .map(|r| {
            r.unwrap_or_else(|_| {
                replaced = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, replaced)
}

fn utf32(bytes: &[u8], unit: fn([u8; 4]) -> u32) -> (String, bool) {
    let odd = !bytes.len().is_multiple_of(4);
    let mut replaced = odd;
    let mut text: String = bytes
        .chunks_exact(4)
        .map(|c| {
            char::from_u32(unit([c[0], c[1], c[2], c[3]])).unwrap_or_else(|| {
                replaced = true;
                char::REPLACEMENT_CHARACTER
            })
        })
        .collect();
    if odd {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(d: Decoded<'_>) -> (String, Option<&'static str>) {
        match d {
            Decoded::Text { text, replaced } => (text.into_owned(), replaced),
            Decoded::Binary => panic!("binary"),
        }
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        // Issue 13: UTF-16 files with a BOM were refused as binary.
        let s = "Talks resume. Gespräche — 会談.";
        let le: Vec<u8> = b"\xFF\xFE".iter().copied().chain(s.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = b"\xFE\xFF".iter().copied().chain(s.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(text(decode(&le)), (s.to_string(), None));
        assert_eq!(text(decode(&be)), (s.to_string(), None));
        let le32: Vec<u8> =
            b"\xFF\xFE\0\0".iter().copied().chain(s.chars().flat_map(|c| (c as u32).to_le_bytes())).collect();
        assert_eq!(text(decode(&le32)), (s.to_string(), None));
    }

    #[test]
    fn broken_utf16_is_replaced_and_said() {
        // An unpaired surrogate, then an odd trailing byte.
        let (t, replaced) = text(decode(b"\xFF\xFEa\0\x00\xD8b\0c"));
        assert_eq!(t, "a\u{FFFD}b\u{FFFD}");
        assert_eq!(replaced, Some("UTF-16"));
    }

    #[test]
    fn binary_detection() {
        assert_eq!(decode(b"abc\0def"), Decoded::Binary);
        assert_eq!(decode(b"\xFF\xFEa\0\0\0b\0"), Decoded::Binary, "NUL inside UTF-16");
        assert_eq!(text(decode("plain text é".as_bytes())), ("plain text é".to_string(), None));
        assert_eq!(text(decode(b"bad \xff.")), ("bad \u{FFFD}.".to_string(), Some("UTF-8")));
    }
}
