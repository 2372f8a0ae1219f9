//! Command line: `parallax [PATH...]` opens the reader, `parallax analyze`
//! prints the analysis for scripts; the classroom commands (`notes`, `score`,
//! `export`) are in `classroom`.

use std::borrow::Cow;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use parallax::analysis::{Analysis, Options};
use parallax::claims::Refinement;
use parallax::config::Source;
use parallax::document::Document;
use parallax::framing::{Lexicon, View};
use parallax::printable::escape;
use parallax::{compare, load, report, seeds};

use crate::{classroom, inputs, web};

/// Read several news sources on one story side by side, with framing
/// language and matching claims highlighted.
///
/// Opens web pages (http:// and https:// addresses) and local files side by side.
/// With neither, opens the five bundled articles on the 2025 Gaza ceasefire talks.
#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about,
    long_about,
    args_conflicts_with_subcommands = true,
    after_help = "In the reader, press H for the keys. Keys and styles can be changed in \
                  $XDG_CONFIG_HOME/parallax/keymap.toml and theme.toml (else ~/.config/parallax/)."
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    #[command(flatten)]
    read: ReadArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the analysis (documents, sentences, framing, links, claims) for scripts.
    Analyze(AnalyzeArgs),
    /// Print the compare tables (coverage, labels, sources, quotes) as Markdown or CSV.
    Compare(CompareArgs),
    /// Notes and marks on documents: add, mark, list, rm, export.
    Notes(classroom::NotesArgs),
    /// Score marks against a key (the blind-marking exercise): one student's feedback, or with
    /// --class DIR the class's agreement as CSV.
    Score(classroom::ScoreArgs),
    /// Print a handout for a class (HTML or Markdown): the sources, an exercise, the teacher's
    /// notes, and with --key the answer key on its own page.
    Export(classroom::ExportArgs),
}

#[derive(Debug, Args)]
struct ReadArgs {
    /// Web addresses (http://, https://), files or directories (.txt, .md, .html) to open,
    /// in this order; `-` reads standard input.
    #[arg(value_name = "URL|PATH")]
    paths: Vec<PathBuf>,

    /// Leave the mouse to the terminal, so text can be selected (e.g. over SSH).
    #[arg(long)]
    no_mouse: bool,

    /// Blind marking: start with the tool's highlights and links hidden (B shows them, R reveals
    /// them with how your marks agree).
    #[arg(long)]
    blind: bool,

    /// Reveal by itself once this many marks are made (blind marking).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    reveal_after: Option<u32>,

    /// Compare marks with a teacher's answer key (a file of marks, as `notes export --format
    /// jsonld` writes them) instead of the tool's analysis.
    #[arg(long, value_name = "FILE")]
    key: Option<PathBuf>,

    /// Do not restore the last session of these documents (focus, places, toggles, search).
    #[arg(long)]
    fresh: bool,

    #[command(flatten)]
    links: LinkArgs,

    #[command(flatten)]
    lexicon: LexiconArgs,

    #[command(flatten)]
    web: WebArgs,
}

#[derive(Debug, Args)]
struct LinkArgs {
    /// Links from the fast signals only: no refinement by the transformer (all-MiniLM-L6-v2),
    /// which otherwise runs when at most 2,000 sentences need encoding.
    #[arg(long)]
    fast: bool,
}

#[derive(Debug, Args)]
struct InputArgs {
    /// Refuse an input larger than SIZE, in bytes or with a k, M or G suffix (1000s);
    /// FIFOs and devices are never read.
    #[arg(long, value_name = "SIZE", value_parser = load::parse_size, default_value = "64M")]
    max_input: u64,
}

#[derive(Debug, Args)]
pub struct LexiconArgs {
    /// A framing lexicon (TOML) merged over the defaults and the config-directory file
    /// ($XDG_CONFIG_HOME/parallax/lexicon.toml, else ~/.config/parallax/lexicon.toml);
    /// repeat to merge several, later files win.
    #[arg(long = "lexicon", value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
struct AnalyzeArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,

    /// Keep links scoring at least S (0 lists every scored candidate; the default was tuned
    /// for precision, see BENCHMARKS.md).
    #[arg(long, value_name = "S", value_parser = parse_score, default_value_t = parallax::claims::DEFAULT_THRESHOLD)]
    min_score: f32,

    /// Which framing spans to print. `default`: the wording layer (loaded words, labels,
    /// boosters, scare quotes), spans at or above the confidence threshold. `all`: the sourcing
    /// layer too (attribution, anonymous sources, hedges, agentless passives) and every
    /// confidence. Each span carries its `layer`, `confidence` and whether it is `quoted`.
    #[arg(long, value_enum, default_value_t = FramingView::Default)]
    framing: FramingView,

    #[command(flatten)]
    links: LinkArgs,

    #[command(flatten)]
    lexicon: LexiconArgs,

