//! One line per page on standard error while pages download: bytes received,
//! done, failed. Drawn only on a terminal (a log gets the final warnings and
//! errors alone), redrawn at most every tenth of a second, and erased when all
//! are done, so the lines that stay are the ones that matter.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use parallax::printable::escape;
use ratatui::crossterm::cursor::MoveUp;
use ratatui::crossterm::queue;
use ratatui::crossterm::terminal::{Clear, ClearType};
use unicode_width::UnicodeWidthChar;

/// Fetches that end sooner than this never draw: no flicker for a fast site.
const FIRST_DRAW: Duration = Duration::from_millis(150);
const REDRAW: Duration = Duration::from_millis(100);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    Waiting,
    Receiving { received: u64, total: Option<u64> },
    Done { bytes: u64 },
    Failed(String),
}

pub struct Progress {
    urls: Vec<String>,
    states: Vec<State>,
    tty: bool,
    started: Instant,
    drawn_at: Option<Instant>,
    /// Lines on screen now, to move back over.
    shown: usize,
}

impl Progress {
    pub fn new(urls: Vec<String>) -> Progress {
        let states = vec![State::Waiting; urls.len()];
        let tty = std::io::stderr().is_terminal();
        Progress { urls, states, tty, started: Instant::now(), drawn_at: None, shown: 0 }
    }

    pub fn set(&mut self, index: usize, state: State) {
        self.states[index] = state;
    }

    /// Redraws when it is time to.
    pub fn tick(&mut self) {
        let now = Instant::now();
        let due = match self.drawn_at {
            None => now.duration_since(self.started) >= FIRST_DRAW,
            Some(at) => now.duration_since(at) >= REDRAW,
        };
        if self.tty && due {
            self.drawn_at = Some(now);
            let width = ratatui::crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w));
            let lines: Vec<String> = self.urls.iter().zip(&self.states).map(|(u, s)| line(u, s, width)).collect();
            // Progress is a courtesy: a closed standard error must not stop the reader.
            let _ = self.draw(&lines);
        }
    }

    /// Erases the lines drawn, if any.
    pub fn finish(&mut self) {
        if self.shown > 0 {
            let _ = self.draw(&[]);
        }
    }

    fn draw(&mut self, lines: &[String]) -> std::io::Result<()> {
        let mut err = std::io::stderr().lock();
        if self.shown > 0 {
            queue!(err, MoveUp(self.shown as u16))?;
        }
        write!(err, "\r")?;
        queue!(err, Clear(ClearType::FromCursorDown))?;
        for l in lines {
            writeln!(err, "{l}")?;
        }
        self.shown = lines.len();
        err.flush()
    }
}

/// `  ↓ https://example.org/story  12.3 kB of 40.0 kB`, cut to `width` columns
/// (the address gives way, the state stays readable).
pub fn line(url: &str, state: &State, width: usize) -> String {
    let (mark, status) = match state {
        State::Waiting => ("·", "waiting".to_string()),
        State::Receiving { received, total: Some(t) } => ("↓", format!("{} of {}", size(*received), size(*t))),
        State::Receiving { received, total: None } => ("↓", size(*received)),
        State::Done { bytes } => ("✓", format!("done, {}", size(*bytes))),
        State::Failed(why) => ("✗", format!("failed: {why}")),
    };
    // These lines go to the terminal as they are: a control character in an address
    // (from a list file, say) or in a reason must not move the cursor or change colours.
    let status = escape(&status);
    let room = width.saturating_sub(1);
    let fixed = 2 + 2 + 2 + str_width(&status);
    let url = cut(&escape(url), room.saturating_sub(fixed).max(12));
    cut(&format!("  {mark} {url}  {status}"), room)
}

/// Bytes as a person reads them: `512 B`, `12.3 kB`, `10.0 MB` (powers of 1000).
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1000 => format!("{b} B"),
        b if b < 1_000_000 => format!("{:.1} kB", b as f64 / 1e3),
        b if b < 1_000_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b => format!("{:.1} GB", b as f64 / 1e9),
    }
}

fn str_width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

fn cut(s: &str, width: usize) -> String {
    if str_width(s) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_has_its_line() {
        let url = "https://example.org/story";
        assert_eq!(line(url, &State::Waiting, 80), "  · https://example.org/story  waiting");
        let receiving = State::Receiving { received: 12_345, total: Some(40_000) };
        assert_eq!(line(url, &receiving, 80), "  ↓ https://example.org/story  12.3 kB of 40.0 kB");
        assert_eq!(line(url, &State::Done { bytes: 999 }, 80), "  ✓ https://example.org/story  done, 999 B");
        assert_eq!(
            line(url, &State::Failed("the server answered HTTP 404 Not Found".into()), 80),
            "  ✗ https://example.org/story  failed: the server answered HTTP 404 Not Found"
        );
    }

    #[test]
    fn control_characters_in_an_address_are_not_sent_to_the_terminal() {
        assert_eq!(line("https://x.test/\u{1b}[2J", &State::Waiting, 80), "  · https://x.test/\\e[2J  waiting");
        assert_eq!(line("https://x.test/\u{202e}x", &State::Waiting, 80), "  · https://x.test/\\u{202e}x  waiting");
    }

    #[test]
    fn a_long_address_gives_way_to_the_state() {
        let url = format!("https://example.org/{}", "long-slug-".repeat(20));
        let l = line(&url, &State::Done { bytes: 2_500_000 }, 60);
        assert_eq!(str_width(&l), 59);
        assert!(l.ends_with("…  done, 2.5 MB"), "{l}");
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(0), "0 B");
        assert_eq!(size(10_000_000), "10.0 MB");
        assert_eq!(size(1_500), "1.5 kB");
    }
}
