//! Per-address rate limits on the public and sign-in endpoints, so a script
//! cannot flood a district's queue or guess passwords; no tracking involved.
//! Behind trusted proxies the address is the client's they forwarded for
//! (see [`crate::forwarded`]).

use crate::error::ApiError;
use actix_web::HttpRequest;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

/// Past this many remembered addresses, forget the ones with a full allowance.
const PRUNE_AT: usize = 50_000;

/// One limit: so many requests per minute per client address.
#[derive(Clone)]
pub struct Limit {
    limiter: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
}

impl Limit {
    /// `per_minute` requests per minute per address, in bursts of the same size; 0 turns it off.
    pub fn per_minute(per_minute: u32) -> Self {
        Self {
            limiter: NonZeroU32::new(per_minute)
                .map(|n| Arc::new(RateLimiter::keyed(Quota::per_minute(n)))),
        }
    }

    /// Counts a request; 429 with the wait when over the limit.
    pub fn check(&self, req: &HttpRequest) -> Result<(), ApiError> {
        let (Some(limiter), Some(addr)) = (&self.limiter, crate::forwarded::client_addr(req))
        else {
            return Ok(());
        };
        if limiter.len() > PRUNE_AT {
            limiter.retain_recent();
        }
        limiter.check_key(&addr).map_err(|not_until| {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            ApiError::TooMany(wait.as_secs().max(1))
        })
    }
}

/// The limits of an installation.
#[derive(Clone)]
pub struct Limits {
    /// Submitting inquiries and family replies.
    pub public_writes: Limit,
    /// Staff sign-in and token refresh.
    pub sign_in: Limit,
}

impl Limits {
    /// From the settings.
    pub fn new(public_writes_per_minute: u32, sign_in_per_minute: u32) -> Self {
        Self {
            public_writes: Limit::per_minute(public_writes_per_minute),
            sign_in: Limit::per_minute(sign_in_per_minute),
        }
    }
}
