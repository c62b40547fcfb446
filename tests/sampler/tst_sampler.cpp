// The token sampler through its public API: greedy, each filter alone on small hand-made
// distributions (the kept set is checked by sampling many times with a fixed seed), the
// temperature, reproducibility, the penalties and their windows, logit bias, the all-banned
// fallback and a statistical check of the plain softmax draw.
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <vector>

#include "fyr/sampler.h"

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

// Temperature 1, every filter off, no penalties: the plain softmax draw.
fyr::SamplerParams unfiltered(uint64_t seed = 1) {
    fyr::SamplerParams p;
    p.temperature = 1.0f;
    p.top_k = 0;
    p.top_p = 1.0f;
    p.min_p = 0.0f;
    p.typical_p = 1.0f;
    p.seed = seed;
    return p;
}

// Logits whose softmax is exactly the given distribution (up to float rounding).
std::vector<float> logitsOf(const std::vector<double>& probs) {
    std::vector<float> l;
    for (double p : probs) l.push_back(static_cast<float>(std::log(p)));
    return l;
}

int32_t vocab(const std::vector<float>& logits) {
    return static_cast<int32_t>(logits.size());
}

// How often each id comes out in n draws (nothing accepted, so no penalties build up).
std::map<int32_t, int> histogram(fyr::Sampler& s, const std::vector<float>& logits, int n) {
    std::map<int32_t, int> h;
    for (int i = 0; i < n; ++i) ++h[s.sample(logits.data())];
    return h;
}

std::set<int32_t> drawnIds(const fyr::SamplerParams& params, const std::vector<float>& logits, int n = 2000) {
    fyr::Sampler s(params, vocab(logits));
    std::set<int32_t> ids;
    for (const auto& [id, count] : histogram(s, logits, n)) ids.insert(id);
    return ids;
}

std::vector<int32_t> sequence(fyr::Sampler& s, const std::vector<float>& logits, int n) {
    std::vector<int32_t> out;
    for (int i = 0; i < n; ++i) out.push_back(s.sample(logits.data()));
    return out;
}

// Greedy with the given penalties; the tests accept tokens by hand.
fyr::SamplerParams greedyWithPenalties(float repeat, float frequency, float presence, int32_t last_n) {
    fyr::SamplerParams p = fyr::SamplerParams::greedy();
    p.repeat_penalty = repeat;
    p.frequency_penalty = frequency;
    p.presence_penalty = presence;
    p.repeat_last_n = last_n;
    return p;
}

}  // namespace

class TestSampler : public QObject {
    Q_OBJECT
private slots:
    void greedyFactoryTurnsEverythingOff() {
        const fyr::SamplerParams p = fyr::SamplerParams::greedy();
        QCOMPARE(p.temperature, 0.0f);
        QVERIFY(p.top_k <= 0);
        QVERIFY(p.top_p >= 1.0f);
        QVERIFY(p.min_p <= 0.0f);
        QVERIFY(p.typical_p >= 1.0f);
        QCOMPARE(p.repeat_penalty, 1.0f);
        QCOMPARE(p.frequency_penalty, 0.0f);
        QCOMPARE(p.presence_penalty, 0.0f);
        QVERIFY(p.logit_bias.empty());
    }

    void paramsAreKeptAsGiven() {
        fyr::SamplerParams p;
        p.top_k = 7;
        p.seed = 99;
        p.logit_bias = {{3, -1.0f}};
        fyr::Sampler s(p, 10);
        QCOMPARE(s.params().top_k, 7);
        QCOMPARE(s.params().seed, uint64_t{99});
        QCOMPARE(s.params().logit_bias.size(), size_t{1});
    }

    void greedyIsArgmaxWithTiesToLowerId() {
        fyr::Sampler s(fyr::SamplerParams::greedy(), 6);
        const std::vector<float> a{0.1f, 2.0f, -1.0f, 3.5f, 3.4f, 0.0f};
        QCOMPARE(s.sample(a.data()), 3);
        const std::vector<float> tie{1.0f, 4.0f, 2.0f, 4.0f, 4.0f, -3.0f};
        for (int i = 0; i < 5; ++i) QCOMPARE(s.sample(tie.data()), 1);
        const std::vector<float> negative{-5.0f, -2.0f, -2.0f, -9.0f, -7.0f, -3.0f};
        QCOMPARE(s.sample(negative.data()), 1);
    }

