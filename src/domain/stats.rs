//! Small statistics for indicators: percentiles by nearest rank, shares.

/// The `p`-th percentile (0–100) of `values` by the nearest-rank method; none when empty.
/// `values` need not be sorted.
pub fn percentile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    Some(v[rank.clamp(1, v.len()) - 1])
}

/// Several percentiles of `values` at once, sorting them in place a single time.
pub fn percentiles_in_place(values: &mut [f64], ps: &[f64]) -> Vec<Option<f64>> {
    values.sort_unstable_by(f64::total_cmp);
    ps.iter()
        .map(|p| {
            (!values.is_empty()).then(|| {
                let rank = ((p / 100.0) * values.len() as f64).ceil() as usize;
                values[rank.clamp(1, values.len()) - 1]
            })
        })
        .collect()
}

/// Whole seconds counted per value, for exact nearest-rank percentiles over millions of
/// durations without sorting them: values up to `CAP` seconds go in buckets, longer ones
/// (rare) in a list.
#[derive(Debug, Clone, Default)]
pub struct Histogram {
    counts: Vec<u32>,
    longer: Vec<u32>,
    n: usize,
}

impl Histogram {
    /// Durations kept in buckets: up to 6 hours.
    pub const CAP: usize = 6 * 3600;

    /// Counts one duration (negative ones as zero).
    pub fn add(&mut self, seconds: i64) {
        let s = u32::try_from(seconds.max(0)).unwrap_or(u32::MAX);
        if (s as usize) < Self::CAP {
            if self.counts.is_empty() {
                self.counts = vec![0; Self::CAP];
            }
            self.counts[s as usize] += 1;
        } else {
            self.longer.push(s);
        }
        self.n += 1;
    }

    /// Counts `times` durations of `seconds` at once (a histogram built elsewhere, e.g. by a
    /// database's GROUP BY).
    pub fn add_many(&mut self, seconds: i64, times: usize) {
        let s = u32::try_from(seconds.max(0)).unwrap_or(u32::MAX);
        if (s as usize) < Self::CAP {
            if self.counts.is_empty() {
                self.counts = vec![0; Self::CAP];
            }
            self.counts[s as usize] += u32::try_from(times).unwrap_or(u32::MAX);
        } else {
            self.longer.extend(std::iter::repeat_n(s, times));
        }
        self.n += times;
    }

    /// Adds everything `other` counted.
    pub fn merge(&mut self, other: &Histogram) {
        if !other.counts.is_empty() {
            if self.counts.is_empty() {
                self.counts = vec![0; Self::CAP];
            }
            for (a, b) in self.counts.iter_mut().zip(&other.counts) {
                *a += b;
            }
        }
        self.longer.extend_from_slice(&other.longer);
        self.n += other.n;
    }

    /// How many durations were counted.
    pub fn len(&self) -> usize {
        self.n
    }

    /// Whether nothing was counted.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// The `p`-th percentile (nearest rank), in seconds.
    pub fn percentile(&mut self, p: f64) -> Option<u32> {
        if self.n == 0 {
            return None;
        }
        let rank = (((p / 100.0) * self.n as f64).ceil() as usize).clamp(1, self.n);
        let mut seen = 0usize;
        for (value, count) in self.counts.iter().enumerate() {
            seen += *count as usize;
            if seen >= rank {
                return u32::try_from(value).ok();
            }
        }
        self.longer.sort_unstable();
        self.longer.get(rank - seen - 1).copied()
    }
}

/// The median (the 50th percentile by nearest rank).
pub fn median(values: &[f64]) -> Option<f64> {
    percentile(values, 50.0)
}

/// `part` of `whole` in percent; none when `whole` is zero.
pub fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| 100.0 * part as f64 / whole as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_at_once_or_merged_is_the_same_as_one_by_one() {
        let values = [5i64, 5, 5, 60, 60, 7200, 30_000, 30_000];
        let mut one = Histogram::default();
        values.iter().for_each(|v| one.add(*v));
        let mut many = Histogram::default();
        many.add_many(5, 3);
        many.add_many(60, 2);
        let mut rest = Histogram::default();
        rest.add_many(7200, 1);
        rest.add_many(30_000, 2);
        many.merge(&rest);
        assert_eq!(many.len(), one.len());
        for p in [1.0, 25.0, 50.0, 75.0, 90.0, 100.0] {
            assert_eq!(many.percentile(p), one.percentile(p), "p{p}");
        }
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v = [15.0, 20.0, 35.0, 40.0, 50.0];
        assert_eq!(percentile(&v, 30.0), Some(20.0));
        assert_eq!(percentile(&v, 40.0), Some(20.0));
        assert_eq!(percentile(&v, 50.0), Some(35.0));
        assert_eq!(percentile(&v, 100.0), Some(50.0));
        assert_eq!(percentile(&[3.0, 1.0, 2.0, 4.0], 50.0), Some(2.0));
        assert_eq!(
            percentile(&(1..=10).map(f64::from).collect::<Vec<_>>(), 90.0),
            Some(9.0)
        );
        assert_eq!(median(&[]), None);
        let mut w = vec![50.0, 5.0, 30.0, 10.0, 20.0];
        assert_eq!(
            percentiles_in_place(&mut w, &[50.0, 90.0]),
            [Some(20.0), Some(50.0)]
        );
        assert_eq!(percentiles_in_place(&mut [], &[50.0]), [None]);
        // the histogram agrees with sorting, including durations past its buckets
        let mut rng = fastrand::Rng::with_seed(3);
        let mut values: Vec<f64> = Vec::new();
        let mut h = Histogram::default();
        for _ in 0..5000 {
            let v = if rng.u8(0..50) == 0 {
                rng.i64(Histogram::CAP as i64..40_000)
            } else {
                rng.i64(-5..7200)
            };
            h.add(v);
            values.push(v.max(0) as f64);
        }
        for p in [1.0, 50.0, 90.0, 99.0, 99.9, 100.0] {
            assert_eq!(
                h.percentile(p).map(f64::from),
                percentile(&values, p),
                "p{p}"
            );
        }
        assert_eq!(Histogram::default().percentile(50.0), None);
        assert_eq!(share(1, 4), Some(25.0));
        assert_eq!(share(0, 0), None);
    }
}
