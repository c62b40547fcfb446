// Request cost: the hardware's time share (price over its months of life), the
// energy (measured or nominal watts) times PUE and price per kWh, a remote
// endpoint's price per million tokens; nothing configured means "unknown", never
// zero; each step's time and energy shared among its requests by tokens.
#include <QTest>

#include <array>
#include <cmath>

#include "services/cost_model.h"

using fyr::app::Cost;
using fyr::app::LocalPricing;
using fyr::app::RemotePricing;
using fyr::app::RequestCostMeter;

class TestCostModel : public QObject {
    Q_OBJECT
private slots:
    void localCostFromTimeAndEnergy() {
        LocalPricing p;
        p.hardwarePrice = 32000;
        p.lifeMonths = 36;
        p.nominalWatts = 700;
        p.pricePerKwh = 0.18;
        p.pue = 1.4;
        QVERIFY(p.problem().isEmpty());
        const double perSecond = 32000.0 / (36 * 30.436875 * 86400);
        Cost c = fyr::app::localCost(p, 2.5, std::nullopt);
        QVERIFY(c.known);
        QCOMPARE(c.basis, QStringLiteral("nominal watts"));
        QVERIFY(std::abs(c.hardware - perSecond * 2.5) < 1e-12);
        QVERIFY(std::abs(c.joules - 1750.0) < 1e-9);
        QVERIFY(std::abs(c.energy - 1750.0 * 1.4 / 3.6e6 * 0.18) < 1e-12);
        QVERIFY(std::abs(c.total - (c.hardware + c.energy)) < 1e-15);
        QVERIFY(c.total > 0);
        c = fyr::app::localCost(p, 2.5, 900.0);
        QCOMPARE(c.basis, QStringLiteral("measured energy"));
        QVERIFY(std::abs(c.joules - 900.0) < 1e-9);
        p.nominalWatts = 0;
        QVERIFY(!fyr::app::localCost(p, 2.5, std::nullopt).known);  // no watts and nothing measured
        QVERIFY(fyr::app::localCost(p, 2.5, 900.0).known);
    }

    void missingPricesAreNotZero() {
        LocalPricing p;
        const Cost c = fyr::app::localCost(p, 10, 100.0);
        QVERIFY(!c.known);
        QCOMPARE(c.total, 0.0);
        for (const char* what : {"hardware price", "months of life", "price per kWh"})
            QVERIFY2(c.problem.contains(QLatin1String(what)), qPrintable(c.problem));
        p.hardwarePrice = 1000;
        p.lifeMonths = 12;
        p.pricePerKwh = 0.2;
        p.pue = 0.9;
        QVERIFY(p.problem().contains(QStringLiteral("PUE")));
        QVERIFY(!fyr::app::remoteCost(RemotePricing{}, 100, 100).known);
    }

    void remoteCostPerMillionTokens() {
        RemotePricing r;
        r.inputPerMillion = 2.5;
        r.outputPerMillion = 10;
        r.currency = QStringLiteral("USD");
        const Cost c = fyr::app::remoteCost(r, 1200, 300);
        QVERIFY(c.known);
        QCOMPARE(c.currency, QStringLiteral("USD"));
        QVERIFY(std::abs(c.total - (1200 * 2.5 + 300 * 10) / 1e6) < 1e-15);
    }

    void stepsAreSharedByTokens() {
        double joulesThisStep = 10;
        RequestCostMeter meter([&](double) { return std::optional<double>(joulesThisStep); });
        const std::array<std::pair<uint64_t, int32_t>, 2> first{{{1, 3}, {2, 1}}};
        fyr::StepStats s;
        s.request_tokens = first;
        s.step_ms = 100;
        meter.on_step(s);
        const std::array<std::pair<uint64_t, int32_t>, 1> second{{{1, 1}}};
        s.request_tokens = second;
        s.step_ms = 50;
        meter.on_step(s);
        const auto a = meter.take(1), b = meter.take(2);
        QVERIFY(std::abs(a.seconds - 0.125) < 1e-12);
        QVERIFY(std::abs(b.seconds - 0.025) < 1e-12);
        QVERIFY(std::abs(*a.joules - 17.5) < 1e-12);
        QVERIFY(std::abs(*b.joules - 2.5) < 1e-12);
        QCOMPARE(a.tokens, int64_t(4));
        QCOMPARE(meter.take(1).tokens, int64_t(0));  // handed out once

        // A step without a measurement: that request's energy is no longer known.
        RequestCostMeter partial([&](double) { return joulesThisStep > 5 ? std::optional<double>(joulesThisStep) : std::nullopt; });
        s.request_tokens = second;
        partial.on_step(s);
        joulesThisStep = 0;
        partial.on_step(s);
        QVERIFY(!partial.take(1).joules);
    }

    void meterFromACumulativeCounter() {
        std::optional<double> counter = 100.0;
        const RequestCostMeter::EnergyMeter meter = RequestCostMeter::fromCounter([&] { return counter; });
        // A step as long as the time since the last reading (or longer) gets the whole increase.
        counter = 112.5;
        QCOMPARE(meter(1e9).value_or(-1), 12.5);
        counter = 113.0;
        QCOMPARE(meter(1e9).value_or(-1), 0.5);
        // A step that took none of the time since the last reading gets none of it.
        counter = 150.0;
        QCOMPARE(meter(0).value_or(-1), 0.0);
        // A counter that cannot be read, or that went backwards: not measured, then primed again.
        counter.reset();
        QVERIFY(!meter(1e9));
        counter = 10.0;
        QVERIFY(!meter(1e9));
        counter = 12.0;
        QCOMPARE(meter(1e9).value_or(-1), 2.0);
        counter = 11.0;
        QVERIFY(!meter(1e9));
        // Without a counter: never measured.
        QVERIFY(!RequestCostMeter::fromCounter({})(1.0));
    }
};

QTEST_GUILESS_MAIN(TestCostModel)
#include "tst_cost_model.moc"
