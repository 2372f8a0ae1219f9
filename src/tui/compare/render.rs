//! Drawing the compare screen: a row of tabs, the table's header, its rows
//! from the first shown, and below them the selected row in detail (each
//! source's telling, names, densities or quotations). Cues never rest on
//! colour alone: ✓ and · for reported or not, ▸ and reverse video for the
//! selection, brackets for the chosen source and the tab, letters for flags.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{Compare, Tab, filter_text};
use crate::compare::text::{abbreviate, flag_words, label_cell};
use crate::compare::{QuoteGroup, SourceRow, Tables, source_name};
use crate::framing::{Category, Layer};
use crate::tui::app::Shared;
use crate::tui::paint::{fit, put};
use crate::tui::wrap::str_width;

/// Rows above the table: the tabs and the column header.
const HEAD: u16 = 2;
/// Lines of a quotation group's detail.
const QUOTE_DETAIL: u16 = 6;
/// Lines of a source's detail: a title, one per category, the speakers.
const SOURCE_DETAIL: u16 = 2 + Category::ALL.len() as u16;

/// Lines of the detail block under the table of `tab`, on a screen `height` rows high.
fn detail_rows(tab: Tab, height: u16, docs: usize) -> u16 {
    let wanted = match tab {
        Tab::Coverage | Tab::Labels => 1 + docs as u16,
        Tab::Sources => SOURCE_DETAIL,
        Tab::Quotes => QUOTE_DETAIL,
    };
    wanted.min(height.saturating_sub(HEAD) / 2)
}

/// How many table rows fit on a view `height` rows high.
pub(super) fn table_rows(tab: Tab, height: u16, docs: usize) -> usize {
    usize::from(height.saturating_sub(HEAD + detail_rows(tab, height, docs)))
}

fn row_rect(area: Rect, y: u16) -> Rect {
    Rect::new(area.x, area.y + y, area.width, 1)
}

/// The marker and style of a table row.
fn selection(shared: &Shared, selected: bool) -> (&'static str, Style) {
    if selected { ("▸", shared.theme.cursor) } else { (" ", Style::default()) }
}

/// A bar of `width` cells for `value` out of `max`, in eighths of a block; a value above zero shows at least a sliver.
pub(super) fn bar(value: f64, max: f64, width: usize) -> String {
    const PARTS: [&str; 8] = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"];
    if width == 0 {
        return String::new();
    }
    let eighths =
        if max > 0.0 && value > 0.0 { ((value / max) * (width * 8) as f64).round().max(1.0) as usize } else { 0 };
    let eighths = eighths.min(width * 8);
    let mut s = "█".repeat(eighths / 8);
    s.push_str(PARTS[eighths % 8]);
    let used = eighths / 8 + usize::from(eighths % 8 > 0);
    s.push_str(&" ".repeat(width - used));
    s
}

fn short(shared: &Shared, d: usize, width: usize) -> String {
    fit(&format!("{} {}", d + 1, abbreviate(source_name(&shared.docs[d]), 60)), width)
}