    /// Web addresses, files or directories to analyse; `-` reads standard input.
    /// Default: the bundled seeds.
    #[arg(value_name = "URL|PATH")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    web: WebArgs,
}

#[derive(Debug, Args)]
#[command(after_help = "CSV: one file per table (coverage.csv, labels.csv, sources.csv, quotes.csv) \
                  into --out DIR, or one table to standard output with --table NAME.")]
struct CompareArgs {
    /// Output format: md (the four tables for a report) or csv (for a spreadsheet).
    #[arg(long, value_enum, default_value_t = CompareFormat::Md)]
    format: CompareFormat,

    /// Only this table.
    #[arg(long, value_name = "NAME", value_parser = clap::builder::PossibleValuesParser::new(compare::TABLES))]
    table: Option<String>,

    /// With --format csv: write one file per table into DIR (created if missing).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// Keep links scoring at least S (the claims the coverage table is built from).
    #[arg(long, value_name = "S", value_parser = parse_score, default_value_t = parallax::claims::DEFAULT_THRESHOLD)]
    min_score: f32,

    #[command(flatten)]
    lexicon: LexiconArgs,

    /// Web addresses, files or directories to compare; `-` reads standard input.
    /// Default: the bundled seeds.
    #[arg(value_name = "URL|PATH")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    web: WebArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum CompareFormat {
    Md,
    Csv,
}

/// Where inputs come from besides the command line, how web pages are fetched, and how
/// much of any input is read.
#[derive(Debug, Args)]
#[command(next_help_heading = "Inputs, web pages and lists")]
pub struct WebArgs {
    #[command(flatten)]
    input: InputArgs,

    /// Also open the paths and web addresses listed in FILE, one per line (`#` starts a
    /// comment line; relative paths are taken from FILE's directory; `-` reads standard
    /// input); repeat for several lists.
    #[arg(long, value_name = "FILE")]
    list: Vec<PathBuf>,

    /// Open web pages only from the cache ($XDG_CACHE_HOME/parallax/, else ~/.cache/parallax/);
    /// never use the network.
    #[arg(long, conflicts_with = "refresh")]
    offline: bool,

    /// Fetch web pages again even when the cache has them.
    #[arg(long)]
    refresh: bool,

    /// Give up on a web page after this many seconds (redirects and download included).
    #[arg(long, value_name = "SECONDS", value_parser = web::parse_timeout, default_value_t = web::DEFAULT_TIMEOUT_SECS)]
    timeout: f64,

    /// Refuse a web page larger than this, in bytes, or with a k or M suffix (1000s).
    #[arg(long, value_name = "SIZE", value_parser = web::parse_size, default_value = "10M")]
    max_size: u64,
}

impl WebArgs {
    fn options(&self) -> web::Options {
        web::Options {
            offline: self.offline,
            refresh: self.refresh,
            timeout: Duration::from_secs_f64(self.timeout),
            max_size: self.max_size,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FramingView {
    Default,
    All,
}

fn parse_score(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&v) { Ok(v) } else { Err(format!("{v} is outside 0..=1")) }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(e),
    };
    let result = match cli.command {
        Some(Command::Analyze(args)) => analyze(args),
        Some(Command::Compare(args)) => compare(args),
        Some(Command::Notes(args)) => classroom::notes(args),
        Some(Command::Score(args)) => classroom::score(args),
        Some(Command::Export(args)) => classroom::export(args),
        None => read(cli.read),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Paths, addresses, settings values and page metadata in the message are not ours: shown, never run.
            match e.downcast_ref::<inputs::Unopened>() {
                Some(inputs::Unopened(lines)) => lines.iter().for_each(|l| eprintln!("parallax: {}", escape(l))),
                None => eprintln!("parallax: {}", escape(&format!("{e:#}"))),
            }
            ExitCode::from(2)
        }
    }
}

/// Help, version and usage errors as clap prints them, except that an argument
/// with control characters in it is quoted escaped: the error is made again from
/// the arguments written out with [`escape`].
fn clap_exit(e: clap::Error) -> ExitCode {
    let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
    if !e.use_stderr() || args.iter().all(|a| matches!(escape(a), Cow::Borrowed(_))) {
        e.exit();
    }
    match Cli::try_parse_from(args.iter().map(|a| escape(a).into_owned())) {
        Err(shown) => shown.exit(),
        // Escaping made the arguments valid: show the first error without its styling, escaped.
        Ok(_) => {
            let plain = e.render().to_string();
            let lines: Vec<_> = plain.lines().map(escape).collect();
            eprintln!("{}", lines.join("\n"));
            ExitCode::from(2)
        }
    }
}

pub fn warn(message: &str) {
    eprintln!("parallax: warning: {}", escape(message));
}

