use crate::ids::{DistrictId, TopicId, UnitId};
use crate::inquiry::{named_enum, Kind, RequesterRole, Status};
use crate::refs::TeamRef;
use crate::text::{Body, Email, Language, PersonName, Phone, Subject};
use crate::validation::{Invalid, ValidationErrors};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the family portal needs to show the contact form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Portal {
    /// The district whose portal this is.
    pub district: DistrictInfo,
    /// The languages the district answers in, as BCP 47 tags, its default first.
    pub languages: Vec<String>,
    /// How the "Contact us" tab looks.
    pub branding: Branding,
    /// What families can write about, in the district's order: each topic
    /// with a team to receive it (its own or the district's fallback). Empty
    /// while a new district is still being set up.
    pub topics: Vec<TopicInfo>,
    /// The schools and departments an inquiry can concern.
    pub units: Vec<UnitInfo>,
}

/// A district as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DistrictInfo {
    /// The district's id.
    pub id: DistrictId,
    /// The short name in its addresses, e.g. `lakeview`.
    pub slug: String,
    /// Its full name, e.g. "Lakeview Unified School District".
    pub name: String,
    /// The IANA time zone its business hours are kept in, e.g. `America/Chicago`.
    pub time_zone: String,
}

/// Tab label and colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Branding {
    /// Text on the tab in the district's default language, e.g. "Contact us".
    pub tab_label: String,
    /// Text on the tab in each language the district offers, by language tag.
    pub tab_labels: BTreeMap<String, String>,
    /// The district's colour as `#RRGGBB`.
    pub color: String,
    /// Where the tab sits on the district's pages.
    pub position: TabPosition,
    /// The district's logo, shown at the head of the family's pages; absent
    /// until an admin uploads one.
    #[serde(default)]
    pub logo: Option<Logo>,
}

/// A district's logo as pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Logo {
    /// Where the image is, on this server. A new logo has a new address, so
    /// what is fetched from one may be kept for good.
    #[cfg_attr(
        feature = "openapi",
        schema(example = "/media/logos/0193a000-0000-7000-8000-000000000001/5f2b…")
    )]
    pub url: String,
    /// `image/png`, `image/jpeg` or `image/webp`.
    pub content_type: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// Its size in bytes.
    pub bytes: u64,
}

named_enum!(
    /// Where the "Contact us" tab sits on a page.
    TabPosition {
        /// In the bottom right corner.
        BottomRight = "bottom_right",
        /// In the bottom left corner.
        BottomLeft = "bottom_left",
        /// Half-way down the right edge.
        MiddleRight = "middle_right",
        /// Half-way down the left edge.
        MiddleLeft = "middle_left",
    }
);

/// A topic a family can pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TopicInfo {
    /// The topic's id, to send as `topic_id`.
    pub id: TopicId,
    /// Its name, e.g. "Bus & transportation".
    pub name: String,
    /// One sentence saying what belongs here.
    pub description: String,
    /// Its name and description in each language the district wrote them
    /// in, keyed by language tag; `name` and `description` are the default
    /// language's, for a language missing here.
    #[serde(default)]
    pub texts: std::collections::BTreeMap<String, super::TopicText>,
}

impl TopicInfo {
    /// Its name in `language`, or in the default language when it has none there.
    pub fn name_in(&self, language: &str) -> &str {
        self.texts.get(language).map_or(&self.name, |t| &t.name)
    }

    /// Its description in `language`, or in the default language when it
    /// has no words there.
    pub fn description_in(&self, language: &str) -> &str {
        self.texts
            .get(language)
            .map_or(&self.description, |t| &t.description)
    }
}

named_enum!(
    /// Whether a unit is a school or a department.
    UnitKind {
        /// A school.
        School = "school",
        /// A district department (Transportation, Enrollment…).
        Department = "department",
    }
);

/// A school or department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UnitInfo {
    /// The unit's id, to send as `unit_id`.
    pub id: UnitId,
    /// Its name, e.g. "Lakeview High School".
    pub name: String,
    /// A school or a department.
    pub kind: UnitKind,
}

