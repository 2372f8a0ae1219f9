//! What can happen to the reader: the actions keys are bound to, and the events
//! (keys, resizes, the mouse, the analysis arriving, background ticks) that
//! [`update`](super::update) applies like any other action.

use std::ops::Range;
use std::sync::Arc;

use crate::analysis::{Analysis, Progress};
use crate::framing::Category;

use super::keymap::Key;

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    LineDown,
    LineUp,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Top,
    Bottom,
    FocusNext,
    FocusPrev,
    /// Focus pane N (0-based).
    Focus(usize),
    Zoom,
    NextHighlight,
    PrevHighlight,
    ToggleCategory(Category),
    ToggleAllCategories,
    /// The sourcing layer (hedges, attribution, agentless passives) on or off.
    ToggleSourcing,
    /// Highlights below the confidence threshold: shown dimmed, or hidden.
    ToggleLowConfidence,
    Legend,
    /// `]m`: the next sentence other sources also report.
    NextMatch,
    PrevMatch,
    /// Enter: explain the highlight under the cursor, or jump to the cursor sentence's counterpart.
    Activate,
    Explain,
    JumpBack,
    JumpForward,
    AlignedScrolling,
    CounterpartPanel,
    PanelDown,
    PanelUp,
    SourceOnly,
    SearchForward,
    SearchBackward,
    /// `n`: the next search match, on into the next pane that has one.
    SearchNext,
    SearchPrev,
    CopySentence,
    CopyCitation,
    CopyCounterparts,
    /// The compare screen (coverage, labels, sources, quotes), and back to reading.
    Compare,
    /// On the compare screen: cycle the coverage filter (all, left out by the chosen source, only in it).
    CompareFilter,
    /// `a`: a note on the highlight under the cursor, else on the cursor sentence.
    AddNote,
    NextNote,
    PrevNote,
    NotesList,
    /// `v`: selection mode, to mark a span (blind marking).
    Select,
    /// Hide or show the tool's highlights and links (blind marking).
    Blind,
    /// Show the tool's marks beside the student's, and how they agree.
    Reveal,
    Help,
    /// Give the terminal back to the shell and stop (Ctrl-z); `fg` comes back.
    Suspend,
    Quit,
    Cancel,

    /// A key press: the modes see it first, then the keymap turns it into one of the actions above.
    Key(Key),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Mouse wheel at a screen cell: lines to scroll (negative is up).
    ScrollAt {
        column: u16,
        row: u16,
        lines: i32,
    },
    /// Mouse click at a screen cell.
    ClickAt {
        column: u16,
        row: u16,
    },
    /// An analysis of the documents: the first, or a later one that replaces it.
    AnalysisArrived(Arrival),
    /// The refinement of the links has encoded `done` of `total` sentences (the status line
    /// shows how far it is until the refined analysis arrives).
    Refining {
        done: usize,
        total: usize,
    },
    /// The analysis thread failed; the reader goes on without it.
    AnalysisFailed(String),
    /// Time for a slice of background work (counting search matches); sent while [`App::busy`](super::App::busy).
    Tick,
    /// From the search prompt.
    Search(SearchEvent),
    /// Put the reader's cursor on the sentence at byte `offset` of document `doc`, as a jump (the
    /// compare screen opening a cell).
    ShowPlace {
        doc: usize,
        offset: usize,
    },
    /// From the notes prompt, the notes list and selection mode.
    Notes(NoteEvent),
}

/// An analysis delivered to the reader. Every arrival replaces the analysis
/// before it, so a fast first result can be refined later: positions, the jump
/// history and aligned scrolling stay where they are.
#[derive(Clone, Debug)]
pub struct Arrival {
    pub analysis: Arc<Analysis>,
    /// What is still being worked on, for the status line ("refining links 40%"); `None` when this is final.
    pub still_running: Option<String>,
}

impl Arrival {
    /// A final analysis.
    pub fn done(analysis: Analysis) -> Arrival {
        Arrival { analysis: Arc::new(analysis), still_running: None }
    }

    /// The analysis from the fast signals, with refined links still to come.
    pub fn refining(analysis: Analysis) -> Arrival {
        Arrival { analysis: Arc::new(analysis), still_running: Some(refining_note(0, 1)) }
    }
}

