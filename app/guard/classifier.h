// The scoring half of the injection scanner: logistic regression over word,
// word-pair and character n-grams of the normalized text. Keyword rules alone
// flag benign text that shares their words and miss paraphrases; this model is
// trained on a labelled corpus (`fyrctl guard train`, packaging/train-guard.sh)
// and its weights are shipped as data (resources/guard/classifier.json) beside
// the policy, readable and replaceable by a site.
//
//   auto model = fyr::app::guard::Classifier::load(path, &err);
//   fyr::app::guard::Classifier::Score s = model->score(normalizedText);   // s.logit, s.top
//
// Thread-safety: immutable after load or train.
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>
#include <vector>

namespace fyr::app::guard {

class Classifier {
public:
    struct Example {
        QString text;  // already normalized
        bool attack = false;
    };
    struct TrainOptions {
        int epochs = 40;
        double learningRate = 0.5;
        double l2 = 1e-5;
        unsigned seed = 1;
        double minWeight = 1e-3;  // smaller weights are dropped from the saved model
    };
    struct Score {
        double logit = 0;
        std::vector<std::pair<QString, double>> top;  // strongest contributions, largest first
    };

    static std::optional<Classifier> load(const QString& path, QString* error);
    static std::optional<Classifier> fromJson(const QByteArray& json, const QString& sourceName, QString* error);
    static Classifier train(const std::vector<Example>& examples, const TrainOptions& options);
    QByteArray toJson() const;

    Score score(const QString& normalizedText, int topN = 3) const;
    int featureCount() const { return static_cast<int>(m_weights.size()); }

    // The features of a text (deduplicated), as used for training and scoring.
    static QStringList features(const QString& normalizedText);

private:
    double m_bias = 0;
    QHash<QString, double> m_weights;
};

}  // namespace fyr::app::guard
