//! The compare tables as text: Markdown for a report, CSV for a spreadsheet
//! (one row per telling of a claim, referent × source × term, source, quotation:
//! tidy rows a spreadsheet can pivot). Document text is escaped by `markup`.

use std::fmt::Write as _;

use super::{Coverage, LabelName, LabelRow, QuoteGroup, SourceRow, Tables, source_name};
use crate::document::Document;
use crate::framing::{Category, Layer};
use crate::markup;

/// How many characters of a sentence a Markdown cell shows.
const ABBREVIATE: usize = 100;

/// `text` on one line, cut to `max` characters with an ellipsis.
pub fn abbreviate(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

fn md(text: &str) -> String {
    markup::markdown(text)
}

fn header(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(cells.len()));
}

fn row(out: &mut String, cells: &[String]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}

/// How many characters of a source's name a Markdown header shows (a title can be a sentence).
const NAME: usize = 32;

fn short_name(d: &Document) -> String {
    md(&abbreviate(source_name(d), NAME))
}

fn source_headers(docs: &[Document]) -> Vec<String> {
    docs.iter().enumerate().map(|(i, d)| format!("{} {}", i + 1, short_name(d))).collect()
}

/// A label cell: "terror group ×2 (1 quoted)".
pub fn label_cell(names: &[LabelName]) -> String {
    names
        .iter()
        .map(|n| {
            let quoted = match (n.own, n.quoted) {
                (_, 0) => String::new(),
                (0, _) => " (quoted)".into(),
                (_, q) => format!(" ({q} quoted)"),
            };
            format!("{} ×{}{quoted}", n.term, n.total())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The flags of a quotation group in words.
pub fn flag_words(g: &QuoteGroup) -> Vec<&'static str> {
    let f = &g.flags;
    let mut out = Vec::new();
    if f.different_speakers {
        out.push("different speakers");
    }
    if f.trimmed {
        out.push("trimmed differently");
    }
    if !f.paraphrased.is_empty() {
        out.push("paraphrased elsewhere");
    }
    if f.anonymous_only {
        out.push("anonymous only");
    }
    out
}

fn coverage_md(docs: &[Document], c: &Coverage, out: &mut String) {
    out.push_str("## Coverage\n\nClaims (rows) by source (columns): ✓ reports it, · does not. Most sources first.\n\n");
    let mut h = vec!["#".to_string(), "sources".to_string()];
    h.extend(source_headers(docs));
    h.push("claim (first telling)".into());
    header(out, &h);
    for (i, claim) in c.claims.iter().enumerate() {
        let mut cells = vec![(i + 1).to_string(), claim.sources.to_string()];
        cells.extend((0..docs.len()).map(|d| if claim.reported_by(d) { "✓" } else { "·" }.to_string()));
        let first = claim.first().map(|p| abbreviate(p.text(docs), ABBREVIATE)).unwrap_or_default();
        let flag = if claim.anonymous_only { " (anonymous sourcing only)" } else { "" };
        cells.push(format!("{}{flag}", md(&first)));
        row(out, &cells);
    }
    out.push_str("\n| source | claims shared | only here | left out |\n|---|---|---|---|\n");
    for s in &c.summary {
        row(out, &[short_name(&docs[s.doc]), s.shared.to_string(), s.only_here.to_string(), s.left_out.to_string()]);
    }
}

fn labels_md(docs: &[Document], rows: &[LabelRow], out: &mut String) {
    out.push_str("\n## Labels\n\nReferents the sources name differently: terms with counts; \"quoted\" is inside a quotation.\n\n");
    if rows.is_empty() {
        out.push_str("No referent is named differently by the sources.\n");
        return;
    }
    let mut h = vec!["referent".to_string(), "set".to_string()];
    h.extend(source_headers(docs));
    header(out, &h);
    for r in rows {
        let mut cells = vec![md(&r.referent), md(&r.set)];
        cells.extend(r.names.iter().map(|n| if n.is_empty() { "·".into() } else { md(&label_cell(n)) }));
        row(out, &cells);
    }
}

fn layer_density(r: &SourceRow, layer: Layer) -> (f64, f64) {
    r.layers.iter().find(|l| l.layer == layer).map_or((0.0, 0.0), |l| (l.own, l.quoted))
}

fn sources_md(docs: &[Document], rows: &[SourceRow], out: &mut String) {
    out.push_str("\n## Sources\n\nFraming per 1,000 words, the outlet's own wording / quoted words.\n\n");
    let mut h: Vec<String> = ["source", "words", "sentences", "wording", "sourcing"].map(String::from).to_vec();
    h.extend(Category::ALL.iter().map(|c| c.id().to_string()));
    h.extend(
        [
            "quotations",
            "quoted share",
            "named",
            "anonymous",
            "no speaker",
            "most quoted",
            "shared",
            "only here",
            "left out",
        ]
        .map(String::from),
    );
    header(out, &h);
    for r in rows {
        let pair = |(own, quoted): (f64, f64)| format!("{own:.1} / {quoted:.1}");
        let mut cells = vec![
            short_name(&docs[r.doc]),
            r.words.to_string(),
            r.sentences.to_string(),
            pair(layer_density(r, Layer::Wording)),
            pair(layer_density(r, Layer::Sourcing)),
        ];
        cells.extend(r.density.iter().map(|d| pair((d.own, d.quoted))));
        let top =
            r.top_speakers.iter().map(|s| format!("{} ({})", s.name, s.quotations)).collect::<Vec<_>>().join(", ");
        cells.extend([
            r.quotations.to_string(),
            format!("{:.0}%", r.quoted_share * 100.0),
            r.speakers.named.to_string(),
            r.speakers.anonymous.to_string(),
            (r.speakers.none + r.speakers.unresolved).to_string(),
            md(&top),
            r.claims_shared.to_string(),
            r.claims_only_here.to_string(),
            r.claims_left_out.to_string(),
        ]);
        row(out, &cells);
    }
}

fn quotes_md(docs: &[Document], groups: &[QuoteGroup], out: &mut String) {
    out.push_str("\n## Quotes\n\nEvery quotation with its speaker as the sentence gives it; the same words in several sources are one group.\n\n");
    header(out, &["#", "source", "quotation", "speaker", "flags"].map(String::from));
    for (i, g) in groups.iter().enumerate() {
        let flags = flag_words(g).join(", ");
        for (k, q) in g.quotes.iter().enumerate() {
            let speaker = match &q.speaker {
                Some(s) => format!("{} ({})", md(s), q.kind),
                None => "—".into(),
            };
            row(
                out,
                &[
                    if k == 0 { (i + 1).to_string() } else { String::new() },
                    short_name(&docs[q.place.doc]),
                    md(&markup::quoted(&abbreviate(&q.words, ABBREVIATE))),
                    speaker,
                    if k == 0 { flags.clone() } else { String::new() },
                ],
            );
        }
    }
}

/// One table, or all four (`table` `None`), as Markdown.
pub fn markdown(docs: &[Document], tables: &Tables, table: Option<&str>) -> String {
    let mut out = String::new();
    let all = table.is_none();
    if all || table == Some("coverage") {
        coverage_md(docs, &tables.coverage, &mut out);
    }
    if all || table == Some("labels") {
        labels_md(docs, &tables.labels, &mut out);
    }
    if all || table == Some("sources") {
        sources_md(docs, &tables.sources, &mut out);
    }
    if all || table == Some("quotes") {
        quotes_md(docs, &tables.quotes, &mut out);
    }
    out.trim_start().to_string()
}

/// Table `name` (one of [`super::TABLES`]) as CSV; `None` for an unknown name.
pub fn csv(docs: &[Document], tables: &Tables, name: &str) -> Option<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let cell = |s: &str| markup::csv_cell(s);
    let mut rec = |cells: Vec<String>| w.write_record(cells).expect("writing CSV to memory");
    match name {
        "coverage" => {
            rec(["claim", "cluster", "sources", "anonymous_only", "doc", "source", "start", "end", "sentence"]
                .map(String::from)
                .to_vec());
            // One row per telling: a source that does not report a claim has no row (a pivot table shows the blanks).
            for (i, c) in tables.coverage.claims.iter().enumerate() {
                for t in &c.tellings {
                    rec(vec![
                        (i + 1).to_string(),
                        c.cluster.map(|x| x.to_string()).unwrap_or_default(),
                        c.sources.to_string(),
                        c.anonymous_only.to_string(),
                        t.doc.to_string(),
                        cell(source_name(&docs[t.doc])),
                        t.start.to_string(),
                        t.end.to_string(),
                        cell(t.text(docs)),
                    ]);
                }
            }
        }
        "labels" => {
            rec(["set", "referent", "doc", "source", "term", "own", "quoted", "places"].map(String::from).to_vec());
            for r in &tables.labels {
                for (d, names) in r.names.iter().enumerate() {
                    for n in names {
                        let places =
                            n.places.iter().map(|p| format!("{}-{}", p.start, p.end)).collect::<Vec<_>>().join(" ");
                        rec(vec![
                            cell(&r.set),
                            cell(&r.referent),
                            d.to_string(),
                            cell(source_name(&docs[d])),
                            cell(&n.term),
                            n.own.to_string(),
                            n.quoted.to_string(),
                            places,
                        ]);
                    }
                }
            }
        }
        "sources" => {
            let mut h: Vec<String> = ["doc", "source", "words", "sentences"].map(String::from).to_vec();
            for l in Layer::ALL {
                h.push(format!("{}_own", l.id()));
                h.push(format!("{}_quoted", l.id()));
            }
            for c in Category::ALL {
                h.push(format!("{}_own", c.id()));
                h.push(format!("{}_quoted", c.id()));
            }
            h.extend(
                [
                    "quotations",
                    "quoted_words",
                    "quoted_share",
                    "named",
                    "anonymous",
                    "unresolved",
                    "no_speaker",
                    "anonymous_sourcing",
                    "most_quoted",
                    "claims_shared",
                    "claims_only_here",
                    "claims_left_out",
                ]
                .map(String::from),
            );
            rec(h);
            let f = |x: f64| format!("{x:.2}");
            for r in &tables.sources {
                let mut cells = vec![
                    r.doc.to_string(),
                    cell(source_name(&docs[r.doc])),
                    r.words.to_string(),
                    r.sentences.to_string(),
                ];
                for l in Layer::ALL {
                    let (own, quoted) = layer_density(r, l);
                    cells.extend([f(own), f(quoted)]);
                }
                for d in &r.density {
                    cells.extend([f(d.own), f(d.quoted)]);
                }
                let top = r
                    .top_speakers
                    .iter()
                    .map(|s| format!("{} ({})", s.name, s.quotations))
                    .collect::<Vec<_>>()
                    .join("; ");
                cells.extend([
                    r.quotations.to_string(),
                    r.quoted_words.to_string(),
                    format!("{:.3}", r.quoted_share),
                    r.speakers.named.to_string(),
                    r.speakers.anonymous.to_string(),
                    r.speakers.unresolved.to_string(),
                    r.speakers.none.to_string(),
                    r.anonymous_sourcing.to_string(),
                    cell(&top),
                    r.claims_shared.to_string(),
                    r.claims_only_here.to_string(),
                    r.claims_left_out.to_string(),
                ]);
                rec(cells);
            }
        }
        "quotes" => {
            rec([
                "group",
                "doc",
                "source",
                "start",
                "end",
                "quotation",
                "speaker",
                "kind",
                "different_speakers",
                "trimmed",
                "paraphrased",
                "anonymous_only",
            ]
            .map(String::from)
            .to_vec());
            for (i, g) in tables.quotes.iter().enumerate() {
                for q in &g.quotes {
                    rec(vec![
                        (i + 1).to_string(),
                        q.place.doc.to_string(),
                        cell(source_name(&docs[q.place.doc])),
                        q.place.start.to_string(),
                        q.place.end.to_string(),
                        cell(&q.words),
                        q.speaker.as_deref().map(cell).unwrap_or_default(),
                        q.kind.to_string(),
                        g.flags.different_speakers.to_string(),
                        g.flags.trimmed.to_string(),
                        (!g.flags.paraphrased.is_empty()).to_string(),
                        g.flags.anonymous_only.to_string(),
                    ]);
                }
            }
        }
        _ => return None,
    }
    Some(String::from_utf8(w.into_inner().expect("CSV in memory")).expect("CSV of strings is UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::super::{TABLES, Tables, fixture};
    use super::*;

    #[test]
    fn markdown_has_the_four_tables_with_glyphs() {
        let (docs, analysis) = fixture::story();
        let md = markdown(&docs, &Tables::build(&docs, &analysis), None);
        for h in ["## Coverage", "## Labels", "## Sources", "## Quotes"] {
            assert!(md.contains(h), "{h} missing");
        }
        assert!(md.contains("| 1 | 3 | ✓ | ✓ | ✓ | Talks on the port strike collapsed"), "{md}");
        assert!(md.contains("| 4 | 2 | ✓ | ✓ | · |"), "{md}");
        assert!(md.contains("terror group ×1"));
        assert!(md.contains("resistance movement ×1 (quoted)"));
        assert!(md.contains("different speakers"));
        let one = markdown(&docs, &Tables::build(&docs, &analysis), Some("labels"));
        assert!(one.starts_with("## Labels") && !one.contains("## Quotes"));
    }

    #[test]
    fn csv_tables_are_tidy_rows_with_byte_ranges() {
        let (docs, analysis) = fixture::story();
        let t = Tables::build(&docs, &analysis);
        for name in TABLES {
            let out = csv(&docs, &t, name).unwrap();
            let mut r = csv::Reader::from_reader(out.as_bytes());
            let width = r.headers().unwrap().len();
            assert!(r.records().all(|x| x.unwrap().len() == width), "{name}");
        }
        let cov = csv(&docs, &t, "coverage").unwrap();
        let mut r = csv::Reader::from_reader(cov.as_bytes());
        let first = r.records().next().unwrap().unwrap();
        let (start, end): (usize, usize) = (first[6].parse().unwrap(), first[7].parse().unwrap());
        assert_eq!(&docs[0].text[start..end], &first[8]);
        // Only tellings: the four shared claims have 11, the four told by one source 4.
        assert_eq!(cov.lines().count(), 1 + 11 + 4);
        assert!(csv(&docs, &t, "nonsense").is_none());
    }

    #[test]
    fn long_sentences_are_cut_with_an_ellipsis() {
        assert_eq!(abbreviate("one  two\nthree", 20), "one two three");
        assert_eq!(abbreviate("one two three four", 9), "one two…");
    }
}
