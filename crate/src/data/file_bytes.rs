//! The contents of a data file from its bytes: gzip-compressed as the repository ships it, or
//! already inflated, as a browser hands them over when a server (a package CDN, say) sends the
//! `.gz` file with `Content-Encoding: gzip`. Gzip is told by its two magic bytes, which neither an
//! image file (`NKIMG1`) nor UTF-8 text starts with.

use flate2::read::GzDecoder;
use std::io::Read;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// A reader of the file's contents, at most `limit` bytes of them: inflated when `bytes` is
/// gzip, as they are otherwise.
pub fn contents(bytes: &[u8], limit: u64) -> Box<dyn Read + '_> {
    if bytes.starts_with(&GZIP_MAGIC) {
        Box::new(GzDecoder::new(bytes).take(limit))
    } else {
        Box::new(bytes.take(limit))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn read_all(bytes: &[u8], limit: u64) -> std::io::Result<Vec<u8>> {
        let mut out = Vec::new();
        contents(bytes, limit).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn gzip_is_inflated_and_anything_else_read_as_it_is() {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(b"emma\nbo\n").unwrap();
        let gz = encoder.finish().unwrap();
        assert_eq!(read_all(&gz, 100).unwrap(), b"emma\nbo\n");
        assert_eq!(read_all(b"emma\nbo\n", 100).unwrap(), b"emma\nbo\n");
        assert_eq!(
            read_all(b"emma\nbo\n", 4).unwrap(),
            b"emma",
            "the limit holds for plain bytes"
        );
        assert_eq!(read_all(&gz, 4).unwrap(), b"emma", "and for inflated ones");
        assert!(
            read_all(&gz[..gz.len() / 2], 100).is_err(),
            "a cut gzip file is an error"
        );
    }
}
