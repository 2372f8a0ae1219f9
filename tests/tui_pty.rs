//! The reader on a real pseudo-terminal: whatever ends or stops it, the terminal
//! is left as it was found (main screen, cursor shown, mouse reporting off,
//! line mode on), and after a stop it comes back, redraws and answers keys.
//!
//! The screen is read by the `vt100` terminal emulator, the line discipline by
//! `stty`. Every check waits for its condition (with a generous deadline, for a
//! loaded machine) instead of sleeping a fixed time.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

const DEADLINE: Duration = Duration::from_secs(60);
const ROWS: u16 = 24;
const COLS: u16 = 80;
const STORY: &str = "Harbour talks stall.\n\nNegotiators walked out of the harbour talks on Tuesday. \
                     The union leader said the offer was an insult.\n\nThe strike has reportedly cost the port millions.\n";

/// What the terminal has received, and as a screen.
struct Output {
    bytes: Vec<u8>,
    screen: vt100::Parser,
}

struct Reader {
    output: Arc<Mutex<Output>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    tty: PathBuf,
    _master: Box<dyn MasterPty + Send>,
    /// Where it runs, its notes and its session are.
    home: PathBuf,
    _dir: Option<TempDir>,
}

impl Reader {
    /// Starts the reader on a short story and waits until it has taken the terminal and drawn.
    fn start() -> Reader {
        let dir = TempDir::new().unwrap();
        std::fs::write(dir.path().join("story.txt"), STORY).unwrap();
        let path = dir.path().to_path_buf();
        Reader::launch(&path, &["story.txt"], Some(dir), "pane 1/1")
    }

