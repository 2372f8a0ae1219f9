//! The compare screen: the tables of the whole set of sources (coverage,
//! labels, sources, quotes from [`crate::compare`]), one tab each. The usual
//! keys move the selection, Tab switches tables, 1–9 choose a source column,
//! `F` filters the coverage, Enter opens the selected cell's sentence in the
//! reader (as a jump, so Ctrl-o comes back), and `=` or Esc returns to reading
//! where it was. The tables are built once per analysis, when the screen is
//! first shown after it arrives, never per frame.

mod render;

use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::analysis::Analysis;
use crate::compare::{Place, Tables, source_name};

use super::action::Action;
use super::app::{Shared, ViewId};
use super::view::{Status, View};

/// The tables, in tab order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Coverage,
    Labels,
    Sources,
    Quotes,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Coverage, Tab::Labels, Tab::Sources, Tab::Quotes];

    pub fn name(self) -> &'static str {
        match self {
            Tab::Coverage => "Coverage",
            Tab::Labels => "Labels",
            Tab::Sources => "Sources",
            Tab::Quotes => "Quotes",
        }
    }

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// Which claims the coverage table lists.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Filter {
    #[default]
    All,
    /// Reported by other sources, not by this one.
    LeftOutBy(usize),
    /// Reported by this source alone.
    OnlyIn(usize),
}

#[derive(Debug, Default)]
pub struct Compare {
    tables: Option<Arc<Tables>>,
    /// The analysis generation the tables were built from.
    built: u64,
    /// On screen: a new analysis rebuilds the tables at once.
    open: bool,
    pub tab: Tab,
    /// Per tab: the selected row and the first row shown.
    selected: [usize; 4],
    top: [usize; 4],
    /// The chosen source (1–9): the column Enter opens, and the filter's source.
    pub source: usize,
    pub filter: Filter,
    /// Coverage rows the filter lets through (indices into the claims).
    coverage_rows: Vec<usize>,
    /// Quote rows: (group, quotation in it).
    quote_rows: Vec<(usize, usize)>,
}

impl Compare {
    pub fn tables(&self) -> Option<&Tables> {
        self.tables.as_deref()
    }

    /// The selected row of the current tab.
    pub fn selected(&self) -> usize {
        self.selected[self.tab.index()]
    }

    fn rows(&self) -> usize {
        let Some(t) = &self.tables else { return 0 };
        match self.tab {
            Tab::Coverage => self.coverage_rows.len(),
            Tab::Labels => t.labels.len(),
            Tab::Sources => t.sources.len(),
            Tab::Quotes => self.quote_rows.len(),
        }
    }

    /// Builds the tables when the analysis changed since they were built.
    fn ensure_tables(&mut self, shared: &Shared) {
        let Some(analysis) = &shared.analysis else {
            self.tables = None;
            return;
        };
        if self.tables.is_some() && self.built == shared.generation {
            return;
        }
        let tables = Tables::build(&shared.docs, analysis);
        self.quote_rows =
            tables.quotes.iter().enumerate().flat_map(|(g, q)| (0..q.quotes.len()).map(move |i| (g, i))).collect();
        self.tables = Some(Arc::new(tables));
        self.built = shared.generation;
        self.apply_filter();
    }

