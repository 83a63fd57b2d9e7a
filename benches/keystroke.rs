//! Keystroke latency: the filter alone, and the whole step the user waits for
//! (`update` + drawing a 160x48 frame on `TestBackend`), typing each query
//! letter by letter and then deleting it with backspace.
//!
//! `cargo bench --bench keystroke` runs criterion; afterwards a percentile
//! table (median and p99 per keystroke) is printed for each catalog size.

mod common;

use criterion::{Criterion, criterion_group};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use scopepick::catalog::{AuthMode, Catalog};
use scopepick::filter::{Criteria, FuzzyFilter};
use scopepick::scope::Style;
use scopepick::tui::action::{Action, Command, Edit};
use scopepick::tui::app::App;
use scopepick::tui::draw::draw;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn catalogs() -> Vec<(&'static str, Catalog)> {
    vec![
        ("embedded-36", Catalog::embedded()),
        ("graph-1519", common::realistic()),
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
    let filter = FuzzyFilter::new();
    for (name, catalog) in catalogs() {
        let mut group = c.benchmark_group(format!("keystroke/{name}"));
        if catalog.len() > 10_000 {
            group.sample_size(10);
        }
        let queries = prefixes();
        group.bench_function("filter-only", |b| {
            b.iter(|| {
                for q in &queries {
                    let criteria = Criteria { query: q.clone(), ..Criteria::default() };
                    black_box(filter.filter(&catalog, &criteria));
                }
            })
        });
        let actions = keystrokes();
        let mut app = App::new(catalog.clone(), AuthMode::Delegated, Style::Short, 160, 48);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        group.bench_function("update+draw-160x48", |b| {
            b.iter(|| {
                for action in &actions {
                    app.update(action.clone());
                    terminal.draw(|f| draw(f, &app)).unwrap();
                }
            })
        });
        group.finish();
    }
}

/// Median and p99 of single keystrokes (update + draw), over many runs.
fn percentiles() {
    println!("\nper-keystroke latency, update + draw of a 160x48 frame (release build)");
    println!("{:<16} {:>8} {:>12} {:>12} {:>12}", "catalog", "samples", "median", "p99", "max");
    for (name, catalog) in catalogs() {
        let rounds = if catalog.len() > 10_000 { 5 } else { 200 };
        let actions = keystrokes();
        let mut app = App::new(catalog, AuthMode::Delegated, Style::Short, 160, 48);
        let mut terminal = Terminal::new(TestBackend::new(160, 48)).unwrap();
        let mut samples: Vec<Duration> = Vec::new();
        for _ in 0..rounds {
            for action in &actions {
                let start = Instant::now();
                app.update(action.clone());
                terminal.draw(|f| draw(f, &app)).unwrap();
                samples.push(start.elapsed());
            }
        }
        samples.sort();
        let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
        println!(
            "{name:<16} {:>8} {:>12?} {:>12?} {:>12?}",
            samples.len(),
            at(0.5),
            at(0.99),
            samples[samples.len() - 1]
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    if !std::env::args().any(|a| a == "--list" || a == "--test") {
        percentiles();
    }
}
