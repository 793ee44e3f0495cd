//! decode-text → verify → evaluate, per credential.
use criterion::{criterion_group, criterion_main, Criterion};
use yima_core::{PolicySet, Session, VenueKey, Verifier};
use yima_issue::demo;

fn bench(c: &mut Criterion) {
    let now = chrono::Utc::now();
    let v = Verifier {
        trust: Some(demo::trust_list(now)),
        policies: Some(demo::policies(now)),
        venue: VenueKey { venue: "metro".into(), region: 310000 },
        revocation: None,
        clock_floor: None,
    };
    let _: Option<&PolicySet> = v.policies.as_ref();
    let qr = demo::samples(now).into_iter().find(|s| s.id == "green_nat_20h").map(|s| s.qr).unwrap_or_default();
    c.bench_function("scan green_nat_20h (decode+verify+evaluate)", |b| {
        b.iter(|| {
            let mut s = Session::default();
            v.scan(&mut s, std::hint::black_box(&qr), now)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
