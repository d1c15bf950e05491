//! Staff authentication: argon2id passwords, short-lived JWT access tokens
//! with issuer, audience and expiry checked, refresh tokens and family
//! tracking tokens stored only as hashes.

use crate::error::ApiError;
use crate::state::AppState;
use actix_web::dev::Payload;
use actix_web::{http::header, web, FromRequest, HttpRequest};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::Utc;
use heard_domain::access::{Action, Subject, Viewer};
use heard_domain::{DistrictId, Role, StaffId, StaffLinkId, StaffRef, TeamId};
use heard_store::queries::{auth as sessions, people};
use hmac::{Hmac, Mac};
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::future::Future;
use std::pin::Pin;
use uuid::Uuid;

const ISSUER: &str = "heard";
const AUDIENCE: &str = "heard-staff";

/// The claims of a staff access token; nothing else is signed with this shape.
#[derive(Debug, Serialize, Deserialize)]
struct AccessClaims {
    iss: String,
    aud: String,
    /// Staff id.
    sub: String,
    /// District id.
    did: String,
    /// The sign-in session; the token stops working once it is signed out.
    sid: String,
    iat: i64,
    exp: i64,
}

/// Keys derived from the installation secret.
#[derive(Clone)]
pub struct Keys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    secret: Vec<u8>,
}

impl Keys {
    /// Derives the keys from `secret`.
    pub fn new(secret: &str) -> Self {
        let bytes = secret.as_bytes();
        Self {
            encoding: EncodingKey::from_secret(bytes),
            decoding: DecodingKey::from_secret(bytes),
            secret: bytes.to_vec(),
        }
    }

    /// A signed access token for a staff member in sign-in session
    /// `session_id`, valid `minutes`.
    pub fn access_token(
        &self,
        staff_id: StaffId,
        district_id: DistrictId,
        session_id: &str,
        minutes: i64,
    ) -> Result<String, ApiError> {
        let now = Utc::now().timestamp();
        let claims = AccessClaims {
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            sub: staff_id.to_string(),
            did: district_id.to_string(),
            sid: session_id.into(),
            iat: now,
            exp: now + minutes * 60,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| ApiError::Internal(format!("signing token: {e}")))
    }

    fn verify(&self, token: &str) -> Option<AccessClaims> {
        let mut v = Validation::new(Algorithm::HS256);
        v.set_issuer(&[ISSUER]);
        v.set_audience(&[AUDIENCE]);
        // `sid` is required by the claims' shape: a token from before
        // sessions existed cannot be signed out, so it is refused.
        v.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        v.leeway = 5;
        decode::<AccessClaims>(token, &self.decoding, &v)
            .ok()
            .map(|d| d.claims)
    }

