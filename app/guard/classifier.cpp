#include "guard/classifier.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace fyr::app::guard {

namespace {


constexpr int kMaxWordsPerText = 400;

}  // namespace

QStringList Classifier::features(const QString& normalizedText) {
    static const QRegularExpression wordRe(QStringLiteral("\\p{L}+|\\p{N}+"));
    QStringList words;
    for (auto it = wordRe.globalMatch(normalizedText); it.hasNext() && words.size() < kMaxWordsPerText;)
        words << it.next().captured().left(32);
    QSet<QString> seen;
    QStringList out;
    auto add = [&](QString f) {
        if (!seen.contains(f)) {
            seen.insert(f);
            out << std::move(f);
        }
    };
    for (qsizetype i = 0; i < words.size(); ++i) {
        add(QStringLiteral("w:") + words[i]);
        if (i + 1 < words.size()) add(QStringLiteral("b:") + words[i] + u' ' + words[i + 1]);
        const QString padded = u' ' + words[i] + u' ';
        for (int n = 3; n <= 4; ++n)
            for (qsizetype k = 0; k + n <= padded.size(); ++k) add(QStringLiteral("c:") + padded.mid(k, n));
    }
    return out;
}

Classifier::Score Classifier::score(const QString& normalizedText, int topN) const {
    Score s;
    const QStringList fs = features(normalizedText);
    if (fs.isEmpty()) {
        s.logit = m_bias;
        return s;
    }
    const double scale = 1.0 / std::sqrt(static_cast<double>(fs.size()));
    std::vector<std::pair<QString, double>> contrib;
    double z = m_bias;
    for (const QString& f : fs) {
        const auto it = m_weights.constFind(f);
        if (it == m_weights.constEnd()) continue;
        const double c = *it * scale;
        z += c;
        contrib.emplace_back(f, c);
    }
    s.logit = z;
    std::sort(contrib.begin(), contrib.end(), [](const auto& a, const auto& b) {
        return std::abs(a.second) > std::abs(b.second) || (std::abs(a.second) == std::abs(b.second) && a.first < b.first);
    });
    if (static_cast<int>(contrib.size()) > topN) contrib.resize(static_cast<size_t>(topN));
    s.top = std::move(contrib);
    return s;
}

Classifier Classifier::train(const std::vector<Example>& examples, const TrainOptions& options) {
    // Features interned to indices; each example a sparse, length-normalised vector.
    QHash<QString, int> index;
    QStringList names;
    std::vector<std::vector<int>> rows;
    std::vector<double> scales;
    int attacks = 0;
    for (const Example& e : examples) {
        std::vector<int> row;
        for (const QString& f : features(e.text)) {
            auto it = index.constFind(f);
            if (it == index.constEnd()) {
                it = index.insert(f, static_cast<int>(names.size()));
                names << f;
            }
            row.push_back(*it);
        }
        scales.push_back(row.empty() ? 0.0 : 1.0 / std::sqrt(static_cast<double>(row.size())));
        rows.push_back(std::move(row));
        attacks += e.attack ? 1 : 0;
    }
    const int n = static_cast<int>(examples.size());
    const double posWeight = attacks ? 0.5 * n / attacks : 1.0;
    const double negWeight = n - attacks ? 0.5 * n / (n - attacks) : 1.0;

    std::vector<double> w(static_cast<size_t>(names.size()), 0.0), g2(w.size(), 1e-8);
    double bias = 0, biasG2 = 1e-8;
    std::vector<int> order(static_cast<size_t>(n));
    std::iota(order.begin(), order.end(), 0);
    std::mt19937 rng(options.seed);
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        std::shuffle(order.begin(), order.end(), rng);
        for (const int i : order) {
            const auto& row = rows[static_cast<size_t>(i)];
            const double sc = scales[static_cast<size_t>(i)];
            double z = bias;
            for (const int f : row) z += w[static_cast<size_t>(f)] * sc;
            const double p = 1.0 / (1.0 + std::exp(-z));
            const bool y = examples[static_cast<size_t>(i)].attack;
            const double err = (p - (y ? 1.0 : 0.0)) * (y ? posWeight : negWeight);
            for (const int f : row) {
                auto& wf = w[static_cast<size_t>(f)];
                const double grad = err * sc + options.l2 * wf;
                g2[static_cast<size_t>(f)] += grad * grad;
                wf -= options.learningRate * grad / std::sqrt(g2[static_cast<size_t>(f)]);
            }
            biasG2 += err * err;
            bias -= options.learningRate * err / std::sqrt(biasG2);
        }
    }
    Classifier c;
    c.m_bias = bias;
    for (qsizetype f = 0; f < names.size(); ++f)
        if (std::abs(w[static_cast<size_t>(f)]) >= options.minWeight) c.m_weights.insert(names[f], w[static_cast<size_t>(f)]);
    return c;
}