/// What the status line says while the links are refined: "refining links 40%".
pub fn refining_note(done: usize, total: usize) -> String {
    format!("refining links {}%", percent(done, total))
}

fn percent(done: usize, total: usize) -> usize {
    (done.min(total) * 100).checked_div(total).unwrap_or(100)
}

/// Turns what the analysis thread reports ([`Progress`]) into the reader's actions. Progress
/// comes once per sentence encoded; only a change of the whole percentage becomes an action, so
/// the reader redraws about a hundred times at most while it waits.
#[derive(Default)]
pub struct ProgressActions {
    shown: Option<usize>,
}

impl ProgressActions {
    pub fn action(&mut self, progress: Progress) -> Option<Action> {
        match progress {
            Progress::First { analysis, refining: true } => {
                self.shown = Some(0);
                Some(Action::AnalysisArrived(Arrival::refining(*analysis)))
            }
            Progress::First { analysis, refining: false } => Some(Action::AnalysisArrived(Arrival::done(*analysis))),
            Progress::Refining { done, total } => {
                let now = percent(done, total);
                (self.shown != Some(now)).then(|| {
                    self.shown = Some(now);
                    Action::Refining { done, total }
                })
            }
        }
    }

    /// Whether the analysis reported so far was the fast one, with refined links to come (the
    /// final analysis is then delivered as another arrival).
    pub fn refining(&self) -> bool {
        self.shown.is_some()
    }
}

/// Arrivals are compared by identity: the same analysis delivered with the same note.
impl PartialEq for Arrival {
    fn eq(&self, other: &Arrival) -> bool {
        Arc::ptr_eq(&self.analysis, &other.analysis) && self.still_running == other.still_running
    }
}

/// What the search prompt reports as it is used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchEvent {
    /// The query changed (every key typed): matches show at once.
    Typed(SearchInput),
    /// Enter: go to the first match.
    Confirmed(SearchInput),
    /// Esc: back to where the search started.
    Cancelled,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchInput {
    pub query: String,
    pub backward: bool,
    /// Literal text only, without a word's inflections.
    pub exact: bool,
}

/// What the notes prompt, the notes list and selection mode ask the reader to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteEvent {
    /// A new note's text (with `#tags`) for byte range `range` of document `doc`.
    Write {
        doc: usize,
        range: Range<usize>,
        text: String,
    },
    /// What a note says now (its text and `#tags`), or a mark's neutral rewording.
    Edit {
        doc: usize,
        id: String,
        text: String,
    },
    /// Open the prompt to edit note `id`.
    EditPrompt {
        doc: usize,
        id: String,
    },
    /// Put the cursor on note `id` (a jump: `Ctrl-o` returns).
    Jump {
        doc: usize,
        id: String,
    },
    Delete {
        doc: usize,
        id: String,
    },
    /// Bring back the last deleted note.
    UndoDelete,
    /// The span selection mode shows now, to draw and keep in view (`None`: selection over).
    Selection(Option<(usize, Range<usize>)>),
    /// Mark byte range `range` of `doc` as `category`.
    Mark {
        doc: usize,
        range: Range<usize>,
        category: Category,
    },
}

/// One row of the catalogue: the keymap name of an action, its help text and its help section.
pub struct Entry {
    pub name: &'static str,
    pub action: Action,
    pub section: &'static str,
    pub help: &'static str,
}

const fn entry(name: &'static str, action: Action, section: &'static str, help: &'static str) -> Entry {
    Entry { name, action, section, help }
}

const MOVE: &str = "Moving";
const PANES: &str = "Panes";
const SEARCH: &str = "Search and copy";
const FRAMING: &str = "Framing language";
const CLAIMS: &str = "Matching claims";
const COMPARE: &str = "Compare screen";
const CLASSROOM: &str = "Notes and blind marking";
const GENERAL: &str = "General";

