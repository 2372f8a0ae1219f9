//! Search in the reading view: `/` and `?` open a prompt, matches show in every
//! pane as the query is typed, Enter goes to the first, `n` / `N` go on through
//! the focused pane and into the next pane that has one.
//!
//! Everything runs on document byte ranges ([`crate::search`]), never on drawn
//! lines, and lazily: the matches on screen are found at once, the counts a
//! slice at a time while the reader is idle (ticks), and not beyond
//! [`CAP`] per pane, so a query that matches 100,000 times in 50 MB keeps
//! the reader responsive.

use std::ops::Range;

use crate::search::{Query, QueryError};

use super::super::action::{SearchEvent, SearchInput};
use super::super::app::Shared;
use super::super::modes::prompt::Prompt;
use super::{PaneState, Reader};

/// Matches counted per pane; past it the count shows as "10000+".
pub const CAP: usize = 10_000;
/// Bytes counted per tick, and at once when the query changes (so an article's
/// count is there with its highlights, and only a long text counts on in ticks).
const SLICE: usize = 512 * 1024;
/// Bytes searched, all panes together, for the match previewed while typing; Enter searches on.
const PREVIEW_BUDGET: usize = 4 << 20;
/// Earlier queries kept for recall in the prompt.
const HISTORY: usize = 100;

/// How far the matches of one document have been counted.
#[derive(Clone, Debug, Default)]
struct Count {
    scanned: usize,
    found: Vec<Range<usize>>,
    /// More than [`CAP`] matches: counting stopped.
    capped: bool,
}

/// Where the reader was when the prompt opened, and the search before it: Esc goes back to both.
#[derive(Clone, Debug)]
struct Origin {
    focus: usize,
    panes: Vec<PaneState>,
    query: Option<Query>,
    shown: bool,
    current: Option<(usize, Range<usize>)>,
}

#[derive(Clone, Debug, Default)]
pub struct Search {
    query: Option<Query>,
    /// Whether the matches show (Esc hides them; `n` shows them again).
    shown: bool,
    /// The match the cursor went to last.
    current: Option<(usize, Range<usize>)>,
    counts: Vec<Count>,
    /// Per document, the matches on screen, and what they were found for (view, query generation).
    visible: Vec<Vec<Range<usize>>>,
    visible_for: Vec<Option<(Range<usize>, u64)>>,
    generation: u64,
    /// Searches confirmed this session, oldest first.
    pub history: Vec<String>,
    /// Whether the last prompt searched exactly (no inflections); the next one starts the same.
    exact: bool,
    origin: Option<Origin>,
}

impl Search {
    pub fn new(docs: usize) -> Search {
        Search {
            counts: vec![Count::default(); docs],
            visible: vec![Vec::new(); docs],
            visible_for: vec![None; docs],
            ..Search::default()
        }
    }

    /// The query in use, if any.
    pub fn query(&self) -> Option<&Query> {
        self.query.as_ref()
    }

    /// Whether the last search was exact (no inflections).
    pub fn exact(&self) -> bool {
        self.exact
    }

    /// A search from an earlier session: remembered for ↑ and in use, so `n` finds it at once.
    pub fn restore(&mut self, text: &str, exact: bool, shared: &Shared) {
        if let Ok(query) = Query::new(text, exact) {
            self.exact = exact;
            self.remember(text);
            self.set_query(Some(query));
            self.count_some(shared, 0);
        }
    }

    pub fn highlights_shown(&self) -> bool {
        self.shown && self.query.is_some()
    }

    pub fn hide_highlights(&mut self) {
        self.shown = false;
    }

    fn set_query(&mut self, query: Option<Query>) {
        self.query = query;
        self.shown = true;
        self.current = None;
        self.generation += 1;
        for c in &mut self.counts {
            *c = Count::default();
        }
    }

    /// Whether counting is left to do.
    pub fn counting(&self) -> bool {
        self.highlights_shown() && self.counts.iter().any(|c| !c.capped && c.scanned < usize::MAX)
    }

