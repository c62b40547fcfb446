#include "cli/bench_concurrency.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <stdexcept>
#include <mutex>

#include "fyr/model.h"

namespace fyr::app::cli {
namespace {

using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<size_t>(pos);
    const size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

QJsonObject percentiles(const std::vector<double>& v) {
    return QJsonObject{{QStringLiteral("p50"), percentile(v, 0.50)},
                       {QStringLiteral("p95"), percentile(v, 0.95)},
                       {QStringLiteral("p99"), percentile(v, 0.99)}};
}

struct RunOutcome {
    std::vector<RequestResult> results;
    std::vector<std::vector<Clock::time_point>> token_times;  // per sequence
    Clock::time_point start, end;
};

}  // namespace

QJsonObject ConcurrencyBench::run(QString* error) const {
    const int32_t n_vocab = model.hparams().n_vocab;
    const int32_t max_level = *std::max_element(levels.begin(), levels.end());
    RuntimeParams p = params;
    p.max_running = std::max(p.max_running, max_level);
    p.max_seq_len = n_prompt + n_gen + 1;
    p.queue_capacity = std::max(p.queue_capacity, max_level);
    std::unique_ptr<Runtime> runtime;
    try {
        runtime = std::make_unique<Runtime>(model, p, observer);
    } catch (const std::invalid_argument& e) {
        *error = QString::fromUtf8(e.what());
        return {};
    }
    Runtime& rt = *runtime;

    uint64_t salt = 1;
    // Token ids spread over the vocabulary, distinct per run and sequence beyond
    // the shared prefix (so no run reuses another's cache by accident).
    auto prompt_for = [&](uint64_t run, int32_t seq) {
        std::vector<int32_t> v(static_cast<size_t>(n_prompt));
        for (int32_t i = 0; i < n_prompt; ++i) {
            const uint64_t key = i < shared_prefix ? run * 1000003u + static_cast<uint64_t>(i)
                                                   : (run * 131u + static_cast<uint64_t>(seq) + 1) * 1000003u +
                                                         static_cast<uint64_t>(i) * 7919u;
            v[static_cast<size_t>(i)] = static_cast<int32_t>(3 + (key * 2654435761u) % uint64_t(n_vocab - 3));
        }
        return v;
    };
    auto run_level = [&](int32_t c, int32_t gen, RunOutcome* out) -> bool {
        std::mutex m;
        std::condition_variable cv;
        size_t done = 0;
        out->results.assign(static_cast<size_t>(c), {});
        out->token_times.assign(static_cast<size_t>(c), {});
        const uint64_t run = salt++;
        out->start = Clock::now();
        for (int32_t s = 0; s < c; ++s) {
            Request r;
            r.prompt = prompt_for(run, s);
            r.max_tokens = gen;
            auto& times = out->token_times[static_cast<size_t>(s)];
            times.reserve(static_cast<size_t>(gen));
            r.on_token = [&times](int32_t) {
                times.push_back(Clock::now());
                return true;
            };
            r.on_done = [&, s](const RequestResult& res) {
                std::lock_guard lock(m);
                out->results[static_cast<size_t>(s)] = res;
                ++done;
                cv.notify_all();
            };
            const Submission sub = rt.submit(std::move(r));
            if (!sub.accepted()) {
                *error = QString::fromStdString(sub.reason);
                std::unique_lock lock(m);
                cv.wait(lock, [&] { return done == static_cast<size_t>(s); });
                return false;
            }
        }
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return done == static_cast<size_t>(c); });
        out->end = Clock::now();
        return true;
    };

    RunOutcome warm;
    if (!run_level(1, std::min(n_gen, 4), &warm)) return {};

    QJsonArray rows;
    for (int32_t c : levels) {
        std::vector<double> agg, per_seq, throughput, ttft, tpot;
        int64_t reused = 0, preemptions = 0, proposed = 0, accepted = 0;
        for (int32_t rep = 0; rep < repetitions; ++rep) {
            RunOutcome o;
            if (!run_level(c, n_gen, &o)) return {};
            // Steady state: from the moment every sequence is decoding to the
            // moment the first one finishes; tokens of all sequences in between.
            Clock::time_point from = o.start, to = o.end;
            for (const auto& t : o.token_times) {
                if (t.empty()) continue;
                from = std::max(from, t.front());
                to = std::min(to, t.back());
            }
            int64_t in_window = 0;
            for (const auto& t : o.token_times) {
                for (const auto& when : t) in_window += (when > from && when <= to) ? 1 : 0;
            }
            const double window_s = std::chrono::duration<double>(to - from).count();
            int64_t total = 0;
            for (const RequestResult& r : o.results) {
                total += r.metrics.gen_tokens;
                ttft.push_back(r.metrics.ttft_ms);
                if (r.metrics.gen_tokens > 1) {
                    tpot.push_back(r.metrics.tpot_ms);
                    per_seq.push_back(1000.0 / r.metrics.tpot_ms);
                }
                reused += r.metrics.reused_prefix_tokens;
                preemptions += r.metrics.preemptions;
                proposed += r.metrics.draft_tokens;
                accepted += r.metrics.draft_accepted;
            }
            const double wall = std::chrono::duration<double>(o.end - o.start).count();
            throughput.push_back(static_cast<double>(total + static_cast<int64_t>(c) * n_prompt) / wall);
            agg.push_back(window_s > 0 && in_window > 0 ? static_cast<double>(in_window) / window_s
                                                        : static_cast<double>(total) / wall);
            if (progress) {
                progress(QCoreApplication::translate("fyrctl", "concurrency %1: run %2 of %3 done")
                             .arg(c)
                             .arg(rep + 1)
                             .arg(repetitions));
            }
        }
        double mean_agg = 0, mean_per = 0, mean_thr = 0;
        for (double v : agg) mean_agg += v / static_cast<double>(agg.size());
        for (double v : per_seq) mean_per += v / static_cast<double>(per_seq.size());
        for (double v : throughput) mean_thr += v / static_cast<double>(throughput.size());
        QJsonObject row;
        row.insert(QStringLiteral("concurrency"), c);
        row.insert(QStringLiteral("aggregate_gen_tokens_per_s"), mean_agg);
        row.insert(QStringLiteral("per_sequence_gen_tokens_per_s"), mean_per);
        row.insert(QStringLiteral("throughput_tokens_per_s"), mean_thr);
        row.insert(QStringLiteral("ttft_ms"), percentiles(ttft));
        row.insert(QStringLiteral("tpot_ms"), percentiles(tpot));
        row.insert(QStringLiteral("reused_prefix_tokens"), static_cast<qint64>(reused));
        row.insert(QStringLiteral("preemptions"), static_cast<qint64>(preemptions));
        if (params.draft) {
            row.insert(QStringLiteral("draft_acceptance_rate"),
                       proposed > 0 ? static_cast<double>(accepted) / static_cast<double>(proposed) : 0.0);
        }
        rows.append(row);
    }
    QJsonObject o;
    o.insert(QStringLiteral("backend"), QString::fromStdString(rt.backend()));
    o.insert(QStringLiteral("n_prompt"), n_prompt);
    o.insert(QStringLiteral("n_gen"), n_gen);
    o.insert(QStringLiteral("shared_prefix"), shared_prefix);
    o.insert(QStringLiteral("repetitions"), repetitions);
    o.insert(QStringLiteral("step_tokens"), p.step_tokens);
    o.insert(QStringLiteral("levels"), rows);
    return o;
}

