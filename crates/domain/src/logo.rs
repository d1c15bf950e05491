//! A district's logo: what an upload must be to be shown on the family's
//! pages. Its format is read from its bytes, never taken from what the
//! upload claimed, and only raster formats every browser draws are taken:
//! an SVG can carry script.

use crate::inquiry::named_enum;
use crate::validation::Invalid;
use serde::{Deserialize, Serialize};

/// The largest logo, in bytes.
pub const MAX_LOGO_BYTES: usize = 256 * 1024;
/// The shortest and longest side of a logo, in pixels.
pub const LOGO_SIDES: (u32, u32) = (16, 4096);

named_enum!(
    /// The image formats a logo can be in.
    LogoFormat {
        /// PNG.
        Png = "png",
        /// JPEG.
        Jpeg = "jpeg",
        /// WebP.
        Webp = "webp",
    }
);

impl LogoFormat {
    /// The media type it is served as.
    pub fn content_type(self) -> &'static str {
        match self {
            LogoFormat::Png => "image/png",
            LogoFormat::Jpeg => "image/jpeg",
            LogoFormat::Webp => "image/webp",
        }
    }
}

/// A logo as its bytes describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoImage {
    /// Its format.
    pub format: LogoFormat,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

/// A logo as the district row keeps it: the image's description and the
/// digest its address is named by, so that a new logo has a new address
/// and browsers may keep each for good.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredLogo {
    /// What the image is.
    #[serde(flatten)]
    pub image: LogoImage,
    /// Its size in bytes.
    pub bytes: u64,
    /// The hex SHA-256 of its bytes.
    pub digest: String,
}

impl StoredLogo {
    /// Where browsers fetch the logo of `district`.
    pub fn url(&self, district: crate::ids::DistrictId) -> String {
        format!("/media/logos/{district}/{}", self.digest)
    }
}

const WHAT: &str = "a PNG, JPEG or WebP image";

/// What `bytes` are as a logo, or why they cannot be one.
pub fn check(bytes: &[u8]) -> Result<LogoImage, Invalid> {
    if bytes.is_empty() {
        return Err(Invalid::Required);
    }
    let format = match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Png) => LogoFormat::Png,
        Ok(imagesize::ImageType::Jpeg) => LogoFormat::Jpeg,
        Ok(imagesize::ImageType::Webp) => LogoFormat::Webp,
        _ => return Err(Invalid::InvalidFormat { hint: WHAT }),
    };
    let size = imagesize::blob_size(bytes).map_err(|_| Invalid::InvalidFormat { hint: WHAT })?;
    let side = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let (width, height) = (side(size.width), side(size.height));
    let (min, max) = LOGO_SIDES;
    if [width, height].iter().any(|s| !(min..=max).contains(s)) {
        return Err(Invalid::OutOfRange {
            min: i64::from(min),
            max: i64::from(max),
        });
    }
    Ok(LogoImage {
        format,
        width,
        height,
    })
}

#[cfg(test)]
pub(crate) mod samples {
    /// A PNG's signature and header chunk for an image `w` by `h`: all a
    /// reader of its size looks at.
    pub fn png(w: u32, h: u32) -> Vec<u8> {
        let mut b = vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];
        b.extend_from_slice(&13u32.to_be_bytes());
        b.extend_from_slice(b"IHDR");
        b.extend_from_slice(&w.to_be_bytes());
        b.extend_from_slice(&h.to_be_bytes());
        b.extend_from_slice(&[8, 6, 0, 0, 0]);
        b.extend_from_slice(&[0; 4]);
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_is_read_by_its_bytes() {
        let logo = check(&samples::png(240, 80)).expect("logo");
        assert_eq!(
            logo,
            LogoImage {
                format: LogoFormat::Png,
                width: 240,
                height: 80
            }
        );
        assert_eq!(logo.format.content_type(), "image/png");
    }

    #[test]
    fn other_files_and_sizes_are_refused() {
        assert_eq!(check(b""), Err(Invalid::Required));
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(check(svg), Err(Invalid::InvalidFormat { hint: WHAT }));
        assert_eq!(
            check(b"GIF89a\x10\x00\x10\x00"),
            Err(Invalid::InvalidFormat { hint: WHAT })
        );
        assert_eq!(
            check(&samples::png(240, 80)[..12]),
            Err(Invalid::InvalidFormat { hint: WHAT })
        );
        let range = Err(Invalid::OutOfRange { min: 16, max: 4096 });
        assert_eq!(check(&samples::png(8, 80)), range);
        assert_eq!(check(&samples::png(5000, 80)), range);
    }
}