/// Who is asking, as typed in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequesterForm {
    /// Their name, optional (up to 120 characters).
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(pattern = r"^[^\x00-\x1F\x7F-\x9F]*$", max_length = 120)
    )]
    pub name: Option<String>,
    /// Their email, so staff can answer by email; an email or a phone is needed unless anonymous.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^\s*([^\s@\x00-\x1F\x7F-\x9F]{1,64}@[^\s@.\x00-\x1F\x7F-\x9F]+(\.[^\s@.\x00-\x1F\x7F-\x9F]+)+)?\s*$",
            max_length = 254
        )
    )]
    pub email: Option<String>,
    /// Their phone number, 7 to 15 digits with the usual separators, so staff can call back.
    #[serde(default)]
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^\s*((?:[-+.() ]*[0-9]){7,15}[-+.() ]*)?\s*$",
            max_length = 32
        )
    )]
    pub phone: Option<String>,
    /// Who they are to the district: parent, student, community or staff.
    pub role: RequesterRole,
    /// The language to answer in, one the district offers; its default when left out.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*([A-Za-z]{2,3})?\s*$"))]
    pub preferred_language: Option<String>,
}

/// A new inquiry, as submitted by a family or another system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "openapi",
    schema(example = json!({
        "kind": "question",
        "topic_id": "0193a5c2-7d1e-7b5e-9f43-6a1c2e8d4b01",
        "subject": "Bus stop change",
        "body": "Can the morning stop move to Elm Street?",
        "requester": {"name": "Maria Lopez", "email": "maria@example.org", "role": "parent", "preferred_language": "es"},
        "anonymous": false
    }))
)]
pub struct NewInquiry {
    /// Question, concern, comment, compliment or suggestion.
    pub kind: Kind,
    /// The topic picked, one of the portal's `topics`.
    pub topic_id: TopicId,
    /// The school or department concerned, one of the portal's `units`, if any.
    #[serde(default)]
    pub unit_id: Option<UnitId>,
    /// What it is about, one line of up to 200 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\x00-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x1F\x7F-\x9F]*$",
            min_length = 1,
            max_length = 200
        )
    )]
    pub subject: String,
    /// The message itself, up to 10,000 characters.
    #[cfg_attr(
        feature = "openapi",
        schema(
            pattern = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$",
            min_length = 1,
            max_length = 10000
        )
    )]
    pub body: String,
    /// Who is asking.
    pub requester: RequesterForm,
    /// True to leave no contact details; the family follows up through the tracking link only.
    #[serde(default)]
    pub anonymous: bool,
    /// Left empty by people; a value marks the submission as automated spam.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(pattern = r"^\s*$"))]
    pub website: Option<String>,
}

/// The requester after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requester {
    /// Name.
    pub name: Option<PersonName>,
    /// Email.
    pub email: Option<Email>,
    /// Phone.
    pub phone: Option<Phone>,
    /// Role.
    pub role: RequesterRole,
    /// Language to answer in.
    pub preferred_language: Language,
}

impl Requester {
    /// The normalised email and phone, used to recognise repeat contacts.
    pub fn contact_keys(&self) -> Vec<String> {
        let mut keys = Vec::new();
        if let Some(e) = &self.email {
            keys.push(format!("email:{}", e.normalized()));
        }
        if let Some(p) = &self.phone {
            keys.push(format!("phone:{}", p.normalized()));
        }
        keys
    }
}

/// A new inquiry after validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidInquiry {
    /// Kind.
    pub kind: Kind,
    /// Topic.
    pub topic_id: TopicId,
    /// Unit.
    pub unit_id: Option<UnitId>,
    /// Subject.
    pub subject: Subject,
    /// Body.
    pub body: Body,
    /// Requester.
    pub requester: Requester,
    /// No contact details kept.
    pub anonymous: bool,
}

fn optional<T, E: Into<Invalid>>(
    errors: &mut ValidationErrors,
    field: &str,
    raw: &Option<String>,
    parse: impl Fn(&str) -> Result<T, E>,
) -> Option<Option<T>> {
    match raw.as_deref() {
        None => Some(None),
        Some(v) if crate::text::is_blank(v) => Some(None),
        Some(v) => errors.check(field, parse(v)).map(Some),
    }
}

fn default_language(languages: &[String]) -> Language {
    languages
        .first()
        .and_then(|l| Language::parse(l).ok())
        .unwrap_or_else(Language::english)
}

