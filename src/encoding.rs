//! Text files as Windows and PowerShell write them: UTF-8 with or without a
//! byte order mark, and UTF-16 with one (Windows PowerShell 5.1's default) or
//! without. Used for every JSON file scopepick reads: exports, catalogs,
//! app registrations, saved selections and the session.

/// The text of `bytes` in any of those encodings, or why it is none of them.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |big_endian: bool, skip: usize| {
        let body = &bytes[skip..];
        if body.len() % 2 == 1 {
            return Err(format!(
                "UTF-16 text with an odd number of bytes ({}): the file is cut short; export it again",
                bytes.len()
            ));
        }
        let units: Vec<u16> = body
            .chunks_exact(2)
            .map(|p| {
                if big_endian {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| "invalid UTF-16 text".to_string())
    };
    match bytes.as_slice() {
        [0xFF, 0xFE, ..] => utf16(false, 2),
        [0xFE, 0xFF, ..] => utf16(true, 2),
        // JSON starts with an ASCII character: in UTF-16 without a byte order
        // mark one of its two bytes is zero.
        [first, 0, ..] if *first != 0 => utf16(false, 0),
        [0, second, ..] if *second != 0 => utf16(true, 0),
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|_| "not UTF-8 text".to_string())
        }
        _ => String::from_utf8(bytes).map_err(|e| {
            format!("not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to())
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn decodes_utf8_with_and_without_bom_and_utf16() {
        assert_eq!(decode(b"[1]".to_vec()).unwrap(), "[1]");
        assert_eq!(decode(b"\xEF\xBB\xBF[1]".to_vec()).unwrap(), "[1]");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("[é]".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(le).unwrap(), "[é]");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("[1]".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(be).unwrap(), "[1]");
        assert_eq!(
            decode(b"a\xFFb".to_vec()).unwrap_err(),
            "not UTF-8 text (invalid byte at offset 1)"
        );
    }

    #[test]
    fn utf16_without_a_bom_is_read_and_an_odd_byte_is_an_error() {
        let text = "{\"value\": \"Chat.Read\", \"é\": 1}";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decode(le.clone()).unwrap(), text);
        assert_eq!(decode(be).unwrap(), text);
        let mut cut = le.clone();
        cut.pop();
        let err = decode(cut).unwrap_err();
        assert!(err.starts_with("UTF-16 text with an odd number of bytes"), "{err}");
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(&le);
        with_bom.push(b'x');
        assert!(decode(with_bom).unwrap_err().contains("odd number of bytes"));
    }
}
