//! The integration tests, one binary so the suite links once and its tests
//! share the test threads (a CPU-bound search test runs while a tmux test
//! waits for a screen):
//! - `cli`: the real binary run once per case, its stdout, stderr, exit code
//!   and files checked;
//! - `e2e`: the real binary under tmux, a private Xvfb, strace, signals and
//!   hostile catalogs. These need system tools (skipped loudly without them,
//!   failing in CI).
//!
//! `cargo test --test suite e2e::` runs the end-to-end tests alone.

mod cli;
mod e2e;
mod support;
