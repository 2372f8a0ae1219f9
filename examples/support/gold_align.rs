//! Gold sentences found in parallax's documents, as `../shared/eval/README.md` scores them: by
//! text alignment with whitespace, quote and dash variants normalised, a gold sentence
//! corresponding to every tool sentence that overlaps at least half of it, or half of which it overlaps.

use std::collections::HashMap;

use parallax::document::Document;

/// Text with whitespace collapsed and quote and dash variants unified, with the byte offset of each kept char.
fn normalise(s: &str) -> (Vec<char>, Vec<usize>) {
    let (mut chars, mut offsets) = (Vec::new(), Vec::new());
    let mut last_space = true;
    for (i, c) in s.char_indices() {
        let c = match c {
            '“' | '”' | '„' | '″' | '`' | '‘' | '’' | '\'' | '"' => '\'',
            '–' | '—' | '‐' | '‑' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        chars.push(c);
        offsets.push(i);
    }
    (chars, offsets)
}

/// Gold sentence index → tool sentence indices; gold sentences not found are counted in `unmapped`.
pub fn map_sentences<'g>(
    gold: impl IntoIterator<Item = (usize, &'g str)>,
    tool: &Document,
    unmapped: &mut usize,
) -> HashMap<usize, Vec<usize>> {
    let (text, offsets) = normalise(&tool.text);
    let mut out = HashMap::new();
    let mut cursor = 0;
    for (index, sentence) in gold {
        let (needle, _) = normalise(sentence.trim());
        let needle: Vec<char> = needle.into_iter().collect::<String>().trim().chars().collect();
        let found = find(&text, &needle, cursor).or_else(|| find(&text, &needle, 0));
        let Some(at) = found else {
            *unmapped += 1;
            continue;
        };
        cursor = at + needle.len();
        let start = offsets[at];
        let end = offsets.get(at + needle.len()).copied().unwrap_or(tool.text.len());
        let matched: Vec<usize> = tool
            .sentences
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let overlap = r.end.min(end).saturating_sub(r.start.max(start));
                overlap * 2 >= end - start || overlap * 2 >= r.len()
            })
            .map(|(i, _)| i)
            .collect();
        out.insert(index, matched);
    }
    out
}

fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    if needle.is_empty() || from > hay.len() {
        return None;
    }
    hay[from..].windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}
