//! Starting a class and carrying on where the reader stopped: notebooks opened
//! from the data directory, the command line's blind-marking settings, and the
//! session of the same set of documents (focus, each pane's place, toggles, the
//! last search) restored from the state directory and saved on quit and suspend.

use crate::framing::{Category, Layer};
use crate::notes::Store;
use crate::session::{Pane, Session, Sessions, document_key};

use super::action::Action;
use super::app::{App, update};
use super::classroom::ClassroomSettings;
use super::reader::PaneState;
use super::theme::category_index;

/// Session toggles, by name: read from and written to the reader.
const TOGGLES: [&str; 4] = ["legend", "source_only", "aligned", "zoomed"];

fn category_toggle(c: Category) -> String {
    format!("show_{}", c.id())
}

impl App {
    /// Opens the notebooks of the documents in `store` (or says why notes are not
    /// available) and applies the command line's classroom settings. Returns the
    /// messages for the status line.
    pub fn open_class(&mut self, store: Result<Store, String>, settings: &ClassroomSettings) -> Vec<String> {
        let docs = std::sync::Arc::clone(&self.shared.docs);
        let mut messages = match store {
            Ok(store) => self.shared.classroom.attach(&store, &docs),
            Err(why) => {
                self.shared.classroom = super::classroom::Classroom::new(docs.len(), &why);
                vec![why]
            }
        };
        messages.extend(self.shared.classroom.configure(settings, &docs));
        if settings.blind {
            let (reader, shared) = (&mut self.reader, &mut self.shared);
            reader.withhold_analysis(shared);
        }
        messages
    }

    /// What the reader would restore next time.
    pub fn session(&self) -> Session {
        let (reader, docs) = (&self.reader, &self.shared.docs);
        let mut s = Session {
            focus: docs.get(reader.focus).map(document_key),
            last_search: reader.search.history.last().cloned(),
            ..Session::default()
        };
        for (doc, pane) in docs.iter().zip(&reader.panes) {
            s.panes.insert(document_key(doc), Pane { top: pane.top, cursor: pane.cursor });
        }
        let values = [reader.show.legend, reader.show.source_only, reader.aligned, reader.zoomed];
        for (name, on) in TOGGLES.iter().zip(values) {
            s.toggles.insert((*name).into(), on);
        }
        // Each category's own switch, and the layer and confidence switches apart, so a
        // category hidden with its layer off comes back as it was when the layer is turned on.
        let filter = &reader.show.framing;
        for c in Category::ALL {
            s.toggles.insert(category_toggle(c), filter.categories[category_index(c)]);
        }
        s.toggles.insert("sourcing".into(), filter.layer_on(Layer::Sourcing));
        s.toggles.insert("low_confidence".into(), filter.low_confidence());
        s.toggles.insert("search_exact".into(), reader.search.exact());
        s
    }

    /// Back to `session`: focus, places, toggles and the last search (its matches shown,
    /// `n` goes on from the cursor). What no longer fits the documents is left as it is.
    pub fn restore(&mut self, session: &Session) {
        let docs = std::sync::Arc::clone(&self.shared.docs);
        let reader = &mut self.reader;
        for (i, doc) in docs.iter().enumerate() {
            if let Some(p) = session.pane_for(doc) {
                reader.panes[i] = PaneState { top: p.top, cursor: p.cursor, highlight: None };
            }
        }
        if let Some(focus) = session.focus_in(&docs) {
            reader.focus = focus;
        }
        let toggle = |name: &str| session.toggles.get(name).copied();
        let slots = [&mut reader.show.legend, &mut reader.show.source_only, &mut reader.aligned, &mut reader.zoomed];
        for (name, slot) in TOGGLES.iter().zip(slots) {
            if let Some(on) = toggle(name) {
                *slot = on;
            }
        }
        let filter = &mut reader.show.framing;
        for c in Category::ALL {
            if let Some(on) = toggle(&category_toggle(c)) {
                filter.categories[category_index(c)] = on;
            }
        }
        if let Some(on) = toggle("sourcing") {
            filter.set_layer(Layer::Sourcing, on);
        }
        if let Some(on) = toggle("low_confidence") {
            filter.set_low_confidence(on);
        }
        reader.refilter(&self.shared);
        if let Some(text) = &session.last_search {
            reader.search.restore(text, toggle("search_exact").unwrap_or(false), &self.shared);
        }
        // Lays out and wraps again for the restored places.
        update(self, Action::Resize(self.shared.width, self.shared.height));
    }

    /// Restores the last session of these documents from `sessions`; a broken session file is
    /// reported and left to be replaced. Returns the message for the status line, if any.
    pub fn resume(&mut self, sessions: &Sessions) -> Option<String> {
        match sessions.load(&self.shared.docs) {
            Ok(Some(session)) => {
                self.restore(&session);
                None
            }
            Ok(None) => None,
            Err(e) => Some(format!("session not restored: {e}")),
        }
    }

    /// Saves the session of these documents; a failure is returned as a message.
    pub fn save_session(&self, sessions: &Sessions) -> Result<(), String> {
        sessions.save(&self.shared.docs, &self.session()).map_err(|e| e.to_string())
    }
}
