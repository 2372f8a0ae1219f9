//! Which straight double quote marks open a quotation, which close one, and which are stray.
//!
//! A straight mark (`"`) has one glyph for opening and closing; in well-set text its spacing
//! tells them apart (`"word` opens, `word"` closes). Detokenised, OCR'd or carelessly pasted
//! text puts the space on the wrong side (`"It is hard to hit, "Lee said. "He was fast. "`), and
//! read by shape alone the closing mark of one quotation looks like the opening mark of the next:
//! the quotation and its speech tag are lost, and the narration between two quotations is
//! quoted instead. So the marks of a paragraph are read together, in order: each reading of a
//! mark (opening, closing, stray) costs what its shape and context make unlikely, marks must
//! alternate opening and closing (strays aside), and the paragraph gets the reading of least
//! cost. A mark shaped like an opening mark right after `,` `.` `?` `!` and a space, while a
//! quotation is open, is then read as its closing mark; well-set text, whose every mark fits its
//! shape, keeps its reading.
//!
//! `quotes` (quotations, and through them framing's scare quotes) and `sentences` (the marks the
//! segmenter may pair, and which side of a sentence end a mark goes) both read marks here, so a
//! quotation and the sentences around it are cut the same way.

use std::ops::Range;

/// What one straight double mark does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Open,
    Close,
    /// Part of no quotation: a typo, an inch mark, or an opening mark never closed in the paragraph
    /// (a quotation running on to the next paragraph, which news copy leaves unclosed).
    Stray,
}

/// Costs are in quarter units. A stray mark costs 1, more than a reading its context makes merely
/// unusual (1/4 to 1/2), less than one against its shape.
const STRAY: u32 = 4;
/// A stray mark inside a quotation costs a little more than one outside: of two readings otherwise
/// equal (`"a." b" "c"`), the one closing the quotation at its first closing mark wins.
const STRAY_INSIDE: u32 = 5;
/// A shape that never plays the role (`word" ` opening, ` "word` closing after a word).
const AGAINST: u32 = 6;

/// The straight double marks of `para` (byte offsets, in order) with their roles; every `Open`
/// is followed by its `Close` before the next `Open`.
pub fn straight_roles(para: &str) -> Vec<(usize, Role)> {
    let marks: Vec<usize> = para.match_indices('"').map(|(i, _)| i).collect();
    if marks.is_empty() {
        return Vec::new();
    }
    let costs: Vec<[u32; 2]> = marks.iter().map(|&i| costs(para, i)).collect();
    // Least cost of the marks so far, ending with no quotation open [0] or one open [1], and the
    // role of each mark on that best path (for walking back).
    let mut best = [0u32, u32::MAX];
    let mut back: Vec<[Role; 2]> = Vec::with_capacity(marks.len());
    for &[open, close] in &costs {
        let add = |a: u32, b: u32| a.saturating_add(b);
        // Closed after this mark: it closed the open quotation, or it is stray.
        let (closed, closed_by) = min2((add(best[1], close), Role::Close), (add(best[0], STRAY), Role::Stray));
        // Open after this mark: it opened one, or it is stray within the open one.
        let (opened, opened_by) = min2((add(best[0], open), Role::Open), (add(best[1], STRAY_INSIDE), Role::Stray));
        best = [closed, opened];
        back.push([closed_by, opened_by]);
    }
    // An opening mark never closed in the paragraph pairs with nothing here: it costs a stray.
    let mut state = usize::from(best[1].saturating_add(STRAY) < best[0]);
    let mut roles = vec![Role::Stray; marks.len()];
    let mut unclosed = state == 1;
    for k in (0..marks.len()).rev() {
        let role = back[k][state];
        roles[k] = role;
        match role {
            Role::Close => state = 1,
            Role::Open => {
                if unclosed {
                    roles[k] = Role::Stray;
                    unclosed = false;
                }
                state = 0;
            }
            Role::Stray => {}
        }
    }
    marks.into_iter().zip(roles).collect()
}

/// The quotations of `para` marked by straight double marks: opening mark to closing mark, both included.
pub fn straight_pairs(para: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open = None;
    for (i, role) in straight_roles(para) {
        match role {
            Role::Open => open = Some(i),
            Role::Close => out.extend(open.take().map(|s| s..i + 1)),
            Role::Stray => {}
        }
    }
    out
}

