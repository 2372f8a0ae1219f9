//! Words of a text, the same for every analysis: framing and claim matching cut
//! a text into the same words, with the same byte ranges and the same matching
//! keys, so a word one of them finds is the word the other sees.
//!
//! A word is a run of letters and digits, with inner apostrophes and hyphens
//! ("so-called", "Abu-Zuhri"), inner periods and commas between digits
//! ("1,200", "3.5") and periods between single capitals ("U.S"). A possessive
//! "'s" is not part of the word. Its key is the lower-case form with `’` written
//! `'`, forms of "be" folded together and the rest stemmed (Snowball English),
//! except adverbs in "-ly", whose stem would also match their adjective or verb
//! ("reportedly" is not "reported").

use std::ops::Range;
use std::sync::{Arc, LazyLock};

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};

/// Maps and sets keyed by words or small ids. FxHash: SipHash's resistance to
/// crafted collisions buys nothing for word lookups and costs a sixth of the
/// matching time; a flood would only slow down the one analysis that reads it.
pub type FastMap<K, V> = FxHashMap<K, V>;
pub type WordSet = FxHashSet<String>;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

const BE_FORMS: [&str; 8] = ["be", "is", "are", "was", "were", "been", "being", "am"];
const POSSESSIVES: [&str; 4] = ["'s", "’s", "'S", "’S"];

/// One word of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub range: Range<usize>,
    /// Lower case, `’` written `'`, `‐` written `-`, digit-group commas dropped.
    pub lower: Arc<str>,
    /// The matching key (see the module's documentation).
    pub key: Arc<str>,
}

impl Word {
    pub fn is_number(&self) -> bool {
        self.lower.starts_with(|c: char| c.is_ascii_digit())
    }

    /// Starts with an upper-case letter in `text`.
    pub fn is_capitalised(&self, text: &str) -> bool {
        text[self.range.clone()].starts_with(char::is_uppercase)
    }
}

/// The words of `text`. Each distinct form is normalised and stemmed once:
/// articles repeat their words, and stemming is most of the cost.
pub fn words(text: &str) -> Vec<Word> {
    words_with(text, &mut Forms::default())
}

/// Normalised forms and keys by form as written, kept across the texts of a corpus: the same words recur
/// from one article to the next, and each is stemmed once.
#[derive(Default)]
pub struct Forms(FastMap<Box<str>, (Arc<str>, Arc<str>)>);

/// [`words`], with the forms already seen in other texts.
pub fn words_with(text: &str, forms: &mut Forms) -> Vec<Word> {
    spans(text)
        .into_iter()
        .map(|range| {
            let form = &text[range.clone()];
            let (lower, key) = match forms.0.get(form) {
                Some(known) => known.clone(),
                None => {
                    let lower: Arc<str> = Arc::from(lower(form));
                    let key: Arc<str> = Arc::from(key(&lower));
                    forms.0.insert(Box::from(form), (Arc::clone(&lower), Arc::clone(&key)));
                    (lower, key)
                }
            };
            Word { range, lower, key }
        })
        .collect()
}

/// The byte ranges of the words of `text`, without normalising them.
pub fn spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !c.is_alphanumeric() {
            continue;
        }
        let mut end = start + c.len_utf8();
        // Whether the word so far is single capitals joined by periods ("U.S"), kept as it grows so
        // that a run of a million initials costs a million steps, not a million squared.
        let mut initialism = c.is_uppercase();
        let mut after_period = false;
        let mut prev_digit = c.is_ascii_digit();
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                initialism &= after_period && c.is_uppercase();
                after_period = false;
                prev_digit = c.is_ascii_digit();
                end = i + c.len_utf8();
                chars.next();
                continue;
            }
            let rest = &text[i + c.len_utf8()..];
            let joins = match c {
                '\'' | '’' | '-' | '‐' => rest.starts_with(char::is_alphanumeric),
                ',' => prev_digit && rest.starts_with(|n: char| n.is_ascii_digit()),
                '.' => {
                    (prev_digit && rest.starts_with(|n: char| n.is_ascii_digit()))
                        || (initialism && rest.starts_with(char::is_alphanumeric))
                }
                _ => false,
            };
            if !joins {
                break;
            }
            after_period = c == '.';
            if c != '.' {
                initialism = false;
            }
            chars.next();
        }
        let mut range = start..end;
        if let Some(p) = POSSESSIVES.iter().find(|p| text[range.clone()].ends_with(**p) && range.len() > p.len()) {
            range.end -= p.len();
        }
        out.push(range);
    }
    out
}