/// Every action a key can be bound to, in help order (the events above come from the terminal and the modes).
pub const CATALOGUE: &[Entry] = &[
    entry("line_down", Action::LineDown, MOVE, "down one line"),
    entry("line_up", Action::LineUp, MOVE, "up one line"),
    entry("half_page_down", Action::HalfPageDown, MOVE, "down half a page"),
    entry("half_page_up", Action::HalfPageUp, MOVE, "up half a page"),
    entry("page_down", Action::PageDown, MOVE, "down a page"),
    entry("page_up", Action::PageUp, MOVE, "up a page"),
    entry("top", Action::Top, MOVE, "to the top (the cursor to the first sentence)"),
    entry("bottom", Action::Bottom, MOVE, "to the bottom (the cursor to the last sentence)"),
    entry("focus_next", Action::FocusNext, PANES, "focus the next pane"),
    entry("focus_prev", Action::FocusPrev, PANES, "focus the previous pane"),
    entry("focus_1", Action::Focus(0), PANES, "focus pane 1"),
    entry("focus_2", Action::Focus(1), PANES, "focus pane 2"),
    entry("focus_3", Action::Focus(2), PANES, "focus pane 3"),
    entry("focus_4", Action::Focus(3), PANES, "focus pane 4"),
    entry("focus_5", Action::Focus(4), PANES, "focus pane 5"),
    entry("focus_6", Action::Focus(5), PANES, "focus pane 6"),
    entry("focus_7", Action::Focus(6), PANES, "focus pane 7"),
    entry("focus_8", Action::Focus(7), PANES, "focus pane 8"),
    entry("focus_9", Action::Focus(8), PANES, "focus pane 9"),
    entry("zoom", Action::Zoom, PANES, "zoom the focused pane to full width, and back"),
    entry("search_forward", Action::SearchForward, SEARCH, "search forward in every pane"),
    entry("search_backward", Action::SearchBackward, SEARCH, "search backward in every pane"),
    entry("search_next", Action::SearchNext, SEARCH, "next match, on into the next pane"),
    entry("search_prev", Action::SearchPrev, SEARCH, "previous match, back into the previous pane"),
    entry("copy_sentence", Action::CopySentence, SEARCH, "copy the cursor sentence"),
    entry("copy_citation", Action::CopyCitation, SEARCH, "copy the cursor sentence with a citation line"),
    entry("copy_counterparts", Action::CopyCounterparts, SEARCH, "copy the cursor sentence and the other tellings"),
    entry("next_highlight", Action::NextHighlight, FRAMING, "cursor to the next highlight"),
    entry("prev_highlight", Action::PrevHighlight, FRAMING, "cursor to the previous highlight"),
    entry("toggle_loaded", Action::ToggleCategory(Category::Loaded), FRAMING, "show/hide loaded language"),
    entry("toggle_label", Action::ToggleCategory(Category::Label), FRAMING, "show/hide labels"),
    entry("toggle_hedge", Action::ToggleCategory(Category::Hedge), FRAMING, "show/hide hedges"),
    entry("toggle_booster", Action::ToggleCategory(Category::Booster), FRAMING, "show/hide boosters"),
    entry("toggle_attribution", Action::ToggleCategory(Category::Attribution), FRAMING, "show/hide attribution"),
    entry("toggle_passive", Action::ToggleCategory(Category::Passive), FRAMING, "show/hide agentless passives"),
    entry("toggle_scare_quote", Action::ToggleCategory(Category::ScareQuote), FRAMING, "show/hide scare quotes"),
    entry("toggle_all_categories", Action::ToggleAllCategories, FRAMING, "show/hide all highlights"),
    entry(
        "toggle_sourcing",
        Action::ToggleSourcing,
        FRAMING,
        "show/hide the sourcing layer (hedges, attribution, agentless passives)",
    ),
    entry(
        "toggle_low_confidence",
        Action::ToggleLowConfidence,
        FRAMING,
        "show/hide highlights below the confidence threshold (dimmed, ? in the gutter)",
    ),
    entry("legend", Action::Legend, FRAMING, "show/hide the legend line"),
    entry("explain", Action::Explain, FRAMING, "explain the highlight under the cursor"),
    entry("next_match", Action::NextMatch, CLAIMS, "cursor to the next sentence other sources report"),
    entry("prev_match", Action::PrevMatch, CLAIMS, "cursor to the previous sentence other sources report"),
    entry(
        "activate",
        Action::Activate,
        CLAIMS,
        "on a highlight: explain it; on a sentence: jump to its counterpart (again: the next one)",
    ),
    entry("jump_back", Action::JumpBack, CLAIMS, "back through the jump history"),
    entry("jump_forward", Action::JumpForward, CLAIMS, "forward through the jump history"),
    entry("aligned_scrolling", Action::AlignedScrolling, CLAIMS, "aligned scrolling: other panes follow by meaning"),
    entry("counterpart_panel", Action::CounterpartPanel, CLAIMS, "show/hide the counterparts of the cursor sentence"),
    entry("panel_down", Action::PanelDown, CLAIMS, "scroll the counterpart panel down"),
    entry("panel_up", Action::PanelUp, CLAIMS, "scroll the counterpart panel up"),
    entry("source_only", Action::SourceOnly, CLAIMS, "mark sentences no other source reports"),
    entry("compare", Action::Compare, COMPARE, "compare screen: coverage, labels, sources, quotes (again: back)"),
    entry(
        "compare_filter",
        Action::CompareFilter,
        COMPARE,
        "coverage: all claims, claims the chosen source (1-9) leaves out, claims only it reports",
    ),
    entry(
        "add_note",
        Action::AddNote,
        CLASSROOM,
        "add a note (#tags) to the highlight under the cursor, else the sentence",
    ),
    entry("next_note", Action::NextNote, CLASSROOM, "cursor to the next note or mark"),
    entry("prev_note", Action::PrevNote, CLASSROOM, "cursor to the previous note or mark"),
    entry(
        "notes_list",
        Action::NotesList,
        CLASSROOM,
        "list the notes and marks of every pane (Enter jumps, e edits, d deletes, u undoes)",
    ),
    entry("select", Action::Select, CLASSROOM, "select words to mark (blind marking): extend, then a category key"),
    entry("blind", Action::Blind, CLASSROOM, "blind marking: hide/show the tool's highlights and links"),
    entry("reveal", Action::Reveal, CLASSROOM, "reveal: the tool's marks beside yours, and how they agree"),
    entry("help", Action::Help, GENERAL, "this help"),
    entry("suspend", Action::Suspend, GENERAL, "suspend to the shell (fg comes back)"),
    entry("quit", Action::Quit, GENERAL, "close the overlay, or quit"),
    entry("cancel", Action::Cancel, GENERAL, "cancel pending keys, close the overlay, clear search highlights"),
];