/// The words before byte `i` end a clause or sentence (`…hit, "` or `…hit,"`): where a quotation closes.
pub fn after_stop(para: &str, i: usize) -> bool {
    para[..i].trim_end().ends_with([',', '.', '?', '!', '…'])
}

fn min2(a: (u32, Role), b: (u32, Role)) -> (u32, Role) {
    if b.0 < a.0 { b } else { a }
}

/// What reading the mark at byte `i` as opening and as closing costs, by its shape and context.
fn costs(para: &str, i: usize) -> [u32; 2] {
    let before = para[..i].chars().next_back();
    let after = para[i + 1..].chars().next();
    // Space (or an opening bracket or dash) before it, a word after it.
    let spaced_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-/:".contains(c));
    let word_after = after.is_some_and(|c| !c.is_whitespace() && !",.;:!?)]}”’—–".contains(c));
    let after_stop = after_stop(para, i);
    match (spaced_before, word_after) {
        // ` "word`: opens; closes only as a closing mark with the space misplaced after a stop.
        (true, true) => [0, if after_stop { 2 } else { AGAINST }],
        // ` " `: either, closing more likely after a stop.
        (true, false) => [2, if after_stop { 1 } else { 2 }],
        // `word"word`, `hit,"Lee`: either.
        (false, true) => [2, 2],
        // `word" `, `word",`: closes.
        (false, false) => [AGAINST, 0],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(p: &str) -> Vec<&str> {
        straight_pairs(p).into_iter().map(|r| &p[r]).collect()
    }

    #[test]
    fn well_set_marks_keep_their_reading() {
        assert_eq!(quoted(r#"He said, "No." She said, "Yes.""#), [r#""No.""#, r#""Yes.""#]);
        assert_eq!(
            quoted(r#""We will win," he said. "We are ready," he added."#),
            [r#""We will win,""#, r#""We are ready,""#]
        );
        assert_eq!(quoted(r#"The film "Heat" and the song "Rain" won."#), [r#""Heat""#, r#""Rain""#]);
    }

    #[test]
    fn a_closing_mark_with_the_space_before_it_closes_the_open_quotation() {
        assert_eq!(
            quoted(r#""It is hard to hit, "Lee said. "He was fast all night. " The crowd left."#),
            [r#""It is hard to hit, ""#, r#""He was fast all night. ""#]
        );
        assert_eq!(quoted(r#"It was a bad day, "says a source. "Nobody came. ""#), [r#""Nobody came. ""#]);
        assert_eq!(quoted(r#""Why not? "she asked."#), [r#""Why not? ""#]);
    }

    #[test]
    fn an_unclosed_quotation_does_not_pair_with_a_later_one() {
        // Running on to the next paragraph: its mark is stray here, and the later quotation is whole.
        assert_eq!(quoted(r#"He said "the talks are over. Later, "we will see," he added."#), [r#""we will see,""#]);
        assert_eq!(quoted(r#"He said: "We will go on. "We will win," he added."#), [r#""We will win,""#]);
        assert_eq!(
            straight_roles(r#"He said "the talks are over."#).into_iter().map(|(_, r)| r).collect::<Vec<_>>(),
            [Role::Stray]
        );
    }

    #[test]
    fn inch_marks_and_stray_marks_pair_with_nothing() {
        assert_eq!(quoted(r#"A 12" pipe burst. He called it "a disaster.""#), [r#""a disaster.""#]);
        assert_eq!(
            quoted(r#"One stray" mark. He wanted "to prove it." Jones wrote "it was up to him.""#),
            [r#""to prove it.""#, r#""it was up to him.""#]
        );
    }

    #[test]
    fn every_opening_mark_is_closed_before_the_next_opens() {
        let p = r#"a "b, "c "d. " e" f "g "#.repeat(50);
        let mut open = false;
        for (_, role) in straight_roles(&p) {
            match role {
                Role::Open => {
                    assert!(!open);
                    open = true;
                }
                Role::Close => {
                    assert!(open);
                    open = false;
                }
                Role::Stray => {}
            }
        }
        assert!(!open);
    }
}
