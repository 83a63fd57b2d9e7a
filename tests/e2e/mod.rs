//! The end-to-end tests: the real binary under tmux, a private Xvfb, strace,
//! signals and hostile catalogs. They need system tools (skipped loudly
//! without them, failing in CI): `cargo test --test suite e2e::`.

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