/// The keymap name of the toggle for `category`.
pub fn toggle_name(category: Category) -> &'static str {
    CATALOGUE.iter().find(|e| e.action == Action::ToggleCategory(category)).map_or("", |e| e.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(refining: bool) -> Progress {
        Progress::First { analysis: Box::new(Analysis::default()), refining }
    }

    #[test]
    fn a_final_first_analysis_arrives_as_done() {
        let mut actions = ProgressActions::default();
        match actions.action(first(false)) {
            Some(Action::AnalysisArrived(arrival)) => assert_eq!(arrival.still_running, None),
            other => panic!("{other:?}"),
        }
        assert!(!actions.refining(), "no second arrival to wait for");
    }

    #[test]
    fn refinement_progress_becomes_one_action_per_percent() {
        let mut actions = ProgressActions::default();
        match actions.action(first(true)) {
            Some(Action::AnalysisArrived(arrival)) => {
                assert_eq!(arrival.still_running.as_deref(), Some("refining links 0%"));
            }
            other => panic!("{other:?}"),
        }
        assert!(actions.refining());
        let sent: Vec<Action> =
            (0..=400).filter_map(|done| actions.action(Progress::Refining { done, total: 400 })).collect();
        // 0% was shown with the first analysis; 1% … 100% follow, once each.
        assert_eq!(sent.len(), 100);
        assert_eq!(sent[39], Action::Refining { done: 160, total: 400 });
        assert_eq!(refining_note(160, 400), "refining links 40%");
    }

    #[test]
    fn nothing_to_encode_reads_as_done() {
        assert_eq!(refining_note(0, 0), "refining links 100%");
        assert_eq!(refining_note(7, 5), "refining links 100%");
    }
}