void printConcurrencyTable(const QJsonObject& result, QTextStream& out) {
    out << QCoreApplication::translate("fyrctl", "backend %1, prompt %2 tokens (%3 shared), %4 generated per sequence\n")
               .arg(result.value(QStringLiteral("backend")).toString())
               .arg(result.value(QStringLiteral("n_prompt")).toInt())
               .arg(result.value(QStringLiteral("shared_prefix")).toInt())
               .arg(result.value(QStringLiteral("n_gen")).toInt());
    out << QCoreApplication::translate("fyrctl",
                                       "seqs  aggregate tok/s  per-seq tok/s  TTFT p50/p95/p99 ms      "
                                       "TPOT p50/p95/p99 ms   reused\n");
    for (const QJsonValue& v : result.value(QStringLiteral("levels")).toArray()) {
        const QJsonObject r = v.toObject();
        const QJsonObject t = r.value(QStringLiteral("ttft_ms")).toObject();
        const QJsonObject p = r.value(QStringLiteral("tpot_ms")).toObject();
        out << QStringLiteral("%1  %2  %3  %4 / %5 / %6  %7 / %8 / %9  %10\n")
                   .arg(r.value(QStringLiteral("concurrency")).toInt(), 4)
                   .arg(r.value(QStringLiteral("aggregate_gen_tokens_per_s")).toDouble(), 15, 'f', 1)
                   .arg(r.value(QStringLiteral("per_sequence_gen_tokens_per_s")).toDouble(), 13, 'f', 1)
                   .arg(t.value(QStringLiteral("p50")).toDouble(), 7, 'f', 0)
                   .arg(t.value(QStringLiteral("p95")).toDouble(), 0, 'f', 0)
                   .arg(t.value(QStringLiteral("p99")).toDouble(), 0, 'f', 0)
                   .arg(p.value(QStringLiteral("p50")).toDouble(), 7, 'f', 1)
                   .arg(p.value(QStringLiteral("p95")).toDouble(), 0, 'f', 1)
                   .arg(p.value(QStringLiteral("p99")).toDouble(), 0, 'f', 1)
                   .arg(r.value(QStringLiteral("reused_prefix_tokens")).toInteger(), 6);
    }
}

}  // namespace fyr::app::cli