    /// Counts about [`SLICE`] bytes: of the focused document first, then the others in order.
    pub fn count_some(&mut self, shared: &Shared, focus: usize) {
        let Some(query) = &self.query else { return };
        let open = |c: &Count| !c.capped && c.scanned < usize::MAX;
        let mut budget = SLICE;
        while budget > 0 {
            let next =
                if self.counts.get(focus).is_some_and(open) { Some(focus) } else { self.counts.iter().position(open) };
            let Some(doc) = next else { return };
            let text = &shared.docs[doc].text;
            let count = &mut self.counts[doc];
            let mut end = (count.scanned + budget).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            budget = budget.saturating_sub(end - count.scanned).saturating_sub(1);
            count.found.extend(query.find_in(text, count.scanned..end));
            if count.found.len() > CAP {
                count.found.truncate(CAP);
                count.capped = true;
            }
            // `usize::MAX` marks a finished count (a document may be empty, so `len` cannot).
            count.scanned = if end >= text.len() { usize::MAX } else { end };
        }
    }

    /// Finds the matches on screen again where the view or the query changed.
    pub fn refresh_visible(&mut self, views: Vec<(usize, Range<usize>)>, shared: &Shared) {
        let Some(query) = self.query.as_ref().filter(|_| self.shown) else { return };
        for (doc, view) in views {
            let key = Some((view.clone(), self.generation));
            if self.visible_for[doc] != key {
                self.visible[doc] = query.find_overlapping(&shared.docs[doc].text, view);
                self.visible_for[doc] = key;
            }
        }
    }

    /// The matches on screen in pane `doc` (none while hidden).
    pub fn visible(&self, doc: usize) -> &[Range<usize>] {
        match self.highlights_shown() {
            true => self.visible.get(doc).map_or(&[], Vec::as_slice),
            false => &[],
        }
    }

    /// The current match, when it is in document `doc` and matches show.
    pub fn current_in(&self, doc: usize) -> Option<Range<usize>> {
        self.current.clone().filter(|(d, _)| *d == doc && self.highlights_shown()).map(|(_, r)| r)
    }

    /// "17", "17…" while counting, "10000+" past the cap.
    fn count_text(&self, doc: usize) -> String {
        let c = &self.counts[doc];
        if c.capped {
            format!("{CAP}+")
        } else if c.scanned < usize::MAX {
            format!("{}…", c.found.len())
        } else {
            c.found.len().to_string()
        }
    }

    /// The match count of pane `doc`, for its header, while matches show.
    pub fn pane_count(&self, doc: usize) -> Option<String> {
        self.highlights_shown().then(|| self.count_text(doc))
    }

    /// All panes' matches together.
    pub fn total_text(&self) -> String {
        let total: usize = self.counts.iter().map(|c| c.found.len()).sum();
        if total > CAP || self.counts.iter().any(|c| c.capped) {
            format!("{CAP}+")
        } else if self.counts.iter().any(|c| c.scanned < usize::MAX) {
            format!("{total}…")
        } else {
            total.to_string()
        }
    }

    /// The status line's part: "[3/17] · 41 in all".
    pub fn status(&self, focus: usize) -> Option<String> {
        if !self.highlights_shown() {
            return None;
        }
        let here = self.count_text(focus);
        let c = &self.counts[focus];
        let index = self.current.as_ref().filter(|(d, _)| *d == focus).and_then(|(_, m)| {
            let i = c.found.partition_point(|r| r.start < m.start);
            c.found.get(i).filter(|r| r.start == m.start).map(|_| i + 1)
        });
        let place = match index {
            Some(i) => format!("[{i}/{here}]"),
            None => format!("[{here}]"),
        };
        Some(if self.counts.len() > 1 { format!("{place} · {} in all", self.total_text()) } else { place })
    }

    /// The panes saved when the prompt opened, if it is open (a new analysis remaps their highlights).
    pub fn saved_panes_mut(&mut self) -> Option<&mut Vec<PaneState>> {
        self.origin.as_mut().map(|o| &mut o.panes)
    }