/// Loads the inputs (fetching web pages), or the seeds when there are none;
/// warnings go to stderr.
pub fn documents(paths: &[PathBuf], web: &WebArgs) -> Result<Vec<Document>> {
    let inputs = inputs::gather(paths, &web.list, web.input.max_input)?;
    if inputs.is_empty() {
        return Ok(seeds::documents());
    }
    let loaded = inputs::open(&inputs, &web.options(), web.input.max_input)?;
    for w in &loaded.warnings {
        warn(w);
    }
    Ok(loaded.documents)
}

/// Analysis options from the command line: the lexicon is the embedded
/// defaults, then the config-directory file if there is one, then each
/// `--lexicon` file in order. Shared by `analyze` and the reader.
pub fn analysis_options(lexicon: &LexiconArgs) -> Result<Options> {
    let mut sources: Vec<Source> = Source::user("lexicon.toml")?.into_iter().collect();
    for file in &lexicon.files {
        sources.push(Source::read(file)?);
    }
    let mut options = Options::default();
    if !sources.is_empty() {
        let (merged, warnings) = Lexicon::with_sources(&sources)?;
        for w in &warnings {
            warn(&w.to_string());
        }
        options.lexicon = Arc::new(merged);
    }
    Ok(options)
}

fn analyze(args: AnalyzeArgs) -> Result<()> {
    let mut options = analysis_options(&args.lexicon)?;
    options.refine = !args.links.fast;
    let docs = documents(&args.paths, &args.web)?;
    options.min_score = args.min_score;
    let analysis = Analysis::run(&docs, &options);
    if let Refinement::Skipped { sentences, limit } = analysis.refinement {
        eprintln!(
            "parallax: note: links from the fast signals only: refining them would encode {sentences} sentences, \
             more than {limit} (--fast skips refinement without this note)"
        );
    }
    let Format::Json = args.format;
    let view = match args.framing {
        FramingView::Default => View::standard(),
        FramingView::All => View::all(),
    };
    let mut json = report::to_json_with(&docs, &analysis, &view);
    json.push('\n');
    print(&json)?;
    exit_without_freeing((docs, analysis, json));
    Ok(())
}

/// Leaves `values` for the process's exit to reclaim: `analyze` and `compare` end right after
/// their output, and freeing a large input's documents and analysis one allocation at a time
/// (ECB+: hundreds of thousands, some tens of milliseconds in a profile) would only delay it.
fn exit_without_freeing<T>(values: T) {
    std::mem::forget(values);
}

fn compare(args: CompareArgs) -> Result<()> {
    if args.format == CompareFormat::Csv && args.out.is_none() && args.table.is_none() {
        anyhow::bail!(
            "--format csv writes one file per table: give --out DIR, or --table NAME for one table on standard output"
        );
    }
    if args.format == CompareFormat::Md && args.out.is_some() {
        anyhow::bail!("--out DIR is for --format csv; Markdown goes to standard output");
    }
    let mut options = analysis_options(&args.lexicon)?;
    let docs = documents(&args.paths, &args.web)?;
    options.min_score = args.min_score;
    let analysis = Analysis::run(&docs, &options);
    let tables = compare::Tables::build(&docs, &analysis);
    match (args.format, &args.out) {
        (CompareFormat::Md, _) => print(&compare::text::markdown(&docs, &tables, args.table.as_deref())),
        (CompareFormat::Csv, None) => {
            let name = args.table.as_deref().unwrap_or_default();
            print(&compare::text::csv(&docs, &tables, name).context("unknown table")?)
        }
        (CompareFormat::Csv, Some(dir)) => {
            std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
            let names: Vec<&str> = match &args.table {
                Some(t) => vec![t.as_str()],
                None => compare::TABLES.to_vec(),
            };
            for name in names {
                let path = dir.join(format!("{name}.csv"));
                let text = compare::text::csv(&docs, &tables, name).context("unknown table")?;
                std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
            }
            Ok(())
        }
    }?;
    exit_without_freeing((docs, analysis, tables));
    Ok(())
}

/// Writes `text` to standard output; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .or_else(|e| if e.kind() == std::io::ErrorKind::BrokenPipe { Ok(()) } else { Err(e) })
        .context("writing to standard output")
}

fn read(args: ReadArgs) -> Result<()> {
    // A broken lexicon is reported before the terminal is taken over.
    let mut options = analysis_options(&args.lexicon)?;
    options.refine = !args.links.fast;
    let key = match &args.key {
        Some(path) => Some((path.display().to_string(), classroom::read_marks(path)?)),
        None => None,
    };
    let docs = documents(&args.paths, &args.web)?;
    let class = parallax::tui::ClassroomSettings {
        blind: args.blind,
        reveal_after: args.reveal_after.map(|n| n as usize),
        key,
    };
    let settings = parallax::tui::Settings { mouse: !args.no_mouse, options, classroom: class, fresh: args.fresh };
    // The reader's errors name their cause (a settings file, or the terminal).
    parallax::tui::run(docs, settings)?;
    Ok(())
}
