// The serving runtime on real models: concurrent greedy requests give exactly
// the tokens each gives alone (chunked prefill, requests joining mid-flight,
// several blocks per sequence), a cached prefix is not recomputed and gives the
// same logits as a cold run, cancellation at any point returns every block, a
// full queue and impossible requests are rejected with a reason, pre-emption
// under a tight KV budget changes no token, priorities order admission, and
// shutdown cancels what is left. Each result reports the KV memory its sequence
// held at its peak (the blocks it referenced, a reused prefix's included).
#include <QTest>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "fyr/gguf_file.h"
#include "fyr/inference_context.h"
#include "fyr/model.h"
#include "fyr/paged_kv_cache.h"
#include "fyr/runtime.h"
#include "fyr/sampler.h"
#include "fyr/generation.h"
#include "fyr/reference_forward.h"
#include "fyr/tokenizer.h"

namespace {

QString modelPath(const char* name) {
    return QStringLiteral(FYR_SHARED_DIR "/models/") + QLatin1String(name);
}

struct Loaded {
    std::unique_ptr<fyr::GgufFile> file;
    std::unique_ptr<fyr::Model> model;
};

Loaded load(const QString& path) {
    Loaded l;
    std::string error;
    l.file = fyr::GgufFile::open(path.toStdString(), &error);
    if (l.file) l.model = fyr::Model::load(*l.file, &error);
    return l;
}

// Greedy tokens from a single-sequence context: the oracle.
std::vector<int32_t> solo(const fyr::Model& m, const std::vector<int32_t>& prompt, int32_t n, std::vector<float>* first = nullptr) {
    fyr::ContextParams p;
    p.n_ctx = 512;
    p.n_threads = 2;
    auto ctx = fyr::create_context(m, p);
    fyr::Sampler sampler(fyr::SamplerParams::greedy(), m.hparams().n_vocab);
    std::string error;
    std::vector<float> logits = ctx->eval(prompt, false, &error);
    if (first) *first = logits;
    std::vector<int32_t> out;
    for (int32_t i = 0; i < n && !logits.empty(); ++i) {
        const int32_t id = sampler.sample(logits.data());
        out.push_back(id);
        if (i + 1 < n) logits = ctx->eval({id}, false, &error);
    }
    return out;
}

std::vector<int32_t> randomPrompt(std::mt19937& rng, int32_t n, int32_t n_vocab) {
    std::uniform_int_distribution<int32_t> id(3, n_vocab - 1);
    std::vector<int32_t> v(static_cast<size_t>(n));
    for (auto& t : v) t = id(rng);
    return v;
}

// Collects results on the scheduler thread; the test waits for them.
struct Collector {
    std::mutex mutex;
    std::condition_variable cv;
    std::map<uint64_t, fyr::RequestResult> results;
    std::vector<uint64_t> order;

