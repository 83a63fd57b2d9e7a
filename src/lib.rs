//! scopepick: find Microsoft Graph permissions and build the exact scope string
//! for the Intrexx "Connector for Microsoft 365 and Teams" and other app registrations.
//!
//! The domain (`catalog`, `scope`, `filter`, `export`, `hints`, `audit`) has no terminal
//! code; `cli` and `tui` are thin layers over it.

pub mod audit;
pub mod catalog;
pub mod choice;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod encoding;
pub mod export;
pub mod filter;
pub mod fsutil;
pub mod hints;
pub mod presets;
pub mod saved;
pub mod scope;
pub mod selection;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod tui;
