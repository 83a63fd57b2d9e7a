//! scopepick: find Microsoft Graph permissions and build the exact scope string
//! for the Intrexx "Connector for Microsoft 365 and Teams" and other app registrations.
//!
//! The domain (`catalog`, `scope`, `filter`, `export`, `coverage`, `audit`) has no terminal
//! code; `cli` and `tui` are thin layers over it.

/// Every value of an enum as an array, each listed once: `every![T: A, B, C(D)]`.
/// The list is also matched exhaustively against `T`, so a new variant does
/// not compile until it is listed, and a repeated one is an unreachable
/// pattern (a warning, an error under clippy's `-D warnings`).
macro_rules! every {
    ($ty:ty: $($head:ident $(:: $tail:ident)* $(($($inner:tt)*))?),+ $(,)?) => {{
        #[allow(dead_code)]
        fn exhaustive(value: $ty) {
            match value {
                $($head $(:: $tail)* $(($($inner)*))?)|+ => (),
            }
        }
        [$($head $(:: $tail)* $(($($inner)*))?),+]
    }};
}

pub(crate) mod audit;
pub mod calls;
pub mod catalog;
pub mod choice;
pub mod cli;
pub(crate) mod clipboard;
pub mod config;
pub(crate) mod coverage;
pub(crate) mod encoding;
pub mod export;
pub mod filter;
pub(crate) mod fsutil;
pub(crate) mod json;
pub(crate) mod json_file;
pub(crate) mod paste;
pub(crate) mod presets;
pub mod saved;
pub mod scope;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod tsv;
pub mod tui;
pub(crate) mod typed_names;
