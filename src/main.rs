#![forbid(unsafe_code)]
//! The `parallax` binary: argument parsing and dispatch; all the work is in the library.

mod classroom;
mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::main()
}
