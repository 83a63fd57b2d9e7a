//! The end-to-end tests: the real binary under tmux, a private Xvfb, strace,
//! signals and hostile catalogs. They need system tools (skipped loudly
//! without them, failing in CI), so they live in their own test binary:
//! `cargo test --test e2e`.

#[path = "../support/mod.rs"]
mod support;

mod clipboard;
mod full_basket;
mod handoff;
mod large_catalog;
mod lifecycle;
mod no_network;
mod paste;
mod readme_screenshot;
mod robustness;
mod tui;
