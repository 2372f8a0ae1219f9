//! The reader draws names that come from files (titles, sources, file names,
//! lexicon notes) escaped, so a hostile file cannot drive the terminal or turn
//! the text around it backwards; and what it draws lands where the frame has it,
//! whatever the text (emoji sequences whose width terminals disagree on).

mod tui_support;

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use parallax::tui::{App, render};
use ratatui::backend::CrosstermBackend;
use ratatui::buffer::CellWidth;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tui_support::{app_with, doc, screen_text};

fn inert(rows: &[String]) -> bool {
    rows.iter().all(|r| !r.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)))
}

#[test]
fn headers_show_titles_sources_and_file_names_escaped() {
    let docs = vec![
        doc("Talks \u{1b}]0;PWNED\u{7}resume", Some("Wire\u{202e}gnp.exe"), "a.txt", "First story."),
        doc("", None, "d/\u{1b}]52;c;aGk=\u{7}.txt", "Second story."),
    ];
    // With an empty title the header names the pane by its text and shows the file name beside it.
    let app = app_with(docs, 120, 6);
    let rows = screen_text(&app);
    assert!(inert(&rows), "{rows:?}");
    assert!(rows[0].contains("Talks \\e]0;PWNED\\x07resume"), "{:?}", rows[0]);
    assert!(rows[0].contains("Wire\\u{202e}gnp.exe"), "{:?}", rows[0]);
    assert!(rows[0].contains("\\e]52;c;aGk=\\x07.txt"), "{:?}", rows[0]);
}

/// The reader's frames as a terminal shows them: drawn through the crossterm backend, as the
/// reader draws, into bytes that the `vt100` emulator (which draws a ZWJ sequence emoji by
/// emoji, and an emoji with a variation selector two columns wide) turns into a screen.
struct Emulated {
    terminal: Terminal<CrosstermBackend<Tap>>,
    output: Rc<RefCell<Vec<u8>>>,
    screen: vt100::Parser,
}

/// Where the backend writes: bytes kept for the emulator.
struct Tap(Rc<RefCell<Vec<u8>>>);

impl Write for Tap {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Emulated {
    fn new(width: u16, height: u16) -> Emulated {
        let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, width, height)) };
        let nonzero = |n| std::num::NonZeroU16::new(n).unwrap();
        let output = Rc::new(RefCell::new(Vec::new()));
        Emulated {
            terminal: Terminal::with_options(CrosstermBackend::new(Tap(Rc::clone(&output))), options).unwrap(),
            output,
            screen: vt100::Parser::new(nonzero(height), nonzero(width), 0),
        }
    }

    /// Draws a frame and returns the rows where the terminal shows something else than the frame.
    fn draw(&mut self, app: &App) -> Vec<String> {
        let frame = self.terminal.draw(|f| render(app, f)).unwrap().buffer.clone();
        let bytes = std::mem::take(&mut *self.output.borrow_mut());
        self.screen.process(&bytes);
        let screen = self.screen.screen();
        let mut wrong = Vec::new();
        for y in 0..frame.area.height {
            let (mut wanted, mut shown) = (String::new(), String::new());
            let mut x = 0;
            while x < frame.area.width {
                let symbol = frame[(x, y)].symbol();
                wanted.push_str(symbol);
                let cell = screen.cell(y, x).map_or(String::new(), |c| c.contents().to_string());
                shown.push_str(if cell.is_empty() { " " } else { &cell });
                x += symbol.cell_width().max(1);
            }
            if wanted != shown {
                wrong.push(format!("row {y}:\n  frame    {wanted:?}\n  terminal {shown:?}"));
            }
        }
        wrong
    }
}

#[test]
fn emoji_sequences_are_drawn_where_the_frame_has_them() {
    // Joined by ZWJ, with variation selectors, with a skin tone: the terminal drew them wider or
    // narrower than the reader assumed, and the rest of the row (the pane separator with it)
    // shifted, or kept pieces of the previous frame.
    let line = "Flags \u{1f3f3}\u{fe0f}\u{200d}\u{1f308}\u{1f3f3}\u{fe0f}\u{200d}\u{1f308} and hearts \
                \u{2764}\u{fe0f}\u{2764}\u{fe0f}\u{2764}\u{fe0f}, a family \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} \
                and \u{1f44d}\u{1f3fd} thumbs.";
    let emoji: String = (0..12).map(|i| format!("{i} {line}\n\n")).collect();
    let plain: String = (0..12).map(|i| format!("Plain paragraph {i} of the other story.\n\n")).collect();
    let docs = vec![doc("Emoji", None, "emoji.txt", &emoji), doc("Plain", None, "plain.txt", &plain)];
    let mut app = app_with(docs, 80, 24);
    let mut emulated = Emulated::new(80, 24);
    assert_eq!(emulated.draw(&app), Vec::<String>::new(), "first frame");
    // Scrolling draws other text over the emoji rows, which is where the rows came apart.
    for keys in ["G", "g", "jjj", "<C-d>", "k", "G"] {
        app.feed(keys);
        assert_eq!(emulated.draw(&app), Vec::<String>::new(), "after {keys}");
    }
}

#[test]
fn the_counterpart_panel_shows_titles_and_sources_escaped() {
    let mut docs = tui_support::sample_docs();
    docs[0].title = "Harbour \u{1b}]0;PWNED\u{7}talks".into();
    docs[1].source = Some("Port\u{202e}Weekly".into());
    let analysis = tui_support::sample_analysis(&docs);
    let mut app = app_with(docs, 100, 30);
    app.set_analysis(analysis);
    app.feed("]mc");
    let rows = screen_text(&app);
    assert!(inert(&rows), "{rows:?}");
    let screen = rows.join("\n");
    assert!(screen.contains("this pane · Harbour \\e]0;PWNED\\x07talks"), "{screen}");
    assert!(screen.contains("Port\\u{202e}Weekly"), "{screen}");
}
