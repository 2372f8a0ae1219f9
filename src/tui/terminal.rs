//! The terminal side: raw mode and the alternate screen, restored on every way
//! out (return, panic, every signal whose default is to end the process) and
//! around a suspension (Ctrl-z, SIGTSTP; `fg` re-enters and redraws), and the
//! event loop, which blocks until a key, a mouse event, a resize, a signal or
//! the analysis arrives.

use std::io::{self, IsTerminal, Stdout, Write};
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::mpsc;
use std::thread;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyboardEnhancementFlags, MouseButton, MouseEventKind,
    PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use ratatui::crossterm::terminal::{
    self as term, BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use signal_hook::consts::signal::{
    SIGABRT, SIGALRM, SIGCONT, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGQUIT, SIGTERM, SIGTSTP, SIGUSR1, SIGUSR2, SIGVTALRM,
    SIGXCPU, SIGXFSZ,
};

use super::action::{Action, Arrival, ProgressActions};
use super::app::{App, update};
use super::classroom::ClassroomSettings;
use super::keymap::{Key, Keymap};
use super::render::render;
use super::theme::Theme;
use crate::analysis::{Analysis, Options};
use crate::document::Document;
use crate::notes::Store;
use crate::session::Sessions;

/// Lines one mouse-wheel notch scrolls.
const WHEEL_LINES: i32 = 3;

pub struct Settings {
    /// Capture the mouse (wheel scrolls, click focuses); off leaves selection to the terminal.
    pub mouse: bool,
    pub options: Options,
    /// Blind marking and the answer key.
    pub classroom: ClassroomSettings,
    /// Start afresh: the last session of these documents is not restored (it is replaced on quit).
    pub fresh: bool,
}

enum Message {
    Input(Event),
    /// From the analysis thread: an analysis, or how far the refinement of the links is.
    Analysis(Action),
    AnalysisFailed(String),
    Signal(i32),
}

const ANALYSIS_THREAD: &str = "analysis";

/// Signals whose default action ends the process: each restores the terminal first, then ends it
/// as the signal would have. Not here: SIGKILL and SIGSTOP (they cannot be caught), SIGSEGV, SIGBUS,
/// SIGILL, SIGFPE, SIGTRAP and SIGSYS (faults of the process itself, where a handler that returns would
/// run the fault again), SIGPIPE (ignored by Rust programs).
const FATAL_SIGNALS: [i32; 13] =
    [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGABRT];

fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panicked".to_string())
}

/// How the event loop ended.
enum End {
    Quit,
    Signal(i32),
}

