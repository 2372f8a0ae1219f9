//! Which double quote marks open a quotation, which close one, and which are stray.
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
//! shape, keeps its reading. Curly marks are read in the same pass, their roles fixed by their
//! glyphs, since copy mixing the two kinds closes a `“` with a `"` as often as with a `”`.
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

/// A double quote mark of a paragraph: where it is, how many bytes it takes, and whether its glyph says
/// which way it faces (curly `“ ”`) or not (straight `"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Mark {
    at: usize,
    len: usize,
    facing: Option<Role>,
}

/// The double marks of `para` in order.
fn marks(para: &str) -> Vec<Mark> {
    para.char_indices()
        .filter_map(|(i, c)| match c {
            '"' => Some(Mark { at: i, len: 1, facing: None }),
            '“' => Some(Mark { at: i, len: c.len_utf8(), facing: Some(Role::Open) }),
            '”' => Some(Mark { at: i, len: c.len_utf8(), facing: Some(Role::Close) }),
            _ => None,
        })
        .collect()
}

/// The double marks of `para` with their roles, read together (a quotation opened with one kind of mark may
/// close with another: `“It is hard, "he says.`), and where a curly opening mark is left open (a quotation
/// running on to the next paragraph, quoted to the end of this one).
fn roles(para: &str) -> (Vec<(Mark, Role)>, Option<usize>) {
    let marks = marks(para);
    let costs: Vec<[u32; 2]> = marks
        .iter()
        .map(|m| match m.facing {
            None => costs(para, m.at),
            Some(Role::Open) => [0, AGAINST],
            Some(_) => [AGAINST, 0],
        })
        .collect();
    // Least cost of the marks so far, ending with no quotation open [0], one opened by a straight mark [1] or by a
    // curly one [2], and the role of each mark on that best path with the state before it (for walking back).
    let mut best = [0u32, u32::MAX, u32::MAX];
    let mut back: Vec<[(Role, usize); 3]> = Vec::with_capacity(marks.len());
    for (m, &[open, close]) in marks.iter().zip(&costs) {
        let add = |a: u32, b: u32| a.saturating_add(b);
        let opens = if m.facing.is_some() { 2 } else { 1 };
        // An opening glyph inside a quotation an opening glyph opened is the mark that opens each paragraph of a
        // quotation running on over several (`“A. “B.”`, the paragraphs joined): it belongs to the open quotation.
        let stray_inside = |state: usize| {
            if state == 2 && m.facing == Some(Role::Open) { STRAY - 1 } else { STRAY_INSIDE }
        };
        let mut next = [(u32::MAX, (Role::Stray, 0)); 3];
        // Closed after this mark: it is stray, or it closed the open quotation.
        next[0] = [(Role::Close, 1), (Role::Close, 2), (Role::Stray, 0)]
            .into_iter()
            .map(|(role, state)| (add(best[state], if role == Role::Close { close } else { STRAY }), (role, state)))
            .fold((u32::MAX, (Role::Stray, 0)), |a, b| if b.0 < a.0 { b } else { a });
        // Open after this mark: it is stray within the open quotation, or it opened one.
        for state in [1, 2] {
            let inside = (add(best[state], stray_inside(state)), (Role::Stray, state));
            next[state] = if state == opens && add(best[0], open) <= inside.0 {
                (add(best[0], open), (Role::Open, 0))
            } else {
                inside
            };
        }
        best = next.map(|n| n.0);
        back.push(next.map(|n| n.1));
    }
    // A straight opening mark never closed in the paragraph pairs with nothing here: it costs a stray. A curly one
    // opens a quotation running on to the next paragraph, as news copy leaves it.
    let mut state = [0, 2, 1]
        .into_iter()
        .min_by_key(|&s| if s == 1 { best[1].saturating_add(STRAY) } else { best[s] })
        .unwrap_or(0);
    let mut roles = vec![Role::Stray; marks.len()];
    let mut unclosed = state != 0;
    let mut left_open = None;
    for k in (0..marks.len()).rev() {
        let (role, before) = back[k][state];
        roles[k] = role;
        if role == Role::Open && unclosed {
            roles[k] = Role::Stray;
            unclosed = false;
            left_open = marks[k].facing.map(|_| marks[k].at);
        }
        state = before;
    }
    (marks.into_iter().zip(roles).collect(), left_open)
}

/// The straight double marks of `para` (byte offsets, in order) with their roles; every `Open`
/// is followed by its `Close` before the next `Open`. A straight mark paired with a curly one is
/// `Stray` here: these are the marks that a segmenter pairing straight marks in order may pair.
pub fn straight_roles(para: &str) -> Vec<(usize, Role)> {
    if !para.contains('"') {
        return Vec::new();
    }
    let mut out: Vec<(usize, Role)> = Vec::new();
    // The straight opening mark waiting for its closing mark, as an index into `out`.
    let mut open: Option<Option<usize>> = None;
    for (m, role) in roles(para).0 {
        let straight = m.facing.is_none();
        match role {
            Role::Open => {
                open = Some(straight.then_some(out.len()));
                if straight {
                    out.push((m.at, Role::Open));
                }
            }
            Role::Close => {
                let partner = open.take().flatten();
                if let Some(k) = partner.filter(|_| !straight) {
                    out[k].1 = Role::Stray;
                }
                if straight {
                    out.push((m.at, if partner.is_some() { Role::Close } else { Role::Stray }));
                }
            }
            Role::Stray if straight => out.push((m.at, Role::Stray)),
            Role::Stray => {}
        }
    }
    out
}

/// The quotations of `para` marked by double marks of any kind: opening mark to closing mark, both
/// included, and a curly opening mark left open to the end of the paragraph.
pub fn double_pairs(para: &str) -> Vec<Range<usize>> {
    let (marks, left_open) = roles(para);
    let mut out = Vec::new();
    let mut open = None;
    for (m, role) in marks {
        match role {
            Role::Open => open = Some(m.at),
            Role::Close => out.extend(open.take().map(|s| s..m.at + m.len)),
            Role::Stray => {}
        }
    }
    out.extend(left_open.map(|s| s..para.len()));
    out
}

/// The words before byte `i` end a clause or sentence (`…hit, "` or `…hit,"`): where a quotation closes.
pub fn after_stop(para: &str, i: usize) -> bool {
    para[..i].trim_end().ends_with([',', '.', '?', '!', '…'])
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
        double_pairs(p).into_iter().map(|r| &p[r]).collect()
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
    fn curly_and_straight_marks_are_read_together() {
        // A curly opening mark closed by a straight one, and a straight one closed by a curly one.
        assert_eq!(
            quoted(r#"“We lost the match, "she says. "And we lost the cup.”"#),
            [r#"“We lost the match, ""#, r#""And we lost the cup.”"#]
        );
        // The straight marks paired with curly ones are none the segmenter may pair.
        assert!(straight_roles(r#"“We lost, "she says."#).iter().all(|&(_, r)| r == Role::Stray));
        // Must not change: curly quotations and a curly mark opening the next paragraph of one.
        assert_eq!(quoted("“We lost. “We won,” she said."), ["“We lost. “We won,”"]);
        assert_eq!(quoted("He said “no” and “yes.”"), ["“no”", "“yes.”"]);
        assert_eq!(quoted("He said: “We will go on."), ["“We will go on."]);
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
