// What telemetry costs: the registry's hot path per observation (a kept handle's
// atomic update, a label lookup, a runtime step's record) and the engine's
// throughput with telemetry off and on (the runtime's metrics observer, the
// probe sampler at its interval feeding the registry, the registry fed into the
// 1-second ring), alternating rounds so drift hits both alike.
//
//   fyr_bench_telemetry [--model M.gguf] [--seqs 4] [--tokens 64] [--prompt 32]
//                       [--threads 2] [--rounds 5] [--interval-ms 1000] [--json]
//
// Without --model it uses ../shared/models/tiny-llama-spm512-q8_0.gguf (tiny: the
// steps are short, so the observer's share is as large as it gets).
#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <iterator>
#include <memory>
#include <mutex>
#include <numeric>
#include <random>
#include <thread>
#include <vector>

#include "fyr/gguf_file.h"
#include "fyr/model.h"
#include "fyr/runtime.h"
#include "services/runtime_metrics.h"
#include "telemetry/amd_sysfs_probe.h"
#include "telemetry/fyr_metrics.h"
#include "telemetry/metrics_registry.h"
#include "telemetry/nvml_probe.h"
#include "telemetry/probe_sampler.h"
#include "telemetry/series_feeder.h"
#include "telemetry/system_probe.h"
#include "telemetry/time_series_buffer.h"

using namespace fyr::app;
using Clock = std::chrono::steady_clock;