/// Opens the reader on `docs` until the user quits or a signal ends it.
pub fn run(docs: Vec<Document>, settings: Settings) -> io::Result<()> {
    let keymap = Keymap::load().map_err(io::Error::other)?;
    let theme = Theme::load(super::theme::no_color_requested()).map_err(io::Error::other)?;
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "terminal: standard output is not a terminal (`parallax analyze` prints the analysis for scripts)",
        ));
    }
    let docs = Arc::new(docs);
    let (tx, rx) = mpsc::channel();

    let mut signals = signal_hook::iterator::Signals::new(FATAL_SIGNALS.iter().chain(&[SIGTSTP, SIGCONT]))?;
    let signal_tx = tx.clone();
    thread::spawn(move || {
        for signal in signals.forever() {
            if signal_tx.send(Message::Signal(signal)).is_err() {
                break;
            }
        }
    });

    let mut tty = Tty { mouse: settings.mouse, enhanced: None, entered: false };
    tty.enter().map_err(|e| {
        tty.leave();
        io::Error::other(format!("terminal: {e}"))
    })?;
    let (mouse, enhanced) = (tty.mouse, tty.enhanced);
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A failing analysis is caught and reported by the reader, which keeps running.
        if thread::current().name() != Some(ANALYSIS_THREAD) {
            Tty { mouse, enhanced, entered: true }.leave();
            previous_hook(info);
        }
    }));

    let worker_docs = Arc::clone(&docs);
    let analysis_tx = tx.clone();
    let options = settings.options.clone();
    thread::Builder::new().name(ANALYSIS_THREAD.into()).spawn(move || {
        // The fast analysis goes to the reader at once, then the refinement's progress, then
        // (when there was a refinement) the refined analysis.
        let mut actions = ProgressActions::default();
        let progress_tx = analysis_tx.clone();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| {
            Analysis::run_with_progress(&worker_docs, &options, &mut |progress| {
                if let Some(action) = actions.action(progress) {
                    let _ = progress_tx.send(Message::Analysis(action));
                }
            })
        }));
        let message = match outcome {
            Ok(analysis) if actions.refining() => Message::Analysis(Action::AnalysisArrived(Arrival::done(analysis))),
            Ok(_) => return,
            Err(payload) => Message::AnalysisFailed(panic_text(payload.as_ref())),
        };
        let _ = analysis_tx.send(message);
    })?;

    thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Message::Input(ev)).is_err() {
                break;
            }
        }
    });

    let mut app = App::new(docs, keymap, theme);
    let store = Store::default_location().map_err(|e| format!("notes are not available: {e}"));
    let mut messages = app.open_class(store, &settings.classroom);
    let sessions = match Sessions::default_location() {
        Ok(s) => Some(s),
        Err(e) => {
            messages.push(format!("the session is not kept: {e}"));
            None
        }
    };
    if !settings.fresh {
        messages.extend(sessions.as_ref().and_then(|s| app.resume(s)));
    }
    if !messages.is_empty() {
        app.shared.say(messages.join(" · "));
    }
    let result = event_loop(&mut app, &rx, &mut tty, sessions.as_ref());
    tty.leave();
    if let Some(Err(e)) = sessions.as_ref().map(|s| app.save_session(s)) {
        eprintln!("parallax: {}", crate::printable::escape(&e));
    }
    if let Some(e) = &app.shared.analysis_error {
        eprintln!("parallax: the analysis failed: {}", crate::printable::escape(e));
    }
    match result.map_err(|e| io::Error::other(format!("terminal: {e}")))? {
        End::Quit => Ok(()),
        End::Signal(signal) => {
            // Ended as the signal would have ended it (the shell reports it so), the terminal now restored.
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal)
        }
    }
}

fn event_loop(
    app: &mut App,
    rx: &mpsc::Receiver<Message>,
    tty: &mut Tty,
    sessions: Option<&Sessions>,
) -> io::Result<End> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let size = terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    loop {
        draw(&mut terminal, app)?;
        // Background work (counting search matches) runs in ticks while no input waits.
        let message = if app.busy() {
            match rx.try_recv() {
                Ok(message) => message,
                Err(mpsc::TryRecvError::Empty) => {
                    update(app, Action::Tick);
                    continue;
                }
                Err(mpsc::TryRecvError::Disconnected) => return Ok(End::Quit),
            }
        } else {
            let Ok(message) = rx.recv() else { return Ok(End::Quit) };
            message
        };
        let action = match message {
            Message::Input(Event::Key(k)) => match Key::from_event(&k) {
                Some(key) => Action::Key(key),
                None => continue,
            },
            Message::Input(Event::Mouse(m)) => match m.kind {
                MouseEventKind::ScrollDown => Action::ScrollAt { column: m.column, row: m.row, lines: WHEEL_LINES },
                MouseEventKind::ScrollUp => Action::ScrollAt { column: m.column, row: m.row, lines: -WHEEL_LINES },
                MouseEventKind::Down(MouseButton::Left) => Action::ClickAt { column: m.column, row: m.row },
                _ => continue,
            },
            Message::Input(Event::Resize(w, h)) => {
                terminal.autoresize()?;
                Action::Resize(w, h)
            }
            Message::Input(_) => continue,
            Message::Analysis(action) => action,
            Message::AnalysisFailed(e) => Action::AnalysisFailed(e),
            Message::Signal(SIGTSTP) => {
                save_session(app, sessions);
                suspend(&mut terminal, tty, app)?;
                continue;
            }
            // Continued after a stop parallax did not see (SIGSTOP): the shell may have reset the terminal.
            Message::Signal(SIGCONT) => {
                resume(&mut terminal, tty, app)?;
                continue;
            }
            Message::Signal(signal) => return Ok(End::Signal(signal)),
        };
        update(app, action);
        if std::mem::take(&mut app.shared.suspend) {
            save_session(app, sessions);
            suspend(&mut terminal, tty, app)?;
        }
        if app.shared.quit {
            return Ok(End::Quit);
        }
    }
}