QByteArray Classifier::toJson() const {
    // Sorted, rounded weights: the file diffs cleanly when the corpus changes.
    QStringList keys = m_weights.keys();
    keys.sort();
    QJsonObject weights;
    for (const QString& k : keys) weights.insert(k, std::round(m_weights.value(k) * 1e4) / 1e4);
    QJsonObject root;
    root.insert(QStringLiteral("format"), QStringLiteral("fyr-guard-classifier"));
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("features"), QStringLiteral("words, word pairs, character 3-4-grams of normalized text; "
                                                           "binary, scaled by 1/sqrt(count)"));
    root.insert(QStringLiteral("bias"), std::round(m_bias * 1e4) / 1e4);
    root.insert(QStringLiteral("weights"), weights);
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<Classifier> Classifier::load(const QString& path, QString* error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QCoreApplication::translate("fyr::app::guard::Classifier", "%1: cannot read the guard classifier: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    if (f.size() > (64 << 20)) {
        if (error) *error = QCoreApplication::translate("fyr::app::guard::Classifier", "%1: the guard classifier is larger than 64 MiB").arg(path);
        return std::nullopt;
    }
    return fromJson(f.readAll(), path, error);
}

std::optional<Classifier> Classifier::fromJson(const QByteArray& json, const QString& sourceName, QString* error) {
    QJsonParseError pe{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    auto fail = [&](const QString& what) -> std::optional<Classifier> {
        if (error) *error = QStringLiteral("%1: %2").arg(sourceName, what);
        return std::nullopt;
    };
    if (pe.error != QJsonParseError::NoError)
        return fail(QCoreApplication::translate("fyr::app::guard::Classifier", "not valid JSON at byte %1: %2").arg(pe.offset).arg(pe.errorString()));
    const QJsonObject root = doc.object();
    if (root.value(QLatin1String("format")).toString() != QLatin1String("fyr-guard-classifier"))
        return fail(QCoreApplication::translate("fyr::app::guard::Classifier", "not a Fyr guard classifier (\"format\" is not \"fyr-guard-classifier\")"));
    if (root.value(QLatin1String("version")).toInt() != 1)
        return fail(QCoreApplication::translate("fyr::app::guard::Classifier", "this Fyr reads classifier version 1, not %1").arg(root.value(QLatin1String("version")).toInt()));
    if (!root.value(QLatin1String("bias")).isDouble()) return fail(QCoreApplication::translate("fyr::app::guard::Classifier", "\"bias\" must be a number"));
    Classifier c;
    c.m_bias = root.value(QLatin1String("bias")).toDouble();
    const QJsonObject weights = root.value(QLatin1String("weights")).toObject();
    for (auto it = weights.begin(); it != weights.end(); ++it) {
        if (!it.value().isDouble() || !std::isfinite(it.value().toDouble()))
            return fail(QCoreApplication::translate("fyr::app::guard::Classifier", "weights.%1 must be a finite number").arg(it.key()));
        c.m_weights.insert(it.key(), it.value().toDouble());
    }
    return c;
}

}  // namespace fyr::app::guard
