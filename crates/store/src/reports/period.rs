//! A part of a report period, added up by the database: the totals of its
//! rows and their durations themselves. Parts read side by side add up to
//! the period exactly, quantiles included, because the durations come
//! whole; the quantiles are computed once all parts are in.

use heard_domain::metrics::{hours, DurationStats, Mean, Totals};

/// Whole seconds, kept in 4 bytes each while they fit (any duration under
/// 68 years), so a year of durations stays small in memory; or only counted,
/// when the report needs no quantile of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seconds {
    Narrow(Vec<i32>),
    Wide(Vec<i64>),
    Counted(u64),
}

impl Default for Seconds {
    fn default() -> Self {
        Seconds::Narrow(Vec::new())
    }
}

/// Which of a part's four durations (in [`Part::durations`] order) are kept
/// for their quantiles; the others are only counted. A year of a large
/// district is millions of durations, and the goals need two of the four.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept(pub [bool; 4]);

impl Kept {
    /// Every duration: a summary shows all their quantiles.
    pub const ALL: Kept = Kept([true; 4]);

    /// Empty lists for the kept durations, counters for the others.
    pub fn empty(self) -> [Seconds; 4] {
        self.0.map(|kept| {
            if kept {
                Seconds::default()
            } else {
                Seconds::Counted(0)
            }
        })
    }
}

impl Seconds {
    /// Adds a duration.
    pub fn push(&mut self, s: i64) {
        match self {
            Seconds::Narrow(v) => match i32::try_from(s) {
                Ok(n) => push_growing_by_a_quarter(v, n),
                Err(_) => {
                    let mut wide: Vec<i64> = v.iter().map(|&n| n.into()).collect();
                    wide.push(s);
                    *self = Seconds::Wide(wide);
                }
            },
            Seconds::Wide(v) => push_growing_by_a_quarter(v, s),
            Seconds::Counted(n) => *n += 1,
        }
    }

    /// How many durations there are.
    pub fn count(&self) -> u64 {
        match self {
            Seconds::Narrow(v) => v.len() as u64,
            Seconds::Wide(v) => v.len() as u64,
            Seconds::Counted(n) => *n,
        }
    }

    /// Adds the durations of another part. An empty list takes the other's
    /// over instead of copying them: a year of them is megabytes.
    pub fn append(&mut self, other: Seconds) {
        if matches!(self, Seconds::Narrow(v) if v.is_empty()) {
            *self = other;
            return;
        }
        match (&mut *self, other) {
            (Seconds::Counted(a), b) => *a += b.count(),
            (a, Seconds::Counted(n)) => *a = Seconds::Counted(a.count() + n),
            (Seconds::Narrow(a), Seconds::Narrow(b)) => {
                a.reserve_exact(b.len());
                a.extend(b);
            }
            (Seconds::Wide(a), Seconds::Wide(b)) => {
                a.reserve_exact(b.len());
                a.extend(b);
            }
            (Seconds::Wide(a), Seconds::Narrow(b)) => a.extend(b.into_iter().map(i64::from)),
            (Seconds::Narrow(a), Seconds::Wide(b)) => {
                let mut wide: Vec<i64> = a.iter().map(|&n| n.into()).collect();
                wide.extend(b);
                *self = Seconds::Wide(wide);
            }
        }
    }

    /// Count, median and 90th percentile in hours (the count alone for
    /// durations only counted).
    pub fn stats(&mut self) -> DurationStats {
        match self {
            Seconds::Narrow(v) => duration_stats(v),
            Seconds::Wide(v) => duration_stats(v),
            Seconds::Counted(n) => DurationStats {
                count: *n,
                ..DurationStats::default()
            },
        }
    }
}

/// Pushes `x`, growing a full `v` by a quarter rather than doubling it: a
/// list of a month's or a year's durations then holds at most a quarter
/// more memory than it uses, at a few more copies while it grows.
fn push_growing_by_a_quarter<T>(v: &mut Vec<T>, x: T) {
    if v.len() == v.capacity() {
        v.reserve_exact((v.len() / 4).max(1024));
    }
    v.push(x);
}

/// Count, median and 90th percentile in hours of whole seconds: the two
/// closest ranks are found among the seconds and interpolated in hours,
/// which is `heard_domain::metrics::quantile` over the sorted hours (hours
/// grow with seconds).
fn duration_stats<T: Ord + Copy + Into<i64>>(v: &mut [T]) -> DurationStats {
    let quantile = |v: &mut [T], q: f64| -> Option<f64> {
        let last = v.len().checked_sub(1)?;
        let pos = q * last as f64;
        let lo = pos.floor() as usize;
        let (_, a, above) = v.select_nth_unstable(lo);
        let a = hours((*a).into());
        let b = if pos.ceil() as usize == lo {
            a
        } else {
            hours((*above.iter().min()?).into())
        };
        Some(a + (b - a) * (pos - lo as f64))
    };
    DurationStats {
        count: v.len() as u64,
        median_hours: quantile(v, 0.5),
        p90_hours: quantile(v, 0.9),
    }
}

/// The totals (without duration statistics) and the durations of a part:
/// first response, first response in business time, resolution, resolution
/// in business time.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Part {
    pub totals: Totals,
    pub durations: [Seconds; 4],
}

