//! Keystroke latency: the filter alone, and the whole step the user waits for
//! (`update` + drawing a 160x48 frame on `TestBackend`), typing each query
//! letter by letter and then deleting it with backspace.
//!
//! `cargo bench --bench keystroke` runs criterion; afterwards a percentile
//! table is printed for each catalog size: per keystroke, the time to the
//! next frame and to the complete filter result (they differ only when a
//! pass is long enough to run in steps).

mod common;

use criterion::{BatchSize, Criterion, criterion_group};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scopepick::catalog::{AuthMode, Catalog};
use scopepick::filter::{Criteria, Search};
use scopepick::scope::Style;
use scopepick::tui::action::{Action, Command, Edit};
use scopepick::tui::app::App;
use scopepick::tui::draw::draw;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn catalogs() -> Vec<(&'static str, Catalog)> {
    vec![
        ("embedded-36", Catalog::embedded()),
        ("builtin-1519", Catalog::builtin()),
        ("synthetic-100k", common::graph_like(100_000)),
    ]
}

/// Every action of typing each query and deleting it again.
fn keystrokes() -> Vec<Action> {
    let mut actions = Vec::new();
    for query in common::QUERIES {
        actions.extend(query.chars().map(Action::Type));
        actions.extend(query.chars().map(|_| Action::Command(Command::Edit(Edit::DeletePrevChar))));
    }
    actions
}

/// Every prefix typed and deleted, as filter queries.
fn prefixes() -> Vec<String> {
    let mut out = Vec::new();
    for query in common::QUERIES {
        let chars: Vec<char> = query.chars().collect();
        for n in (1..=chars.len()).chain((0..chars.len()).rev()) {
            out.push(chars[..n].iter().collect());
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    for (name, catalog) in catalogs() {
        let mut group = c.benchmark_group(format!("keystroke/{name}"));
        if catalog.len() > 10_000 {
            group.sample_size(10);
        }
        let queries = prefixes();
        group.bench_function("filter-only", |b| {
            b.iter_batched(
                || {
                    let mut search = Search::new(&catalog);
                    search.prepare(&catalog);
                    search
                },
                |mut search| {
                    for q in &queries {
                        let criteria = Criteria { query: q.clone(), ..Criteria::default() };
                        if !search.set(&catalog, criteria) {
                            while !search.step(&catalog) {}
                        }
                        black_box(search.hits().len());
                    }
                },
                BatchSize::LargeInput,
            )
        });
        let actions = keystrokes();
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        group.bench_function("update+draw-160x48", |b| {
            b.iter_batched(
                || picker(&catalog),
                |mut app| {
                    for action in &actions {
                        keystroke(&mut app, &mut terminal, action);
                    }
                },
                BatchSize::LargeInput,
            )
        });
        group.finish();
    }
}

/// A fresh picker as the runner has it before the first key: its first
/// frame drawn and, with no key waiting, [`Action::Prepare`] done.
fn picker(catalog: &Catalog) -> App {
    let mut app = App::new(catalog.clone(), AuthMode::Delegated, Style::Short, 160, 48);
    app.update(Action::Prepare);
    app
}

/// One keystroke as the runner handles it: update and draw, then (for long
/// passes) filter steps and frames until the result is complete. Returns
/// the time to the first frame and to the complete result.
fn keystroke(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    action: &Action,
) -> (Duration, Duration) {
    let start = Instant::now();
    app.update(action.clone());
    terminal.draw(|f| draw(f, app)).unwrap();
    let frame = start.elapsed();
    while app.filtering().is_some() {
        app.update(Action::FilterStep);
        terminal.draw(|f| draw(f, app)).unwrap();
    }
    (frame, start.elapsed())
}

/// Median and p99 of single keystrokes, each round on a fresh picker (no
/// result from an earlier round to reuse).
fn percentiles() {
    println!("\nper keystroke: update + draw of a 160x48 frame (release build, {} cores)", cores());
    println!(
        "{:<16} {:>7} | {:>10} {:>10} {:>10} | {:>10} {:>10} {:>10}",
        "catalog", "samples", "frame p50", "p99", "max", "result p50", "p99", "max"
    );
    for (name, catalog) in catalogs() {
        let rounds = if catalog.len() > 10_000 { 10 } else { 200 };
        let actions = keystrokes();
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        let (mut frames, mut results) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let mut app = picker(&catalog);
            for action in &actions {
                let (frame, result) = keystroke(&mut app, &mut terminal, action);
                frames.push(frame);
                results.push(result);
            }
        }
        let [f50, f99, fmax] = summary(&mut frames);
        let [r50, r99, rmax] = summary(&mut results);
        println!(
            "{name:<16} {:>7} | {f50:>10.2?} {f99:>10.2?} {fmax:>10.2?} | {r50:>10.2?} {r99:>10.2?} {rmax:>10.2?}",
            frames.len()
        );
    }
}

/// Median, p99 and maximum.
fn summary(samples: &mut [Duration]) -> [Duration; 3] {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    [at(0.5), at(0.99), samples[samples.len() - 1]]
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    if !std::env::args().any(|a| a == "--list" || a == "--test" || a == "--profile-time") {
        percentiles();
    }
}