    /// The tracking token of an inquiry: its id followed by an HMAC of the
    /// id, so a retried submission can hand out the same link while only a
    /// hash of it is stored, and the link names the inquiry it opens.
    pub fn tracking_token(&self, inquiry_id: Uuid) -> String {
        let mut bytes = Vec::with_capacity(TRACKING_ID_BYTES + 32);
        bytes.extend_from_slice(inquiry_id.as_bytes());
        bytes.extend_from_slice(&self.tracking_mac(inquiry_id));
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// The token handed out before tokens carried the inquiry id: the HMAC
    /// alone. Links sent then keep working; a retried submission stored then
    /// is answered with the link it was first given.
    pub fn legacy_tracking_token(&self, inquiry_id: Uuid) -> String {
        URL_SAFE_NO_PAD.encode(self.tracking_mac(inquiry_id))
    }

    /// The token of the link an inquiry stored as `stored_key` was given:
    /// the current form, or the legacy one for inquiries stored before it.
    pub fn tracking_token_stored_as(&self, inquiry_id: Uuid, stored_key: &str) -> String {
        let token = self.tracking_token(inquiry_id);
        if tracking_key(&token).as_deref() == Some(stored_key) {
            token
        } else {
            self.legacy_tracking_token(inquiry_id)
        }
    }

    /// The token of a one-time staff link: its id and an HMAC of the id,
    /// URL-safe, made again from the secret whenever its message is
    /// written, so nothing stored is a usable token.
    pub fn staff_link_token(&self, link: StaffLinkId) -> String {
        let mut bytes = Vec::with_capacity(TRACKING_ID_BYTES + 32);
        bytes.extend_from_slice(link.0.as_bytes());
        bytes.extend_from_slice(&self.mac(b"staff-link:", link.0));
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn mac(&self, purpose: &[u8], id: Uuid) -> Vec<u8> {
        let mut mac = match Hmac::<Sha256>::new_from_slice(&self.secret) {
            Ok(m) => m,
            // HMAC takes keys of any length; this branch cannot run.
            Err(_) => return random_token().into_bytes(),
        };
        mac.update(purpose);
        mac.update(id.to_string().as_bytes());
        mac.finalize().into_bytes().to_vec()
    }

    fn tracking_mac(&self, inquiry_id: Uuid) -> Vec<u8> {
        self.mac(b"tracking-token:", inquiry_id)
    }
}

/// The bytes of the inquiry id at the start of a tracking token.
const TRACKING_ID_BYTES: usize = 16;
/// A tracking token: the inquiry id and a 32-byte HMAC, URL-safe.
const TRACKING_TOKEN_LEN: usize = 64;
/// A legacy tracking token: the 32-byte HMAC alone.
const LEGACY_TRACKING_TOKEN_LEN: usize = 43;

/// What an inquiry stores to be found by its tracking token, or `None` for
/// a string that is no tracking token. Never the token itself: a token that
/// names its inquiry is stored as `{id}:{sha256 of the token}`, which sorts
/// in the order inquiries arrive, so each new one is added at the end of
/// the index rather than on a random page of it; a legacy token as its hash.
pub fn tracking_key(token: &str) -> Option<String> {
    let url_safe = token
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if !url_safe {
        return None;
    }
    match token.len() {
        TRACKING_TOKEN_LEN => {
            let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
            let id = Uuid::from_slice(bytes.get(..TRACKING_ID_BYTES)?).ok()?;
            Some(format!("{id}:{}", token_hash(token)))
        }
        LEGACY_TRACKING_TOKEN_LEN => Some(token_hash(token)),
        _ => None,
    }
}

/// The link a staff-link token names and the hash it is stored as, or
/// `None` for a string that is no such token.
pub fn staff_link_key(token: &str) -> Option<(StaffLinkId, String)> {
    if token.len() != TRACKING_TOKEN_LEN
        || !token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return None;
    }
    let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
    let id = Uuid::from_slice(bytes.get(..TRACKING_ID_BYTES)?).ok()?;
    Some((StaffLinkId(id), token_hash(token)))
}

/// 32 random bytes, URL-safe.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a token.
pub fn token_hash(token: &str) -> String {
    sha256_hex(token.as_bytes())
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Argon2id with 7 MiB of memory and 5 passes, one of the settings OWASP
/// lists as equally strong as the crate's default (19 MiB, 2 passes): each
/// sign-in holds its memory while it hashes, and on a small server that is
/// most of what a sign-in costs.
fn hasher() -> Result<Argon2<'static>, ApiError> {
    Ok(Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        params()?,
    ))
}

fn params() -> Result<argon2::Params, ApiError> {
    argon2::Params::new(7 * 1024, 5, 1, None)
        .map_err(|e| ApiError::Internal(format!("password hashing settings: {e}")))
}

/// Whether a stored hash was made with other settings than a new one
/// would be; such a hash is replaced at the next successful sign-in.
pub fn needs_rehash(stored: &str) -> bool {
    let (Ok(hash), Ok(current)) = (PasswordHash::new(stored), params()) else {
        return false;
    };
    let Ok(theirs) = argon2::Params::try_from(&hash) else {
        return true;
    };
    let settings = |p: &argon2::Params| (p.m_cost(), p.t_cost(), p.p_cost());
    hash.algorithm != argon2::Algorithm::Argon2id.ident() || settings(&theirs) != settings(&current)
}

/// An argon2id hash of a password (PHC string, settings included).
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::Internal(format!("hashing password: {e}")))
}