    void logitsAreNotModified() {
        fyr::SamplerParams p;
        p.repeat_penalty = 1.3f;
        p.frequency_penalty = 0.5f;
        p.logit_bias = {{0, 2.0f}, {2, -kInf}};
        fyr::Sampler s(p, 5);
        s.accept(1);
        const std::vector<float> logits{1.0f, 2.0f, 3.0f, -1.0f, 0.5f};
        std::vector<float> copy = logits;
        for (int i = 0; i < 10; ++i) s.sample(copy.data());
        QCOMPARE(copy, logits);
    }

    void greedyIgnoresFiltersButNotBiasOrPenalties() {
        // typical_p = 0.2 alone would drop the most likely token (see
        // typicalKeepsTheLocallyTypicalSet): with temperature <= 0 no filter is applied.
        const std::vector<float> logits = logitsOf({0.5, 0.3, 0.15, 0.05});
        for (float t : {0.0f, -1.0f}) {
            fyr::SamplerParams p = unfiltered();
            p.temperature = t;
            p.typical_p = 0.2f;
            p.top_p = 0.1f;
            p.min_p = 0.9f;
            fyr::Sampler s(p, vocab(logits));
            for (int i = 0; i < 20; ++i) QCOMPARE(s.sample(logits.data()), 0);
        }
        fyr::SamplerParams biased = fyr::SamplerParams::greedy();
        biased.logit_bias = {{3, 3.0f}};
        fyr::Sampler s(biased, vocab(logits));
        QCOMPARE(s.sample(logits.data()), 3);
    }