    fn remember(&mut self, query: &str) {
        self.history.retain(|q| q != query);
        self.history.push(query.to_string());
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }

    /// The first match of document `doc` in `window`, or the last when searching backward.
    fn first_in(&self, shared: &Shared, doc: usize, window: Range<usize>, forward: bool) -> Option<Range<usize>> {
        let query = self.query.as_ref()?;
        let text = &shared.docs[doc].text;
        let c = &self.counts[doc];
        if c.scanned == usize::MAX && !c.capped {
            // Counted already: look it up.
            let from = c.found.partition_point(|r| r.start < window.start);
            let to = c.found.partition_point(|r| r.start < window.end);
            let slice = &c.found[from..to];
            return if forward { slice.first() } else { slice.last() }.cloned();
        }
        if forward { query.next_in(text, window) } else { query.prev_in(text, window) }
    }

    /// The next match from byte `pos` of document `doc` (after it, or before it backward),
    /// then on through the other documents in order, round past the last one to the
    /// first and back to `doc`. `budget` bounds the bytes searched (the preview while typing).
    /// Returns the match and whether the search wrapped round.
    fn find(
        &self,
        shared: &Shared,
        doc: usize,
        pos: usize,
        forward: bool,
        budget: Option<usize>,
    ) -> Option<(usize, Range<usize>, bool)> {
        let n = shared.docs.len();
        let mut left = budget.unwrap_or(usize::MAX);
        for step in 0..=n {
            let d = if forward { (doc + step) % n } else { (doc + n * 2 - step) % n };
            let len = shared.docs[d].text.len();
            let window = match (step, forward) {
                (0, true) => pos.min(len)..len,
                (0, false) => 0..pos.min(len),
                (s, true) if s == n => 0..pos.min(len),
                (s, false) if s == n => pos.min(len)..len,
                _ => 0..len,
            };
            let wrapped = if forward { step > 0 && d <= doc } else { step > 0 && d >= doc };
            let window = if forward {
                window.start..window.end.min(window.start.saturating_add(left))
            } else {
                window.end.saturating_sub(left).max(window.start)..window.end
            };
            let window = char_window(&shared.docs[d].text, window);
            left = left.saturating_sub(window.len());
            if let Some(m) = self.first_in(shared, d, window, forward) {
                return Some((d, m, wrapped));
            }
            if left == 0 {
                return None;
            }
        }
        None
    }
}

