//! How the reading view moves: scrolling, the cursor, highlights, sentences
//! other sources report, counterpart jumps and their history, aligned scrolling,
//! focus and the mouse.

use std::ops::Range;

use crate::claims::SentenceRef;
use crate::framing::{Category, Layer};

use super::super::app::Shared;
use super::super::derived::dimmed;
use super::super::modes::explain::Explain;
use super::super::theme::category_index;
use super::super::view::Status;
use super::layout::text_area;
use super::{Cycle, Location, PaneState, Reader};

impl Reader {
    /// The layout of pane `doc` at its current width.
    pub(super) fn flow<'a>(&self, shared: &'a Shared, doc: usize) -> crate::tui::flow::Flow<'a> {
        shared.flow(doc, self.text_size(doc).0)
    }

    fn here(&self) -> Location {
        Location { doc: self.focus, pane: self.panes[self.focus] }
    }

    fn goto(&mut self, shared: &Shared, loc: Location) {
        self.set_focus(shared, loc.doc);
        self.panes[loc.doc] = loc.pane;
        self.after_move(shared);
    }

    pub(super) fn scroll(&mut self, shared: &Shared, doc: usize, delta: isize) {
        let rows = usize::from(self.text_size(doc).1);
        let top = self.flow(shared, doc).scroll(self.panes[doc].top, delta, rows);
        self.panes[doc].top = top;
        if doc == self.focus {
            self.keep_cursor_in_view(shared);
            self.after_move(shared);
        }
    }

    /// `g` / `G`: the top or the bottom, and the cursor with it to the first or last sentence.
    pub(super) fn go_to_end(&mut self, shared: &Shared, bottom: bool) {
        let doc = self.focus;
        let rows = usize::from(self.text_size(doc).1).max(1);
        let flow = self.flow(shared, doc);
        let top = if bottom { flow.last_top(rows) } else { flow.step(0, 0) };
        let sentences = &shared.docs[doc].sentences;
        let sentence = if bottom { sentences.last() } else { sentences.first() };
        let cursor = sentence.map_or(top, |s| s.start);
        self.panes[doc] = PaneState { top, cursor, highlight: None };
        self.after_move(shared);
    }

    /// The byte range pane `doc` shows: start of its first line to end of its last.
    pub(super) fn view_range(&self, shared: &Shared, doc: usize) -> Option<Range<usize>> {
        let rows = usize::from(self.text_size(doc).1).max(1);
        let lines = self.flow(shared, doc).lines_from(self.panes[doc].top, rows);
        Some(lines.first()?.range.start..lines.last()?.range.end)
    }

    /// After scrolling, a cursor that left the screen moves to the first (or, when
    /// scrolled off the bottom, the last) sentence on it, so aligned scrolling follows reading.
    fn keep_cursor_in_view(&mut self, shared: &Shared) {
        let doc = self.focus;
        let Some(view) = self.view_range(shared, doc) else { return };
        let pane = self.panes[doc];
        let d = &shared.docs[doc];
        let sentences = &d.sentences;
        let in_view = match (pane.highlight, d.sentence_at(pane.cursor)) {
            (None, Some(i)) => sentences[i].start < view.end.max(view.start + 1) && sentences[i].end > view.start,
            _ => view.contains(&pane.cursor) || pane.cursor == view.start,
        };
        if in_view {
            return;
        }
        let first_starting = sentences.partition_point(|s| s.start < view.start);
        let cursor = if pane.cursor < view.start {
            match sentences.get(first_starting) {
                Some(s) if s.start < view.end => s.start,
                _ => d.sentence_at(view.start).map_or(view.start, |i| sentences[i].start),
            }
        } else {
            let last = sentences.partition_point(|s| s.start < view.end).checked_sub(1);
            last.map_or(view.start, |i| sentences[i].start)
        };
        self.panes[doc] = PaneState { top: pane.top, cursor, highlight: None };
    }

    /// Scrolls pane `doc` so byte `pos` shows, a third of the way down when it has to move.
    pub(super) fn bring_into_view(&mut self, shared: &Shared, doc: usize, pos: usize) {
        if let Some(view) = self.view_range(shared, doc)
            && (view.contains(&pos) || pos == view.start)
        {
            return;
        }
        let rows = usize::from(self.text_size(doc).1);
        let flow = self.flow(shared, doc);
        let top = flow.step(pos, -((rows / 3) as isize)).min(flow.last_top(rows));
        self.panes[doc].top = top;
    }

    /// Scrolls the focused pane, if it must, so its whole cursor sentence shows (or
    /// its start, when it is longer than the pane): when the counterpart panel opens
    /// over the lower rows, the sentence it describes stays in sight.
    pub(super) fn keep_cursor_visible(&mut self, shared: &Shared) {
        if self.show_cursor_sentence(shared, self.focus) {
            self.after_move(shared);
        }
    }

    /// Scrolls pane `doc`, if it must, so its whole cursor sentence shows (or its start, when it is
    /// longer than the pane), a third of the pane down where it fits; whether it scrolled.
    fn show_cursor_sentence(&mut self, shared: &Shared, doc: usize) -> bool {
        let Some(sentence) = self.cursor_sentence(shared, doc) else { return false };
        let range = shared.docs[doc].sentences[sentence.sentence].clone();
        let Some(view) = self.view_range(shared, doc) else { return false };
        if range.start >= view.start && range.end <= view.end {
            return false;
        }
        let rows = usize::from(self.text_size(doc).1).max(1);
        let flow = self.flow(shared, doc);
        let first = flow.line_start(range.start);
        let lines = flow.lines_from(first, rows + 1).iter().take_while(|l| l.range.start < range.end).count();
        let above = (rows / 3).min(rows.saturating_sub(lines));
        self.panes[doc].top = flow.step(first, -(above as isize)).min(flow.last_top(rows));
        true
    }

    /// What follows any move of the focused pane's cursor: aligned scrolling.
    pub(super) fn after_move(&mut self, shared: &Shared) {
        if self.aligned {
            self.align_others(shared);
        }
    }

    /// Scrolls every other pane so the best counterpart of the cursor sentence sits
    /// on the same row as the cursor sentence.
    fn align_others(&mut self, shared: &Shared) {
        let Some(s) = self.cursor_sentence(shared, self.focus) else { return };
        let Some(analysis) = &shared.analysis else { return };
        let start = shared.docs[s.doc].sentences[s.sentence].start;
        let rows = usize::from(self.text_size(self.focus).1).max(1);
        let row = self
            .flow(shared, s.doc)
            .lines_from(self.panes[s.doc].top, rows)
            .iter()
            .position(|l| l.range.start <= start && start <= l.range.end && !l.blank)
            .unwrap_or(0);
        let mut targets: Vec<SentenceRef> = Vec::new();
        for cp in analysis.counterparts(s) {
            if cp.sentence.doc != s.doc && !targets.iter().any(|t| t.doc == cp.sentence.doc) {
                targets.push(cp.sentence);
            }
        }
        for t in targets {
            let pos = shared.docs[t.doc].sentences[t.sentence].start;
            let top = self.flow(shared, t.doc).step(pos, -(row as isize));
            self.panes[t.doc] = PaneState { top, cursor: pos, highlight: None };
        }
    }

    pub(super) fn set_focus(&mut self, shared: &Shared, doc: usize) {
        if doc < shared.docs.len() {
            self.focus = doc;
            self.relayout(shared);
        }
    }

    pub(super) fn move_to_highlight(&mut self, shared: &mut Shared, forward: bool) {
        let Some(analysis) = shared.analysis.clone() else {
            shared.say(shared.no_analysis());
            return;
        };
        let doc = self.focus;
        let pane = self.panes[doc];
        let spans = analysis.framing.get(doc).map_or(&[][..], Vec::as_slice);
        let shown = self.shown_spans(doc).iter().copied();
        let found = if forward {
            shown.clone().find(|&i| match pane.highlight {
                Some(h) => i > h,
                None => spans[i].range.start >= pane.cursor,
            })
        } else {
            shown.rev().find(|&i| match pane.highlight {
                Some(h) => i < h,
                None => spans[i].range.start < pane.cursor,
            })
        };
        match found {
            Some(i) => {
                let pos = spans[i].range.start;
                self.panes[doc].cursor = pos;
                self.panes[doc].highlight = Some(i);
                self.bring_into_view(shared, doc, pos);
                self.after_move(shared);
            }
            None => shared.say(if forward { "no highlight below" } else { "no highlight above" }),
        }
    }

    /// `]m` / `[m`: the next or previous sentence that other sources report.
    pub(super) fn move_to_claim(&mut self, shared: &mut Shared, forward: bool) {
        if shared.analysis.is_none() {
            shared.say(shared.no_analysis());
            return;
        }
        let doc = self.focus;
        let n = shared.docs[doc].sentences.len();
        let current = shared.docs[doc].sentence_at(self.panes[doc].cursor);
        let linked = |i: usize| shared.sources_reporting(SentenceRef { doc, sentence: i }).is_some();
        let found = if forward {
            let from = current.map_or(0, |c| c + 1);
            (from..n).find(|&i| linked(i))
        } else {
            (0..current.unwrap_or(0)).rev().find(|&i| linked(i))
        };
        match found {
            Some(i) => {
                let pos = shared.docs[doc].sentences[i].start;
                self.panes[doc].cursor = pos;
                self.panes[doc].highlight = None;
                self.bring_into_view(shared, doc, pos);
                self.after_move(shared);
            }
            None => shared.say(if forward { "no sentence below that other sources report" } else { "none above" }),
        }
    }

    /// The span `K` explains: the one the cursor is on, else one covering the
    /// cursor, else the first in the cursor sentence.
    fn span_under_cursor(&self, shared: &Shared) -> Option<usize> {
        let doc = self.focus;
        let pane = self.panes[doc];
        if pane.highlight.is_some() {
            return pane.highlight;
        }
        let spans = shared.analysis.as_ref()?.framing.get(doc)?;
        let shown = self.shown_spans(doc);
        let d = &shared.docs[doc];
        let sentence = d.sentence_at(pane.cursor).map(|i| d.sentences[i].clone());
        shown.iter().copied().find(|&i| spans[i].range.contains(&pane.cursor)).or_else(|| {
            let s = sentence?;
            shown.iter().copied().find(|&i| spans[i].range.start >= s.start && spans[i].range.start < s.end)
        })
    }

    pub(super) fn explain(&mut self, shared: &mut Shared) {
        let Some(analysis) = shared.analysis.clone() else {
            shared.say(shared.no_analysis());
            return;
        };
        let doc = self.focus;
        match self.span_under_cursor(shared) {
            Some(i) => {
                let explanation = analysis.explain(&shared.docs, doc, i);
                self.panes[doc].cursor = analysis.framing[doc][i].range.start;
                self.panes[doc].highlight = Some(i);
                shared.open(Explain::new(explanation, doc));
            }
            None => {
                let next = shared.keymap.first_key("next_highlight").unwrap_or_default();
                shared.say(format!("no highlight here ({next} moves to the next)"));
            }
        }
    }

    /// Focuses `target`, puts the cursor on it and marks it until the next key.
    fn jump_to(&mut self, shared: &Shared, target: SentenceRef) {
        let pos = shared.docs[target.doc].sentences[target.sentence].start;
        self.set_focus(shared, target.doc);
        self.panes[target.doc].cursor = pos;
        self.panes[target.doc].highlight = None;
        self.bring_into_view(shared, target.doc, pos);
        // The whole sentence jumped to, not only its first line on the pane's last row.
        self.show_cursor_sentence(shared, target.doc);
        self.flash = Some(target);
        self.after_move(shared);
    }

    pub(super) fn activate(&mut self, shared: &mut Shared) {
        if self.panes[self.focus].highlight.is_some() {
            self.explain(shared);
            return;
        }
        let Some(analysis) = shared.analysis.clone() else {
            shared.say(shared.no_analysis());
            return;
        };
        let Some(here) = self.cursor_sentence(shared, self.focus) else { return };
        if let Some(c) = self.cycle
            && c.target == here
        {
            let cps = analysis.counterparts(c.origin);
            if !cps.is_empty() {
                let index = (c.index + 1) % cps.len();
                let target = cps[index].sentence;
                shared.say(format!("counterpart {} of {}", index + 1, cps.len()));
                self.cycle = Some(Cycle { origin: c.origin, index, target });
                self.jump_to(shared, target);
                return;
            }
        }
        let cps = analysis.counterparts(here);
        let Some(best) = cps.first().map(|c| c.sentence) else {
            shared.say("no other source reports this sentence");
            return;
        };
        shared.say(format!("counterpart 1 of {}", cps.len()));
        self.record_jump();
        self.cycle = Some(Cycle { origin: here, index: 0, target: best });
        self.jump_to(shared, best);
    }

    /// Jumps to the sentence at byte `offset` of document `doc` (a cell the compare screen opened).
    pub(super) fn show_place(&mut self, shared: &Shared, doc: usize, offset: usize) {
        let Some(sentence) = shared.docs.get(doc).and_then(|d| d.sentence_at(offset)) else { return };
        self.record_jump();
        self.jump_to(shared, SentenceRef { doc, sentence });
    }

    /// Remembers where the cursor is before a jump, for `Ctrl-o`.
    pub(super) fn record_jump(&mut self) {
        self.jumps.list.truncate(self.jumps.index);
        self.jumps.list.push(self.here());
        self.jumps.index = self.jumps.list.len();
    }

    pub(super) fn jump_back(&mut self, shared: &mut Shared) {
        if self.jumps.index == 0 {
            shared.say("at the oldest jump");
            return;
        }
        if self.jumps.index == self.jumps.list.len() {
            self.jumps.list.push(self.here());
        }
        self.jumps.index -= 1;
        self.goto(shared, self.jumps.list[self.jumps.index]);
    }

    pub(super) fn jump_forward(&mut self, shared: &mut Shared) {
        if self.jumps.index + 1 >= self.jumps.list.len() {
            shared.say("at the newest jump");
            return;
        }
        self.jumps.index += 1;
        self.goto(shared, self.jumps.list[self.jumps.index]);
    }

    /// A category's key shows or hides its highlights. Showing a category of a layer that is
    /// off switches the layer on with that category alone, so the key shows what it names.
    pub(super) fn toggle_category(&mut self, shared: &mut Shared, category: Category) {
        let filter = &mut self.show.framing;
        let layer = category.layer();
        let message = if filter.category_shown(category) {
            filter.categories[category_index(category)] = false;
            format!("{}: hidden", category.name())
        } else if filter.layer_on(layer) {
            filter.categories[category_index(category)] = true;
            format!("{}: shown", category.name())
        } else {
            filter.set_layer(layer, true);
            for c in layer.categories() {
                filter.categories[category_index(c)] = c == category;
            }
            format!("{}: shown (the {} layer on, its other categories hidden)", category.name(), layer.id())
        };
        self.refilter(shared);
        shared.say(message);
    }

    /// `f0`: hides every highlight when any shows; else shows every category of the layers that are on.
    pub(super) fn toggle_all_categories(&mut self, shared: &mut Shared) {
        let any = Category::ALL.iter().any(|c| self.is_shown(*c));
        self.show.framing.categories = [!any; Category::ALL.len()];
        self.refilter(shared);
        if any {
            shared.say("all highlights hidden");
        } else {
            let layers: Vec<&str> =
                Layer::ALL.into_iter().filter(|l| self.show.framing.layer_on(*l)).map(Layer::id).collect();
            shared.say(format!("all highlights of the {} layer shown", layers.join(" and ")));
        }
    }

    /// The sourcing layer on or off. Switched on with every one of its categories hidden,
    /// it shows them all (else the key would seem to do nothing).
    pub(super) fn toggle_sourcing(&mut self, shared: &mut Shared) {
        let filter = &mut self.show.framing;
        let on = !filter.layer_on(Layer::Sourcing);
        filter.set_layer(Layer::Sourcing, on);
        if on && Layer::Sourcing.categories().all(|c| !filter.categories[category_index(c)]) {
            for c in Layer::Sourcing.categories() {
                filter.categories[category_index(c)] = true;
            }
        }
        self.refilter(shared);
        shared.say(if on {
            "sourcing layer shown: hedges, attribution, agentless passives"
        } else {
            "sourcing layer hidden"
        });
    }

    /// Highlights below the confidence threshold: shown dimmed, or hidden (the default).
    pub(super) fn toggle_low_confidence(&mut self, shared: &mut Shared) {
        let on = !self.show.framing.low_confidence();
        self.show.framing.set_low_confidence(on);
        self.refilter(shared);
        let threshold = crate::framing::Model::shipped().threshold;
        shared.say(if on {
            format!("highlights below confidence {threshold:.2}: shown dimmed, marked ? in the gutter")
        } else {
            format!("highlights below confidence {threshold:.2}: hidden")
        });
    }

    /// A cursor on a highlight that is no longer shown is on its sentence instead.
    pub(super) fn forget_hidden_highlight(&mut self, shared: &Shared) {
        for doc in 0..self.panes.len() {
            let hidden = match (self.panes[doc].highlight, &shared.analysis) {
                (Some(h), Some(_)) => self.shown_spans(doc).binary_search(&h).is_err(),
                (Some(_), None) => true,
                _ => false,
            };
            if hidden {
                self.panes[doc].highlight = None;
            }
        }
    }

    /// The pane under a screen cell, and its rectangle.
    fn pane_at(&self, column: u16, row: u16) -> Option<(usize, ratatui::layout::Rect)> {
        let pos = ratatui::layout::Position { x: column, y: row };
        self.screen().panes.iter().copied().find(|(_, r)| r.contains(pos))
    }

    /// The mouse wheel: the pane or the panel under the pointer scrolls.
    pub(super) fn scroll_at(&mut self, shared: &Shared, column: u16, row: u16, lines: i32) {
        let pos = ratatui::layout::Position { x: column, y: row };
        if self.screen().panel.is_some_and(|r| r.contains(pos)) {
            let panel = self.screen().panel;
            self.panel.scroll_by(panel, lines as isize);
        } else if let Some((doc, _)) = self.pane_at(column, row) {
            self.scroll(shared, doc, lines as isize);
        }
    }

    pub(super) fn click(&mut self, shared: &Shared, column: u16, row: u16) {
        let Some((doc, rect)) = self.pane_at(column, row) else { return };
        self.set_focus(shared, doc);
        let area = text_area(rect);
        if row < area.y {
            return;
        }
        let n = usize::from(row - area.y) + 1;
        let lines = self.flow(shared, doc).lines_from(self.panes[doc].top, n);
        if let Some(line) = lines.get(n - 1).filter(|l| !l.blank) {
            let d = &shared.docs[doc];
            let at = byte_at_column(&d.text, line.range.clone(), usize::from(column.saturating_sub(area.x)));
            let start = d.sentence_at(at).map(|i| d.sentences[i].start);
            self.panes[doc].cursor = start.unwrap_or(line.range.start);
            self.panes[doc].highlight = None;
            self.after_move(shared);
        }
    }

    /// The reader's part of the status line.
    pub(super) fn status_line(&self, shared: &Shared) -> Status {
        let n = shared.docs.len();
        let mut status = Status::default();
        if n == 0 {
            status.place.push("no documents".into());
            return status;
        }
        let d = &shared.docs[self.focus];
        let mut here = format!("pane {}/{n}", self.focus + 1);
        if let Some(s) = d.sentence_at(self.panes[self.focus].cursor) {
            here.push_str(&format!(" · sentence {}/{}", s + 1, d.sentences.len()));
        }
        status.place.push(here);
        let screen = self.screen();
        if screen.panes.len() < n {
            let last = screen.first + screen.panes.len();
            status.place.push(if self.zoomed {
                format!("zoomed ({} of {n})", self.focus + 1)
            } else if screen.panes.len() == 1 {
                format!("{} of {n}", screen.first + 1)
            } else {
                format!("{}–{last} of {n}", screen.first + 1)
            });
        }
        if let Some(found) = self.search.status(self.focus) {
            status.place.push(found);
        }
        if self.aligned {
            status.flags.push("ALIGNED".into());
        }
        if self.show.source_only {
            status.flags.push("SOURCE-ONLY".into());
        }
        if self.show.framing.layer_on(Layer::Sourcing) {
            status.flags.push("SOURCING".into());
        }
        if self.show.framing.low_confidence() {
            status.flags.push("LOW-CONFIDENCE".into());
        }
        status.hint = self.hint(shared);
        status
    }

    /// What Enter would do here, so the two meanings of Enter are never a surprise.
    fn hint(&self, shared: &Shared) -> Option<String> {
        let enter = shared.keymap.first_key("activate")?;
        let pane = self.panes.get(self.focus)?;
        if let (Some(h), Some(a)) = (pane.highlight, &shared.analysis) {
            let span = a.framing.get(self.focus)?.get(h)?;
            // Said in words too, so no cue rests on the style alone.
            let mut what = span.category.name().to_string();
            if let Some(q) = a.quote_of(self.focus, span) {
                let speaker = q.speaker_name(&shared.docs[self.focus].text);
                what.push_str(&speaker.map_or(", quoted".to_string(), |s| format!(", quoted: {s}")));
            }
            if dimmed(span) {
                what.push_str(", low confidence");
            }
            return Some(format!("{what}: {enter} explains"));
        }
        let n = shared.sources_reporting(self.cursor_sentence(shared, self.focus)?)?;
        Some(format!("{n} sources report this: {enter} jumps"))
    }
}

/// The byte of `text[line]` drawn at `column` (the line's last grapheme when right of its end).
fn byte_at_column(text: &str, line: Range<usize>, column: usize) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    let mut x = 0;
    let mut last = line.start;
    for (i, g) in text[line.clone()].grapheme_indices(true) {
        last = line.start + i;
        x += crate::tui::wrap::grapheme_width(g);
        if x > column {
            break;
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::byte_at_column;

    #[test]
    fn a_column_maps_to_the_grapheme_drawn_there() {
        let text = "日本語 ab";
        assert_eq!(byte_at_column(text, 0..text.len(), 0), 0);
        assert_eq!(byte_at_column(text, 0..text.len(), 1), 0, "the right half of 日");
        assert_eq!(byte_at_column(text, 0..text.len(), 2), 3);
        assert_eq!(byte_at_column(text, 0..text.len(), 7), 10);
        assert_eq!(byte_at_column(text, 0..text.len(), 50), 11, "right of the end: the last grapheme");
    }
}
