//! A scroll offset over rows, moved by the usual movement actions and clamped
//! to the rows there are: what every scrolling overlay and panel shares.

use crate::tui::action::Action;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scroll {
    offset: usize,
}

impl Scroll {
    pub fn offset(self) -> usize {
        self.offset
    }

    /// Moves by a movement action, `page` rows a page, never past `max`; returns
    /// false (and stays) for any other action.
    pub fn apply(&mut self, action: &Action, page: usize, max: usize) -> bool {
        let page = page.max(1);
        let to = match action {
            Action::LineDown => self.offset + 1,
            Action::LineUp => self.offset.saturating_sub(1),
            Action::HalfPageDown => self.offset + page.div_ceil(2),
            Action::HalfPageUp => self.offset.saturating_sub(page.div_ceil(2)),
            Action::PageDown => self.offset + page,
            Action::PageUp => self.offset.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            Action::ScrollAt { lines, .. } => self.offset.saturating_add_signed(*lines as isize),
            _ => return false,
        };
        self.offset = to.min(max);
        true
    }

    /// Moves by `lines` (negative is up), never past `max`.
    pub fn by(&mut self, lines: isize, max: usize) {
        self.offset = self.offset.saturating_add_signed(lines).min(max);
    }

    /// Back to the top.
    pub fn reset(&mut self) {
        self.offset = 0;
    }

    /// The offset to draw with when the rows may have shrunk since (a resize).
    pub fn clamped(self, max: usize) -> usize {
        self.offset.min(max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_by_lines_and_pages_within_bounds() {
        let mut s = Scroll::default();
        assert!(s.apply(&Action::LineDown, 10, 25));
        assert_eq!(s.offset(), 1);
        assert!(s.apply(&Action::PageDown, 10, 25));
        assert_eq!(s.offset(), 11);
        assert!(s.apply(&Action::Bottom, 10, 25));
        assert_eq!(s.offset(), 25);
        assert!(s.apply(&Action::PageDown, 10, 25));
        assert_eq!(s.offset(), 25, "never past the end");
        assert!(s.apply(&Action::HalfPageUp, 10, 25));
        assert_eq!(s.offset(), 20);
        assert!(s.apply(&Action::Top, 10, 25));
        assert_eq!(s.offset(), 0);
        assert!(s.apply(&Action::LineUp, 10, 25));
        assert_eq!(s.offset(), 0);
        assert!(!s.apply(&Action::Zoom, 10, 25));
        assert_eq!(s.clamped(0), 0);
    }
}
