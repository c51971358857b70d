//! Calendar arithmetic: adding business days with a warm year cache, and computing a year's
//! holidays from scratch. Run: `cargo bench --bench calendar`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use ventanilla::domain::{calendar::Calendar, holidays};

fn bench(c: &mut Criterion) {
    let cal = Calendar::legal();
    let start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or(NaiveDate::MIN);
    cal.add(start, 60); // warm this year's and next year's cache
    c.bench_function("add 30 business days (warm cache)", |b| {
        b.iter(|| cal.add(black_box(start), black_box(30)))
    });
    let mut year = 1984;
    c.bench_function("holidays of a year (computed from rules)", |b| {
        b.iter(|| {
            year = if year >= 2200 { 1984 } else { year + 1 };
            holidays::of_year(black_box(year))
        })
    });
    c.bench_function(
        "first business-day check of a new year (holidays + bitset)",
        |b| {
            b.iter_batched(
                Calendar::legal,
                |cal| cal.is_business_day(black_box(start)),
                BatchSize::SmallInput,
            )
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