/// The counters of totals, in a fixed order.
fn counters(t: &mut Totals) -> [&mut u64; 15] {
    [
        &mut t.received,
        &mut t.resolved,
        &mut t.standard_decided,
        &mut t.standard_met,
        &mut t.overall.count,
        &mut t.courtesy.count,
        &mut t.communication.count,
        &mut t.responsiveness.count,
        &mut t.environment.count,
        &mut t.recommend_answers,
        &mut t.promoters,
        &mut t.detractors,
        &mut t.resolved_with_feedback,
        &mut t.repeat_contacts,
        &mut t.rerouted,
    ]
}

fn sums(t: &mut Totals) -> [&mut Mean; 5] {
    [
        &mut t.overall,
        &mut t.courtesy,
        &mut t.communication,
        &mut t.responsiveness,
        &mut t.environment,
    ]
}

impl Part {
    /// Adds another part of the same period.
    pub fn append(&mut self, mut other: Part) {
        for (a, b) in counters(&mut self.totals)
            .into_iter()
            .zip(counters(&mut other.totals))
        {
            *a += *b;
        }
        for (a, b) in sums(&mut self.totals)
            .into_iter()
            .zip(sums(&mut other.totals))
        {
            a.sum += b.sum;
        }
        for (a, b) in self.durations.iter_mut().zip(other.durations) {
            a.append(b);
        }
    }

    /// The totals of the whole period, once every part was appended.
    pub fn finish(mut self) -> Totals {
        let [a, b, c, d] = &mut self.durations;
        let t = &mut self.totals;
        t.first_response = a.stats();
        t.first_response_business = b.stats();
        t.resolution = c.stats();
        t.resolution_business = d.stats();
        self.totals
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use heard_domain::metrics::quantile;

    fn pseudo_random(n: usize, seed: u64) -> Vec<i64> {
        let mut state = seed;
        (0..n)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                (state >> 33) as i64 % 2_000_000 - 1000
            })
            .collect()
    }

    #[test]
    fn quantiles_of_seconds_match_the_definition_over_hours() {
        for n in [1usize, 2, 3, 10, 101, 1000] {
            let values = pseudo_random(n, n as u64);
            let mut hours_sorted: Vec<f64> = values.iter().map(|&s| hours(s)).collect();
            hours_sorted.sort_by(f64::total_cmp);
            let mut narrow = Seconds::default();
            let mut wide = Seconds::default();
            wide.push(i64::from(i32::MAX) + 1);
            for &s in &values {
                narrow.push(s);
            }
            let got = narrow.stats();
            assert_eq!(got.count, n as u64);
            assert_eq!(got.median_hours, quantile(&hours_sorted, 0.5));
            assert_eq!(got.p90_hours, quantile(&hours_sorted, 0.9));
            for &s in &values {
                wide.push(s);
            }
            hours_sorted.push(hours(i64::from(i32::MAX) + 1));
            hours_sorted.sort_by(f64::total_cmp);
            assert!(matches!(wide, Seconds::Wide(_)));
            assert_eq!(wide.stats().p90_hours, quantile(&hours_sorted, 0.9));
        }
        assert_eq!(Seconds::default().stats(), DurationStats::default());
    }

    #[test]
    fn counted_durations_add_up_to_their_count() {
        let mut counted = Kept([false, true, true, true]).empty();
        for s in [5, 1, 9] {
            counted[0].push(s);
        }
        assert_eq!(counted[0], Seconds::Counted(3));
        counted[0].append(Seconds::Narrow(vec![1, 2]));
        assert_eq!(counted[0].count(), 5);
        let stats = counted[0].stats();
        assert_eq!((stats.count, stats.median_hours), (5, None));
        // An empty list takes the other part's over whole.
        let mut empty = Seconds::default();
        empty.append(Seconds::Wide(vec![i64::MAX, 3]));
        assert_eq!(empty, Seconds::Wide(vec![i64::MAX, 3]));
        let mut kept = Seconds::Narrow(vec![4]);
        kept.append(Seconds::Counted(2));
        assert_eq!(kept, Seconds::Counted(3));
    }

    fn part(values: &[i64], wide: bool) -> Part {
        let mut p = Part::default();
        p.totals.received = values.len() as u64;
        p.totals.overall = Mean { sum: -7, count: 3 };
        p.totals.rerouted = 2;
        for (i, d) in p.durations.iter_mut().enumerate() {
            if wide {
                d.push(i64::MAX);
            }
            for &v in values.iter().skip(i) {
                d.push(v);
            }
        }
        p
    }

    #[test]
    fn parts_add_up_to_the_whole() {
        let all = pseudo_random(500, 3);
        let (a, b) = all.split_at(200);
        for wide in [false, true] {
            let mut sum = part(a, wide);
            sum.append(part(b, false));
            let totals = sum.finish();
            assert_eq!(totals.received, 500);
            assert_eq!(totals.overall, Mean { sum: -14, count: 6 });
            assert_eq!(totals.rerouted, 4);
            let mut whole = Seconds::default();
            if wide {
                whole.push(i64::MAX);
            }
            for &v in a.iter().chain(b) {
                whole.push(v);
            }
            assert_eq!(totals.first_response, whole.stats());
        }
    }
}