/// Lower-case forms of the words `text` capitalises somewhere other than at the start of a sentence: names,
/// rather than ordinary words that open a sentence ("Officials said").
pub fn name_forms(text: &str, sentences: &[Range<usize>], words: &[Word]) -> WordSet {
    let mut out = WordSet::default();
    let mut s = 0;
    for w in words {
        while s + 1 < sentences.len() && sentences[s + 1].start <= w.range.start {
            s += 1;
        }
        let start = sentences.get(s).map_or(0, |r| r.start.min(w.range.start));
        if w.is_capitalised(text) && text[start..w.range.start].chars().any(char::is_alphanumeric) {
            out.insert(w.lower.to_string());
        }
    }
    out
}

/// The normalised lower-case form of a word as written.
pub fn lower(form: &str) -> String {
    let lower = form.to_lowercase();
    if lower.contains(['’', '‐', ',']) {
        lower.replace('’', "'").replace('‐', "-").replace(',', "")
    } else {
        lower
    }
}

/// The matching key of a word's lower-case form.
pub fn key(lower: &str) -> String {
    let base = POSSESSIVES.iter().find_map(|p| lower.strip_suffix(p)).unwrap_or(lower);
    if BE_FORMS.contains(&base) {
        return "be".to_string();
    }
    if base.len() > 4 && base.ends_with("ly") {
        return base.to_string();
    }
    STEMMER.stem(base).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        spans(s).into_iter().map(|r| &s[r]).collect()
    }

    fn lowers(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.lower.to_string()).collect()
    }

    #[test]
    fn words_keep_inner_joiners_and_drop_possessives() {
        assert_eq!(
            texts("Hamas’s so-called “pause” - 23-day-old, it's end- 'quoted' x"),
            ["Hamas", "so-called", "pause", "23-day-old", "it", "end", "quoted", "x"]
        );
        assert_eq!(lowers("Abu-Zuhri's “red line,” 1,200 people."), ["abu-zuhri", "red", "line", "1200", "people"]);
        assert_eq!(lowers("a 60-day truce; 3.5 percent"), ["a", "60-day", "truce", "3.5", "percent"]);
    }

    #[test]
    fn periods_join_initials_and_decimals_only() {
        assert_eq!(texts("the U.S. envoy"), ["the", "U.S", "envoy"]);
        assert_eq!(texts("U.N.-led talks"), ["U.N", "led", "talks"]);
        assert_eq!(texts("end.Next A.B"), ["end", "Next", "A.B"]);
        assert_eq!(texts("it was 3. Then 4.5, 6,7"), ["it", "was", "3", "Then", "4.5", "6,7"]);
    }

    #[test]
    fn a_long_run_of_initials_is_one_word() {
        // Regression: the initialism test rescanned the word at every period (quadratic).
        let text = "U.S.".repeat(20_000);
        let ws = spans(&text);
        assert_eq!(ws.len(), 1);
        assert_eq!(ws[0], 0..text.len() - 1);
    }

    #[test]
    fn keys_fold_inflections_but_not_adverbs() {
        assert_eq!(key("claimed"), key("claim"));
        assert_eq!(key("claims"), key("claiming"));
        assert_ne!(key("reportedly"), key("reported"));
        assert_eq!(key("was"), "be");
        assert_eq!(key("hamas's"), key("hamas"));
        assert_eq!(key("hostages"), key("hostage"));
        assert_eq!(key("negotiations"), key("negotiating"));
    }

    #[test]
    fn forms_kept_across_texts_give_the_same_words() {
        let mut forms = Forms::default();
        let a = words_with("Talks stalled.", &mut forms);
        let b = words_with("The talks stalled again.", &mut forms);
        assert!(Arc::ptr_eq(&a[1].key, &b[2].key), "stalled is stemmed once");
        assert_eq!(b, words("The talks stalled again."));
    }

    #[test]
    fn repeated_forms_share_their_key() {
        let ws = words("talks, talks and TALKS.");
        assert!(Arc::ptr_eq(&ws[0].key, &ws[1].key));
        assert_eq!(&*ws[3].key, &*ws[0].key);
    }
}
