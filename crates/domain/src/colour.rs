//! A district's colour and the text drawn on it: WCAG 2 relative luminance
//! and contrast, so whatever colour a district picks, its name on the tab or
//! an email's banner stays readable.

/// Black text: with white, it reaches 4.5:1 (WCAG AA) on any colour,
/// which no lighter dark grey does for mid-tone colours.
pub const DARK_TEXT: &str = "#000000";
/// White text.
pub const LIGHT_TEXT: &str = "#ffffff";

/// The red, green and blue of `#rrggbb` (or `#rgb`).
pub fn rgb(hex: &str) -> Option<[u8; 3]> {
    let digits = hex.strip_prefix('#')?;
    let wide: String = match digits.len() {
        3 => digits.chars().flat_map(|c| [c, c]).collect(),
        6 => digits.to_owned(),
        _ => return None,
    };
    let channel = |i: usize| u8::from_str_radix(wide.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG 2 relative luminance, 0 (black) to 1 (white).
pub fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let linear = |c: u8| {
        let s = f64::from(c) / 255.0;
        if s <= 0.04045 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

/// The WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// White or near-black, whichever reads better on `background`; dark text
/// when the colour cannot be read.
pub fn text_on(background: &str) -> &'static str {
    let Some(bg) = rgb(background) else {
        return DARK_TEXT;
    };
    let (light, dark) = (rgb(LIGHT_TEXT), rgb(DARK_TEXT));
    match (light, dark) {
        (Some(l), Some(d)) if contrast(bg, l) >= contrast(bg, d) => LIGHT_TEXT,
        _ => DARK_TEXT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn contrast_matches_the_wcag_examples() {
        let ratio = contrast([0, 0, 0], [255, 255, 255]);
        assert!((ratio - 21.0).abs() < 1e-9);
        // USWDS's base-dark grey on white: 6.74:1.
        let grey = contrast(rgb("#565c65").expect("hex"), [255, 255, 255]);
        assert!((grey - 6.74).abs() < 0.01, "{grey}");
        assert_eq!(rgb("#0b5c7a"), Some([11, 92, 122]));
        assert_eq!(rgb("#fff"), Some([255, 255, 255]));
        assert_eq!(rgb("0b5c7a"), None);
        assert_eq!(rgb("#0b5c7g"), None);
    }

    #[test]
    fn district_colours_get_readable_text() {
        assert_eq!(text_on("#0b5c7a"), LIGHT_TEXT);
        assert_eq!(text_on("#ffd700"), DARK_TEXT);
        assert_eq!(text_on("not a colour"), DARK_TEXT);
    }

    proptest! {
        /// Whatever the colour, the text chosen for it has at least 4.5:1,
        /// WCAG AA for normal text.
        #[test]
        fn the_text_chosen_always_reaches_aa(r: u8, g: u8, b: u8) {
            let bg = format!("#{r:02x}{g:02x}{b:02x}");
            let text = rgb(text_on(&bg)).expect("hex");
            prop_assert!(contrast([r, g, b], text) >= 4.5, "{bg}");
        }
    }
}