    void topKKeepsTheKLargest() {
        const std::vector<float> logits{1.0f, 3.0f, 2.0f, 0.5f, 2.5f};
        fyr::SamplerParams p = unfiltered();
        p.top_k = 2;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1, 4}));
        p.top_k = 3;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1, 2, 4}));
        p.top_k = 1;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1}));
        // Off: 0, negative and >= n_vocab keep everything.
        for (int32_t k : {0, -3, 5, 100}) {
            p.top_k = k;
            QCOMPARE(drawnIds(p, logits, 5000), (std::set<int32_t>{0, 1, 2, 3, 4}));
        }
    }

    void topKBreaksTiesByLowerId() {
        const std::vector<float> logits{0.0f, 2.0f, 1.0f, 2.0f, 2.0f};
        fyr::SamplerParams p = unfiltered();
        p.top_k = 1;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1}));
        p.top_k = 2;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1, 3}));
    }

    void topPKeepsTheSmallestPrefixReachingP() {
        const std::vector<float> logits = logitsOf({0.05, 0.5, 0.15, 0.3});  // ids by probability: 1, 3, 2, 0
        fyr::SamplerParams p = unfiltered();
        p.top_p = 0.3f;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1}));
        p.top_p = 0.75f;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1, 3}));
        p.top_p = 0.85f;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1, 2, 3}));
        p.top_p = 0.99f;
        QCOMPARE(drawnIds(p, logits, 5000), (std::set<int32_t>{0, 1, 2, 3}));
        p.top_p = 0.0f;  // at least one token
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1}));
    }

    void minPKeepsTokensAboveAFractionOfTheMax() {
        const std::vector<float> logits = logitsOf({0.15, 0.5, 0.05, 0.3});
        fyr::SamplerParams p = unfiltered();
        p.min_p = 0.5f;  // p >= 0.25
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1, 3}));
        p.min_p = 0.2f;  // p >= 0.1
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{0, 1, 3}));
        p.min_p = 0.9f;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1}));
        p.min_p = 1.5f;  // the most likely token always stays
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1}));
        p.min_p = 0.05f;  // p >= 0.025: all
        QCOMPARE(drawnIds(p, logits, 5000), (std::set<int32_t>{0, 1, 2, 3}));
    }

    void typicalKeepsTheLocallyTypicalSet() {
        // p = {0.5, 0.3, 0.15, 0.05}: entropy H = 1.1421 nats; |-log p - H| = 0.449, 0.062, 0.755,
        // 1.854, so by typicality the order is 1, 0, 2, 3 with cumulative mass 0.3, 0.8, 0.95, 1.
        const std::vector<float> logits = logitsOf({0.5, 0.3, 0.15, 0.05});
        fyr::SamplerParams p = unfiltered();
        p.typical_p = 0.2f;  // the most likely token is not the most typical one
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1}));
        p.typical_p = 0.5f;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{0, 1}));
        p.typical_p = 0.9f;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{0, 1, 2}));
        p.typical_p = 1.0f;  // off
        QCOMPARE(drawnIds(p, logits, 5000), (std::set<int32_t>{0, 1, 2, 3}));
    }

    void largeVocabularyCutsMatchAFullSort() {
        // More candidates than the first partially sorted block: the cut must still be where a full
        // sort puts it. Uniform logits: ordered by id, 0.4997 is reached with the 1000th token.
        const std::vector<float> flat(2000, 0.0f);
        for (bool typical : {false, true}) {
            fyr::SamplerParams p = unfiltered(21);
            (typical ? p.typical_p : p.top_p) = 0.4997f;  // typical: every shift is 0, ties by id
            fyr::Sampler s(p, vocab(flat));
            const std::map<int32_t, int> h = histogram(s, flat, 2000);
            QVERIFY2(h.rbegin()->first <= 999, qPrintable(QString::number(h.rbegin()->first)));
            QVERIFY(h.rbegin()->first >= 990);
        }
        // Random logits against a reference nucleus computed here by sorting everything.
        std::mt19937_64 rng(5);
        std::vector<float> logits(5000);
        for (float& l : logits) l = static_cast<float>(static_cast<double>(rng() >> 11) * 0x1.0p-53 * 8.0);
        std::vector<int32_t> order(logits.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
        std::sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
            return logits[static_cast<size_t>(a)] > logits[static_cast<size_t>(b)];
        });
        double z = 0.0;
        for (float l : logits) z += std::exp(static_cast<double>(l));
        std::set<int32_t> nucleus;
        double cum = 0.0;
        for (int32_t id : order) {
            nucleus.insert(id);
            cum += std::exp(static_cast<double>(logits[static_cast<size_t>(id)])) / z;
            if (cum >= 0.6) break;
        }
        QVERIFY(nucleus.size() > 256);
        fyr::SamplerParams p = unfiltered(8);
        p.top_p = 0.6f;
        const std::set<int32_t> drawn = drawnIds(p, logits, 1500);
        for (int32_t id : drawn) QVERIFY2(nucleus.count(id) == 1, qPrintable(QString::number(id)));
        QVERIFY(drawn.size() > nucleus.size() / 3);
    }

    void filtersRenormalizeInChainOrder() {
        // top-k 2 leaves {0.4, 0.3} -> {0.571, 0.429}; top-p 0.5 then keeps only id 0. Applied to
        // the unrenormalized distribution it would have kept two tokens.
        const std::vector<float> logits = logitsOf({0.4, 0.3, 0.2, 0.1});
        fyr::SamplerParams p = unfiltered();
        p.top_k = 2;
        p.top_p = 0.5f;
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{0}));
        // typical 0.5 keeps {1, 0} (typical order), min-p 0.7 then needs p >= 0.7 * p(0): id 1 has
        // 0.3 / 0.5 = 0.6 of it and goes.
        const std::vector<float> l2 = logitsOf({0.5, 0.3, 0.15, 0.05});
        fyr::SamplerParams q = unfiltered();
        q.typical_p = 0.5f;
        q.min_p = 0.7f;
        QCOMPARE(drawnIds(q, l2), (std::set<int32_t>{0}));
        // The defaults together still give valid, reproducible ids on a larger vocabulary.
        std::vector<float> big(1000);
        for (size_t i = 0; i < big.size(); ++i)
            big[i] = static_cast<float>(std::sin(static_cast<double>(i) * 0.37) * 4.0);
        fyr::SamplerParams d;
        d.seed = 5;
        fyr::Sampler s1(d, vocab(big)), s2(d, vocab(big));
        for (int i = 0; i < 100; ++i) {
            const int32_t id = s1.sample(big.data());
            QVERIFY(id >= 0 && id < vocab(big));
            QCOMPARE(s2.sample(big.data()), id);
        }
    }

    void temperatureTowardsZeroIsGreedy() {
        const std::vector<float> logits{1.0f, 1.2f, 0.9f, 1.19f, -2.0f};
        for (float t : {1e-6f, 1e-20f, std::numeric_limits<float>::denorm_min()}) {
            fyr::SamplerParams p = unfiltered();
            p.temperature = t;
            QCOMPARE(drawnIds(p, logits, 500), (std::set<int32_t>{1}));
        }
    }

    void lowTemperatureConcentrates() {
        const std::vector<float> logits{1.0f, 1.2f, 0.9f};
        auto topShare = [&](float t) {
            fyr::SamplerParams p = unfiltered(3);
            p.temperature = t;
            fyr::Sampler s(p, vocab(logits));
            return histogram(s, logits, 2000)[1];
        };
        const int at1 = topShare(1.0f), atHalf = topShare(0.5f), atLow = topShare(0.02f);
        QVERIFY2(at1 < 1000, qPrintable(QString::number(at1)));  // softmax(1.2 of these) ~ 0.39
        QVERIFY(atHalf > at1);
        QVERIFY(atLow > atHalf);
        QVERIFY2(atLow >= 1990, qPrintable(QString::number(atLow)));  // e^-10 of the mass elsewhere
        const int high = topShare(100.0f);                            // nearly uniform
        QVERIFY2(std::abs(high - 2000 / 3) < 120, qPrintable(QString::number(high)));
    }

    void sameSeedSameSequenceDifferentSeedDifferent() {
        const std::vector<float> logits(50, 0.0f);  // uniform: every draw depends on the RNG
        fyr::Sampler a(unfiltered(42), 50), b(unfiltered(42), 50), c(unfiltered(43), 50);
        const std::vector<int32_t> sa = sequence(a, logits, 200);
        QCOMPARE(sequence(b, logits, 200), sa);
        QVERIFY(sequence(c, logits, 200) != sa);
        QVERIFY(std::set<int32_t>(sa.begin(), sa.end()).size() > 30);
    }

    void sequenceIsPinned() {
        // The RNG and the draw are specified exactly, so this sequence must not change across
        // platforms, compilers or refactorings.
        const std::vector<float> logits(8, 0.0f);
        fyr::Sampler s(unfiltered(2024), 8);
        const std::vector<int32_t> got = sequence(s, logits, 12);
        std::mt19937_64 rng(2024);
        std::vector<int32_t> expected;
        for (int i = 0; i < 12; ++i) {
            const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
            expected.push_back(static_cast<int32_t>(u * 8.0));  // uniform over 8 ids in id order
        }
        QCOMPARE(got, expected);
    }

    void resetRestartsTheSequenceAndForgetsTokens() {
        const std::vector<float> logits(20, 0.0f);
        fyr::Sampler s(unfiltered(7), 20);
        const std::vector<int32_t> first = sequence(s, logits, 100);
        s.reset();
        QCOMPARE(sequence(s, logits, 100), first);

        fyr::Sampler g(greedyWithPenalties(1.0f, 0.0f, 5.0f, -1), 3);
        const std::vector<float> l{1.0f, 0.5f, 0.0f};
        g.accept(0);
        QCOMPARE(g.sample(l.data()), 1);
        g.reset();
        QCOMPARE(g.sample(l.data()), 0);
    }

    void repeatPenaltyDividesPositiveAndMultipliesNegative() {
        fyr::Sampler s(greedyWithPenalties(1.5f, 0.0f, 0.0f, 64), 4);
        const std::vector<float> pos{2.0f, 1.9f, -1.0f, -1.1f};
        QCOMPARE(s.sample(pos.data()), 0);
        s.accept(0);
        QCOMPARE(s.sample(pos.data()), 1);  // 2.0 / 1.5 = 1.33 < 1.9

        fyr::Sampler n(greedyWithPenalties(1.5f, 0.0f, 0.0f, 64), 4);
        const std::vector<float> neg{-5.0f, -5.0f, -1.0f, -1.2f};
        n.accept(2);
        QCOMPARE(n.sample(neg.data()), 3);  // -1.0 * 1.5 = -1.5 < -1.2

        fyr::Sampler off(greedyWithPenalties(1.0f, 0.0f, 0.0f, 64), 4);
        off.accept(0);
        QCOMPARE(off.sample(pos.data()), 0);
    }

    void repeatPenaltyWindow() {
        const std::vector<float> logits{2.0f, 1.9f, -1.0f, -1.1f};
        // Window of 2: after two other tokens, 0 is out of it again.
        fyr::Sampler w(greedyWithPenalties(1.5f, 0.0f, 0.0f, 2), 4);
        w.accept(0);
        QCOMPARE(w.sample(logits.data()), 1);
        w.accept(2);
        QCOMPARE(w.sample(logits.data()), 1);  // window {0, 2}
        w.accept(3);
        QCOMPARE(w.sample(logits.data()), 0);  // window {2, 3}

        // 0: the penalties see nothing.
        fyr::Sampler none(greedyWithPenalties(1.5f, 0.0f, 0.0f, 0), 4);
        none.accept(0);
        QCOMPARE(none.sample(logits.data()), 0);

        // -1: everything ever accepted.
        fyr::Sampler all(greedyWithPenalties(1.5f, 0.0f, 0.0f, -1), 4);
        all.accept(0);
        for (int i = 0; i < 1000; ++i) all.accept(2 + i % 2);
        QCOMPARE(all.sample(logits.data()), 1);
    }

    void frequencyPenaltyScalesWithCount() {
        const std::vector<float> logits{3.0f, 2.0f};
        fyr::Sampler s(greedyWithPenalties(1.0f, 0.4f, 0.0f, 3), 2);
        s.accept(0);
        s.accept(0);
        QCOMPARE(s.sample(logits.data()), 0);  // 3 - 0.8 = 2.2
        s.accept(0);
        QCOMPARE(s.sample(logits.data()), 1);  // 3 - 1.2 = 1.8
        s.accept(1);
        QCOMPARE(s.sample(logits.data()), 0);  // window {0, 0, 1}: 3 - 0.8 = 2.2 vs 2 - 0.4 = 1.6
        s.accept(1);
        s.accept(1);
        QCOMPARE(s.sample(logits.data()), 0);  // window {1, 1, 1}: 3 vs 0.8
    }

    void presencePenaltyIsFlat() {
        const std::vector<float> logits{3.0f, 2.0f};
        fyr::Sampler s(greedyWithPenalties(1.0f, 0.0f, 0.6f, -1), 2);
        for (int i = 0; i < 50; ++i) {
            s.accept(0);
            QCOMPARE(s.sample(logits.data()), 0);  // always 3 - 0.6, however often
        }
        fyr::Sampler t(greedyWithPenalties(1.0f, 0.0f, 1.5f, -1), 2);
        t.accept(0);
        QCOMPARE(t.sample(logits.data()), 1);  // 1.5 < 2
    }

    void penaltiesCombineInLlamaCppOrder() {
        // Repeat first, then frequency and presence: 4 / 2 - 2 * 0.25 - 0.5 = 1.0 vs 1.1.
        const std::vector<float> logits{4.0f, 1.1f};
        fyr::Sampler s(greedyWithPenalties(2.0f, 0.25f, 0.5f, -1), 2);
        s.accept(0);
        s.accept(0);
        QCOMPARE(s.sample(logits.data()), 1);
        const std::vector<float> l2{4.0f, 0.9f};
        QCOMPARE(s.sample(l2.data()), 0);
    }

    void penaltiesApplyWhenSampling() {
        const std::vector<float> logits{2.0f, 2.0f, -10.0f};
        fyr::SamplerParams p = unfiltered(11);
        p.presence_penalty = 30.0f;
        fyr::Sampler s(p, 3);
        s.accept(0);
        const std::map<int32_t, int> h = histogram(s, logits, 500);
        QCOMPARE(h.count(0), size_t{0});
        QVERIFY(h.count(1) == 1 && h.at(1) > 450);
    }

    void logitBiasBansAndBoosts() {
        const std::vector<float> logits{3.0f, 2.0f, 1.0f, 0.0f};
        fyr::SamplerParams g = fyr::SamplerParams::greedy();
        g.logit_bias = {{0, -kInf}};
        QCOMPARE(fyr::Sampler(g, 4).sample(logits.data()), 1);
        g.logit_bias = {{3, 3.5f}};
        QCOMPARE(fyr::Sampler(g, 4).sample(logits.data()), 3);
        g.logit_bias = {{3, 1.5f}, {3, 1.5f}};  // entries add up: 0 + 3 = 3 ties id 0, lower id wins
        QCOMPARE(fyr::Sampler(g, 4).sample(logits.data()), 0);
        g.logit_bias = {{-1, 100.0f}, {4, 100.0f}, {2, 0.0f}};  // out-of-range ids are ignored
        QCOMPARE(fyr::Sampler(g, 4).sample(logits.data()), 0);

        fyr::SamplerParams p = unfiltered(9);
        p.logit_bias = {{0, -kInf}, {2, -kInf}};
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{1, 3}));
        p.logit_bias = {{3, +kInf}};  // +inf: only that token
        QCOMPARE(drawnIds(p, logits), (std::set<int32_t>{3}));
    }

    void allBannedFallsBackToRawArgmax() {
        const std::vector<float> logits{0.5f, 2.0f, 2.0f, -1.0f};
        std::vector<std::pair<int32_t, float>> banAll;
        for (int32_t i = 0; i < 4; ++i) banAll.emplace_back(i, -kInf);
        fyr::SamplerParams g = fyr::SamplerParams::greedy();
        g.logit_bias = banAll;
        QCOMPARE(fyr::Sampler(g, 4).sample(logits.data()), 1);
        fyr::SamplerParams p;  // the defaults, sampling
        p.logit_bias = banAll;
        QCOMPARE(drawnIds(p, logits, 50), (std::set<int32_t>{1}));
        // Raw logits all -inf: id 0.
        const std::vector<float> dead(4, -kInf);
        QCOMPARE(fyr::Sampler(p, 4).sample(dead.data()), 0);
        // NaN logits count as banned.
        const std::vector<float> nan{std::numeric_limits<float>::quiet_NaN(), 1.0f, 0.5f, -kInf};
        QCOMPARE(drawnIds(unfiltered(), nan, 500), (std::set<int32_t>{1, 2}));
        QCOMPARE(fyr::Sampler(fyr::SamplerParams::greedy(), 4).sample(nan.data()), 1);
    }

    void oneDrawPerCallWhateverTheFilters() {
        // min-p 0.5 leaves one token of the peaked logits and all of the flat ones. After 20
        // single-candidate calls the RNG must be where 20 ordinary draws leave it.
        const std::vector<float> peaked{5.0f, 0.0f, 0.0f, 0.0f};
        const std::vector<float> flat(4, 0.0f);
        fyr::SamplerParams filtered = unfiltered(77);
        filtered.min_p = 0.5f;
        fyr::Sampler a(filtered, 4), b(unfiltered(77), 4);
        for (int i = 0; i < 20; ++i) {
            QCOMPARE(a.sample(peaked.data()), 0);
            b.sample(flat.data());
        }
        QCOMPARE(sequence(a, flat, 50), sequence(b, flat, 50));
    }

    void frequenciesMatchSoftmax() {
        const std::vector<float> logits{1.0f, 2.0f, 0.5f, -1.0f, 1.5f, 0.0f};
        double z = 0.0;
        for (float l : logits) z += std::exp(static_cast<double>(l));
        const int n = 20000;
        fyr::Sampler s(unfiltered(12345), vocab(logits));
        std::map<int32_t, int> h = histogram(s, logits, n);
        for (int32_t i = 0; i < vocab(logits); ++i) {
            const double expected = std::exp(static_cast<double>(logits[static_cast<size_t>(i)])) / z;
            const double got = static_cast<double>(h[i]) / n;
            // ~5 standard deviations at the largest p: sqrt(0.35 * 0.65 / 20000) = 0.0034.
            QVERIFY2(std::abs(got - expected) < 0.015,
                     qPrintable(QStringLiteral("id %1: %2 vs %3").arg(i).arg(got).arg(expected)));
        }
    }
};

QTEST_GUILESS_MAIN(TestSampler)
#include "tst_sampler.moc"