/// `s` in a column `width` wide, cut to leave one space before the next column.
fn pad(s: &str, width: usize) -> String {
    let s = fit(s, width.saturating_sub(1));
    let w = str_width(&s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

pub(super) fn render(c: &Compare, shared: &Shared, area: Rect, buf: &mut Buffer) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    tabs(c, shared, row_rect(area, 0), buf);
    let Some(t) = c.tables() else {
        if area.height > HEAD {
            put(buf, row_rect(area, HEAD), area.x + 1, &shared.no_analysis(), shared.theme.empty);
        }
        return;
    };
    let rows = table_rows(c.tab, area.height, shared.docs.len());
    let detail = detail_rows(c.tab, area.height, shared.docs.len());
    let table = Rect::new(area.x, area.y + HEAD, area.width, rows as u16);
    let below = Rect::new(area.x, area.y + HEAD + rows as u16, area.width, detail);
    let header = row_rect(area, 1);
    let i = c.tab.index();
    let top = c.top[i];
    match c.tab {
        Tab::Coverage => coverage(c, shared, t, (header, table, below), top, buf),
        Tab::Labels => labels(c, shared, t, (header, table, below), top, buf),
        Tab::Sources => sources(c, shared, t, (header, table, below), top, buf),
        Tab::Quotes => quotes(c, shared, t, (header, table, below), top, buf),
    }
}

fn tabs(c: &Compare, shared: &Shared, row: Rect, buf: &mut Buffer) {
    let mut x = row.x;
    for tab in Tab::ALL {
        let (text, style) = if tab == c.tab {
            (format!("[{}]", tab.name()), shared.theme.header_focused)
        } else {
            (format!(" {} ", tab.name()), shared.theme.header)
        };
        x = put(buf, row, x, &text, style);
        x = put(buf, row, x, " ", Style::default());
    }
    if c.tab == Tab::Coverage {
        let filter = format!("filter: {}", filter_text(c.filter, shared));
        let room = usize::from(row.right().saturating_sub(x)).saturating_sub(1);
        let text = fit(&filter, room);
        let w = str_width(&text) as u16;
        if w > 0 {
            put(buf, row, row.right() - w, &text, shared.theme.header_detail);
        }
    }
}

type Areas = (Rect, Rect, Rect);

/// A separator line with a title, over the detail block.
fn rule(shared: &Shared, row: Rect, title: &str, buf: &mut Buffer) {
    let text = format!("── {title} ");
    let x = put(buf, row, row.x, &fit(&text, usize::from(row.width)), shared.theme.separator);
    let rest = usize::from(row.right().saturating_sub(x));
    put(buf, row, x, &"─".repeat(rest), shared.theme.separator);
}

/// The source columns' header: the chosen source in brackets.
fn source_columns(c: &Compare, shared: &Shared) -> String {
    (0..shared.docs.len())
        .map(|d| if d == c.source { format!("[{}]", d + 1) } else { format!(" {} ", d + 1) })
        .collect()
}

fn coverage(c: &Compare, shared: &Shared, t: &Tables, (header, table, below): Areas, top: usize, buf: &mut Buffer) {
    let docs = shared.docs.len();
    put(
        buf,
        header,
        header.x,
        &format!("    #  n {}  claim (first telling) · † anonymous sourcing only", source_columns(c, shared)),
        shared.theme.header,
    );
    if c.coverage_rows.is_empty() {
        put(buf, row_rect(table, 0), table.x + 2, "no claim passes the filter", shared.theme.empty);
    }
    for (y, &ci) in c.coverage_rows.iter().skip(top).take(usize::from(table.height)).enumerate() {
        let claim = &t.coverage.claims[ci];
        let row = row_rect(table, y as u16);
        let (mark, style) = selection(shared, top + y == c.selected());
        let cells: String = (0..docs).map(|d| if claim.reported_by(d) { " ✓ " } else { " · " }).collect();
        let first = claim.first().map(|p| p.text(&shared.docs)).unwrap_or_default();
        let anon = if claim.anonymous_only { "† " } else { "" };
        let line = format!("{mark}{:>4} {:>2} {cells}  {anon}{}", top + y + 1, claim.sources, abbreviate(first, 400));
        buf.set_style(row.intersection(buf.area), style);
        put(buf, row, row.x, &fit(&line, usize::from(row.width)), style);
    }
    if below.height == 0 {
        return;
    }
    let claim = c.coverage_rows.get(c.selected()).map(|&i| &t.coverage.claims[i]);
    let title = match claim {
        Some(cl) => format!(
            "claim {} · {} of {docs} sources · source  shared/only here/left out  telling",
            c.selected() + 1,
            cl.sources
        ),
        None => "source  shared/only here/left out".into(),
    };
    rule(shared, row_rect(below, 0), &title, buf);
    let name_w = (usize::from(below.width) / 6).clamp(8, 24);
    for (d, s) in t.coverage.summary.iter().enumerate().take(usize::from(below.height.saturating_sub(1))) {
        let row = row_rect(below, 1 + d as u16);
        let telling = claim.and_then(|cl| cl.telling(d));
        let glyph = if telling.is_some() { "✓" } else { "·" };
        let text = telling.map_or_else(|| "— not reported".to_string(), |p| abbreviate(p.text(&shared.docs), 400));
        let style = if d == c.source { Style::default().add_modifier(Modifier::BOLD) } else { Style::default() };
        let line = format!(
            "{}{} {:>3}/{:>3}/{:>3} {glyph} {text}",
            if d == c.source { "▸" } else { " " },
            pad(&short(shared, d, name_w), name_w),
            s.shared,
            s.only_here,
            s.left_out
        );
        put(buf, row, row.x, &fit(&line, usize::from(row.width)), style);
    }
}

fn labels(c: &Compare, shared: &Shared, t: &Tables, (header, table, below): Areas, top: usize, buf: &mut Buffer) {
    let docs = shared.docs.len().max(1);
    let ref_w = (usize::from(header.width) / 5).clamp(12, 32);
    let cell_w = (usize::from(header.width).saturating_sub(ref_w + 2) / docs).max(4);
    let mut head = format!("  {}", pad("referent · set", ref_w));
    for d in 0..shared.docs.len() {
        let name = short(shared, d, cell_w.saturating_sub(3));
        let col = if d == c.source { format!("[{name}]") } else { name };
        head.push_str(&pad(&col, cell_w));
    }
    put(buf, header, header.x, &head, shared.theme.header);
    if t.labels.is_empty() {
        put(
            buf,
            row_rect(table, 0),
            table.x + 2,
            "no referent is named differently by these sources",
            shared.theme.empty,
        );
    }
    for (y, r) in t.labels.iter().skip(top).take(usize::from(table.height)).enumerate() {
        let row = row_rect(table, y as u16);
        let (mark, style) = selection(shared, top + y == c.selected());
        let mut line = format!("{mark} {}", pad(&format!("{} · {}", r.referent, r.set), ref_w));
        for names in &r.names {
            let cell = if names.is_empty() { "·".to_string() } else { label_cell(names) };
            line.push_str(&pad(&cell, cell_w));
        }
        buf.set_style(row.intersection(buf.area), style);
        put(buf, row, row.x, &fit(&line, usize::from(row.width)), style);
    }
    if below.height == 0 {
        return;
    }
    let Some(r) = t.labels.get(c.selected()) else { return };
    rule(
        shared,
        row_rect(below, 0),
        &format!("{} ({}) · names per source, ×uses, quoted = inside a quotation", r.referent, r.set),
        buf,
    );
    let name_w = (usize::from(below.width) / 6).clamp(8, 24);
    for (d, names) in r.names.iter().enumerate().take(usize::from(below.height.saturating_sub(1))) {
        let row = row_rect(below, 1 + d as u16);
        let cell = if names.is_empty() { "— does not name it".to_string() } else { label_cell(names) };
        let style = if d == c.source { Style::default().add_modifier(Modifier::BOLD) } else { Style::default() };
        let line =
            format!("{}{} {cell}", if d == c.source { "▸" } else { " " }, pad(&short(shared, d, name_w), name_w));
        put(buf, row, row.x, &fit(&line, usize::from(row.width)), style);
    }
}

fn layer(r: &SourceRow, l: Layer) -> (f64, f64) {
    r.layers.iter().find(|x| x.layer == l).map_or((0.0, 0.0), |x| (x.own, x.quoted))
}

/// "███▌     12.3": a bar and its number.
fn bar_cell(value: f64, max: f64, width: usize) -> String {
    format!("{} {value:>5.1}", bar(value, max, width.saturating_sub(6)))
}

fn sources(c: &Compare, shared: &Shared, t: &Tables, (header, table, below): Areas, top: usize, buf: &mut Buffer) {
    let width = usize::from(header.width);
    let name_w = (width / 6).clamp(10, 26);
    // name, words, then four bars (wording own/quoted, sourcing own/quoted) and the quoted share.
    let bar_w = (width.saturating_sub(2 + name_w + 8 + 7) / 4).clamp(7, 40);
    let max_of = |f: &dyn Fn(&SourceRow) -> f64| t.sources.iter().map(f).fold(0.0, f64::max);
    let maxes = [
        max_of(&|r| layer(r, Layer::Wording).0),
        max_of(&|r| layer(r, Layer::Wording).1),
        max_of(&|r| layer(r, Layer::Sourcing).0),
        max_of(&|r| layer(r, Layer::Sourcing).1),
    ];
    let head = format!(
        "  {}{:>7} {}{}{}{} quoted",
        pad("source", name_w),
        "words",
        pad("wording own", bar_w),
        pad("wording quoted", bar_w),
        pad("sourcing own", bar_w),
        pad("sourcing quoted", bar_w)
    );
    put(buf, header, header.x, &head, shared.theme.header);
    for (y, r) in t.sources.iter().skip(top).take(usize::from(table.height)).enumerate() {
        let row = row_rect(table, y as u16);
        let (mark, style) = selection(shared, top + y == c.selected());
        let (wo, wq) = layer(r, Layer::Wording);
        let (so, sq) = layer(r, Layer::Sourcing);
        let line = format!(
            "{mark} {}{:>7} {}{}{}{}{:>4.0}%",
            pad(&short(shared, r.doc, name_w), name_w),
            r.words,
            pad(&bar_cell(wo, maxes[0], bar_w - 1), bar_w),
            pad(&bar_cell(wq, maxes[1], bar_w - 1), bar_w),
            pad(&bar_cell(so, maxes[2], bar_w - 1), bar_w),
            pad(&bar_cell(sq, maxes[3], bar_w - 1), bar_w),
            r.quoted_share * 100.0
        );
        buf.set_style(row.intersection(buf.area), style);
        put(buf, row, row.x, &fit(&line, width), style);
    }
    if below.height == 0 {
        return;
    }
    let Some(r) = t.sources.get(c.selected()) else { return };
    rule(
        shared,
        row_rect(below, 0),
        &format!(
            "{} · {} words · {} sentences · per 1,000 words, own | quoted",
            abbreviate(source_name(&shared.docs[r.doc]), 40),
            r.words,
            r.sentences
        ),
        buf,
    );
    let cat_w = 18;
    let cat_bar = (usize::from(below.width).saturating_sub(cat_w + 8) / 2).clamp(7, 40);
    let mut y = 1;
    for (k, d) in r.density.iter().enumerate() {
        if y >= below.height.saturating_sub(1) {
            break;
        }
        let max_own = t.sources.iter().map(|s| s.density[k].own).fold(0.0, f64::max);
        let max_quoted = t.sources.iter().map(|s| s.density[k].quoted).fold(0.0, f64::max);
        let line = format!(
            "  {}{} │ {}",
            pad(d.category.name(), cat_w),
            bar_cell(d.own, max_own, cat_bar),
            bar_cell(d.quoted, max_quoted, cat_bar)
        );
        put(buf, row_rect(below, y), below.x, &fit(&line, usize::from(below.width)), Style::default());
        y += 1;
    }
    let top_speakers =
        r.top_speakers.iter().map(|s| format!("{} ({})", s.name, s.quotations)).collect::<Vec<_>>().join(", ");
    let line = format!(
        "  {} quotations ({:.0}% of words): named {} · anonymous {} · no speaker {} · most quoted: {} · claims {} shared / {} only here / {} left out",
        r.quotations,
        r.quoted_share * 100.0,
        r.speakers.named,
        r.speakers.anonymous,
        r.speakers.none + r.speakers.unresolved,
        if top_speakers.is_empty() { "—".into() } else { top_speakers },
        r.claims_shared,
        r.claims_only_here,
        r.claims_left_out
    );
    put(buf, row_rect(below, y), below.x, &fit(&line, usize::from(below.width)), Style::default());
}

/// A group's flags as letters: [S] different speakers, [T] trimmed, [P] paraphrased elsewhere, [A] anonymous only.
fn flag_letters(g: &QuoteGroup) -> String {
    let f = &g.flags;
    [(f.different_speakers, "S"), (f.trimmed, "T"), (!f.paraphrased.is_empty(), "P"), (f.anonymous_only, "A")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, l)| format!("[{l}]"))
        .collect()
}

