#!/usr/bin/env bash
# Trains the part-of-speech tagger shipped in assets/tagger/ewt-upos.bin from a
# checkout of Universal Dependencies English EWT (CC BY-SA 4.0):
#
#   git clone https://github.com/UniversalDependencies/UD_English-EWT /tmp/ewt
#   scripts/train_tagger.sh /tmp/ewt
#
# Uses en_ewt-ud-{train,dev,test}.conllu; where the train file is missing (a
# shallow copy without large files) it is assembled from the per-document
# sources listed in not-to-release/file-lists/files.train. Nothing of the
# treebank is written into this repository except the learned weights.
# The shipped weights: --epochs 10 --min-count 1 (see notes/framing.md).
set -euo pipefail
ewt="${1:?usage: scripts/train_tagger.sh UD_English-EWT-DIR}"
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
train="$ewt/en_ewt-ud-train.conllu"
if [ ! -s "$train" ]; then
    train="$work/train.conllu"
    while read -r f; do
        cat "$ewt/not-to-release/sources/$f"
    done < "$ewt/not-to-release/file-lists/files.train" > "$train"
fi
cargo run --release --example train_tagger -- \
    --train "$train" --dev "$ewt/en_ewt-ud-dev.conllu" --test "$ewt/en_ewt-ud-test.conllu" \
    --epochs 10 --min-count 1 --out assets/tagger/ewt-upos.bin
