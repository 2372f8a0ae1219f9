//! The terminal side: raw mode and the alternate screen, restored on every way
//! out (return, panic, SIGTERM, SIGHUP), and the event loop, which blocks until
//! a key, a mouse event, a resize, a signal or the analysis arrives.

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

use super::action::{Action, Arrival};
use super::app::{App, update};
use super::keymap::Key;
use super::render::render;
use crate::analysis::{Analysis, Options};
use crate::document::Document;

/// Lines one mouse-wheel notch scrolls.
const WHEEL_LINES: i32 = 3;

pub struct Settings {
    /// Capture the mouse (wheel scrolls, click focuses); off leaves selection to the terminal.
    pub mouse: bool,
    pub options: Options,
}

enum Message {
    Input(Event),
    Analysis(Analysis),
    AnalysisFailed(String),
    Signal(i32),
}

const ANALYSIS_THREAD: &str = "analysis";

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
    let keymap = super::config::load_keymap().map_err(io::Error::other)?;
    let theme = super::config::load_theme(super::theme::no_color_requested()).map_err(io::Error::other)?;
    if !io::stdout().is_terminal() {
        return Err(io::Error::other(
            "terminal: standard output is not a terminal (`parallax analyze` prints the analysis for scripts)",
        ));
    }
    let docs = Arc::new(docs);
    let (tx, rx) = mpsc::channel();

    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ])?;
    let signal_tx = tx.clone();
    thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = signal_tx.send(Message::Signal(signal));
        }
    });

    let enhanced = enter(settings.mouse).map_err(|e| {
        leave(settings.mouse, false);
        io::Error::other(format!("terminal: {e}"))
    })?;
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A failing analysis is caught and reported by the reader, which keeps running.
        if thread::current().name() != Some(ANALYSIS_THREAD) {
            leave(settings.mouse, enhanced);
            previous_hook(info);
        }
    }));

    let worker_docs = Arc::clone(&docs);
    let analysis_tx = tx.clone();
    let options = settings.options.clone();
    thread::Builder::new().name(ANALYSIS_THREAD.into()).spawn(move || {
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| Analysis::run(&worker_docs, &options)));
        let message = match outcome {
            Ok(analysis) => Message::Analysis(analysis),
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
    let result = event_loop(&mut app, &rx);
    leave(settings.mouse, enhanced);
    if let Some(e) = &app.shared.analysis_error {
        eprintln!("parallax: the analysis failed: {e}");
    }
    match result.map_err(|e| io::Error::other(format!("terminal: {e}")))? {
        End::Quit => Ok(()),
        // Killed, after all: the shell sees the conventional status of a signal death.
        End::Signal(signal) => std::process::exit(128 + signal),
    }
}

fn event_loop(app: &mut App, rx: &mpsc::Receiver<Message>) -> io::Result<End> {
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
            Message::Analysis(a) => Action::AnalysisArrived(Arrival::done(a)),
            Message::AnalysisFailed(e) => Action::AnalysisFailed(e),
            Message::Signal(signal) => return Ok(End::Signal(signal)),
        };
        update(app, action);
        if app.shared.quit {
            return Ok(End::Quit);
        }
    }
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

/// Raw mode, alternate screen, mouse capture when wanted, and key disambiguation
/// where the terminal supports it (so Ctrl-i arrives apart from Tab). Returns whether
/// the latter was turned on.
fn enter(mouse: bool) -> io::Result<bool> {
    term::enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, cursor::Hide)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    let enhanced = term::supports_keyboard_enhancement().unwrap_or(false);
    if enhanced {
        execute!(out, PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES))?;
    }
    Ok(enhanced)
}

/// Undoes `enter`; errors are ignored because this also runs while panicking.
fn leave(mouse: bool, enhanced: bool) {
    let mut out = io::stdout();
    if enhanced {
        let _ = execute!(out, PopKeyboardEnhancementFlags);
    }
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, EndSynchronizedUpdate, LeaveAlternateScreen, cursor::Show);
    let _ = term::disable_raw_mode();
    let _ = out.flush();
}