/// A hash with today's settings of a password nobody has: checked when no
/// account matches, so that costs what a real check does.
const NO_ACCOUNT_HASH: &str =
    "$argon2id$v=19$m=7168,t=5,p=1$0kS48RUB5wWGlykQ0WbE5Q$YVgmvRqHTVv1ACLO0KzzCKb2HLbf3FXJEhDVIBTKFtI";

/// Whether `password` matches the stored hash; `None` still spends the same
/// time, so a wrong email cannot be told from a wrong password.
pub fn verify_password(stored: Option<&str>, password: &str) -> bool {
    let hash = stored.unwrap_or(NO_ACCOUNT_HASH);
    // Verifying takes the settings from the stored hash, so passwords
    // hashed with earlier settings keep working.
    let ok = PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false);
    ok && stored.is_some()
}

/// The signed-in staff member making the request.
#[derive(Debug, Clone)]
pub struct AuthStaff {
    /// Who.
    pub id: StaffId,
    /// Their district.
    pub district_id: DistrictId,
    /// Their name.
    pub name: String,
    /// Their roles.
    pub roles: Vec<Role>,
    /// Their teams.
    pub team_ids: Vec<TeamId>,
    /// The sign-in session the access token belongs to.
    pub session_id: String,
}

impl AuthStaff {
    /// The member as the access policy sees them.
    pub fn viewer(&self) -> Viewer {
        Viewer {
            id: self.id,
            roles: self.roles.clone(),
            teams: self.team_ids.clone(),
        }
    }

    /// Whether they may do `action` to `subject` (see `heard_domain::access`).
    pub fn may(&self, action: Action, subject: Subject<'_>) -> bool {
        self.viewer().may(action, subject)
    }

    /// As a staff reference, for the timeline.
    pub fn staff_ref(&self) -> StaffRef {
        StaffRef {
            id: self.id,
            name: self.name.clone(),
        }
    }
}