    /// Starts the reader in `dir` (its notes and session there too) with `args`, and waits
    /// until it has taken the terminal and shows `first`; `keep` is removed with the reader.
    fn launch(dir: &std::path::Path, args: &[&str], keep: Option<TempDir>, first: &str) -> Reader {
        let pair =
            native_pty_system().openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 }).unwrap();
        // No core file when SIGQUIT or SIGABRT ends it as their default action does.
        let mut cmd = CommandBuilder::new("sh");
        cmd.args(["-c", "ulimit -c 0; exec \"$0\" \"$@\"", env!("CARGO_BIN_EXE_parallax")]);
        cmd.args(args);
        cmd.cwd(dir);
        cmd.env("XDG_CONFIG_HOME", dir);
        // Notes and the session on quit go to the temporary directory, never the tester's.
        cmd.env("XDG_DATA_HOME", dir.join("data"));
        cmd.env("XDG_STATE_HOME", dir.join("state"));
        cmd.env("HOME", dir);
        cmd.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let tty = pair.master.tty_name().expect("the pty has a name");
        let output = Arc::new(Mutex::new(Output {
            bytes: Vec::new(),
            screen: vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0),
        }));
        let writer = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
        let mut source = pair.master.try_clone_reader().unwrap();
        let (sink, answer) = (Arc::clone(&output), Arc::clone(&writer));
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            let mut asked = 0;
            while let Ok(n) = source.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let mut out = sink.lock().unwrap();
                out.bytes.extend_from_slice(&buf[..n]);
                out.screen.process(&buf[..n]);
                // Answer the device-attributes query as a terminal would (without the kitty keyboard
                // protocol), so the reader does not wait for its timeout.
                let queries = count(&out.bytes, b"\x1b[c");
                while asked < queries {
                    asked += 1;
                    let _ = answer.lock().unwrap().write_all(b"\x1b[?62;22c");
                }
            }
        });
        let reader = Reader { output, writer, child, tty, _master: pair.master, home: dir.to_path_buf(), _dir: keep };
        reader.wait_until("the reader takes the terminal and draws", |r| r.taken() && r.shows(first));
        reader
    }

    fn pid(&self) -> String {
        self.child.process_id().expect("the child has a pid").to_string()
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill").args(["-s", name, &self.pid()]).status().unwrap();
        assert!(status.success(), "kill -s {name}");
    }

    fn press(&self, keys: &str) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(keys.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    fn screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.output.lock().unwrap().screen.screen())
    }

    fn shows(&self, text: &str) -> bool {
        self.screen(|s| s.contents().contains(text))
    }

    fn received(&self) -> usize {
        self.output.lock().unwrap().bytes.len()
    }

    /// Whether `text` arrived after the first `from` bytes.
    fn drawn_since(&self, from: usize, text: &str) -> bool {
        let out = self.output.lock().unwrap();
        count(&out.bytes[from.min(out.bytes.len())..], text.as_bytes()) > 0
    }

    /// The line discipline's flags, as `stty` reports them ("-icanon" when raw).
    fn line_flags(&self) -> Vec<String> {
        let out = Command::new("stty").arg("-F").arg(&self.tty).arg("-a").output().unwrap();
        String::from_utf8_lossy(&out.stdout).split_whitespace().map(str::to_string).collect()
    }

    fn raw_mode(&self) -> bool {
        let flags = self.line_flags();
        flags.iter().any(|f| f == "-icanon") && flags.iter().any(|f| f == "-echo")
    }

    fn line_mode(&self) -> bool {
        let flags = self.line_flags();
        flags.iter().any(|f| f == "icanon") && flags.iter().any(|f| f == "echo")
    }

    /// Alternate screen, hidden cursor, mouse reporting and raw mode: all the reader takes.
    fn taken(&self) -> bool {
        let screen = self.screen(|s| {
            s.alternate_screen() && s.hide_cursor() && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
        });
        screen && self.raw_mode()
    }

    /// Main screen, visible cursor, no mouse reporting, line mode: all of it given back.
    fn restored(&self) -> bool {
        let screen = self.screen(|s| {
            !s.alternate_screen() && !s.hide_cursor() && s.mouse_protocol_mode() == vt100::MouseProtocolMode::None
        });
        screen && self.line_mode()
    }

    /// Whether the process is stopped (state `T` in /proc).
    fn stopped(&self) -> bool {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        // The state follows the command name, which is in parentheses.
        stat.rsplit_once(") ").is_some_and(|(_, rest)| rest.starts_with('T'))
    }

    fn wait_until(&self, what: &str, done: impl Fn(&Reader) -> bool) {
        let start = Instant::now();
        while !done(self) {
            if start.elapsed() > DEADLINE {
                let (alt, hidden, mouse, contents) =
                    self.screen(|s| (s.alternate_screen(), s.hide_cursor(), s.mouse_protocol_mode(), s.contents()));
                panic!(
                    "timed out waiting until {what}: alternate screen {alt}, cursor hidden {hidden}, mouse {mouse:?}, \
                     line flags {:?}\n{contents}",
                    self.line_flags().iter().filter(|f| f.contains("icanon") || f.contains("echo")).collect::<Vec<_>>()
                );
            }
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the process to end and returns how: the signal's name, or the exit code.
    fn wait_for_exit(&mut self) -> String {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.signal().map_or_else(|| format!("exit {}", status.exit_code()), str::to_string);
            }
            assert!(start.elapsed() < DEADLINE, "the reader did not end");
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        // A failed test must not leave its reader running.
        let _ = self.child.kill();
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has rows and columns")
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Ends a reader with `signal` and checks that it died of it with the terminal restored.
fn ended_by(signal: &str, reported_as: &str) {
    let mut reader = Reader::start();
    reader.signal(signal);
    assert_eq!(reader.wait_for_exit(), reported_as, "SIG{signal}");
    reader.wait_until(&format!("the terminal is restored after SIG{signal}"), Reader::restored);
}

#[test]
fn sigterm_restores_the_terminal() {
    ended_by("TERM", "Terminated");
}

#[test]
fn sighup_restores_the_terminal() {
    ended_by("HUP", "Hangup");
}

#[test]
fn sigint_restores_the_terminal() {
    ended_by("INT", "Interrupt");
}

#[test]
fn sigquit_restores_the_terminal() {
    // Before: the default action killed the reader with the alternate screen, mouse and raw mode still on.
    ended_by("QUIT", "Quit");
}

#[test]
fn sigusr1_and_sigalrm_restore_the_terminal() {
    ended_by("USR1", "User defined signal 1");
    ended_by("ALRM", "Alarm clock");
}

/// After a stop: the terminal is given back while stopped, and taken again, redrawn and
/// answering keys after SIGCONT.
fn stops_and_comes_back(reader: &mut Reader, how: &str) {
    reader.wait_until(&format!("the reader stops after {how}"), Reader::stopped);
    reader.wait_until(&format!("the terminal is restored after {how}"), Reader::restored);
    // The session was saved before stopping: the shell may end a stopped reader.
    let sessions = reader.home.join("state/parallax/sessions");
    let saved = std::fs::read_dir(&sessions).map_or(0, |d| d.count());
    assert_eq!(saved, 1, "one session file in {}", sessions.display());
    let before = reader.received();
    reader.signal("CONT");
    reader.wait_until("the reader takes the terminal again and redraws", |r| {
        r.taken() && r.drawn_since(before, "pane 1/1")
    });
    reader.press("H");
    reader.wait_until("the help overlay opens", |r| r.shows("down one line"));
    reader.press("qq");
    assert_eq!(reader.wait_for_exit(), "exit 0");
    reader.wait_until("the terminal is restored after quitting", Reader::restored);
}

#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_takes_it_again() {
    let mut reader = Reader::start();
    reader.signal("TSTP");
    stops_and_comes_back(&mut reader, "SIGTSTP");
}

#[test]
fn ctrl_z_suspends_like_sigtstp() {
    let mut reader = Reader::start();
    reader.press("\x1a");
    stops_and_comes_back(&mut reader, "Ctrl-z");
}

/// Quitting saves the session and the notes are on disk: reopening the same documents comes
/// back to the focused pane with the note listed; `--fresh` starts at the first pane.
#[test]
fn the_session_and_notes_come_back_and_fresh_starts_anew() {
    let dir = TempDir::new().unwrap();
    std::fs::write(dir.path().join("story.txt"), STORY).unwrap();
    std::fs::write(dir.path().join("other.txt"), "Dockers reject the offer.\n\nThe union walked away.\n").unwrap();
    let args = ["story.txt", "other.txt"];
    let mut reader = Reader::launch(dir.path(), &args, None, "pane 1/2");
    reader.press("2");
    reader.wait_until("the second pane has the focus", |r| r.shows("pane 2/2"));
    reader.press("a");
    reader.press("why walk away?\r");
    reader.wait_until("the note is saved", |r| r.shows("note saved"));
    reader.press("q");
    assert_eq!(reader.wait_for_exit(), "exit 0");
    drop(reader);

    let mut reader = Reader::launch(dir.path(), &args, None, "pane 2/2");
    reader.press("A");
    reader.wait_until("the notes list shows the note", |r| r.shows("why walk away?"));
    reader.press("qq");
    assert_eq!(reader.wait_for_exit(), "exit 0");
    drop(reader);

    let mut fresh = Reader::launch(dir.path(), &["--fresh", "story.txt", "other.txt"], None, "pane 1/2");
    fresh.press("q");
    assert_eq!(fresh.wait_for_exit(), "exit 0");
}
