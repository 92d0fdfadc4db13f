//! A set of labelled images, decoded from the compact `.nkimg.gz` files of `crate/data/`.

use std::io::Read;

use crate::data::file_bytes;

use crate::error::{Error, Result};

const MAGIC: &[u8; 8] = b"NKIMG1\0\0";
const HEADER: usize = 24;
/// Largest decoded file accepted (the biggest shipped set is about 4 MB).
const MAX_DECODED: u64 = 64 << 20;

/// Labelled single-channel images, pixels as bytes (0 = background, 255 = full ink).
#[derive(Clone, Debug, PartialEq)]
pub struct ImageSet {
    pub height: usize,
    pub width: usize,
    pub classes: usize,
    pub labels: Vec<u8>,
    pub pixels: Vec<u8>,
}

impl ImageSet {
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn image(&self, i: usize) -> &[u8] {
        let size = self.height * self.width;
        &self.pixels[i * size..(i + 1) * size]
    }

    /// Decodes a `.nkimg` file, gzip-compressed or already inflated (data/file_bytes.rs),
    /// checking every count against its length. The
    /// header is read first, so that the images are decoded straight into one buffer of their
    /// size (no doubling, no second copy: a page's wasm memory keeps its high-water mark).
    pub fn decode(bytes: &[u8]) -> Result<ImageSet> {
        let bad = |why: &str| Error::Parse(format!("image file: {why}"));
        let mut reader = file_bytes::contents(bytes, MAX_DECODED);
        let mut header = [0u8; HEADER];
        reader.read_exact(&mut header).map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof => bad("it does not start with the NKIMG1 header"),
            _ => bad(&format!("a damaged gzip file ({e})")),
        })?;
        if &header[..8] != MAGIC {
            return Err(bad("it does not start with the NKIMG1 header"));
        }
        let field = |i: usize| {
            let b = &header[8 + 4 * i..12 + 4 * i];
            u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64
        };
        let (count, height, width, classes) = (field(0), field(1), field(2), field(3));
        if !(1..=64).contains(&height)
            || !(1..=64).contains(&width)
            || !(2..=100).contains(&classes)
        {
            return Err(bad("image size must be 1..64 pixels and classes 2..100"));
        }
        // At most 4 billion images of 64×64: no overflow in u64.
        let expected = count + count * height * width;
        let mut body = Vec::with_capacity(expected.min(MAX_DECODED) as usize);
        reader
            .read_to_end(&mut body)
            .map_err(|e| bad(&format!("a damaged gzip file ({e})")))?;
        if body.len() as u64 != expected {
            return Err(bad(&format!(
                "{count} images of {height}×{width} need {} bytes, it has {}",
                HEADER as u64 + expected,
                HEADER + body.len()
            )));
        }
        let count = count as usize;
        let labels = body[..count].to_vec();
        if labels.iter().any(|&l| u64::from(l) >= classes) {
            return Err(bad(&format!("a label is not below {classes}")));
        }
        // The pixels stay where they were decoded: the labels move out of their way.
        body.drain(..count);
        Ok(ImageSet {
            height: height as usize,
            width: width as usize,
            classes: classes as usize,
            labels,
            pixels: body,
        })
    }

    /// Checks that `pixels` is one image of this set's size with values in [0, 1].
    pub fn check_pixels(&self, pixels: &[f32]) -> Result<()> {
        let size = self.height * self.width;
        if pixels.len() != size || pixels.iter().any(|p| !(0.0..=1.0).contains(p)) {
            return Err(Error::invalid(
                "image",
                format!("{size} pixels between 0 and 1"),
                format!("{} values", pixels.len()),
            ));
        }
        Ok(())
    }

    /// The images at `indices`, as a new set.
    pub fn subset(&self, indices: &[usize]) -> ImageSet {
        let mut labels = Vec::with_capacity(indices.len());
        let mut pixels = Vec::with_capacity(indices.len() * self.height * self.width);
        for &i in indices {
            labels.push(self.labels[i]);
            pixels.extend_from_slice(self.image(i));
        }
        ImageSet {
            labels,
            pixels,
            ..*self
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::data::images::read_shipped;

    #[test]
    fn a_truncated_or_foreign_file_is_refused() {
        assert!(ImageSet::decode(b"not gzip").is_err());
        let good = read_shipped("digits8.nkimg.gz").unwrap();
        assert!(ImageSet::decode(&good[..good.len() / 2]).is_err());
    }

    #[test]
    fn a_file_a_server_already_inflated_gives_the_same_images() {
        use std::io::Read;
        let gz = read_shipped("digits8.nkimg.gz").unwrap();
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut plain)
            .unwrap();
        let (a, b) = (
            ImageSet::decode(&gz).unwrap(),
            ImageSet::decode(&plain).unwrap(),
        );
        assert_eq!(
            (a.labels, a.pixels, a.height, a.width),
            (b.labels, b.pixels, b.height, b.width)
        );
        let e = ImageSet::decode(&plain[..plain.len() - 1]).unwrap_err();
        assert!(
            e.to_string().contains("need"),
            "a cut inflated file names its size: {e}"
        );
    }
}