impl FromRequest for AuthStaff {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let bearer = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(|t| t.trim().to_owned());
        Box::pin(async move {
            let state =
                state.ok_or_else(|| ApiError::Internal("application state missing".into()))?;
            let token = bearer.ok_or(ApiError::Unauthorized(
                "sign in and send the access token as a Bearer token",
            ))?;
            let claims = state.keys.verify(&token).ok_or(ApiError::Unauthorized(
                "the access token is invalid or expired",
            ))?;
            let invalid = || ApiError::Unauthorized("the access token is invalid or expired");
            let staff_id: StaffId = claims.sub.parse().map_err(|_| invalid())?;
            let district_id: DistrictId = claims.did.parse().map_err(|_| invalid())?;
            let session_id = claims.sid.clone();
            let (staff, teams, signed_in) = crate::routes::read(&state, move |c| {
                let s = people::staff_by_id(c, staff_id).map_err(|e| match e {
                    heard_store::StoreError::NotFound => {
                        ApiError::Unauthorized("the account no longer exists")
                    }
                    other => other.into(),
                })?;
                // Checked on every request, so signing out ends the access
                // tokens already handed out at once, on every server.
                let now = heard_store::clock::now().naive_utc();
                let signed_in = sessions::session_is_live(c, staff_id, &claims.sid, now)?;
                Ok((s, people::teams_of(c, staff_id)?, signed_in))
            })
            .await?;
            if !staff.active || staff.district_id != district_id {
                return Err(ApiError::Unauthorized("the account is disabled"));
            }
            if !signed_in {
                return Err(ApiError::Unauthorized(
                    "this session was signed out; sign in again",
                ));
            }
            Ok(AuthStaff {
                id: staff.id,
                district_id: staff.district_id,
                name: staff.name,
                roles: staff.roles.0,
                team_ids: teams.into_iter().map(|t| t.id).collect(),
                session_id,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_round_trip_and_reject_tampering() {
        let keys = Keys::new("a-test-secret-that-is-long-enough-0123456789");
        let (s, d) = (StaffId::new(), DistrictId::new());
        let t = keys.access_token(s, d, "session", 15).expect("sign");
        let c = keys.verify(&t).expect("valid");
        assert_eq!(
            (c.sub, c.did, c.sid.as_str()),
            (s.to_string(), d.to_string(), "session")
        );
        let other = Keys::new("another-secret-that-is-long-enough-0123456789");
        assert!(other.verify(&t).is_none(), "wrong key");
        let expired = keys.access_token(s, d, "session", -10).expect("sign");
        assert!(keys.verify(&expired).is_none(), "expired");
    }

    #[test]
    fn tokens_without_a_session_are_refused() {
        // The claims access tokens had before sign-in sessions existed.
        #[derive(Serialize)]
        struct Sessionless {
            iss: &'static str,
            aud: &'static str,
            sub: &'static str,
            did: &'static str,
            iat: i64,
            exp: i64,
        }
        let keys = Keys::new("a-test-secret-that-is-long-enough-0123456789");
        let now = Utc::now().timestamp();
        let claims = Sessionless {
            iss: ISSUER,
            aud: AUDIENCE,
            sub: "s1",
            did: "d1",
            iat: now,
            exp: now + 600,
        };
        let t = encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).expect("sign");
        assert!(keys.verify(&t).is_none());
    }

    #[test]
    fn passwords() {
        let h = hash_password("lakeview-demo").expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password(Some(&h), "lakeview-demo"));
        assert!(!verify_password(Some(&h), "wrong"));
        assert!(!verify_password(None, "lakeview-demo"));
        assert!(h.contains("$m=7168,t=5,p=1$"), "{h}");
        // A hash made with the crate's default settings (19 MiB, 2 passes).
        let salt = SaltString::generate(&mut OsRng);
        let before = Argon2::default()
            .hash_password(b"lakeview-demo", &salt)
            .expect("hash")
            .to_string();
        assert!(before.contains("$m=19456,t=2,p=1$"), "{before}");
        assert!(verify_password(Some(&before), "lakeview-demo"));
        assert!(!verify_password(Some(&before), "wrong"));
        assert!(needs_rehash(&before));
        assert!(!needs_rehash(&h));
        assert!(!needs_rehash("not a hash"));
        // The check made when no account matches costs what a real one does.
        assert!(!needs_rehash(NO_ACCOUNT_HASH));
        assert!(!verify_password(Some(NO_ACCOUNT_HASH), "no such account"));
    }

    #[test]
    fn tracking_tokens_are_stable_per_inquiry_and_secret() {
        let keys = Keys::new("a-test-secret-that-is-long-enough-0123456789");
        let other = Keys::new("another-secret-that-is-long-enough-0123456789");
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        assert_eq!(keys.tracking_token(a), keys.tracking_token(a));
        assert_ne!(keys.tracking_token(a), keys.tracking_token(b));
        assert_ne!(keys.tracking_token(a), other.tracking_token(a));
        assert_eq!(keys.tracking_token(a).len(), TRACKING_TOKEN_LEN);
        assert_eq!(
            keys.legacy_tracking_token(a).len(),
            LEGACY_TRACKING_TOKEN_LEN
        );
        assert_eq!(token_hash("x").len(), 64);
    }

    #[test]
    fn tracking_keys_name_the_inquiry_and_hide_the_token() {
        let keys = Keys::new("a-test-secret-that-is-long-enough-0123456789");
        let id = Uuid::now_v7();
        let token = keys.tracking_token(id);
        let key = tracking_key(&token).expect("a token");
        assert_eq!(key, format!("{id}:{}", token_hash(&token)));
        assert!(!key.contains(&token));
        let legacy = keys.legacy_tracking_token(id);
        assert_eq!(tracking_key(&legacy), Some(token_hash(&legacy)));
        // Keys of later inquiries sort after earlier ones.
        let later = Uuid::now_v7();
        let later_key = tracking_key(&keys.tracking_token(later)).expect("a token");
        assert!(later > id && later_key > key);
    }

    #[test]
    fn strings_that_are_no_tracking_token_have_no_key() {
        let keys = Keys::new("a-test-secret-that-is-long-enough-0123456789");
        let token = keys.tracking_token(Uuid::now_v7());
        for bad in [
            "",
            "short",
            &token[..63],
            &format!("{token}A"),
            &format!("{}/{}", &token[..31], &token[32..]),
            &"é".repeat(32),
            &"%".repeat(43),
        ] {
            assert_eq!(tracking_key(bad), None, "{bad:?}");
        }
    }
}