/// Saves the session before a suspension (the shell may end parallax while it is stopped);
/// a failure is said in the status line.
fn save_session(app: &mut App, sessions: Option<&Sessions>) {
    if let Some(Err(e)) = sessions.map(|s| app.save_session(s)) {
        app.shared.say(e);
    }
}

/// Gives the terminal back to the shell and stops, as Ctrl-z does to a program
/// that does not take the terminal over; `fg` continues here.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>, tty: &mut Tty, app: &mut App) -> io::Result<()> {
    tty.leave();
    // Stops the process (SIGSTOP, as SIGTSTP's default action does) until SIGCONT.
    signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
    resume(terminal, tty, app)
}

/// Takes the terminal again and redraws everything: the screen may show anything by now.
fn resume(terminal: &mut Terminal<CrosstermBackend<Stdout>>, tty: &mut Tty, app: &mut App) -> io::Result<()> {
    tty.reassert()?;
    // Clears the screen and forgets the last frame (`Terminal::clear` would also ask the terminal
    // where its cursor is, and the answer would go to the input thread).
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    update(app, Action::Resize(size.width, size.height));
    Ok(())
}

/// Draws a frame, then writes what the state queued for the terminal itself (OSC 52 copies).
fn draw(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &mut App) -> io::Result<()> {
    execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|frame| render(app, frame))?;
    execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    let output = app.take_output();
    if !output.is_empty() {
        let out = terminal.backend_mut();
        out.write_all(output.as_bytes())?;
        out.flush()?;
    }
    Ok(())
}

/// The terminal modes the reader needs: raw input, the alternate screen, no
/// cursor, mouse capture when wanted, and key disambiguation where the terminal
/// supports it (so Ctrl-i arrives apart from Tab).
struct Tty {
    mouse: bool,
    /// Whether the terminal takes the key disambiguation flags (asked once, on first entering).
    enhanced: Option<bool>,
    entered: bool,
}

impl Tty {
    fn enter(&mut self) -> io::Result<()> {
        if self.entered {
            return Ok(());
        }
        term::enable_raw_mode()?;
        self.entered = true;
        self.screen_modes()?;
        let enhanced = *self.enhanced.get_or_insert_with(|| term::supports_keyboard_enhancement().unwrap_or(false));
        if enhanced {
            execute!(io::stdout(), PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES))?;
        }
        Ok(())
    }

    fn screen_modes(&self) -> io::Result<()> {
        let mut out = io::stdout();
        execute!(out, EnterAlternateScreen, cursor::Hide)?;
        if self.mouse {
            execute!(out, EnableMouseCapture)?;
        }
        Ok(())
    }

    /// Enters again after a stop: entirely when parallax left the terminal itself, else its modes
    /// once more (raw mode from scratch), since whoever stopped it may have reset them.
    fn reassert(&mut self) -> io::Result<()> {
        if !self.entered {
            return self.enter();
        }
        term::disable_raw_mode()?;
        term::enable_raw_mode()?;
        self.screen_modes()
    }

    /// Undoes `enter`; errors are ignored because this also runs while panicking.
    fn leave(&mut self) {
        let mut out = io::stdout();
        if self.enhanced == Some(true) && self.entered {
            let _ = execute!(out, PopKeyboardEnhancementFlags);
        }
        if self.mouse {
            let _ = execute!(out, DisableMouseCapture);
        }
        let _ = execute!(out, EndSynchronizedUpdate, LeaveAlternateScreen, cursor::Show);
        let _ = term::disable_raw_mode();
        let _ = out.flush();
        self.entered = false;
    }
}
