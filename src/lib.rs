#![forbid(unsafe_code)]
//! parallax: read several news sources on one story side by side, with
//! framing language and matching claims highlighted.
//!
//! The analysis (`document`, `clean`, `sentences`, `load`, `framing`,
//! `claims`, `analysis`, `report`) never touches the terminal; `tui` is the
//! reader built on top of it. Settings files are found, read and reported on by
//! `config`; anything bound for the terminal from outside goes through
//! `printable`.

pub mod analysis;
pub mod claims;
pub mod clean;
pub mod config;
pub mod document;
pub mod framing;
pub mod load;
pub mod paths;
pub mod printable;
pub mod report;
pub mod seeds;
pub mod sentences;
pub mod tui;
pub mod words;