    fn apply_filter(&mut self) {
        let Some(t) = &self.tables else { return };
        let filter = self.filter;
        self.coverage_rows = t
            .coverage
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| match filter {
                Filter::All => true,
                Filter::LeftOutBy(d) => c.sources > 1 && !c.reported_by(d),
                Filter::OnlyIn(d) => c.sources == 1 && c.reported_by(d),
            })
            .map(|(i, _)| i)
            .collect();
        self.clamp();
    }

    /// Table rows that fit on screen for the current tab.
    fn page(&self, shared: &Shared) -> usize {
        render::table_rows(self.tab, shared.height.saturating_sub(1), shared.docs.len())
    }

    fn clamp(&mut self) {
        let i = self.tab.index();
        let rows = self.rows();
        self.selected[i] = self.selected[i].min(rows.saturating_sub(1));
    }

    fn keep_in_view(&mut self, shared: &Shared) {
        self.clamp();
        let i = self.tab.index();
        let page = self.page(shared).max(1);
        if self.selected[i] < self.top[i] {
            self.top[i] = self.selected[i];
        } else if self.selected[i] >= self.top[i] + page {
            self.top[i] = self.selected[i] + 1 - page;
        }
        self.top[i] = self.top[i].min(self.rows().saturating_sub(page));
    }

    fn move_by(&mut self, shared: &Shared, delta: isize) {
        let i = self.tab.index();
        let last = self.rows().saturating_sub(1) as isize;
        self.selected[i] = (self.selected[i] as isize + delta).clamp(0, last.max(0)) as usize;
        self.keep_in_view(shared);
    }

    fn cycle_filter(&mut self, shared: &mut Shared) {
        if self.tab != Tab::Coverage {
            shared.say("the filter is for the coverage table (Tab to it)");
            return;
        }
        let d = self.source;
        self.filter = match self.filter {
            Filter::All => Filter::LeftOutBy(d),
            Filter::LeftOutBy(_) => Filter::OnlyIn(d),
            Filter::OnlyIn(_) => Filter::All,
        };
        self.apply_filter();
        self.selected[0] = 0;
        self.top[0] = 0;
        let shown = self.coverage_rows.len();
        let claims = if shown == 1 { "claim" } else { "claims" };
        shared.say(format!("{} ({shown} {claims})", filter_text(self.filter, shared)));
    }

    /// Where Enter goes from the selected cell, and what to say if it is not the chosen source's.
    fn target(&self, shared: &Shared) -> Option<(Place, Option<String>)> {
        let t = self.tables.as_deref()?;
        // "source 1 (Harbour Times)": numbered as on screen, a long title cut short.
        let name = |d: usize| format!("source {} ({})", d + 1, short_name(shared, d));
        let row = self.selected();
        match self.tab {
            Tab::Coverage => {
                let claim = &t.coverage.claims[*self.coverage_rows.get(row)?];
                match claim.telling(self.source) {
                    Some(p) => Some((p, None)),
                    None => {
                        let p = claim.first()?;
                        let note = format!("{} does not report this claim; showing {}", name(self.source), name(p.doc));
                        Some((p, Some(note)))
                    }
                }
            }
            Tab::Labels => {
                let r = t.labels.get(row)?;
                let chosen = r.names.get(self.source).and_then(|n| n.first()).and_then(|n| n.places.first());
                match chosen {
                    Some(p) => Some((*p, None)),
                    None => {
                        let p = *r.names.iter().flatten().next()?.places.first()?;
                        Some((
                            p,
                            Some(format!(
                                "{} does not name {}; showing {}",
                                name(self.source),
                                r.referent,
                                name(p.doc)
                            )),
                        ))
                    }
                }
            }
            Tab::Sources => {
                let s = t.sources.get(row)?;
                let p = s.top_speakers.first().and_then(|sp| sp.places.first()).copied();
                let first = shared.docs[s.doc].sentences.first().map(|r| Place::new(s.doc, r));
                p.or(first).map(|p| (p, None))
            }
            Tab::Quotes => {
                let (g, q) = *self.quote_rows.get(row)?;
                Some((t.quotes[g].quotes[q].place, None))
            }
        }
    }

    fn activate(&mut self, shared: &mut Shared) {
        if self.tables.is_none() {
            shared.say(shared.no_analysis());
            return;
        }
        let Some((place, note)) = self.target(shared) else {
            shared.say("nothing to open here");
            return;
        };
        if let Some(note) = note {
            shared.say(note);
        }
        self.open = false;
        shared.switch_view(ViewId::Reader, Some(Action::ShowPlace { doc: place.doc, offset: place.start }));
    }

    fn back(&mut self, shared: &mut Shared) {
        self.open = false;
        shared.switch_view(ViewId::Reader, None);
    }
}

/// Source `d`'s name, cut short for a status message.
fn short_name(shared: &Shared, d: usize) -> String {
    crate::compare::text::abbreviate(shared.docs.get(d).map_or("", source_name), 24)
}

