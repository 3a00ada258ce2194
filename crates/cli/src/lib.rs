//! The `attache` command line: argument parsing lives in `main.rs`; this
//! library holds the pipeline and the commands so tests can call them.

pub mod commands;
pub mod demo;
pub mod pipeline;
pub mod render;

pub use pipeline::Pipeline;

/// Exit codes, documented in `attache --help` and the README.
pub mod exit {
    /// Everything was read and processed.
    pub const OK: i32 = 0;
    /// Some inputs could not be read (each reported on stderr); the rest were processed.
    pub const PARTIAL: i32 = 1;
    /// Bad command-line usage (clap's own code).
    pub const USAGE: i32 = 2;
    /// A fatal error: the store could not be opened or written, or output failed.
    pub const FATAL: i32 = 3;
    /// Nothing matched (an unknown entity or event id).
    pub const NOT_FOUND: i32 = 4;
}
