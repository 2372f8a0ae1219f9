//! Claims: links grouped into clusters, strongest links first. A sentence
//! joins a claim only when it links to most of its members, so one generic
//! sentence that links weakly to many cannot chain unrelated claims together.

use super::{Cluster, Link, SentenceRef};
use crate::document::Document;
use crate::words::FastMap;

/// Share of a claim's members a newcomer must link to (all of them while the claim has two or three).
const COVER: f32 = 0.75;

fn needed(pairs: usize) -> usize {
    (COVER * pairs as f32).ceil() as usize
}

/// The words of a sentence, lower-cased and joined: a source repeating itself word for
/// word (a headline repeated in the body) may appear twice in a claim.
fn wording(docs: &[Document], r: SentenceRef) -> String {
    let words = docs[r.doc].sentence(r.sentence).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty());
    words.map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

pub fn cluster(docs: &[Document], links: &[Link]) -> Vec<Cluster> {
    let key = |x: SentenceRef, y: SentenceRef| if x < y { (x, y) } else { (y, x) };
    let linked: FastMap<(SentenceRef, SentenceRef), f32> = links.iter().map(|l| (key(l.a, l.b), l.score)).collect();
    let links_to =
        |x: SentenceRef, members: &[SentenceRef]| members.iter().filter(|m| linked.contains_key(&key(x, **m))).count();
    let mut wordings: FastMap<SentenceRef, String> = FastMap::default();
    for r in links.iter().flat_map(|l| [l.a, l.b]) {
        wordings.entry(r).or_insert_with(|| wording(docs, r));
    }
    let compatible =
        |x: SentenceRef, members: &[SentenceRef]| members.iter().all(|m| m.doc != x.doc || wordings[&x] == wordings[m]);
    // How many links each sentence has at all bounds how many it can have into a claim,
    // which rejects most hopeless joins and merges without looking pairs up.
    let mut degree: FastMap<SentenceRef, usize> = FastMap::default();
    for l in links {
        *degree.entry(l.a).or_default() += 1;
        *degree.entry(l.b).or_default() += 1;
    }
    let mut order: Vec<&Link> = links.iter().filter(|l| l.a.doc != l.b.doc).collect();
    order.sort_by(|x, y| y.score.total_cmp(&x.score).then((x.a, x.b).cmp(&(y.a, y.b))));
    let mut groups: Vec<Vec<SentenceRef>> = Vec::new();
    let mut member_of: FastMap<SentenceRef, usize> = FastMap::default();
    for l in order {
        match (member_of.get(&l.a).copied(), member_of.get(&l.b).copied()) {
            (None, None) => {
                member_of.insert(l.a, groups.len());
                member_of.insert(l.b, groups.len());
                groups.push(vec![l.a, l.b]);
            }
            (Some(g), None) | (None, Some(g)) => {
                let x = if member_of.contains_key(&l.a) { l.b } else { l.a };
                let members = &groups[g];
                let need = needed(members.len());
                if degree[&x] >= need && compatible(x, members) && links_to(x, members) >= need {
                    member_of.insert(x, g);
                    groups[g].push(x);
                }
            }
            (Some(g), Some(h)) if g != h => {
                let (g, h) = if groups[g].len() <= groups[h].len() { (g, h) } else { (h, g) };
                let (small, large) = (&groups[g], &groups[h]);
                let need = needed(small.len() * large.len());
                let bound: usize = small.iter().map(|x| degree[x].min(large.len())).sum();
                if bound >= need
                    && small.iter().all(|x| compatible(*x, large))
                    && small.iter().map(|x| links_to(*x, large)).sum::<usize>() >= need
                {
                    let moved = std::mem::take(&mut groups[g]);
                    for x in &moved {
                        member_of.insert(*x, h);
                    }
                    groups[h].extend(moved);
                }
            }
            _ => {}
        }
    }
    let mut out: Vec<Vec<SentenceRef>> = groups
        .into_iter()
        .filter(|g| g.len() >= 2)
        .map(|mut g| {
            g.sort();
            g
        })
        .collect();
    out.sort();
    out.into_iter().enumerate().map(|(id, members)| Cluster { id, members }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(doc: usize, sentence: usize) -> SentenceRef {
        SentenceRef { doc, sentence }
    }

    fn link(a: SentenceRef, b: SentenceRef, score: f32) -> Link {
        Link { a, b, score, held_back: false }
    }

    fn docs(n: usize) -> Vec<Document> {
        (0..n)
            .map(|i| Document::from_plain("t.txt", &format!("Sentence {i} one. Sentence {i} two. Sentence {i} three.")))
            .collect()
    }

    #[test]
    fn a_generic_sentence_does_not_chain_two_claims() {
        // 0:0–1:0 and 2:0–3:0 are two claims; 4:0 links weakly to one member of each.
        let links = [
            link(r(0, 0), r(1, 0), 0.9),
            link(r(2, 0), r(3, 0), 0.9),
            link(r(0, 0), r(4, 0), 0.6),
            link(r(2, 0), r(4, 0), 0.6),
        ];
        let c = cluster(&docs(5), &links);
        assert_eq!(c.len(), 2);
        assert!(c.iter().all(|c| c.members.len() == 2));
    }

    #[test]
    fn a_sentence_linked_to_all_members_joins() {
        let links = [link(r(0, 0), r(1, 0), 0.9), link(r(0, 0), r(2, 1), 0.8), link(r(1, 0), r(2, 1), 0.7)];
        let c = cluster(&docs(3), &links);
        assert_eq!(c, [Cluster { id: 0, members: vec![r(0, 0), r(1, 0), r(2, 1)] }]);
    }

    #[test]
    fn one_sentence_per_source() {
        let links = [link(r(0, 0), r(1, 0), 0.9), link(r(0, 1), r(1, 0), 0.8), link(r(0, 0), r(0, 1), 0.8)];
        let c = cluster(&docs(2), &links);
        assert_eq!(c, [Cluster { id: 0, members: vec![r(0, 0), r(1, 0)] }]);
    }
}
