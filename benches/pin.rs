//! Cost of one PIN guess: verifying a PIN against a stored hash with the product's argon2id
//! parameters (what an attacker holding a stolen backup pays per guess, on this machine).
//! Run: `cargo bench --bench pin`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use ventanilla::desk::pins;

fn one_guess(c: &mut Criterion) {
    let stored = pins::hash("4821").unwrap();
    let mut group = c.benchmark_group("pin");
    group.sample_size(10);
    group.bench_function("verify one guess (wrong PIN)", |b| {
        b.iter(|| black_box(pins::verify(black_box("1234"), &stored)))
    });
    group.finish();
}

criterion_group!(benches, one_guess);
criterion_main!(benches);
