//! Uploaded images. The type is decided by the content, never the file name; decoding is
//! bounded (dimensions and memory), so a crafted file cannot exhaust the server; and what is
//! kept is re-encoded, which drops metadata such as a photo's GPS position.

pub mod attachment;

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits, Rgb, RgbImage};

/// Largest upload accepted.
pub const MAX_BYTES: usize = 8 * 1024 * 1024;
/// Largest side of an image we will decode at all.
pub const MAX_SIDE: u32 = 10_000;
/// Sides of the two renditions kept.
pub const DISPLAY_SIDE: u32 = 1600;
pub const THUMB_SIDE: u32 = 320;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MediaError {
    #[error("the image is larger than {} MB", MAX_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("the file is empty")]
    Empty,
    #[error("not a JPEG, PNG or WebP image")]
    NotAnImage,
    #[error("the image is more than {MAX_SIDE} pixels on a side")]
    TooManyPixels,
    #[error("the image is damaged: {0}")]
    Damaged(String),
}

/// An upload made ready to store: both renditions are JPEG.
#[derive(Debug, Clone)]
pub struct Prepared {
    pub width: u32,
    pub height: u32,
    pub display: Vec<u8>,
    pub thumb: Vec<u8>,
    /// First 16 hex digits of the display rendition's SHA-256: names a version in URLs.
    pub digest: String,
}

pub const CONTENT_TYPE: &str = "image/jpeg";

fn jpeg(img: &DynamicImage) -> Result<Vec<u8>, MediaError> {
    // Transparent pixels go on white: JPEG has no alpha, and product shots read best on white.
    let rgba = img.to_rgba8();
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (x, y, p) in rgba.enumerate_pixels() {
        let a = p[3] as u32;
        let blend = |c: u8| ((c as u32 * a + 255 * (255 - a)) / 255) as u8;
        rgb.put_pixel(x, y, Rgb([blend(p[0]), blend(p[1]), blend(p[2])]));
    }
    let mut out = Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&rgb)
        .map_err(|e| MediaError::Damaged(e.to_string()))?;
    Ok(out.into_inner())
}

/// Checks and prepares an uploaded image.
pub fn prepare(bytes: &[u8]) -> Result<Prepared, MediaError> {
    if bytes.is_empty() {
        return Err(MediaError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(MediaError::TooLarge);
    }
    let format = image::guess_format(bytes).map_err(|_| MediaError::NotAnImage)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(MediaError::NotAnImage);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().map_err(|e| match e {
        image::ImageError::Limits(_) => MediaError::TooManyPixels,
        other => MediaError::Damaged(other.to_string()),
    })?;
    let display = if img.width() > DISPLAY_SIDE || img.height() > DISPLAY_SIDE {
        img.resize(
            DISPLAY_SIDE,
            DISPLAY_SIDE,
            image::imageops::FilterType::Triangle,
        )
    } else {
        img.clone()
    };
    let thumb = display.thumbnail(THUMB_SIDE, THUMB_SIDE);
    let display_jpeg = jpeg(&display)?;
    let digest = {
        use sha2::Digest;
        hex::encode(&sha2::Sha256::digest(&display_jpeg)[..8])
    };
    Ok(Prepared {
        width: display.width(),
        height: display.height(),
        display: display_jpeg,
        thumb: jpeg(&thumb)?,
        digest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbaImage::from_fn(w, h, |x, y| {
            image::Rgba([
                (x % 256) as u8,
                (y % 256) as u8,
                128,
                if x < 5 { 0 } else { 255 },
            ])
        });
        let mut out = Cursor::new(Vec::new());
        DynamicImage::ImageRgba8(img)
            .write_to(&mut out, ImageFormat::Png)
            .unwrap();
        out.into_inner()
    }

    #[test]
    fn a_large_png_becomes_a_bounded_jpeg_and_a_thumbnail() {
        let p = prepare(&png(2400, 1200)).unwrap();
        assert_eq!((p.width, p.height), (1600, 800));
        assert_eq!(image::guess_format(&p.display).unwrap(), ImageFormat::Jpeg);
        let t = image::load_from_memory(&p.thumb).unwrap();
        assert_eq!((t.width(), t.height()), (320, 160));
    }

    #[test]
    fn small_images_keep_their_size() {
        let p = prepare(&png(64, 48)).unwrap();
        assert_eq!((p.width, p.height), (64, 48));
    }

    #[test]
    fn what_is_not_an_image_is_refused_by_its_content() {
        assert_eq!(prepare(b"").unwrap_err(), MediaError::Empty);
        assert_eq!(
            prepare(b"<svg onload=alert(1)>").unwrap_err(),
            MediaError::NotAnImage
        );
        assert_eq!(prepare(b"GIF89a....").unwrap_err(), MediaError::NotAnImage);
        assert_eq!(
            prepare(&vec![0u8; MAX_BYTES + 1]).unwrap_err(),
            MediaError::TooLarge
        );
        // A PNG whose data is cut short.
        let mut cut = png(100, 100);
        cut.truncate(cut.len() / 2);
        assert!(matches!(prepare(&cut).unwrap_err(), MediaError::Damaged(_)));
    }

    #[test]
    fn a_decompression_bomb_is_refused_before_decoding() {
        // A valid PNG header claiming 20,000 × 20,000 pixels.
        let img = png(1, 1);
        let mut bomb = img.clone();
        // IHDR width and height live at bytes 16..24.
        bomb[16..20].copy_from_slice(&20_000u32.to_be_bytes());
        bomb[20..24].copy_from_slice(&20_000u32.to_be_bytes());
        let e = prepare(&bomb).unwrap_err();
        assert!(
            matches!(e, MediaError::TooManyPixels | MediaError::Damaged(_)),
            "{e:?}"
        );
    }
}