impl NewInquiry {
    /// Checks every field against the district's offered `languages` (default first).
    pub fn parse(&self, languages: &[String]) -> Result<ValidInquiry, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let subject = e.check("subject", Subject::parse(&self.subject));
        let body = e.check("body", Body::parse(&self.body));
        let r = &self.requester;
        let name = optional(&mut e, "requester.name", &r.name, PersonName::parse);
        let email = optional(&mut e, "requester.email", &r.email, Email::parse);
        let phone = optional(&mut e, "requester.phone", &r.phone, Phone::parse);
        let language = match r.preferred_language.as_deref() {
            None => Some(default_language(languages)),
            Some(raw) if crate::text::is_blank(raw) => Some(default_language(languages)),
            Some(raw) => match Language::parse(raw) {
                Ok(l) if languages.iter().any(|o| o == l.as_str()) => Some(l),
                _ => {
                    e.add(
                        "requester.preferred_language",
                        Invalid::NotOffered {
                            allowed: languages.to_vec(),
                        },
                    );
                    None
                }
            },
        };
        let has_contact = matches!(email, Some(Some(_))) || matches!(phone, Some(Some(_)));
        let gave_identity = has_contact || matches!(name, Some(Some(_)));
        if self.anonymous && gave_identity {
            e.add("anonymous", Invalid::AnonymousWithContact);
        } else if !self.anonymous && !has_contact && email.is_some() && phone.is_some() {
            // Both were empty (not merely invalid, which is reported already).
            e.add("requester.email", Invalid::ContactRequired);
        }
        if self
            .website
            .as_deref()
            .is_some_and(|w| !crate::text::is_blank(w))
        {
            e.add("website", Invalid::MustBeEmpty);
        }
        e.finish(|| {
            Some(ValidInquiry {
                kind: self.kind,
                topic_id: self.topic_id,
                unit_id: self.unit_id,
                subject: subject?,
                body: body?,
                requester: Requester {
                    name: name?,
                    email: email?,
                    phone: phone?,
                    role: r.role,
                    preferred_language: language?,
                },
                anonymous: self.anonymous,
            })
        })
    }
}

/// What a family receives once its inquiry is safely stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubmitReceipt {
    /// The new inquiry's id.
    pub id: crate::ids::InquiryId,
    /// Human reference to quote, e.g. `LKV-1042`.
    pub reference: String,
    /// Its status, `new`.
    pub status: Status,
    /// Private token for the tracking link; shown only here, keep it secret.
    pub tracking_token: String,
    /// The family's private tracking page (`HEARD_PUBLIC_URL/track/{tracking_token}`).
    pub tracking_url: String,
    /// The team that received it.
    pub team: TeamRef,
    /// When the district's standard says a first answer is due.
    pub first_response_due_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> NewInquiry {
        NewInquiry {
            kind: Kind::Question,
            topic_id: TopicId::new(),
            unit_id: None,
            subject: "Bus stop change".into(),
            body: "Can the stop move to Elm Street?".into(),
            requester: RequesterForm {
                name: Some("Maria Lopez".into()),
                email: Some("maria@example.org".into()),
                phone: None,
                role: RequesterRole::Parent,
                preferred_language: Some("es".into()),
            },
            anonymous: false,
            website: None,
        }
    }

    fn langs() -> Vec<String> {
        vec!["en".into(), "es".into()]
    }

    fn fields(f: &NewInquiry) -> Vec<String> {
        f.parse(&langs())
            .err()
            .map(|e| e.0.into_iter().map(|e| e.field).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_good_inquiry() {
        let v = form().parse(&langs()).expect("valid");
        assert_eq!(v.requester.preferred_language.as_str(), "es");
        assert_eq!(v.requester.contact_keys(), ["email:maria@example.org"]);
    }

    #[test]
    fn language_defaults_to_the_district_first() {
        let mut f = form();
        f.requester.preferred_language = None;
        assert_eq!(
            f.parse(&langs())
                .expect("valid")
                .requester
                .preferred_language
                .as_str(),
            "en"
        );
        f.requester.preferred_language = Some("fr".into());
        assert_eq!(fields(&f), ["requester.preferred_language"]);
    }

    #[test]
    fn contact_is_needed_unless_anonymous() {
        let mut f = form();
        f.requester.email = None;
        assert_eq!(fields(&f), ["requester.email"]);
        f.anonymous = true;
        assert_eq!(fields(&f), ["anonymous"], "a name is identity too");
        f.requester.name = None;
        assert!(f.parse(&langs()).is_ok());
    }

    #[test]
    fn every_bad_field_is_reported() {
        let mut f = form();
        f.subject = " ".into();
        f.body = String::new();
        f.requester.email = Some("not-an-email".into());
        f.requester.phone = Some("12".into());
        f.website = Some("http://spam.example".into());
        assert_eq!(
            fields(&f),
            [
                "subject",
                "body",
                "requester.email",
                "requester.phone",
                "website"
            ]
        );
    }
}
