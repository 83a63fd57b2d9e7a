//! The command-line tests: the real binary run once per case, its stdout,
//! stderr, exit code and files checked; the modules are named after what
//! they cover.

mod api_calls;
mod audit;
mod basics;
mod bounded_input;
mod catalog;
mod completions;
mod described;
mod escapes;
mod files;
mod graph;
mod handoff;
mod json_docs;
mod plurals;
mod readme_examples;
mod relevance;
mod search_order;
mod suite_checks;
mod symlinks;
