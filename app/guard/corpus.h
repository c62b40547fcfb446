// Labelled prompts for training and measuring the injection scanner, as JSON
// lines: {"text": "...", "label": "attack" | "benign", "lang": "en", "kind": "override"}.
// evaluate() runs the whole guard on each input and counts injection and
// obfuscation findings as detections (personal data in a benign prompt is not a
// false positive here).
//
//   QString err;
//   auto corpus = fyr::app::guard::readCorpus(path, &err);       // "corpus.jsonl:12: …" on error
//   auto m = fyr::app::guard::evaluate(*guard, *corpus);         // m.recall(), m.falsePositiveRate()
//
// Thread-safety: pure functions.
#pragma once

#include <QMap>
#include <QString>

#include <optional>
#include <vector>

#include "guard/classifier.h"
#include "guard/text_normalizer.h"

namespace fyr::app::guard {

class Guard;

struct LabelledPrompt {
    QString text;
    bool attack = false;
    QString lang;
    QString kind;
    int line = 0;
};

std::optional<std::vector<LabelledPrompt>> readCorpus(const QString& path, QString* error);
std::optional<std::vector<LabelledPrompt>> parseCorpus(const QByteArray& data, const QString& sourceName, QString* error);

struct Counts {
    int truePositives = 0, falseNegatives = 0, trueNegatives = 0, falsePositives = 0;
    void add(bool attack, bool detected);
    int attacks() const { return truePositives + falseNegatives; }
    int benign() const { return trueNegatives + falsePositives; }
    double recall() const;
    double precision() const;
    double falsePositiveRate() const;
};

struct Evaluation {
    Counts total;
    QMap<QString, Counts> byGroup;             // "en/override", "sv/tricky", …
    std::vector<const LabelledPrompt*> misses; // attacks let through and benign prompts flagged
    double meanMicros = 0;                     // guard time per prompt
};

Evaluation evaluate(const Guard& guard, const std::vector<LabelledPrompt>& corpus);

// What the classifier is trained on: each prompt normalized as the scanner reads
// it, plus the decoded payloads of attacks (their encoding is not what makes them one).
std::vector<Classifier::Example> trainingExamples(const Normalizer& normalizer, const std::vector<LabelledPrompt>& corpus);

}  // namespace fyr::app::guard