    std::function<void(const fyr::RequestResult&)> sink() {
        return [this](const fyr::RequestResult& r) {
            std::lock_guard lock(mutex);
            results[r.id] = r;
            order.push_back(r.id);
            cv.notify_all();
        };
    }
    bool wait(size_t n, int seconds = 120) {
        std::unique_lock lock(mutex);
        return cv.wait_for(lock, std::chrono::seconds(seconds), [&] { return results.size() >= n; });
    }
    fyr::RequestResult get(uint64_t id) {
        std::lock_guard lock(mutex);
        return results[id];
    }
};

// Holds a callback on the scheduler thread until released (and always on
// destruction, so a failed check cannot leave the scheduler stuck).
struct Gate {
    std::atomic<bool> open{false};
    std::atomic<int> entered{0};
    void hold() {
        ++entered;
        while (!open.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    struct Opener {
        Gate& g;
        ~Opener() { g.open = true; }
    };
};

// Loads a shared model into `var`, or skips the test saying which file is missing.
#define LOAD_OR_SKIP(var, file)                                                                        \
    const QString var##Path = modelPath(file);                                                         \
    if (!QFile::exists(var##Path)) QSKIP(qPrintable(QStringLiteral("SKIP : %1 is missing").arg(var##Path))); \
    Loaded var = load(var##Path);                                                                      \
    QVERIFY(var.model)

// Bytes of K and V one cache block of `block_tokens` positions takes over all
// layers, from the model's dims (not PagedKvCache's own formula, which it checks).
int64_t kvBlockBytes(const fyr::Model& m, int32_t block_tokens, fyr::KvType type = fyr::KvType::F16) {
    const fyr::ModelHParams& hp = m.hparams();
    const int64_t values = int64_t(hp.n_head_kv) * hp.n_embd_head;  // one position's K (or V) in one layer
    const int64_t rowBytes = type == fyr::KvType::Q8_0 ? values / 32 * (2 + 32) : values * 2;
    return 2 * int64_t(hp.n_layer) * rowBytes * block_tokens;
}

// The rule RequestMetrics::kv_peak_bytes states for a request that did not speculate.
int64_t kvPeak(const fyr::Model& m, int32_t block_tokens, int32_t prompt, int32_t generated,
               fyr::KvType type = fyr::KvType::F16) {
    const int32_t positions = prompt + generated - 1;  // the last generated token is never fed back
    return int64_t((positions + block_tokens - 1) / block_tokens) * kvBlockBytes(m, block_tokens, type);
}

fyr::Request greedy(std::vector<int32_t> prompt, int32_t n, Collector& c) {
    fyr::Request r;
    r.prompt = std::move(prompt);
    r.max_tokens = n;
    r.on_done = c.sink();
    return r;
}

// A request whose every token waits at the gate: it keeps the scheduler busy
// while a test lines up what comes next.
fyr::Request held(Gate& gate, fyr::Request r) {
    r.on_token = [&gate](int32_t) {
        gate.hold();
        return true;
    };
    return r;
}

}  // namespace

class TestRuntime : public QObject {
    Q_OBJECT
private slots:
    void concurrentGreedyRequestsMatchSolo_data() {
        QTest::addColumn<QString>("name");
        for (const char* n : {"stories260K.gguf", "tiny-llama-spm512-q4_0.gguf", "tiny-llama-spm512-q8_0.gguf",
                              "tiny-qwen2-f32.gguf"}) {
            QTest::newRow(n) << QString::fromLatin1(n);
        }
    }
    void concurrentGreedyRequestsMatchSolo() {
        QFETCH(QString, name);
        const QString path = modelPath(name.toLatin1().constData());
        if (!QFile::exists(path)) QSKIP(qPrintable(QStringLiteral("SKIP : %1 is missing").arg(path)));
        Loaded l = load(path);
        QVERIFY(l.model);
        const int32_t n_vocab = l.model->hparams().n_vocab;

        std::mt19937 rng(11);
        struct Case {
            std::vector<int32_t> prompt;
            int32_t n;
        };
        std::vector<Case> cases;
        for (int32_t len : {1, 5, 17, 33, 64, 90, 8}) cases.push_back({randomPrompt(rng, len, n_vocab), 6 + len % 29});

        fyr::RuntimeParams p;
        p.n_threads = 2;
        p.block_tokens = 8;   // several blocks per sequence
        p.step_tokens = 16;   // prompts in chunks, decoders sharing steps with them
        p.max_running = 8;
        p.max_seq_len = 256;
        Collector c;
        std::atomic<int> tokens_seen{0};
        std::vector<uint64_t> ids;
        {
            fyr::Runtime rt(*l.model, p);
            for (size_t i = 0; i < 3; ++i) {
                fyr::Request r = greedy(cases[i].prompt, cases[i].n, c);
                r.on_token = [&](int32_t) {
                    ++tokens_seen;
                    return true;
                };
                const fyr::Submission s = rt.submit(std::move(r));
                QVERIFY2(s.accepted(), s.reason.c_str());
                ids.push_back(s.id);
            }
            // The rest join while the first ones are decoding.
            QTRY_VERIFY_WITH_TIMEOUT(tokens_seen.load() >= 3, 60000);
            for (size_t i = 3; i < cases.size(); ++i) {
                const fyr::Submission s = rt.submit(greedy(cases[i].prompt, cases[i].n, c));
                QVERIFY2(s.accepted(), s.reason.c_str());
                ids.push_back(s.id);
            }
            QVERIFY(c.wait(cases.size()));
            QTRY_COMPARE_WITH_TIMEOUT(rt.stats().kv_blocks_used, 0, 10000);
        }
        for (size_t i = 0; i < cases.size(); ++i) {
            const fyr::RequestResult r = c.get(ids[i]);
            QCOMPARE(QString::fromStdString(r.finish_reason), QStringLiteral("length"));
            const std::vector<int32_t> want = solo(*l.model, cases[i].prompt, cases[i].n);
            QVERIFY2(r.tokens == want, qPrintable(QStringLiteral("request %1 (prompt %2 tokens) differs from its solo run")
                                                       .arg(i)
                                                       .arg(cases[i].prompt.size())));
            QCOMPARE(r.metrics.prompt_tokens, int32_t(cases[i].prompt.size()));
            QCOMPARE(r.metrics.gen_tokens, cases[i].n);
            QVERIFY(r.metrics.ttft_ms > 0 && r.metrics.e2e_ms >= r.metrics.ttft_ms);
            QCOMPARE(r.record.context_limit, 256);
        }
    }

    void cachedPrefixIsNotRecomputed() {
        LOAD_OR_SKIP(l, "stories260K.gguf");
        std::mt19937 rng(5);
        const std::vector<int32_t> prefix = randomPrompt(rng, 256, l.model->hparams().n_vocab);
        std::vector<int32_t> a = prefix, b = prefix;
        for (int32_t t : randomPrompt(rng, 10, l.model->hparams().n_vocab)) a.push_back(t);
        for (int32_t t : randomPrompt(rng, 7, l.model->hparams().n_vocab)) b.push_back(t);

        fyr::RuntimeParams p;
        p.n_threads = 2;
        p.block_tokens = 32;
        p.max_seq_len = 512;
        fyr::Runtime rt(*l.model, p);
        Collector c;
        const uint64_t ia = rt.submit(greedy(a, 4, c)).id;
        QVERIFY(c.wait(1));
        fyr::Request rb = greedy(b, 5, c);
        rb.keep_first_logits = true;
        const uint64_t ib = rt.submit(std::move(rb)).id;
        QVERIFY(c.wait(2));
        const fyr::RequestResult ra = c.get(ia), res = c.get(ib);
        QCOMPARE(ra.metrics.reused_prefix_tokens, 0);
        QCOMPARE(res.metrics.reused_prefix_tokens, 256);
        // Only the 7 new prompt tokens and the generated ones fed back (all but the last).
        QCOMPARE(res.metrics.computed_tokens, 7 + 5 - 1);

        std::vector<float> cold;
        QCOMPARE(res.tokens, solo(*l.model, b, 5, &cold));
        QCOMPARE(res.first_logits.size(), cold.size());
        double maxErr = 0;
        for (size_t i = 0; i < cold.size(); ++i) maxErr = std::max(maxErr, double(std::abs(res.first_logits[i] - cold[i])));
        QVERIFY2(maxErr < 1e-4, qPrintable(QStringLiteral("logits differ from a cold run by %1").arg(maxErr)));
    }

    // kv_peak_bytes: whole blocks over the positions the cache held, K and V of
    // every layer; a request that reuses a cached prefix still held those blocks.
    void kvPeakBytesCountsTheBlocksHeld() {
        LOAD_OR_SKIP(l, "stories260K.gguf");
        const fyr::ModelHParams& hp = l.model->hparams();
        // stories260K: 5 layers, 4 KV heads of 8 values; 32 positions of f16 K and V take
        // 2 × 5 × 4 × 8 × 32 × 2 = 20480 bytes.
        QCOMPARE(hp.n_layer, 5);
        QCOMPARE(hp.n_embd_kv(), 32);
        QCOMPARE(kvBlockBytes(*l.model, 32), int64_t(20480));
        QCOMPARE(kvBlockBytes(*l.model, 32),
                 int64_t(fyr::PagedKvCache::block_bytes(hp.n_layer, hp.n_embd_kv(), 32)));
        std::mt19937 rng(29);
        const std::vector<int32_t> prefix = randomPrompt(rng, 64, hp.n_vocab);  // two full blocks
        std::vector<int32_t> a = prefix, b = prefix;
        for (int32_t t : randomPrompt(rng, 20, hp.n_vocab)) a.push_back(t);
        for (int32_t t : randomPrompt(rng, 7, hp.n_vocab)) b.push_back(t);

        fyr::RuntimeParams p;
        p.n_threads = 2;
        p.block_tokens = 32;
        p.max_seq_len = 256;
        fyr::Runtime rt(*l.model, p);
        Collector c;
        // 84 + 13 - 1 = 96 positions: exactly 3 blocks (one more generated token would take a 4th).
        const uint64_t ia = rt.submit(greedy(a, 13, c)).id;
        QVERIFY(c.wait(1));
        const uint64_t ib = rt.submit(greedy(b, 5, c)).id;  // 71 + 5 - 1 = 75 positions: 3 blocks
        QVERIFY(c.wait(2));
        const fyr::RequestResult ra = c.get(ia), rb = c.get(ib);
        QCOMPARE(ra.metrics.gen_tokens, 13);
        QCOMPARE(ra.metrics.kv_peak_bytes, kvPeak(*l.model, 32, 84, 13));
        QCOMPARE(ra.metrics.kv_peak_bytes, 3 * kvBlockBytes(*l.model, 32));
        // b's first two blocks were a's: they count, as b read them.
        QCOMPARE(rb.metrics.reused_prefix_tokens, 64);
        QCOMPARE(rb.metrics.kv_peak_bytes, kvPeak(*l.model, 32, 71, 5));
        QCOMPARE(rb.metrics.kv_peak_bytes, 3 * kvBlockBytes(*l.model, 32));
    }

    // Requests arriving together with a common system prompt: the first computes
    // it, the others wait a step or two and take it from the cache.
    void simultaneousRequestsShareAPrefixBeingComputed() {
        LOAD_OR_SKIP(l, "stories260K.gguf");
        const int32_t n_vocab = l.model->hparams().n_vocab;
        std::mt19937 rng(17);
        const std::vector<int32_t> prefix = randomPrompt(rng, 128, n_vocab);
        fyr::RuntimeParams p;
        p.n_threads = 2;
        p.block_tokens = 32;
        p.step_tokens = 64;  // the prefix takes two steps
        p.max_seq_len = 256;
        Collector c;
        std::vector<std::vector<int32_t>> prompts;
        std::vector<uint64_t> ids;
        {
            fyr::Runtime rt(*l.model, p);
            for (int i = 0; i < 4; ++i) {
                std::vector<int32_t> pr = prefix;
                for (int32_t t : randomPrompt(rng, 5 + i, n_vocab)) pr.push_back(t);
                prompts.push_back(pr);
                ids.push_back(rt.submit(greedy(pr, 6, c)).id);
            }
            QVERIFY(c.wait(4));
        }
        int32_t reused = 0;
        for (size_t i = 0; i < ids.size(); ++i) {
            const fyr::RequestResult r = c.get(ids[i]);
            QCOMPARE(r.tokens, solo(*l.model, prompts[i], 6));
            reused += r.metrics.reused_prefix_tokens;
        }
        QCOMPARE(reused, 3 * 128);
    }

    // A Q8_0 KV cache: batching still changes nothing, the logits stay close to
    // the F16 cache's, and the same budget holds about twice the blocks.
    void q8_0KvCache() {
        LOAD_OR_SKIP(l, "tiny-llama-spm512-q8_0.gguf");
        const int32_t n_vocab = l.model->hparams().n_vocab;
        std::mt19937 rng(19);
        std::vector<std::vector<int32_t>> prompts;
        for (int32_t len : {40, 9, 70}) prompts.push_back(randomPrompt(rng, len, n_vocab));

        auto run = [&](fyr::KvType type, bool together, std::vector<fyr::RequestResult>* out) -> int32_t {
            fyr::RuntimeParams p;
            p.n_threads = 2;
            p.block_tokens = 32;
            p.step_tokens = 24;
            p.max_seq_len = 128;
            p.kv_type = type;
            p.kv_budget_bytes = 1 << 20;
            Collector c;
            fyr::Runtime rt(*l.model, p);
            std::vector<uint64_t> ids;
            for (const auto& pr : prompts) {
                fyr::Request r = greedy(pr, 12, c);
                r.keep_first_logits = true;
                ids.push_back(rt.submit(std::move(r)).id);
                if (!together && !c.wait(ids.size())) return -1;
            }
            if (!c.wait(ids.size())) return -1;
            for (uint64_t id : ids) out->push_back(c.get(id));
            return rt.stats().kv_blocks_total;
        };
        std::vector<fyr::RequestResult> q8Alone, q8Together, f16;
        const int32_t q8Blocks = run(fyr::KvType::Q8_0, false, &q8Alone);
        run(fyr::KvType::Q8_0, true, &q8Together);
        const int32_t f16Blocks = run(fyr::KvType::F16, true, &f16);
        QVERIFY(q8Blocks > 0 && f16Blocks > 0 && q8Together.size() == prompts.size());
        QVERIFY2(q8Blocks >= f16Blocks * 18 / 10, qPrintable(QStringLiteral("%1 vs %2").arg(q8Blocks).arg(f16Blocks)));
        for (size_t i = 0; i < prompts.size(); ++i) {
            QCOMPARE(q8Together[i].tokens, q8Alone[i].tokens);
            // Its KV memory is q8_0's: 34 bytes per 32 values instead of 64.
            const int32_t n_prompt = int32_t(prompts[i].size());
            QCOMPARE(q8Alone[i].metrics.kv_peak_bytes, kvPeak(*l.model, 32, n_prompt, 12, fyr::KvType::Q8_0));
            QCOMPARE(f16[i].metrics.kv_peak_bytes, kvPeak(*l.model, 32, n_prompt, 12));
            double maxErr = 0, maxAbs = 0;
            for (size_t v = 0; v < f16[i].first_logits.size(); ++v) {
                maxErr = std::max(maxErr, double(std::abs(q8Alone[i].first_logits[v] - f16[i].first_logits[v])));
                maxAbs = std::max(maxAbs, double(std::abs(f16[i].first_logits[v])));
            }
            QVERIFY2(maxErr > 0 && maxErr < 0.05 * std::max(1.0, maxAbs),
                     qPrintable(QStringLiteral("prompt %1: q8_0 vs f16 cache differ by %2 (|logit| up to %3)")
                                    .arg(i)
                                    .arg(maxErr)
                                    .arg(maxAbs)));
        }
    }

    void cancellingReturnsEveryBlock() {
        LOAD_OR_SKIP(l, "stories260K.gguf");
        std::mt19937 rng(9);
        fyr::RuntimeParams p;
        p.n_threads = 2;
        p.block_tokens = 16;
        p.step_tokens = 8;  // a 300-token prompt takes many steps
        p.max_seq_len = 512;
        p.prefix_cache = false;  // every block must come back to the free list
        struct Observer : fyr::RuntimeObserver {
            Gate gate;
            std::atomic<int> last_used{0};
            void on_step(const fyr::StepStats& st) override {
                if (st.prefill_tokens > 0 && st.kv_blocks_used > 2 && !gate.open.load()) {
                    last_used = st.kv_blocks_used;
                    gate.hold();
                }
            }
        } obs;
        fyr::Runtime rt(*l.model, p, &obs);
        Gate::Opener opener{obs.gate};
        const int32_t total = rt.stats().kv_blocks_total;
        Collector c;

        // Mid-prefill, from another thread, while the scheduler is held after a prompt step.
        const uint64_t a = rt.submit(greedy(randomPrompt(rng, 300, l.model->hparams().n_vocab), 50, c)).id;
        QTRY_VERIFY_WITH_TIMEOUT(obs.gate.entered.load() > 0, 30000);
        QVERIFY(obs.last_used > 2);
        QVERIFY(rt.cancel(a));
        obs.gate.open = true;
        QVERIFY(c.wait(1));
        QCOMPARE(QString::fromStdString(c.get(a).finish_reason), QStringLiteral("cancelled"));
        QVERIFY(c.get(a).tokens.empty());
        QTRY_COMPARE_WITH_TIMEOUT(rt.stats().kv_blocks_used, 0, 10000);
        QVERIFY(!rt.cancel(a));  // already finished

        // Mid-decode, by the token callback.
        fyr::Request r = greedy(randomPrompt(rng, 20, l.model->hparams().n_vocab), 100, c);
        int seen = 0;
        r.on_token = [&seen](int32_t) { return ++seen < 3; };
        const uint64_t b = rt.submit(std::move(r)).id;
        QVERIFY(c.wait(2));
        QCOMPARE(QString::fromStdString(c.get(b).finish_reason), QStringLiteral("cancelled"));
        QCOMPARE(c.get(b).tokens.size(), size_t(3));
        QTRY_COMPARE_WITH_TIMEOUT(rt.stats().kv_blocks_used, 0, 10000);
        QCOMPARE(rt.stats().kv_blocks_total, total);
    }

    void rejectsWithAReason() {
        LOAD_OR_SKIP(l, "stories260K.gguf");
        const int32_t n_vocab = l.model->hparams().n_vocab;
        std::mt19937 rng(3);
        fyr::RuntimeParams p;
        p.n_threads = 1;
        p.max_running = 1;
        p.queue_capacity = 2;
        p.block_tokens = 16;
        p.max_seq_len = 128;
        p.kv_budget_bytes = fyr::PagedKvCache::block_bytes(l.model->hparams().n_layer, l.model->hparams().n_embd_kv(), 16) * 6;
        Collector c;
        Gate gate;
        fyr::Runtime rt(*l.model, p);
        Gate::Opener opener{gate};

        fyr::Submission s = rt.submit(greedy({}, 4, c));
        QVERIFY(!s.accepted());
        QVERIFY2(QString::fromStdString(s.reason).contains(QStringLiteral("empty")), s.reason.c_str());
        s = rt.submit(greedy({1, n_vocab + 5}, 4, c));
        QVERIFY2(QString::fromStdString(s.reason).contains(QStringLiteral("outside the vocabulary")), s.reason.c_str());
        QCOMPARE(s.retry_after_ms, -1);
        s = rt.submit(greedy(randomPrompt(rng, 128, n_vocab), 4, c));
        QVERIFY2(QString::fromStdString(s.reason).contains(QStringLiteral("context limit")), s.reason.c_str());
        s = rt.submit(greedy(randomPrompt(rng, 90, n_vocab), 30, c));  // 120 positions: 8 blocks > 6
        QVERIFY2(QString::fromStdString(s.reason).contains(QStringLiteral("KV budget holds 6")), s.reason.c_str());
        QCOMPARE(s.retry_after_ms, -1);

        // One running, two waiting: the fourth is turned away, with a time to retry.
        fyr::Request first = held(gate, greedy(randomPrompt(rng, 4, n_vocab), 60, c));
        QVERIFY(rt.submit(std::move(first)).accepted());
        QTRY_VERIFY_WITH_TIMEOUT(gate.entered.load() > 0, 10000);
        QVERIFY(rt.submit(greedy(randomPrompt(rng, 4, n_vocab), 2, c)).accepted());
        QVERIFY(rt.submit(greedy(randomPrompt(rng, 4, n_vocab), 2, c)).accepted());
        s = rt.submit(greedy(randomPrompt(rng, 4, n_vocab), 2, c));
        QVERIFY(!s.accepted());
        QVERIFY2(QString::fromStdString(s.reason).contains(QStringLiteral("queue is full")), s.reason.c_str());
        QVERIFY(s.retry_after_ms >= 0);
        gate.open = true;
        QVERIFY(c.wait(3));
    }

    void preemptionChangesNoToken() {
        LOAD_OR_SKIP(l, "tiny-llama-spm512-q4_0.gguf");
        const int32_t n_vocab = l.model->hparams().n_vocab;
        std::mt19937 rng(21);
        fyr::RuntimeParams p;
        p.n_threads = 2;
        p.block_tokens = 8;
        p.step_tokens = 32;
        p.max_seq_len = 128;
        // 12 blocks: each request needs 10 by its end, so three at once cannot all fit.
        p.kv_budget_bytes = fyr::PagedKvCache::block_bytes(l.model->hparams().n_layer, l.model->hparams().n_embd_kv(), 8) * 12;
        struct Observer : fyr::RuntimeObserver {
            std::atomic<int> preempted{0};
            void on_event(const fyr::RuntimeEvent& e) override {
                if (e.kind == "preempted") ++preempted;
            }
        } obs;
        Collector c;
        std::vector<std::vector<int32_t>> prompts;
        std::vector<uint64_t> ids;
        {
            fyr::Runtime rt(*l.model, p, &obs);
            for (int i = 0; i < 3; ++i) {
                prompts.push_back(randomPrompt(rng, 12 + 3 * i, n_vocab));
                fyr::Request r = greedy(prompts.back(), 60, c);
                r.priority = i == 0 ? fyr::Priority::Interactive : fyr::Priority::Batch;
                ids.push_back(rt.submit(std::move(r)).id);
            }
            QVERIFY(c.wait(3, 300));
        }
        QVERIFY(obs.preempted.load() > 0);
        int preemptions = 0;
        for (size_t i = 0; i < ids.size(); ++i) {
            const fyr::RequestResult r = c.get(ids[i]);
            QCOMPARE(QString::fromStdString(r.finish_reason), QStringLiteral("length"));
            QVERIFY2(r.tokens == solo(*l.model, prompts[i], 60), qPrintable(QStringLiteral("request %1").arg(i)));
            preemptions += r.metrics.preemptions;
            // Recomputed after pre-emption or not, it ended holding all its positions.
            QCOMPARE(r.metrics.kv_peak_bytes, kvPeak(*l.model, 8, int32_t(prompts[i].size()), 60));
        }
        QVERIFY(preemptions > 0);
        QCOMPARE(c.get(ids[0]).metrics.preemptions, 0);  // the interactive one keeps its place
    }

    void priorityOrdersAdmission() {
        LOAD_OR_SKIP(l, "stories260K.gguf");
        std::mt19937 rng(4);
        fyr::RuntimeParams p;
        p.n_threads = 1;
        p.max_running = 1;
        Collector c;
        Gate gate;
        fyr::Runtime rt(*l.model, p);
        Gate::Opener opener{gate};
        fyr::Request hold = held(gate, greedy(randomPrompt(rng, 4, 512), 3, c));
        const uint64_t h = rt.submit(std::move(hold)).id;
        QTRY_VERIFY_WITH_TIMEOUT(gate.entered.load() > 0, 10000);
        fyr::Request batch = greedy(randomPrompt(rng, 4, 512), 2, c);
        batch.priority = fyr::Priority::Batch;
        fyr::Request normal = greedy(randomPrompt(rng, 4, 512), 2, c);
        fyr::Request inter = greedy(randomPrompt(rng, 4, 512), 2, c);
        inter.priority = fyr::Priority::Interactive;
        const uint64_t b = rt.submit(std::move(batch)).id;
        const uint64_t n = rt.submit(std::move(normal)).id;
        const uint64_t i = rt.submit(std::move(inter)).id;
        gate.open = true;
        QVERIFY(c.wait(4));
        std::lock_guard lock(c.mutex);
        QCOMPARE(c.order, (std::vector<uint64_t>{h, i, n, b}));
    }

    void overflowPoliciesShortenThePrompt() {
        LOAD_OR_SKIP(l, "tiny-llama-spm512-f32.gguf");
        std::mt19937 rng(31);
        // System prompt of 10 tokens, then turns of 30, 25, 20 and 15 tokens: 100 in all.
        std::vector<int32_t> prompt = randomPrompt(rng, 100, l.model->hparams().n_vocab);
        const std::vector<int32_t> starts{10, 40, 65, 85};
        fyr::RuntimeParams p;
        p.n_threads = 2;
        p.block_tokens = 8;
        p.max_seq_len = 72;
        fyr::Runtime rt(*l.model, p);
        Collector c;

        // Stop: refused, saying what would help.
        fyr::Request r = greedy(prompt, 8, c);
        fyr::Submission sub = rt.submit(std::move(r));
        QVERIFY(!sub.accepted());
        QVERIFY2(QString::fromStdString(sub.reason).contains(QStringLiteral("rolling-window")), sub.reason.c_str());

        // Rolling window: 72 - 8 = 64 positions: the two oldest turns (55 tokens) go.
        r = greedy(prompt, 8, c);
        r.overflow = fyr::OverflowPolicy::RollingWindow;
        r.turn_starts = starts;
        const uint64_t a = rt.submit(std::move(r)).id;
        // Truncate middle: keep the 10-token system prompt and the last 54 tokens.
        r = greedy(prompt, 8, c);
        r.overflow = fyr::OverflowPolicy::TruncateMiddle;
        r.turn_starts = starts;
        const uint64_t b = rt.submit(std::move(r)).id;
        QVERIFY(a && b);
        QVERIFY(c.wait(2));

        std::vector<int32_t> rolled(prompt.begin(), prompt.begin() + 10);
        rolled.insert(rolled.end(), prompt.begin() + 65, prompt.end());
        const fyr::RequestResult ra = c.get(a);
        QCOMPARE(ra.record.tokens_dropped, 55);
        QCOMPARE(ra.record.overflow, fyr::OverflowPolicy::RollingWindow);
        QVERIFY2(!ra.record.adjustments.empty() &&
                     QString::fromStdString(ra.record.adjustments[0]).contains(QStringLiteral("2 oldest turns")),
                 ra.record.adjustments.empty() ? "none" : ra.record.adjustments[0].c_str());
        QCOMPARE(ra.tokens, solo(*l.model, rolled, 8));

        std::vector<int32_t> cut(prompt.begin(), prompt.begin() + 10);
        cut.insert(cut.end(), prompt.end() - 54, prompt.end());
        const fyr::RequestResult rb = c.get(b);
        QCOMPARE(rb.record.tokens_dropped, 36);
        QCOMPARE(rb.tokens, solo(*l.model, cut, 8));
    }

    // Compress: the model summarizes the oldest turns; the summary takes their
    // place, and a second request with the same turns takes it from the cache.
    void compressSummarizesTheOldestTurns() {
        LOAD_OR_SKIP(l, "tiny-llama-spm512-f32.gguf");
        std::mt19937 rng(37);
        const int32_t n_vocab = l.model->hparams().n_vocab;
        const std::vector<int32_t> prompt = randomPrompt(rng, 100, n_vocab);
        const std::vector<int32_t> starts{10, 40, 65, 85};
        fyr::CompressSpec cs;
        cs.instruction_before = {1, 5, 6};
        cs.instruction_after = {7, 8};
        cs.note_before = {9};
        cs.note_after = {10};
        cs.max_summary_tokens = 6;
        struct Observer : fyr::RuntimeObserver {
            std::mutex m;
            std::vector<std::string> overflow;
            std::atomic<int> finished{0};
            void on_event(const fyr::RuntimeEvent& e) override {
                std::lock_guard lock(m);
                if (e.kind == "overflow") overflow.push_back(e.detail);
            }
            void on_request_finished(const fyr::RequestResult&) override { ++finished; }
        } obs;
        fyr::RuntimeParams p;
        p.n_threads = 2;
        p.block_tokens = 8;
        p.max_seq_len = 72;
        fyr::Runtime rt(*l.model, p, &obs);
        Collector c;
        auto request = [&] {
            fyr::Request r = greedy(prompt, 8, c);
            r.overflow = fyr::OverflowPolicy::Compress;
            r.turn_starts = starts;
            r.compress = cs;
            return r;
        };
        const uint64_t a = rt.submit(request()).id;
        QVERIFY(c.wait(1));
        const uint64_t b = rt.submit(request()).id;
        QVERIFY(c.wait(2));

        // By hand: 72 - 8 = 64 positions; with up to 6 + 2 framing tokens the two
        // oldest turns (tokens 10..64) must go.
        std::vector<int32_t> ask = cs.instruction_before;
        ask.insert(ask.end(), prompt.begin() + 10, prompt.begin() + 65);
        ask.insert(ask.end(), cs.instruction_after.begin(), cs.instruction_after.end());
        const std::vector<int32_t> summary = solo(*l.model, ask, 6);
        std::vector<int32_t> shortened(prompt.begin(), prompt.begin() + 10);
        shortened.push_back(9);
        shortened.insert(shortened.end(), summary.begin(), summary.end());
        shortened.push_back(10);
        shortened.insert(shortened.end(), prompt.begin() + 65, prompt.end());
        const std::vector<int32_t> want = solo(*l.model, shortened, 8);

        const fyr::RequestResult ra = c.get(a), rb = c.get(b);
        QCOMPARE(ra.tokens, want);
        QCOMPARE(rb.tokens, want);
        QCOMPARE(ra.record.tokens_dropped, 55);
        QVERIFY2(!ra.record.adjustments.empty() &&
                     QString::fromStdString(ra.record.adjustments[0]).contains(QStringLiteral("6-token summary")),
                 ra.record.adjustments.empty() ? "none" : ra.record.adjustments[0].c_str());
        QVERIFY2(!rb.record.adjustments.empty() &&
                     QString::fromStdString(rb.record.adjustments[0]).contains(QStringLiteral("from the cache")),
                 rb.record.adjustments.empty() ? "none" : rb.record.adjustments[0].c_str());
        QCOMPARE(obs.finished.load(), 2);  // the summary request is not reported as a request of its own
        {
            std::lock_guard lock(obs.m);
            QCOMPARE(obs.overflow.size(), size_t(2));
        }

        // Cancelled while its summary is still waiting: cancelled, nothing left behind.
        fyr::Request other = request();
        other.turn_starts = {10, 41, 65, 85};  // other turns: no cached summary
        Gate gate;
        fyr::RuntimeParams p1 = p;
        p1.max_running = 1;
        fyr::Runtime rt1(*l.model, p1);
        Gate::Opener opener{gate};
        fyr::Request hold = held(gate, greedy(randomPrompt(rng, 4, n_vocab), 2, c));
        rt1.submit(std::move(hold));
        QTRY_VERIFY_WITH_TIMEOUT(gate.entered.load() > 0, 10000);
        const uint64_t x = rt1.submit(std::move(other)).id;
        QVERIFY(rt1.cancel(x));
        gate.open = true;
        QVERIFY(c.wait(4));
        QCOMPARE(QString::fromStdString(c.get(x).finish_reason), QStringLiteral("cancelled"));
        QTRY_COMPARE_WITH_TIMEOUT(rt1.stats().queued, 0, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(rt1.stats().running, 0, 5000);
    }

    // Generation that fills the context shifts it (the head and the newer half
    // stay, the rest is recomputed) instead of stopping.
    void fullContextShiftsDuringGeneration() {
        LOAD_OR_SKIP(l, "tiny-llama-spm512-f32.gguf");
        std::mt19937 rng(41);
        const std::vector<int32_t> prompt = randomPrompt(rng, 20, l.model->hparams().n_vocab);
        fyr::RuntimeParams p;
        p.n_threads = 2;
        p.block_tokens = 8;
        p.max_seq_len = 64;
        fyr::Runtime rt(*l.model, p);
        Collector c;
        fyr::Request r = greedy(prompt, 70, c);
        r.overflow = fyr::OverflowPolicy::TruncateMiddle;
        const uint64_t a = rt.submit(std::move(r)).id;
        const uint64_t b = rt.submit(greedy(prompt, 70, c)).id;  // stop policy
        QVERIFY(c.wait(2));
        const fyr::RequestResult ra = c.get(a), rb = c.get(b);
        QCOMPARE(QString::fromStdString(rb.finish_reason), QStringLiteral("context"));
        QCOMPARE(rb.tokens.size(), size_t(64 - 20));
        QCOMPARE(QString::fromStdString(ra.finish_reason), QStringLiteral("length"));
        QCOMPARE(ra.tokens.size(), size_t(70));
        QVERIFY(ra.record.tokens_dropped > 0);
        QVERIFY(!ra.record.adjustments.empty());

        // The same by hand: greedy until 64 positions, keep token 0 and the
        // newest 31, evaluate those afresh, go on.
        fyr::ContextParams cp;
        cp.n_ctx = 64;
        cp.n_threads = 2;
        fyr::Sampler sampler(fyr::SamplerParams::greedy(), l.model->hparams().n_vocab);
        std::vector<int32_t> seq = prompt, out;
        auto ctx = fyr::create_context(*l.model, cp);
        std::string error;
        std::vector<float> logits = ctx->eval(seq, false, &error);
        while (out.size() < 70) {
            const int32_t id = sampler.sample(logits.data());
            out.push_back(id);
            seq.push_back(id);
            if (out.size() == 70) break;
            if (seq.size() >= 64) {
                std::vector<int32_t> shifted{seq.front()};
                shifted.insert(shifted.end(), seq.end() - 31, seq.end());
                seq = shifted;
                ctx->clear();
                logits = ctx->eval(seq, false, &error);
            } else {
                logits = ctx->eval({id}, false, &error);
            }
            QVERIFY2(!logits.empty(), error.c_str());
        }
        QCOMPARE(ra.tokens, out);
    }

    void deadlinesEndRequests() {
        LOAD_OR_SKIP(l, "stories260K.gguf");
        std::mt19937 rng(12);
        fyr::RuntimeParams p;
        p.n_threads = 1;
        p.max_running = 1;
        Collector c;
        Gate gate;
        fyr::Runtime rt(*l.model, p);
        Gate::Opener opener{gate};
        fyr::Request hold = held(gate, greedy(randomPrompt(rng, 4, 512), 3, c));
        rt.submit(std::move(hold));
        QTRY_VERIFY_WITH_TIMEOUT(gate.entered.load() > 0, 10000);
        fyr::Request late = greedy(randomPrompt(rng, 4, 512), 3, c);
        late.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(20);
        const uint64_t id = rt.submit(std::move(late)).id;
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
        gate.open = true;
        QVERIFY(c.wait(2));
        QCOMPARE(QString::fromStdString(c.get(id).finish_reason), QStringLiteral("deadline"));
    }

    // Two models side by side, each with its own KV budget: under load the big
    // one caps answers or sends requests to the small one, and says so.
    void degradationCapsOrFallsBack() {
        const QString big = modelPath("tiny-llama-spm512-f32.gguf"), small = modelPath("tiny-llama-spm512-q4_0.gguf");
        if (!QFile::exists(big) || !QFile::exists(small)) QSKIP("SKIP : the spm512 models are missing");
        Loaded lb = load(big), ls = load(small);
        QVERIFY(lb.model && ls.model);
        std::mt19937 rng(13);
        struct Observer : fyr::RuntimeObserver {
            std::mutex m;
            std::vector<std::string> degraded;
            void on_event(const fyr::RuntimeEvent& e) override {
                std::lock_guard lock(m);
                if (e.kind == "degraded") degraded.push_back(e.detail);
            }
        } obs;
        fyr::RuntimeParams ps;
        ps.n_threads = 1;
        ps.name = "small";
        fyr::Runtime fallback(*ls.model, ps);
        fyr::RuntimeParams pb;
        pb.n_threads = 1;
        pb.max_running = 1;
        pb.name = "big";
        fyr::DegradationRule cap;
        cap.when = fyr::DegradationRule::When::QueueWaitMs;
        cap.threshold = 30;
        cap.action = fyr::DegradationRule::Action::CapMaxTokens;
        cap.cap_max_tokens = 4;
        fyr::DegradationRule route;
        route.when = fyr::DegradationRule::When::QueueWaitMs;
        route.threshold = 200;
        route.action = fyr::DegradationRule::Action::Fallback;
        pb.degradation = {cap, route};
        Collector c;
        Gate gate;
        fyr::Runtime rt(*lb.model, pb, &obs);
        Gate::Opener opener{gate};
        rt.set_fallback(&fallback);

        fyr::Request hold = held(gate, greedy(randomPrompt(rng, 4, 512), 2, c));
        rt.submit(std::move(hold));
        QTRY_VERIFY_WITH_TIMEOUT(gate.entered.load() > 0, 10000);
        const std::vector<int32_t> queuedPrompt = randomPrompt(rng, 6, 512);
        const uint64_t queued = rt.submit(greedy(queuedPrompt, 20, c)).id;  // waits behind the held one
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        const std::vector<int32_t> routedPrompt = randomPrompt(rng, 6, 512);
        const uint64_t routed = rt.submit(greedy(routedPrompt, 5, c)).id;  // the queue has waited > 200 ms
        QVERIFY(routed != 0 && routed != queued);
        gate.open = true;
        QVERIFY(c.wait(3));

        const fyr::RequestResult q = c.get(queued), f = c.get(routed);
        QCOMPARE(q.tokens.size(), size_t(4));
        QCOMPARE(q.record.max_tokens, 4);
        QCOMPARE(q.record.model, std::string("big"));
        QVERIFY(!q.record.adjustments.empty());
        QCOMPARE(f.record.model, std::string("small"));
        // Rules apply in order: capped (the queue waited > 30 ms), then routed (> 200 ms).
        QCOMPARE(f.record.adjustments.size(), size_t(2));
        QVERIFY2(QString::fromStdString(f.record.adjustments[0]).contains(QStringLiteral("capped from 5 to 4")),
                 f.record.adjustments[0].c_str());
        QVERIFY2(QString::fromStdString(f.record.adjustments[1]).contains(QStringLiteral("to the fallback small")),
                 f.record.adjustments[1].c_str());
        QCOMPARE(f.tokens, solo(*ls.model, routedPrompt, 4));
        // Cancelling through the first runtime reaches the fallback's requests (finished here: false).
        QVERIFY(!rt.cancel(routed));
        std::lock_guard lock(obs.m);
        QCOMPARE(obs.degraded.size(), size_t(3));
    }

    // A draft model in the runtime: every decoding sequence speculates, and the
    // tokens are still exactly the target's (greedy against solo runs, seeded
    // sampling against the same runtime without a draft).
    void speculativeDecodingInTheRuntime() {
        LOAD_OR_SKIP(lt, "tiny-llama-spm512-f32.gguf");
        const int32_t n_vocab = lt.model->hparams().n_vocab;
        for (const char* draftName : {"tiny-llama-spm512-q8_0.gguf", "tiny-llama-spm512-q4_0.gguf"}) {
            const QString dp = modelPath(draftName);
            if (!QFile::exists(dp)) QSKIP(qPrintable(QStringLiteral("SKIP : %1 is missing").arg(dp)));
            Loaded ld = load(dp);
            QVERIFY(ld.model);
            std::mt19937 rng(23);
            std::vector<std::vector<int32_t>> prompts;
            for (int32_t len : {12, 40, 3, 25}) prompts.push_back(randomPrompt(rng, len, n_vocab));
            fyr::SamplerParams sampled;
            sampled.temperature = 0.8f;
            sampled.seed = 7;

            auto run = [&](const fyr::Model* draft, const fyr::SamplerParams& sp, std::vector<fyr::RequestResult>* out,
                           size_t draft_budget = 0) {
                fyr::RuntimeParams p;
                p.n_threads = 2;
                p.block_tokens = 8;
                p.step_tokens = 32;
                p.max_seq_len = 128;
                p.draft = draft;
                p.draft_max = 5;
                p.draft_kv_budget_bytes = draft_budget;
                Collector c;
                fyr::Runtime rt(*lt.model, p);
                std::vector<uint64_t> ids;
                for (size_t i = 0; i < prompts.size(); ++i) {
                    fyr::Request r = greedy(prompts[i], 30 + int32_t(i), c);
                    r.sampling = sp;
                    ids.push_back(rt.submit(std::move(r)).id);
                }
                if (!c.wait(ids.size())) return false;
                for (uint64_t id : ids) out->push_back(c.get(id));
                return true;
            };
            std::vector<fyr::RequestResult> spec, specSampled, plainSampled;
            QVERIFY(run(ld.model.get(), fyr::SamplerParams::greedy(), &spec));
            QVERIFY(run(ld.model.get(), sampled, &specSampled));
            QVERIFY(run(nullptr, sampled, &plainSampled));
            // A draft cache too small for everyone: some sequences stop speculating, nothing else changes.
            std::vector<fyr::RequestResult> starved;
            const size_t oneBlock = fyr::PagedKvCache::block_bytes(ld.model->hparams().n_layer,
                                                                   ld.model->hparams().n_embd_kv(), 8);
            QVERIFY(run(ld.model.get(), fyr::SamplerParams::greedy(), &starved, 3 * oneBlock));
            for (size_t i = 0; i < prompts.size(); ++i) QCOMPARE(starved[i].tokens, spec[i].tokens);
            int32_t proposed = 0, accepted = 0;
            for (size_t i = 0; i < prompts.size(); ++i) {
                QVERIFY2(spec[i].tokens == solo(*lt.model, prompts[i], 30 + int32_t(i)),
                         qPrintable(QStringLiteral("%1: request %2").arg(QLatin1String(draftName)).arg(i)));
                QVERIFY2(specSampled[i].tokens == plainSampled[i].tokens,
                         qPrintable(QStringLiteral("%1: sampled request %2").arg(QLatin1String(draftName)).arg(i)));
                // The target's blocks (proposals reserve some ahead) and the draft's too.
                const int32_t n_gen = 30 + int32_t(i);
                QVERIFY(spec[i].metrics.kv_peak_bytes >=
                        kvPeak(*lt.model, 8, int32_t(prompts[i].size()), n_gen) + kvBlockBytes(*ld.model, 8));
                QCOMPARE(plainSampled[i].metrics.kv_peak_bytes,
                         kvPeak(*lt.model, 8, int32_t(prompts[i].size()), int32_t(plainSampled[i].tokens.size())));
                proposed += spec[i].metrics.draft_tokens;
                accepted += spec[i].metrics.draft_accepted;
                QVERIFY(spec[i].metrics.draft_accepted <= spec[i].metrics.draft_tokens);
            }
            QVERIFY(proposed > 0);
            QVERIFY(accepted > 0);
            qInfo("%s: %d of %d proposed tokens accepted", draftName, accepted, proposed);
        }
    }

    // Stop strings and streamed text, several requests at once: each request's
    // text, stop and finish reason are those of the single-sequence generation
    // loop; a tail that may start a stop string is never shown; without a
    // tokenizer such requests are rejected.
    void stopStringsAndTextMatchTheGenerationLoop() {
        LOAD_OR_SKIP(m, "stories260K.gguf");
        std::string error;
        const auto tokenizer = fyr::Tokenizer::from_gguf(*m.file, &error);
        QVERIFY2(tokenizer, error.c_str());
        struct Case {
            const char* prompt;
            std::vector<std::string> stop;
            int32_t n;
        };
        const std::vector<Case> cases{{"Once upon a time", {"Lily."}, 40},
                                      {"Once upon a time", {}, 24},
                                      {"The dog", {"zzz-never"}, 20},
                                      {"One day, a little", {"park", "."}, 40},
                                      {"Tom and", {"\n", " the"}, 40}};
        fyr::RuntimeParams p;
        p.n_threads = 2;
        p.block_tokens = 8;
        p.max_seq_len = 256;
        {
            fyr::Runtime bare(*m.model, p);
            fyr::Request r;
            r.prompt = tokenizer->encode_prompt("Hello", true, false);
            r.stop = {"x"};
            const fyr::Submission s = bare.submit(std::move(r));
            QVERIFY(!s.accepted());
            QVERIFY2(s.reason.find("tokenizer") != std::string::npos, s.reason.c_str());
        }
        p.tokenizer = tokenizer.get();
        Collector c;
        std::mutex streamed_mutex;
        std::map<size_t, std::string> streamed;
        std::vector<uint64_t> ids;
        {
            fyr::Runtime rt(*m.model, p);
            for (size_t i = 0; i < cases.size(); ++i) {
                fyr::Request r = greedy(tokenizer->encode_prompt(cases[i].prompt, true, false), cases[i].n, c);
                r.stop = cases[i].stop;
                r.end_tokens = tokenizer->vocab().eog_ids();
                r.on_text = [&, i](std::string_view piece) {
                    std::lock_guard lock(streamed_mutex);
                    streamed[i] += piece;
                    return true;
                };
                const fyr::Submission s = rt.submit(std::move(r));
                QVERIFY2(s.accepted(), s.reason.c_str());
                ids.push_back(s.id);
            }
            QVERIFY(c.wait(cases.size()));
        }
        for (size_t i = 0; i < cases.size(); ++i) {
            fyr::ReferenceContext ctx(*m.model, 256);
            fyr::Sampler sampler(fyr::SamplerParams::greedy(), tokenizer->n_vocab());
            fyr::GenerationOptions opts;
            opts.n_predict = cases[i].n;
            opts.stop = cases[i].stop;
            const fyr::GenerationResult want = fyr::generate(
                ctx, *tokenizer, sampler, tokenizer->encode_prompt(cases[i].prompt, true, false), opts, {});
            const fyr::RequestResult got = c.get(ids[i]);
            const QString label = QString::fromLatin1(cases[i].prompt);
            QVERIFY2(got.text == want.text, qPrintable(label + QStringLiteral(": \"") + QString::fromStdString(got.text) +
                                                       QStringLiteral("\" != \"") + QString::fromStdString(want.text) +
                                                       QStringLiteral("\"")));
            QCOMPARE(QString::fromStdString(got.finish_reason), QString::fromStdString(want.finish_reason));
            QCOMPARE(streamed[i], got.text);
        }
        QCOMPARE(QString::fromStdString(c.get(ids[0]).finish_reason), QStringLiteral("stop"));
        QCOMPARE(QString::fromStdString(c.get(ids[0]).text), QStringLiteral(", there was a little girl named "));
        QCOMPARE(QString::fromStdString(c.get(ids[2]).finish_reason), QStringLiteral("length"));
    }

    void shutdownCancelsWhatIsLeft() {
        LOAD_OR_SKIP(l, "stories260K.gguf");
        std::mt19937 rng(8);
        Collector c;
        {
            fyr::RuntimeParams p;
            p.n_threads = 2;
            p.max_running = 2;
            fyr::Runtime rt(*l.model, p);
            for (int k = 0; k < 5; ++k) QVERIFY(rt.submit(greedy(randomPrompt(rng, 30, 512), 400, c)).accepted());
        }
        QVERIFY(c.wait(5, 5));
        std::lock_guard lock(c.mutex);
        for (const auto& [id, r] : c.results) QCOMPARE(QString::fromStdString(r.finish_reason), QStringLiteral("cancelled"));
    }
};

QTEST_APPLESS_MAIN(TestRuntime)
#include "tst_runtime.moc"
