//! The time every write is stamped with.

use chrono::{DateTime, SubsecRound, Utc};

/// Now, to the microsecond: the precision PostgreSQL keeps, so a time
/// stored on either backend reads back exactly as it was written and two
/// rows never differ only below what a cursor can say.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

#[cfg(test)]
mod tests {
    #[test]
    fn now_has_no_nanoseconds() {
        for _ in 0..100 {
            assert_eq!(super::now().timestamp_subsec_nanos() % 1000, 0);
        }
    }
}
