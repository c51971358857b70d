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
        assert_eq!(share(1, 4), Some(25.0));
        assert_eq!(share(0, 0), None);
    }
}