fn filter_text(filter: Filter, shared: &Shared) -> String {
    let name = |d: usize| format!("{} {}", d + 1, short_name(shared, d));
    match filter {
        Filter::All => "all claims".into(),
        Filter::LeftOutBy(d) => format!("left out by {}", name(d)),
        Filter::OnlyIn(d) => format!("only in {}", name(d)),
    }
}

impl View for Compare {
    fn update(&mut self, shared: &mut Shared, action: &Action) {
        let page = self.page(shared).max(1) as isize;
        match action {
            Action::Compare | Action::Cancel => self.back(shared),
            Action::LineDown => self.move_by(shared, 1),
            Action::LineUp => self.move_by(shared, -1),
            Action::HalfPageDown => self.move_by(shared, (page / 2).max(1)),
            Action::HalfPageUp => self.move_by(shared, -(page / 2).max(1)),
            Action::PageDown => self.move_by(shared, page),
            Action::PageUp => self.move_by(shared, -page),
            Action::Top => self.move_by(shared, isize::MIN / 2),
            Action::Bottom => self.move_by(shared, isize::MAX / 2),
            Action::ScrollAt { lines, .. } => self.move_by(shared, *lines as isize),
            Action::FocusNext | Action::FocusPrev => {
                let n = Tab::ALL.len();
                let step = if *action == Action::FocusNext { 1 } else { n - 1 };
                self.tab = Tab::ALL[(self.tab.index() + step) % n];
                self.keep_in_view(shared);
            }
            Action::Focus(d) => {
                if *d < shared.docs.len() {
                    self.source = *d;
                    // A filter follows the chosen source.
                    self.filter = match self.filter {
                        Filter::All => Filter::All,
                        Filter::LeftOutBy(_) => Filter::LeftOutBy(*d),
                        Filter::OnlyIn(_) => Filter::OnlyIn(*d),
                    };
                    self.apply_filter();
                    self.keep_in_view(shared);
                } else {
                    shared.say(format!("there is no source {}", d + 1));
                }
            }
            Action::CompareFilter => {
                self.cycle_filter(shared);
                self.keep_in_view(shared);
            }
            Action::Activate => self.activate(shared),
            _ => {}
        }
    }

    fn analysis_changed(&mut self, shared: &mut Shared, _previous: Option<&Analysis>) {
        if self.open {
            self.ensure_tables(shared);
            self.keep_in_view(shared);
        } else {
            // Built when next shown: an analysis the screen never shows costs nothing.
            self.tables = None;
        }
    }

    fn shown(&mut self, shared: &mut Shared) {
        self.open = true;
        self.ensure_tables(shared);
        self.keep_in_view(shared);
    }

    fn resized(&mut self, shared: &mut Shared) {
        self.keep_in_view(shared);
    }

    fn render(&self, shared: &Shared, area: Rect, buf: &mut Buffer) {
        render::render(self, shared, area, buf);
    }

    fn status(&self, shared: &Shared) -> Status {
        let rows = self.rows();
        let what = match self.tab {
            Tab::Coverage => "claim",
            Tab::Labels => "referent",
            Tab::Sources => "source",
            Tab::Quotes => "quotation",
        };
        let mut place = vec![format!("compare · {}", self.tab.name().to_lowercase())];
        if rows > 0 {
            place.push(format!("{what} {}/{rows}", self.selected() + 1));
        }
        if let Some(doc) = shared.docs.get(self.source) {
            place.push(format!(
                "source {}: {}",
                self.source + 1,
                crate::compare::text::abbreviate(source_name(doc), 20)
            ));
        }
        let flags = match (self.tab, self.filter) {
            (Tab::Coverage, f) if f != Filter::All => vec![filter_text(f, shared)],
            _ => Vec::new(),
        };
        let key = |name: &str| shared.keymap.first_key(name).unwrap_or_default();
        let hint = if self.tables.is_none() {
            Some(shared.no_analysis())
        } else {
            Some(format!(
                "{} opens · {} next table · 1-9 source · {} filter · {} back",
                key("activate"),
                key("focus_next"),
                key("compare_filter"),
                key("compare")
            ))
        };
        Status { place, flags, hint }
    }
}
