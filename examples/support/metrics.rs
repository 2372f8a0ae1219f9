//! Ranking and thresholding measures of the claim-link evaluation.

/// ROC-AUC as the Mann-Whitney statistic, ties counted half.
pub fn roc_auc(scores: &[(f64, bool)]) -> f64 {
    let mut sorted = scores.to_vec();
    sorted.sort_by(|x, y| x.0.total_cmp(&y.0));
    let (mut rank_sum, mut i) = (0f64, 0);
    while i < sorted.len() {
        let j = (i..sorted.len()).find(|&j| sorted[j].0 != sorted[i].0).unwrap_or(sorted.len());
        let mid_rank = (i + j + 1) as f64 / 2.0;
        rank_sum += mid_rank * sorted[i..j].iter().filter(|s| s.1).count() as f64;
        i = j;
    }
    let pos = scores.iter().filter(|s| s.1).count() as f64;
    let neg = scores.len() as f64 - pos;
    (rank_sum - pos * (pos + 1.0) / 2.0) / (pos * neg)
}

/// Average precision as scikit-learn computes it: precision at each distinct threshold, weighted by the recall gained.
pub fn average_precision(scores: &[(f64, bool)]) -> f64 {
    let mut sorted = scores.to_vec();
    sorted.sort_by(|x, y| y.0.total_cmp(&x.0));
    let pos = scores.iter().filter(|s| s.1).count() as f64;
    let (mut tp, mut ap, mut i) = (0f64, 0f64, 0);
    while i < sorted.len() {
        let j = (i..sorted.len()).find(|&j| sorted[j].0 != sorted[i].0).unwrap_or(sorted.len());
        let gained = sorted[i..j].iter().filter(|s| s.1).count() as f64;
        tp += gained;
        ap += gained / pos * (tp / j as f64);
        i = j;
    }
    ap
}

/// The lowest score at which the pairs scoring at least that are right `target` of the time
/// (infinite when no score is).
pub fn pick_threshold(scores: &[(f64, bool)], target: f64) -> f64 {
    let mut sorted: Vec<(f64, bool)> = scores.iter().copied().filter(|s| s.0 > 0.0).collect();
    sorted.sort_by(|x, y| y.0.total_cmp(&x.0));
    let (mut tp, mut best) = (0usize, f64::INFINITY);
    for (i, (s, label)) in sorted.iter().enumerate() {
        tp += usize::from(*label);
        let tie_follows = sorted.get(i + 1).is_some_and(|n| n.0 == *s);
        if !tie_follows && tp as f64 / (i + 1) as f64 >= target {
            best = *s;
        }
    }
    best
}

/// Precision, recall and F1 of the pairs scoring at least `t` (and above 0).
pub fn prf(scores: &[(f64, bool)], t: f64) -> (f64, f64, f64) {
    let predicted = scores.iter().filter(|s| s.0 >= t && s.0 > 0.0).count();
    let tp = scores.iter().filter(|s| s.0 >= t && s.0 > 0.0 && s.1).count();
    let positives = scores.iter().filter(|s| s.1).count();
    let p = if predicted == 0 { 0.0 } else { tp as f64 / predicted as f64 };
    let r = tp as f64 / positives.max(1) as f64;
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// The score of the `k`-th best pair: a threshold that links about `k` pairs (ties may add more).
pub fn score_at_rank(scores: &[f64], k: usize) -> f64 {
    let mut sorted: Vec<f64> = scores.iter().copied().filter(|s| *s > 0.0).collect();
    sorted.sort_by(|x, y| y.total_cmp(x));
    if k == 0 { f64::INFINITY } else { sorted.get(k - 1).or(sorted.last()).copied().unwrap_or(f64::INFINITY) }
}