namespace {

struct Options {
    QString model = QStringLiteral(FYR_SHARED_DIR "/models/tiny-llama-spm512-q8_0.gguf");
    int seqs = 4, tokens = 64, prompt = 32, threads = 2, rounds = 5, intervalMs = 1000;
    bool json = false;
};

double nsPer(Clock::duration d, double n) {
    return std::chrono::duration<double, std::nano>(d).count() / n;
}

template <class F>
double timeEach(int64_t n, F&& f) {
    const auto t0 = Clock::now();
    for (int64_t i = 0; i < n; ++i) f(i);
    return nsPer(Clock::now() - t0, static_cast<double>(n));
}

struct Stats {
    double mean = 0, sd = 0;
};
Stats stats(const std::vector<double>& v) {
    Stats s;
    if (v.empty()) return s;
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    for (double x : v) s.sd += (x - s.mean) * (x - s.mean);
    s.sd = v.size() > 1 ? std::sqrt(s.sd / static_cast<double>(v.size() - 1)) : 0.0;
    return s;
}

// One round: `seqs` requests of `tokens` greedy tokens at once; aggregate tok/s.
double runRound(const fyr::Model& model, const Options& o, fyr::RuntimeObserver* observer) {
    fyr::RuntimeParams p;
    p.n_threads = o.threads;
    p.max_seq_len = o.prompt + o.tokens + 8;
    p.max_running = std::max(o.seqs, 1);
    fyr::Runtime rt(model, p, observer);
    std::mutex m;
    std::condition_variable cv;
    int done = 0;
    std::mt19937 rng(7);
    std::uniform_int_distribution<int32_t> id(3, model.hparams().n_vocab - 1);
    const auto t0 = Clock::now();
    for (int i = 0; i < o.seqs; ++i) {
        fyr::Request r;
        for (int j = 0; j < o.prompt; ++j) r.prompt.push_back(id(rng));
        r.max_tokens = o.tokens;
        r.on_done = [&](const fyr::RequestResult&) {
            std::lock_guard lock(m);
            ++done;
            cv.notify_all();
        };
        if (!rt.submit(std::move(r)).accepted()) return 0;
    }
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return done == o.seqs; });
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    return static_cast<double>(o.seqs) * o.tokens / s;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Options o;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        const QString a = args[i];
        auto next = [&]() -> QString {
            if (i + 1 >= args.size()) {
                std::fprintf(stderr, "fyr_bench_telemetry: %s needs a value\n", qPrintable(a));
                std::exit(2);
            }
            return args[++i];
        };
        if (a == QLatin1String("--model")) o.model = next();
        else if (a == QLatin1String("--seqs")) o.seqs = next().toInt();
        else if (a == QLatin1String("--tokens")) o.tokens = next().toInt();
        else if (a == QLatin1String("--prompt")) o.prompt = next().toInt();
        else if (a == QLatin1String("--threads")) o.threads = next().toInt();
        else if (a == QLatin1String("--rounds")) o.rounds = next().toInt();
        else if (a == QLatin1String("--interval-ms")) o.intervalMs = next().toInt();
        else if (a == QLatin1String("--json")) o.json = true;
        else {
            std::fprintf(stderr, "fyr_bench_telemetry: unknown option '%s' (see the source's header)\n", qPrintable(a));
            return 2;
        }
    }
    if (o.seqs < 1 || o.tokens < 1 || o.prompt < 1 || o.rounds < 1 || o.intervalMs < 1) {
        std::fprintf(stderr, "fyr_bench_telemetry: --seqs, --tokens, --prompt, --rounds and --interval-ms must be >= 1\n");
        return 2;
    }

    // --- The registry's hot path ---
    telemetry::MetricsRegistry registry;
    telemetry::FyrMetrics metrics(registry);
    const QStringList request = telemetry::FyrMetrics::requestLabels(QStringLiteral("m"), QStringLiteral("u"),
                                                                      QStringLiteral("local"), QStringLiteral("cpu"));
    const telemetry::Counter counter = metrics.generationTokens.labels(request);
    const telemetry::Gauge gauge = metrics.numRequestsRunning.labels({QStringLiteral("m"), QStringLiteral("cpu")});
    const telemetry::Histogram histogram = metrics.timeToFirstToken.labels(request);
    constexpr int64_t kN = 10'000'000;
    const double counterNs = timeEach(kN, [&](int64_t) { counter.inc(); });
    const double gaugeNs = timeEach(kN, [&](int64_t i) { gauge.set(static_cast<double>(i & 15)); });
    const double histogramNs = timeEach(kN, [&](int64_t i) { histogram.observe(static_cast<double>(i & 1023) * 1e-3); });
    const double lookupNs = timeEach(kN / 10, [&](int64_t) { metrics.generationTokens.labels(request).inc(); });
    RuntimeMetrics observer(metrics, QStringLiteral("m"), QStringLiteral("cpu"));
    fyr::StepStats step;
    step.batch_tokens = 8;
    step.decode_tokens = 8;
    step.running = 8;
    step.kv_blocks_used = 10;
    step.kv_blocks_free = 90;
    const double stepNs = timeEach(kN / 10, [&](int64_t) { observer.on_step(step); });
    fyr::RequestResult finished;
    finished.finish_reason = "length";
    finished.metrics.gen_tokens = 64;
    finished.metrics.prompt_tokens = 32;
    finished.metrics.ttft_ms = 120;
    finished.metrics.tpot_ms = 20;
    finished.metrics.e2e_ms = 1400;
    const double requestNs = timeEach(kN / 100, [&](int64_t) { observer.on_request_finished(finished); });
    // Two threads updating the same counter: the contended case.
    double contendedNs = 0;
    {
        std::vector<std::thread> threads;
        const auto t0 = Clock::now();
        for (int t = 0; t < 2; ++t)
            threads.emplace_back([&] {
                for (int64_t i = 0; i < kN / 2; ++i) counter.inc();
            });
        for (auto& t : threads) t.join();
        contendedNs = nsPer(Clock::now() - t0, static_cast<double>(kN));
    }

    // --- The engine, telemetry off and on ---
    std::string error;
    const auto file = fyr::GgufFile::open(o.model.toStdString(), &error);
    std::unique_ptr<fyr::Model> model = file ? fyr::Model::load(*file, &error) : nullptr;
    std::vector<double> off, on;
    size_t ringPoints = 0;
    if (model) {
        for (int r = 0; r < o.rounds; ++r) {
            // Odd rounds run "on" first, so a drift in the machine's speed hits both alike.
            const bool onFirst = r % 2 == 1;
            if (!onFirst) off.push_back(runRound(*model, o, nullptr));
            // Everything the console runs: the observer, the sampler feeding the
            // registry, and the registry fed into the ring once a second.
            telemetry::MetricsRegistry reg;
            telemetry::FyrMetrics fm(reg);
            RuntimeMetrics obs(fm, QStringLiteral("bench"), QStringLiteral("cpu"));
            telemetry::TimeSeriesBuffer ring;
            telemetry::SeriesFeeder feeder(ring);
            std::vector<std::unique_ptr<telemetry::GpuProbe>> gpus;
            gpus.push_back(std::make_unique<telemetry::NvmlProbe>());
            gpus.push_back(std::make_unique<telemetry::AmdSysfsProbe>());
            telemetry::ProbeSampler sampler(std::move(gpus), std::make_unique<telemetry::SystemProbe>());
            sampler.setInterval(std::chrono::milliseconds(o.intervalMs));
            sampler.setCallback([&](const telemetry::TelemetrySnapshot& s) {
                fm.recordProbes(s);
                ringPoints += feeder.feed(reg, s.sampledAtMs / 1000);
            });
            sampler.start();
            on.push_back(runRound(*model, o, &obs));
            sampler.stop();
            if (onFirst) off.push_back(runRound(*model, o, nullptr));
        }
    }
    const Stats offS = stats(off), onS = stats(on);
    const double ratio = offS.mean > 0 ? onS.mean / offS.mean : 0;
    // Each round's on/off pair ran back to back: their ratio cancels the slow
    // drift of a shared machine that the rounds' spread carries. Its mean with a
    // 95% confidence interval (Student's t) says how close to 1 it is shown to be.
    std::vector<double> paired;
    for (size_t i = 0; i < std::min(on.size(), off.size()); ++i)
        if (off[i] > 0) paired.push_back(on[i] / off[i]);
    const Stats pairedS = stats(paired);
    static constexpr double kT975[] = {0, 12.71, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                       2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086};
    const size_t dof = paired.size() > 1 ? paired.size() - 1 : 0;
    const double t = dof == 0 ? 0 : dof < std::size(kT975) ? kT975[dof] : 1.96;
    const double halfWidth = paired.size() > 1 ? t * pairedS.sd / std::sqrt(static_cast<double>(paired.size())) : 0;

    if (o.json) {
        QJsonObject j{{QStringLiteral("counter_inc_ns"), counterNs},
                      {QStringLiteral("gauge_set_ns"), gaugeNs},
                      {QStringLiteral("histogram_observe_ns"), histogramNs},
                      {QStringLiteral("labels_lookup_inc_ns"), lookupNs},
                      {QStringLiteral("runtime_step_record_ns"), stepNs},
                      {QStringLiteral("request_record_ns"), requestNs},
                      {QStringLiteral("counter_inc_2_threads_ns"), contendedNs}};
        if (model) {
            j.insert(QStringLiteral("model"), o.model);
            j.insert(QStringLiteral("tok_s_off"), offS.mean);
            j.insert(QStringLiteral("tok_s_off_sd"), offS.sd);
            j.insert(QStringLiteral("tok_s_on"), onS.mean);
            j.insert(QStringLiteral("tok_s_on_sd"), onS.sd);
            j.insert(QStringLiteral("on_over_off"), ratio);
            j.insert(QStringLiteral("paired_ratio_mean"), pairedS.mean);
            j.insert(QStringLiteral("paired_ratio_ci95_half_width"), halfWidth);
        }
        std::printf("%s\n", QJsonDocument(j).toJson(QJsonDocument::Compact).constData());
        return 0;
    }
    std::printf("registry hot path (ns per observation, one thread unless said)\n");
    std::printf("  Counter::inc                      %7.1f\n", counterNs);
    std::printf("  Gauge::set                        %7.1f\n", gaugeNs);
    std::printf("  Histogram::observe                %7.1f\n", histogramNs);
    std::printf("  Counter::inc, 2 threads, 1 series %7.1f\n", contendedNs);
    std::printf("  labels() lookup + inc (cold path) %7.1f\n", lookupNs);
    std::printf("  runtime step record (5 series)    %7.1f\n", stepNs);
    std::printf("  request record (12 series)        %7.1f\n", requestNs);
    if (!model) {
        std::printf("engine: SKIP, %s: %s\n", qPrintable(o.model), error.c_str());
        return 0;
    }
    std::printf("engine: %s, %d sequences x %d tokens, %d threads, %d rounds, sampler every %d ms\n",
                qPrintable(o.model), o.seqs, o.tokens, o.threads, o.rounds, o.intervalMs);
    std::printf("  telemetry off  %8.1f ± %.1f tok/s\n", offS.mean, offS.sd);
    std::printf("  telemetry on   %8.1f ± %.1f tok/s (%zu points into the ring)\n", onS.mean, onS.sd, ringPoints);
    std::printf("  on / off       %8.3f\n", ratio);
    std::printf("  paired on/off  %8.3f ± %.3f (95%% CI over %zu back-to-back pairs)\n", pairedS.mean, halfWidth,
                paired.size());
    return 0;
}
