#![forbid(unsafe_code)]
//! parallax: read several news sources on one story side by side, with
//! framing language and matching claims highlighted.
//!
//! The analysis (`document`, `clean`, `sentences`, `load`, `framing`,
//! `claims`, `analysis`, `report`) never touches the terminal; `tui` is the
//! reader built on top of it. Settings files are found, read and reported on by
//! `config`; anything bound for the terminal from outside goes through
//! `printable`.

pub mod agreement;
pub mod analysis;
mod atomic;
pub mod claims;
pub mod clean;
pub mod compare;
pub mod config;
pub mod document;
pub mod framing;
pub mod handout;
pub mod load;
mod markup;
pub mod notes;
mod parallel;
pub mod paths;
pub mod printable;
mod quote_marks;
pub mod quotes;
pub mod report;
pub mod search;
pub mod seeds;
pub mod sentences;
pub mod session;
pub mod tagger;
pub mod tui;
pub mod words;