fn quotes(c: &Compare, shared: &Shared, t: &Tables, (header, table, below): Areas, top: usize, buf: &mut Buffer) {
    let width = usize::from(header.width);
    let speaker_w = (width / 4).clamp(12, 40);
    let flags_w = 12;
    let quote_w = width.saturating_sub(2 + 4 + 3 + speaker_w + flags_w + 1).clamp(8, 100);
    let head = format!(
        "  {:>4} s {}{}flags: [S]peakers differ [T]rimmed [P]araphrased [A]nonymous",
        "#",
        pad("quotation", quote_w + 1),
        pad("speaker (as given)", speaker_w)
    );
    put(buf, header, header.x, &fit(&head, width), shared.theme.header);
    if c.quote_rows.is_empty() {
        put(buf, row_rect(table, 0), table.x + 2, "no quotations in these sources", shared.theme.empty);
    }
    for (y, &(g, q)) in c.quote_rows.iter().skip(top).take(usize::from(table.height)).enumerate() {
        let group = &t.quotes[g];
        let item = &group.quotes[q];
        let row = row_rect(table, y as u16);
        let (mark, style) = selection(shared, top + y == c.selected());
        let number = if q == 0 { format!("{:>4}", g + 1) } else { "   │".into() };
        let speaker = match &item.speaker {
            Some(s) => format!("{s} ({})", item.kind),
            None => "— none".into(),
        };
        let line = format!(
            "{mark} {number} {} {}{}{}",
            item.place.doc + 1,
            pad(&crate::markup::quoted(&item.words), quote_w + 1),
            pad(&speaker, speaker_w),
            if q == 0 { flag_letters(group) } else { String::new() }
        );
        buf.set_style(row.intersection(buf.area), style);
        put(buf, row, row.x, &fit(&line, width), style);
    }
    if below.height == 0 {
        return;
    }
    let Some(&(g, _)) = c.quote_rows.get(c.selected()) else { return };
    let group = &t.quotes[g];
    let flags = flag_words(group);
    let title = format!(
        "quotation {} · {} source{}{}",
        g + 1,
        group.sources(),
        if group.sources() == 1 { "" } else { "s" },
        if flags.is_empty() { String::new() } else { format!(" · {}", flags.join(", ")) }
    );
    rule(shared, row_rect(below, 0), &title, buf);
    let name_w = (usize::from(below.width) / 6).clamp(8, 24);
    let mut lines: Vec<String> = group
        .quotes
        .iter()
        .map(|q| {
            let speaker =
                q.speaker.as_deref().map_or_else(|| "no speaker".to_string(), |s| format!("{s} ({})", q.kind));
            format!(
                " {} {speaker}: {}",
                pad(&short(shared, q.place.doc, name_w), name_w),
                crate::markup::quoted(&q.words)
            )
        })
        .collect();
    lines.extend(group.flags.paraphrased.iter().map(|p| {
        format!(
            " {} ≈ not quoted: {}",
            pad(&short(shared, p.doc, name_w), name_w),
            abbreviate(p.text(&shared.docs), 400)
        )
    }));
    for (y, line) in lines.iter().take(usize::from(below.height.saturating_sub(1))).enumerate() {
        put(buf, row_rect(below, 1 + y as u16), below.x, &fit(line, usize::from(below.width)), Style::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_in_eighths_with_a_sliver_for_small_values() {
        assert_eq!(bar(10.0, 10.0, 4), "████");
        assert_eq!(bar(5.0, 10.0, 4), "██  ");
        assert_eq!(bar(1.0, 16.0, 2), "▏ ");
        assert_eq!(bar(0.01, 100.0, 3), "▏  ");
        assert_eq!(bar(0.0, 10.0, 3), "   ");
        assert_eq!(bar(3.0, 0.0, 2), "  ");
    }

    #[test]
    fn the_table_gets_what_the_detail_leaves() {
        assert_eq!(table_rows(Tab::Coverage, 23, 5), 15);
        assert_eq!(table_rows(Tab::Sources, 23, 5), 12);
        // A tiny screen still shows a row of the table.
        assert!(table_rows(Tab::Coverage, 5, 5) >= 1);
    }
}
