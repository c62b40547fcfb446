#include "services/request_window.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <map>

#include "store/statement.h"
#include "store/store.h"

namespace fyr::app {

Percentiles Percentiles::of(std::vector<double> values) {
    Percentiles p;
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
    if (values.empty()) return p;
    std::sort(values.begin(), values.end());
    const auto rank = [&](double q) {
        const size_t n = values.size();
        const auto i = static_cast<size_t>(std::ceil(q * static_cast<double>(n)));
        return values[std::clamp<size_t>(i, 1, n) - 1];
    };
    p.count = static_cast<int>(values.size());
    p.p50 = rank(0.50);
    p.p95 = rank(0.95);
    p.p99 = rank(0.99);
    p.max = values.back();
    return p;
}

std::optional<RequestWindow> RequestWindow::read(Store& store, int64_t sinceMs, int64_t untilMs, QString* error) {
    if (untilMs <= sinceMs) {
        if (error) *error = QCoreApplication::translate("fyr::app::RequestWindow", "the window ends before it starts");
        return std::nullopt;
    }
    QString why;
    auto reader = store.reader(&why);
    if (!reader) {
        if (error) *error = why;
        return std::nullopt;
    }
    Statement st(reader->db(),
                 "SELECT model, finish_reason, prompt_tokens, gen_tokens, ttft_ms, tpot_ms, e2e_ms FROM requests "
                 "WHERE started_ms >= ?1 AND started_ms < ?2");
    st.bind(1, sinceMs).bind(2, untilMs);
    struct Acc {
        Group g;
        std::vector<double> ttft, tpot, e2e;
    };
    std::map<QString, Acc> byModel;
    Acc all;
    while (st.next()) {
        const QString model = st.text(0);
        const bool finished = !st.isNull(1);
        const QString reason = st.text(1);
        for (Acc* a : {&all, &byModel[model]}) {
            a->g.requests += 1;
            if (!finished) a->g.running += 1;
            if (reason == QLatin1String("error") || reason == QLatin1String("guard")) a->g.failed += 1;
            a->g.promptTokens += st.integer(2);
            a->g.genTokens += st.integer(3);
            if (!st.isNull(4)) a->ttft.push_back(st.real(4));
            if (!st.isNull(5) && st.integer(3) > 1) a->tpot.push_back(st.real(5));
            if (!st.isNull(6)) a->e2e.push_back(st.real(6));
        }
    }
    if (!st.error().isEmpty()) {
        if (error) *error = st.error();
        return std::nullopt;
    }
    const double seconds = static_cast<double>(untilMs - sinceMs) / 1000.0;
    auto finish = [&](Acc& a, const QString& model) {
        a.g.model = model;
        a.g.promptPerSecond = static_cast<double>(a.g.promptTokens) / seconds;
        a.g.genPerSecond = static_cast<double>(a.g.genTokens) / seconds;
        a.g.ttftMs = Percentiles::of(std::move(a.ttft));
        a.g.tpotMs = Percentiles::of(std::move(a.tpot));
        a.g.e2eMs = Percentiles::of(std::move(a.e2e));
        return a.g;
    };
    RequestWindow w;
    w.sinceMs = sinceMs;
    w.untilMs = untilMs;
    w.total = finish(all, QString());
    for (auto& [model, acc] : byModel) w.models << finish(acc, model);
    std::stable_sort(w.models.begin(), w.models.end(),
                     [](const Group& a, const Group& b) { return a.requests > b.requests; });
    return w;
}

}  // namespace fyr::app