/// `window` with its ends moved forward onto character boundaries of `text`
/// (so a search "after byte p" never steps back onto p).
fn char_window(text: &str, window: Range<usize>) -> Range<usize> {
    let mut start = window.start.min(text.len());
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = window.end.min(text.len()).max(start);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

impl Reader {
    /// `/` or `?`: the prompt, remembering where the reader is for Esc.
    pub(super) fn open_search(&mut self, shared: &mut Shared, backward: bool) {
        let s = &mut self.search;
        s.origin = Some(Origin {
            focus: self.focus,
            panes: self.panes.clone(),
            query: s.query.clone(),
            shown: s.shown,
            current: s.current.clone(),
        });
        shared.open(Prompt::search(backward, s.exact, s.history.clone()));
    }

    /// Back to where the reader was when the prompt opened.
    fn restore_origin(&mut self, shared: &Shared) -> Option<Origin> {
        let origin = self.search.origin.clone()?;
        self.panes.clone_from(&origin.panes);
        self.set_focus(shared, origin.focus);
        Some(origin)
    }

    pub(super) fn search_event(&mut self, shared: &mut Shared, event: &SearchEvent) {
        match event {
            SearchEvent::Typed(input) => self.preview(shared, input),
            SearchEvent::Confirmed(input) => {
                self.confirm(shared, input);
                self.search.origin = None;
            }
            SearchEvent::Cancelled => {
                if let Some(origin) = self.restore_origin(shared) {
                    let s = &mut self.search;
                    if s.query.as_ref().map(Query::text) != origin.query.as_ref().map(Query::text) {
                        s.set_query(origin.query);
                    }
                    s.shown = origin.shown;
                    s.current = origin.current;
                }
                self.search.origin = None;
            }
        }
    }

    /// As the query is typed: its matches show in every pane, and the first one from
    /// the cursor is brought into view (the cursor moves only on Enter).
    fn preview(&mut self, shared: &mut Shared, input: &SearchInput) {
        let Some(origin) = self.restore_origin(shared) else { return };
        self.search.exact = input.exact;
        match Query::new(&input.query, input.exact) {
            Ok(query) => self.search.set_query(Some(query)),
            Err(QueryError::Empty) => {
                self.search.set_query(None);
                return;
            }
            Err(e) => {
                shared.say(e.to_string());
                return;
            }
        }
        self.search.count_some(shared, origin.focus);
        let pos = origin.panes[origin.focus].cursor;
        let found = self.search.find(shared, origin.focus, pos, !input.backward, Some(PREVIEW_BUDGET));
        if let Some((doc, m, _)) = found {
            self.set_focus(shared, doc);
            self.bring_into_view(shared, doc, m.start);
            self.search.current = Some((doc, m));
        }
    }

    /// Enter: the cursor to the first match from where the search started (an empty
    /// query repeats the last search).
    fn confirm(&mut self, shared: &mut Shared, input: &SearchInput) {
        if self.restore_origin(shared).is_none() {
            return;
        }
        let text = match (input.query.is_empty(), self.search.history.last()) {
            (false, _) => input.query.clone(),
            (true, Some(last)) => last.clone(),
            (true, None) => {
                shared.say("nothing to search for");
                return;
            }
        };
        let query = match Query::new(&text, input.exact) {
            Ok(q) => q,
            Err(e) => {
                shared.say(e.to_string());
                return;
            }
        };
        self.search.exact = input.exact;
        self.search.remember(&text);
        if self.search.query.as_ref().map(Query::text) != Some(&text) || !self.search.shown {
            self.search.set_query(Some(query));
            self.search.count_some(shared, self.focus);
        }
        let pos = self.panes[self.focus].cursor;
        // A match at the cursor counts going forward; backward, only those before it.
        match self.search.find(shared, self.focus, pos, !input.backward, None) {
            Some((doc, m, wrapped)) => {
                self.record_jump();
                self.go_to_match(shared, doc, m, wrapped, !input.backward);
            }
            None => {
                shared.say(format!("not found: {text}"));
            }
        }
    }

    /// `n` / `N`: the next or previous match from the cursor, on into the other panes.
    pub(super) fn search_step(&mut self, shared: &mut Shared, forward: bool) {
        if self.search.query.is_none() {
            let key = shared.keymap.first_key("search_forward").unwrap_or_default();
            shared.say(format!("no search yet ({key} searches)"));
            return;
        }
        self.search.shown = true;
        let doc = self.focus;
        let cursor = self.panes[doc].cursor;
        // Forward, strictly after the cursor: the match it is on is the one to leave.
        let from = if forward { cursor + 1 } else { cursor };
        match self.search.find(shared, doc, from, forward, None) {
            Some((d, m, wrapped)) => {
                self.record_jump();
                self.go_to_match(shared, d, m, wrapped, forward);
            }
            None => {
                let text = self.search.query.as_ref().map_or("", Query::text);
                shared.say(format!("not found: {text}"));
            }
        }
    }

    fn go_to_match(&mut self, shared: &mut Shared, doc: usize, m: Range<usize>, wrapped: bool, forward: bool) {
        self.set_focus(shared, doc);
        self.panes[doc].cursor = m.start;
        self.panes[doc].highlight = None;
        self.bring_into_view(shared, doc, m.start);
        self.after_move(shared);
        self.search.current = Some((doc, m));
        if wrapped {
            shared.say(match (forward, shared.docs.len()) {
                (true, 1) => "wrapped round to the top".to_string(),
                (false, 1) => "wrapped round to the bottom".to_string(),
                (_, _) => format!("wrapped round to pane {}", doc + 1),
            });
        }
    }
}
