#![forbid(unsafe_code)]
//! The `parallax` binary: argument parsing, fetching web pages, dispatch; the
//! analysis and the reader are in the library.

mod classroom;
mod cli;
mod inputs;
mod web;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
