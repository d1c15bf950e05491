//! Feedback a family gives once its inquiry is resolved.

use crate::pillar::Pillar;
use crate::text::Comment;
use crate::validation::{Invalid, ValidationErrors};
use serde::{Deserialize, Deserializer, Serialize};

/// Reads a whole number also when written as `8.0`, as JSON allows.
fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    let n = serde_json::Number::deserialize(d)?;
    n.as_i64()
        .or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 1e15)
                .map(|f| f as i64)
        })
        .ok_or_else(|| serde::de::Error::custom("must be a whole number"))
}

fn optional_whole<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    struct Whole(#[serde(deserialize_with = "whole")] i64);
    Ok(Option::<Whole>::deserialize(d)?.map(|w| w.0))
}

/// The four pillar ratings as submitted (1–5 each; environment may be skipped,
/// since not every interaction involves a place).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PillarRatings {
    /// Courtesy & respect: treated kindly and with respect, 1–5.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    #[serde(deserialize_with = "whole")]
    pub courtesy: i64,
    /// Communication: clear answers that kept the family informed, 1–5.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    #[serde(deserialize_with = "whole")]
    pub communication: i64,
    /// Responsiveness: answered promptly and followed through, 1–5.
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    #[serde(deserialize_with = "whole")]
    pub responsiveness: i64,
    /// Environment: the place was welcoming, safe and clean, 1–5; optional, as not every interaction involves a place.
    #[serde(default, deserialize_with = "optional_whole")]
    #[cfg_attr(feature = "openapi", schema(minimum = 1, maximum = 5))]
    pub environment: Option<i64>,
}

impl PillarRatings {
    /// The rating for one pillar, if given.
    pub fn get(&self, pillar: Pillar) -> Option<i64> {
        match pillar {
            Pillar::Courtesy => Some(self.courtesy),
            Pillar::Communication => Some(self.communication),
            Pillar::Responsiveness => Some(self.responsiveness),
            Pillar::Environment => self.environment,
        }
    }
}

/// The feedback form as the family sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FeedbackForm {
    /// Overall quality of the interaction, 0–10.
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10))]
    #[serde(deserialize_with = "whole")]
    pub overall: i64,
    /// Each service pillar, 1–5.
    pub pillars: PillarRatings,
    /// How likely the family is to recommend their school, 0–10.
    #[serde(default, deserialize_with = "optional_whole")]
    #[cfg_attr(feature = "openapi", schema(minimum = 0, maximum = 10))]
    pub recommend: Option<i64>,
    /// Anything else the family wants to say.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$",
            max_length = 4000
        )
    )]
    pub comment: Option<String>,
}

/// Feedback that passed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// 0–10.
    pub overall: u8,
    /// 1–5 each.
    pub pillars: PillarRatings,
    /// 0–10.
    pub recommend: Option<u8>,
    /// Trimmed, never empty.
    pub comment: Option<Comment>,
}

fn in_range(errors: &mut ValidationErrors, field: &str, v: i64, lo: i64, hi: i64) -> Option<u8> {
    if (lo..=hi).contains(&v) {
        u8::try_from(v).ok()
    } else {
        errors.add(field, Invalid::OutOfRange { min: lo, max: hi });
        None
    }
}

impl FeedbackForm {
    /// Checks every field, reporting all problems at once.
    pub fn parse(&self) -> Result<Feedback, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let overall = in_range(&mut e, "overall", self.overall, 0, 10);
        for pillar in Pillar::ALL {
            if let Some(v) = self.pillars.get(*pillar) {
                in_range(&mut e, &format!("pillars.{}", pillar.as_str()), v, 1, 5);
            }
        }
        let recommend = match self.recommend {
            Some(v) => in_range(&mut e, "recommend", v, 0, 10).map(Some),
            None => Some(None),
        };
        let comment = match self.comment.as_deref() {
            None => Some(None),
            Some(c) if crate::text::is_blank(c) => Some(None),
            Some(c) => e.check("comment", Comment::parse(c)).map(Some),
        };
        e.finish(|| {
            Some(Feedback {
                overall: overall?,
                pillars: self.pillars,
                recommend: recommend?,
                comment: comment?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn form(overall: i64, pillar: i64, recommend: Option<i64>) -> FeedbackForm {
        FeedbackForm {
            overall,
            pillars: PillarRatings {
                courtesy: pillar,
                communication: pillar,
                responsiveness: pillar,
                environment: None,
            },
            recommend,
            comment: Some("  Thank you!  ".into()),
        }
    }

    #[test]
    fn valid_feedback() {
        let f = form(9, 5, Some(10)).parse().expect("valid");
        assert_eq!(f.overall, 9);
        assert_eq!(f.recommend, Some(10));
        assert_eq!(f.comment.map(String::from), Some("Thank you!".into()));
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut f = form(11, 0, Some(-1));
        f.pillars.environment = Some(6);
        let errs = f.parse().expect_err("invalid");
        let fields: Vec<_> = errs.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "overall",
                "pillars.courtesy",
                "pillars.communication",
                "pillars.responsiveness",
                "pillars.environment",
                "recommend"
            ]
        );
    }

    #[test]
    fn whole_numbers_may_be_written_with_a_fraction_of_zero() {
        let f: FeedbackForm = serde_json::from_str(
            r#"{"overall": 8.0, "pillars": {"courtesy": 5, "communication": 4.0, "responsiveness": 3, "environment": null}, "recommend": 9.0}"#,
        )
        .expect("whole numbers");
        assert_eq!(
            (f.overall, f.pillars.communication, f.recommend),
            (8, 4, Some(9))
        );
        assert!(serde_json::from_str::<FeedbackForm>(r#"{"overall": 8.5, "pillars": {"courtesy": 5, "communication": 4, "responsiveness": 3}}"#).is_err());
    }

    #[test]
    fn blank_comment_is_no_comment() {
        let mut f = form(5, 3, None);
        f.comment = Some("   ".into());
        assert_eq!(f.parse().expect("valid").comment, None);
    }

    proptest! {
        #[test]
        fn accepted_exactly_when_in_range(o in -5i64..15, p in -2i64..8, r in -5i64..15) {
            let ok = (0..=10).contains(&o) && (1..=5).contains(&p) && (0..=10).contains(&r);
            prop_assert_eq!(form(o, p, Some(r)).parse().is_ok(), ok);
        }
    }
}
