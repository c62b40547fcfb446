// The injection scanner against the labelled corpora in tests/data/guard:
// corpus.jsonl (the classifier is trained on it) and holdout.jsonl (never used in
// training, written in other words, on other topics). Floors: recall >= 0.9 on
// attacks and false positives <= 5% on benign prompts, on each file.
// `fyrctl guard eval FILE --show-misses` prints the same figures per group.
#include <QTest>

#include <cmath>

#include "core/resources.h"
#include "guard/corpus.h"
#include "guard/guard.h"

using namespace fyr::app::guard;

class TestGuardCorpus : public QObject {
    Q_OBJECT

private slots:
    void floors_data() {
        QTest::addColumn<QString>("file");
        QTest::newRow("corpus") << QStringLiteral("corpus.jsonl");
        QTest::newRow("holdout") << QStringLiteral("holdout.jsonl");
    }
    void floors() {
        QFETCH(QString, file);
        fyr::app::initResources();
        QString error;
        const auto guard = Guard::create(fyr::app::guard::GuardPolicy::builtinPath(), &error);
        QVERIFY2(guard, qPrintable(error));
        const auto corpus = readCorpus(QStringLiteral(FYR_SOURCE_DIR "/tests/data/guard/") + file, &error);
        QVERIFY2(corpus, qPrintable(error));
        QVERIFY(corpus->size() >= (file == QLatin1String("corpus.jsonl") ? 300u : 100u));
        const Evaluation e = evaluate(*guard, *corpus);
        qInfo("%s: %d attacks, %d benign: recall %.3f, precision %.3f, false positives %.3f (%d), %.0f us per prompt",
              qPrintable(file), e.total.attacks(), e.total.benign(), e.total.recall(), e.total.precision(),
              e.total.falsePositiveRate(), e.total.falsePositives, e.meanMicros);
        for (const LabelledPrompt* p : e.misses)
            qInfo("  miss line %d (%s %s)", p->line, p->attack ? "attack" : "benign", qPrintable(p->kind));
        QVERIFY(e.total.attacks() > 0 && e.total.benign() > 0);
        QVERIFY2(e.total.recall() >= 0.9, qPrintable(QString::number(e.total.recall())));
        QVERIFY2(e.total.falsePositiveRate() <= 0.05, qPrintable(QString::number(e.total.falsePositiveRate())));
        // Both languages are covered, and each holds the floors on its own.
        for (const QString& lang : {QStringLiteral("en"), QStringLiteral("sv")}) {
            Counts c;
            for (auto it = e.byGroup.begin(); it != e.byGroup.end(); ++it)
                if (it.key().startsWith(lang + u'/')) {
                    c.truePositives += it->truePositives;
                    c.falseNegatives += it->falseNegatives;
                    c.falsePositives += it->falsePositives;
                    c.trueNegatives += it->trueNegatives;
                }
            QVERIFY2(c.attacks() > 0 && c.benign() > 0, qPrintable(lang));
            QVERIFY2(c.recall() >= 0.85, qPrintable(lang + QStringLiteral(" recall ") + QString::number(c.recall())));
            QVERIFY2(c.falsePositiveRate() <= 0.08, qPrintable(lang + QStringLiteral(" fp ") + QString::number(c.falsePositiveRate())));
        }
    }

    // The shipped weights are what `fyrctl guard train` (packaging/train-guard.sh)
    // makes of the corpus: nobody edited them by hand, and the corpus and model agree.
    void shippedClassifierIsReproducible() {
        fyr::app::initResources();
        QString error;
        const auto guard = Guard::create(fyr::app::guard::GuardPolicy::builtinPath(), &error);
        QVERIFY2(guard, qPrintable(error));
        const auto corpus = readCorpus(QStringLiteral(FYR_SOURCE_DIR "/tests/data/guard/corpus.jsonl"), &error);
        QVERIFY2(corpus, qPrintable(error));
        const Classifier retrained = Classifier::train(trainingExamples(guard->normalizer(), *corpus), {});
        const auto shipped = Classifier::load(QStringLiteral(":/guard/classifier.json"), &error);
        QVERIFY2(shipped, qPrintable(error));
        QCOMPARE(shipped->featureCount(), retrained.featureCount());
        for (const LabelledPrompt& p : *corpus) {
            const QString t = guard->normalizer().normalize(p.text).text;
            QVERIFY2(std::abs(shipped->score(t).logit - retrained.score(t).logit) < 0.05,
                     qPrintable(QStringLiteral("line %1: run packaging/train-guard.sh after changing the corpus").arg(p.line)));
        }
    }
};

QTEST_GUILESS_MAIN(TestGuardCorpus)
#include "tst_guard_corpus.moc"
