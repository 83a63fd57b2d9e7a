//! Start-up and bulk work: building the built-in catalog (1,519 rows from
//! statics), loading the Intrexx seed, loading a stored 1.5k-row catalog,
//! importing a 1.5k-row Graph export, path lookups, and `check` on 1 MB.
//! The picker's start-up to its first frame against fzf's is measured by
//! `python3 benches/first_frame.py` (whole processes in a pty).

mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use scopepick::catalog::graph::{HttpMethod, lookup};
use scopepick::catalog::{
    Catalog, ImportSource, Store, StoredCatalog, import_exports, merge_import,
};
use scopepick::scope::check;
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("start");
    group.bench_function("builtin-catalog-1519", |b| b.iter(|| black_box(Catalog::builtin())));
    group.bench_function("intrexx-seed-36", |b| b.iter(|| black_box(Catalog::embedded())));
    group.bench_function("api-lookup", |b| {
        b.iter(|| {
            black_box(lookup(
                Some(HttpMethod::Get),
                "/users/48d31887-5fad-4d73-a9f5-3c356e68a038/messages",
                None,
            ))
        })
    });

    let dir = std::env::temp_dir().join(format!("scopepick-bench-{}", std::process::id()));
    let store = Store::at(&dir);
    store.save(&StoredCatalog::new(common::realistic(), vec!["bench".into()])).unwrap();
    group.bench_function("stored-catalog-1519", |b| b.iter(|| black_box(store.load().unwrap())));
    let merged_dir = dir.join("merged");
    let merged = Store::at(&merged_dir);
    let tenant = merge_import(&Catalog::builtin(), &common::realistic(), "merged").catalog;
    merged.save(&StoredCatalog::new(tenant, vec!["bench".into()])).unwrap();
    group.bench_function("stored-merged-import", |b| b.iter(|| black_box(merged.load().unwrap())));

    let export = common::as_graph_export(&common::realistic());
    let embedded = Catalog::embedded();
    group.bench_function("import-export-1519", |b| {
        b.iter(|| {
            let sources = [ImportSource { name: "bench.json".into(), text: export.clone() }];
            black_box(import_exports(&sources, &embedded).unwrap())
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(dir);

    let names = ["Chat.Read", "Mail.Send,", "Foo.Bar", "offline_access", "Profile", "Xyz.Qqq9"];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 1_000_000 {
        text.push_str(names[i % names.len()]);
        text.push(' ');
        i += 1;
    }
    let mut group = c.benchmark_group("check");
    group.sample_size(20);
    group.bench_function("1MB", |b| {
        b.iter(|| black_box(check(&text, scopepick::catalog::AuthMode::Delegated, None, &embedded)))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
