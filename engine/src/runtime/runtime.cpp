#include "fyr/runtime.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <stdexcept>
#include <utility>

#include "../model/cpu_forward.h"
#include "fyr/model.h"
#include "fyr/paged_kv_cache.h"
#include "fyr/text_stream.h"

namespace fyr {

namespace {

// Request ids are unique across runtimes, so a request routed to a fallback
// runtime keeps a usable id.
std::atomic<uint64_t> g_next_id{1};

size_t sz(int64_t v) {
    return static_cast<size_t>(v);
}

double ms_between(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

int32_t blocks_for(int64_t positions, int32_t block_tokens) {
    return static_cast<int32_t>((positions + block_tokens - 1) / block_tokens);
}

}  // namespace

const char* priority_name(Priority p) {
    switch (p) {
    case Priority::Interactive: return "interactive";
    case Priority::Normal: return "normal";
    case Priority::Batch: return "batch";
    }
    return "normal";
}

const char* overflow_policy_name(OverflowPolicy p) {
    switch (p) {
    case OverflowPolicy::Stop: return "stop";
    case OverflowPolicy::RollingWindow: return "rolling-window";
    case OverflowPolicy::TruncateMiddle: return "truncate-middle";
    case OverflowPolicy::Compress: return "compress";
    }
    return "stop";
}

struct Runtime::Seq {
    uint64_t id = 0;
    uint64_t arrival = 0;    // submission order: the queue's tie-break
    uint64_t admission = 0;  // order of the latest admission: pre-emption's tie-break
    Request req;
    std::vector<int32_t> tokens;  // prompt + generated: what the cache must hold
    int32_t n_cached = 0;         // leading tokens whose K/V are in `table`
    int32_t n_published = 0;      // leading blocks published for prefix reuse
    std::vector<int32_t> table;
    std::unique_ptr<Sampler> sampler;
    std::unique_ptr<TextStream> text;  // with stop strings or on_text
    RequestResult result;
    Clock::time_point t_submit, t_first_token, t_last_token;
    bool admitted_once = false;
    bool internal = false;  // a summary for Compress: no on_done of the caller's, no observer report
    uint64_t parent = 0;    // the request an internal sequence works for (cancelling it cancels this)
    int32_t chunk = 0;  // tokens in the current step
    // Speculative decoding (RuntimeParams::draft).
    std::vector<int32_t> draft_table;
    int32_t d_cached = 0;          // leading tokens whose K/V the draft's cache holds
    bool draft_off = false;        // the draft's blocks ran out for it: no more speculation
    std::vector<int32_t> proposals;  // this step's draft tokens after the last one
    int32_t pending() const { return static_cast<int32_t>(tokens.size()) - n_cached; }
};

Runtime::Runtime(const Model& model, const RuntimeParams& params, RuntimeObserver* observer)
    : m_model(model), m_params(params), m_observer(observer) {
    const ModelHParams& hp = model.hparams();
    RuntimeParams& p = m_params;
    if (p.block_tokens <= 0 || p.max_seq_len <= 0 || p.step_tokens <= 0 || p.max_running <= 0 ||
        p.queue_capacity < 0) {
        throw std::invalid_argument(
            "runtime: block_tokens, max_seq_len, step_tokens and max_running must be positive and "
            "queue_capacity not negative");
    }
    const size_t block_bytes = PagedKvCache::block_bytes(hp.n_layer, hp.n_embd_kv(), p.block_tokens, p.kv_type);
    const size_t budget = p.kv_budget_bytes > 0
                              ? p.kv_budget_bytes
                              : block_bytes * sz(blocks_for(p.max_seq_len, p.block_tokens)) * sz(p.max_running);
    const size_t n_blocks = budget / block_bytes;
    if (n_blocks < 1) {
        throw std::invalid_argument("runtime: a KV budget of " + std::to_string(budget) +
                                    " bytes holds no block (one block of " + std::to_string(p.block_tokens) +
                                    " positions takes " + std::to_string(block_bytes) + " bytes)");
    }
    CpuForwardParams fp;
    fp.n_threads = p.n_threads;
    fp.kernels = p.kernels;
    fp.pack_weights = p.pack_weights;
    fp.max_tokens = std::max(p.step_tokens, p.max_running);
    fp.max_positions = p.max_seq_len;
    m_forward = std::make_unique<CpuForward>(model, fp);
    if (const std::string why = kv_type_problem(hp.n_embd_head, p.kv_type); !why.empty())
        throw std::invalid_argument("runtime: " + why);
    m_kv = std::make_unique<PagedKvCache>(hp.n_layer, hp.n_embd_kv(), p.block_tokens,
                                          static_cast<int32_t>(std::min<size_t>(n_blocks, 1u << 30)), p.kv_type);
    m_stats.kv_blocks_total = m_kv->n_blocks();
    m_kv_block_bytes = block_bytes;
    if (p.draft) {
        const ModelHParams& dh = p.draft->hparams();
        if (dh.n_vocab != hp.n_vocab) {
            throw std::invalid_argument("runtime: the draft model has " + std::to_string(dh.n_vocab) +
                                        " tokens, the model " + std::to_string(hp.n_vocab) +
                                        "; speculative decoding needs the same vocabulary");
        }
        if (p.draft_max < 1) throw std::invalid_argument("runtime: draft_max must be at least 1");
        m_draft_forward = std::make_unique<CpuForward>(*p.draft, fp);
        const size_t dblock = PagedKvCache::block_bytes(dh.n_layer, dh.n_embd_kv(), p.block_tokens);
        const size_t dblocks = p.draft_kv_budget_bytes > 0 ? p.draft_kv_budget_bytes / dblock : n_blocks;
        if (dblocks < 1) throw std::invalid_argument("runtime: the draft's KV budget holds no block");
        m_draft_kv = std::make_unique<PagedKvCache>(dh.n_layer, dh.n_embd_kv(), p.block_tokens,
                                                    static_cast<int32_t>(std::min<size_t>(dblocks, 1u << 30)));
        m_draft_block_bytes = dblock;
        m_draft_logits.resize(sz(p.max_running) * sz(hp.n_vocab));
    }
    const size_t nb = sz(fp.max_tokens);
    m_b_tokens.reserve(nb);
    m_b_pos.reserve(nb);
    m_b_seq.reserve(nb);
    m_b_out.reserve(nb);
    m_step_shares.reserve(sz(p.max_running));
    // One row per decoding sequence, or with a draft up to one per batch token.
    m_logits.resize(sz(p.draft ? fp.max_tokens : p.max_running) * sz(hp.n_vocab));
    m_thread = std::thread([this] { loop(); });
}

Runtime::~Runtime() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

std::string Runtime::backend() const {
    return m_forward->backend();
}

Submission Runtime::submit(Request request) {
    return submit_with(std::move(request), {});
}

Submission Runtime::submit_with(Request request, std::vector<std::string> adjustments) {
    const ModelHParams& hp = m_model.hparams();
    Submission sub;
    auto reject = [&](std::string why, int32_t retry) {
        sub.reason = std::move(why);
        sub.retry_after_ms = retry;
        notify_event({"rejected", 0, sub.reason});
        return sub;
    };
    if (request.prompt.empty()) return reject("the prompt is empty", -1);
    for (size_t i = 0; i < request.prompt.size(); ++i) {
        if (request.prompt[i] < 0 || request.prompt[i] >= hp.n_vocab) {
            return reject("prompt token " + std::to_string(i) + " has id " + std::to_string(request.prompt[i]) +
                              ", outside the vocabulary [0, " + std::to_string(hp.n_vocab) + ")",
                          -1);
        }
    }
    if (request.max_tokens < 1) return reject("max_tokens must be at least 1", -1);
    const bool wants_text = !request.stop.empty() || request.on_text;
    if (wants_text && !m_params.tokenizer)
        return reject("stop strings and streamed text need the runtime to have the model's tokenizer", -1);
    for (size_t i = 0; i < request.turn_starts.size(); ++i) {
        const int32_t t = request.turn_starts[i];
        if (t < 0 || t >= static_cast<int32_t>(request.prompt.size()) || (i > 0 && t <= request.turn_starts[i - 1])) {
            return reject("turn_starts[" + std::to_string(i) + "] = " + std::to_string(t) +
                              ": expected ascending token indices inside the prompt",
                          -1);
        }
    }

    // Load shedding, on what the runtime looks like now.
    double oldest_wait_ms = 0, kv_use = 0;
    {
        std::lock_guard lock(m_mutex);
        const Clock::time_point now = Clock::now();
        for (const auto& q : m_queue) oldest_wait_ms = std::max(oldest_wait_ms, ms_between(q->t_submit, now));
        kv_use = static_cast<double>(m_stats.kv_blocks_used) / std::max(1, m_stats.kv_blocks_total);
    }
    for (const DegradationRule& rule : m_params.degradation) {
        const bool by_wait = rule.when == DegradationRule::When::QueueWaitMs;
        const double value = by_wait ? oldest_wait_ms : kv_use;
        if (value <= rule.threshold) continue;
        char why[160];
        std::snprintf(why, sizeof why, by_wait ? "queue wait %.0f ms > %.0f ms" : "KV use %.2f > %.2f", value,
                      rule.threshold);
        if (rule.action == DegradationRule::Action::Fallback && m_fallback) {
            adjustments.push_back("routed from " + (m_params.name.empty() ? std::string("the model") : m_params.name) +
                                  " to the fallback " + m_fallback->params().name + " (" + why + ")");
            notify_event({"degraded", 0, adjustments.back()});
            return m_fallback->submit_with(std::move(request), std::move(adjustments));
        }
        if (rule.action == DegradationRule::Action::CapMaxTokens && request.max_tokens > rule.cap_max_tokens) {
            adjustments.push_back("max_tokens capped from " + std::to_string(request.max_tokens) + " to " +
                                  std::to_string(rule.cap_max_tokens) + " (" + why + ")");
            notify_event({"degraded", 0, adjustments.back()});
            request.max_tokens = rule.cap_max_tokens;
        }
    }

    auto s = std::make_unique<Seq>();
    s->req = std::move(request);
    s->tokens = s->req.prompt;
    if (wants_text) {
        s->text = std::make_unique<TextStream>(*m_params.tokenizer, s->req.stop);
        s->text->prime(s->req.prompt);
    }
    s->result.record.adjustments = std::move(adjustments);
    s->result.record.overflow = s->req.overflow;
    const int64_t n_prompt = static_cast<int64_t>(s->tokens.size());
    // Room for the answer: all of max_tokens if it fits, else a quarter of the context.
    const int32_t reserve = std::clamp(s->req.max_tokens, 1, std::max(1, m_params.max_seq_len / 4));
    if (n_prompt + reserve > m_params.max_seq_len && s->req.overflow != OverflowPolicy::Compress &&
        !fit(*s, m_params.max_seq_len - reserve, "the prompt")) {
        if (n_prompt >= m_params.max_seq_len) {
            return reject("the prompt has " + std::to_string(n_prompt) + " tokens; the context limit is " +
                              std::to_string(m_params.max_seq_len) +
                              " positions, with room for at least one more (a rolling-window or truncate-middle "
                              "overflow policy would shorten it)",
                          -1);
        }
    }
    const int64_t positions =
        std::min<int64_t>(static_cast<int64_t>(s->tokens.size()) + s->req.max_tokens, m_params.max_seq_len);
    const int32_t need = blocks_for(positions, m_params.block_tokens);
    if (need > m_kv->n_blocks()) {
        return reject("the request needs " + std::to_string(need) + " KV blocks (" + std::to_string(positions) +
                          " positions) but the KV budget holds " + std::to_string(m_kv->n_blocks()),
                      -1);
    }
    s->t_submit = Clock::now();
    s->result.metrics.prompt_tokens = static_cast<int32_t>(n_prompt);
    s->result.record.model = m_params.name;
    s->result.record.backend = m_forward->backend();
    s->result.record.context_limit = m_params.max_seq_len;
    s->result.record.sampling = s->req.sampling;
    s->result.record.max_tokens = s->req.max_tokens;
    s->result.record.priority = s->req.priority;
    // Compress: summarize the oldest turns first (or take the cached summary).
    std::unique_ptr<Seq> summary;
    std::optional<Compression> plan;
    if (s->req.overflow == OverflowPolicy::Compress &&
        static_cast<int32_t>(s->tokens.size()) + reserve > m_params.max_seq_len) {
        plan = plan_compression(*s, m_params.max_seq_len - reserve);
        if (plan) {
            const std::vector<int32_t> key(s->tokens.begin() + plan->from, s->tokens.begin() + plan->to);
            std::optional<std::vector<int32_t>> cached;
            {
                std::lock_guard lock(m_mutex);
                for (auto& [k, v] : m_summaries) {
                    if (k == key) cached = v;
                }
            }
            const CompressSpec& cs = s->req.compress;
            if (cached) {
                apply_compression(*s, *plan, *cached, true);
                plan.reset();
            } else if (static_cast<int64_t>(cs.instruction_before.size() + key.size() + cs.instruction_after.size()) +
                           std::max(1, cs.max_summary_tokens) <=
                       m_params.max_seq_len) {
                summary = std::make_unique<Seq>();
                summary->internal = true;
                summary->req.prompt = cs.instruction_before;
                summary->req.prompt.insert(summary->req.prompt.end(), key.begin(), key.end());
                summary->req.prompt.insert(summary->req.prompt.end(), cs.instruction_after.begin(),
                                           cs.instruction_after.end());
                summary->req.max_tokens = std::max(1, cs.max_summary_tokens);
                summary->req.end_tokens = cs.end_tokens;
                summary->req.priority = s->req.priority;
                summary->req.deadline = s->req.deadline;
                summary->tokens = summary->req.prompt;
                summary->t_submit = Clock::now();
            } else {
                s->result.record.adjustments.push_back("could not compress: the summary request would not fit " +
                                                       std::to_string(m_params.max_seq_len) + " positions");
                plan.reset();
            }
        }
        if (!summary && static_cast<int32_t>(s->tokens.size()) + reserve > m_params.max_seq_len) {
            s->req.overflow = OverflowPolicy::TruncateMiddle;  // what is left to do
            fit(*s, m_params.max_seq_len - reserve, "the prompt");
            s->req.overflow = OverflowPolicy::Compress;
        }
    }
    {
        std::lock_guard lock(m_mutex);
        if (m_stop) {
            sub.reason = "the runtime is shutting down";
            return sub;
        }
        if (static_cast<int32_t>(m_queue.size()) >= m_params.queue_capacity) {
            sub.reason = "the queue is full (" + std::to_string(m_queue.size()) + " requests waiting)";
            sub.retry_after_ms = static_cast<int32_t>(std::max(100.0, m_mean_e2e_ms));
        } else {
            s->id = g_next_id.fetch_add(1);
            s->arrival = s->id;
            s->result.id = s->id;
            sub.id = s->id;
            m_live.insert(s->id);
            if (summary) {
                // s waits for its summary; the summary's completion queues it.
                summary->id = g_next_id.fetch_add(1);
                summary->arrival = s->id;  // its place in the queue is s's
                summary->result.id = summary->id;
                summary->parent = s->id;
                auto holder = std::make_shared<std::unique_ptr<Seq>>(std::move(s));
                const Compression c = *plan;
                summary->req.on_done = [this, holder, c](const RequestResult& r) {
                    std::unique_ptr<Seq> orig = std::move(*holder);
                    if (r.finish_reason == "cancelled" || r.finish_reason == "deadline" || r.finish_reason == "error") {
                        finish(std::move(orig), r.finish_reason, r.error);
                        return;
                    }
                    std::vector<int32_t> text = r.tokens;
                    const auto& ends = orig->req.compress.end_tokens;
                    if (!text.empty() && std::find(ends.begin(), ends.end(), text.back()) != ends.end()) text.pop_back();
                    {
                        std::lock_guard inner(m_mutex);
                        std::vector<int32_t> key(orig->tokens.begin() + c.from, orig->tokens.begin() + c.to);
                        m_summaries.emplace_back(std::move(key), text);
                        if (m_summaries.size() > 64) m_summaries.erase(m_summaries.begin());
                    }
                    apply_compression(*orig, c, text, false);
                    const int32_t keep = std::clamp(orig->req.max_tokens, 1, std::max(1, m_params.max_seq_len / 4));
                    if (static_cast<int32_t>(orig->tokens.size()) + keep > m_params.max_seq_len) {
                        orig->req.overflow = OverflowPolicy::TruncateMiddle;
                        fit(*orig, m_params.max_seq_len - keep, "the prompt");
                        orig->req.overflow = OverflowPolicy::Compress;
                    }
                    enqueue(std::move(orig));
                };
                m_queue.push_back(std::move(summary));
            } else {
                m_queue.push_back(std::move(s));
            }
            m_stats.queued = static_cast<int32_t>(m_queue.size());
        }
    }
    if (!sub.accepted()) {
        notify_event({"rejected", 0, sub.reason});
        return sub;
    }
    m_wake.notify_one();
    return sub;
}

bool Runtime::fit(Seq& s, int32_t limit, const char* when) {
    const int32_t n = static_cast<int32_t>(s.tokens.size());
    if (n <= limit) return true;
    if (s.req.overflow == OverflowPolicy::Stop || limit < 2) return false;
    std::vector<int32_t>& starts = s.req.turn_starts;
    int32_t head = starts.empty() ? 1 : starts.front();
    head = std::min(head, limit / 2);  // a system prompt larger than half the context cannot be kept whole
    std::string what;
    int32_t dropped = 0;
    if (s.req.overflow == OverflowPolicy::RollingWindow && starts.size() > 1) {
        // Whole turns, oldest first, never the last one.
        size_t turns = 0;
        int32_t cut_end = starts.front();
        while (turns + 1 < starts.size() && n - (cut_end - starts.front()) > limit) cut_end = starts[++turns];
        if (turns > 0) {
            dropped = cut_end - starts.front();
            s.tokens.erase(s.tokens.begin() + starts.front(), s.tokens.begin() + cut_end);
            const int32_t first = starts.front();
            starts.erase(starts.begin(), starts.begin() + static_cast<std::ptrdiff_t>(turns));
            for (int32_t& t : starts) t -= dropped;
            starts.front() = first;
            what = "rolling window: dropped the " + std::to_string(turns) + " oldest turn" + (turns > 1 ? "s" : "") +
                   " (" + std::to_string(dropped) + " tokens) of " + when;
        }
    }
    const int32_t left = static_cast<int32_t>(s.tokens.size());
    if (left > limit) {
        const int32_t cut = left - limit;
        s.tokens.erase(s.tokens.begin() + head, s.tokens.begin() + head + cut);
        std::vector<int32_t> kept;
        for (int32_t t : starts) {
            if (t < head) kept.push_back(t);
            else if (t >= head + cut) kept.push_back(t - cut);
        }
        starts = std::move(kept);
        dropped += cut;
        what += std::string(what.empty() ? "" : ", then ") + "truncated the middle of " + when + ": dropped " +
                std::to_string(cut) + " tokens after the first " + std::to_string(head);
    }
    what += " to fit " + std::to_string(limit) + " positions";
    s.result.record.tokens_dropped += dropped;
    s.result.record.adjustments.push_back(what);
    notify_event({"overflow", s.id, what});
    return true;
}

std::optional<Runtime::Compression> Runtime::plan_compression(const Seq& s, int32_t limit) const {
    const std::vector<int32_t>& starts = s.req.turn_starts;
    if (starts.size() < 2) return std::nullopt;  // nothing but the last turn to summarize
    const CompressSpec& cs = s.req.compress;
    const int32_t framing = static_cast<int32_t>(cs.note_before.size() + cs.note_after.size()) +
                            std::max(1, cs.max_summary_tokens);
    const int32_t n = static_cast<int32_t>(s.tokens.size());
    Compression c;
    c.from = starts.front();
    size_t turns = 0;
    int32_t to = starts.front();
    while (turns + 1 < starts.size() && n - (to - c.from) + framing > limit) to = starts[++turns];
    if (turns == 0) to = starts[++turns];  // at least one turn, or compressing gains nothing
    c.to = to;
    c.turns = static_cast<int32_t>(turns);
    return c;
}

void Runtime::apply_compression(Seq& s, const Compression& c, const std::vector<int32_t>& summary, bool cached) {
    const CompressSpec& cs = s.req.compress;
    std::vector<int32_t> note = cs.note_before;
    note.insert(note.end(), summary.begin(), summary.end());
    note.insert(note.end(), cs.note_after.begin(), cs.note_after.end());
    std::vector<int32_t> tokens(s.tokens.begin(), s.tokens.begin() + c.from);
    tokens.insert(tokens.end(), note.begin(), note.end());
    tokens.insert(tokens.end(), s.tokens.begin() + c.to, s.tokens.end());
    const int32_t delta = static_cast<int32_t>(note.size()) - (c.to - c.from);
    std::vector<int32_t> starts{c.from};
    for (int32_t t : s.req.turn_starts) {
        if (t >= c.to) starts.push_back(t + delta);
    }
    s.tokens = std::move(tokens);
    s.req.turn_starts = std::move(starts);
    s.result.record.tokens_dropped += c.to - c.from;
    s.result.record.adjustments.push_back("compressed the " + std::to_string(c.turns) + " oldest turn" +
                                          (c.turns > 1 ? "s" : "") + " (" + std::to_string(c.to - c.from) +
                                          " tokens) into a " + std::to_string(summary.size()) + "-token summary" +
                                          (cached ? " (from the cache)" : ""));
    notify_event({"overflow", s.id, s.result.record.adjustments.back()});
}

void Runtime::enqueue(std::unique_ptr<Seq> s) {
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(s));
        m_stats.queued = static_cast<int32_t>(m_queue.size());
    }
    m_wake.notify_one();
}

bool Runtime::cancel(uint64_t id) {
    {
        std::lock_guard lock(m_mutex);
        if (!m_live.count(id)) return m_fallback ? m_fallback->cancel(id) : false;
        m_cancel.insert(id);
    }
    m_wake.notify_one();
    return true;
}

RuntimeStats Runtime::stats() const {
    std::lock_guard lock(m_mutex);
    return m_stats;
}

void Runtime::notify_event(const RuntimeEvent& e) {
    if (m_observer) m_observer->on_event(e);
}

void Runtime::loop() {
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stop || !m_queue.empty() || !m_cancel.empty() || !m_running.empty(); });
            if (m_stop) break;
        }
        step();
    }
    // Shutting down: everything still queued or running is cancelled.
    std::deque<std::unique_ptr<Seq>> queued;
    {
        std::lock_guard lock(m_mutex);
        queued.swap(m_queue);
    }
    for (auto& s : queued) finish(std::move(s), "cancelled");
    std::vector<std::unique_ptr<Seq>> running;
    running.swap(m_running);
    for (auto& s : running) finish(std::move(s), "cancelled");
}

void Runtime::note_kv_peak(Seq& s) {
    const int64_t now = static_cast<int64_t>(s.table.size() * m_kv_block_bytes +
                                             s.draft_table.size() * m_draft_block_bytes);
    s.result.metrics.kv_peak_bytes = std::max(s.result.metrics.kv_peak_bytes, now);
}

void Runtime::release_blocks(Seq& s) {
    note_kv_peak(s);
    for (int32_t b : s.table) m_kv->release(b);
    s.table.clear();
    s.n_cached = 0;
    s.n_published = 0;
    drop_draft(s);
}

void Runtime::drop_draft(Seq& s) {
    note_kv_peak(s);
    if (m_draft_kv) {
        for (int32_t b : s.draft_table) m_draft_kv->release(b);
    }
    s.draft_table.clear();
    s.d_cached = 0;
    s.proposals.clear();
}

void Runtime::draft_step(int32_t* budget) {
    struct Item {
        Seq* s;
        int32_t from, n;  // draft positions fed in the first pass
        int32_t k;        // proposals wanted (0: only catching up)
    };
    std::vector<Item> items;
    int32_t capacity = m_draft_forward->max_tokens();
    const int32_t bt = m_params.block_tokens;
    auto ensure_draft = [&](Seq& s, int32_t positions) {
        const int32_t need = blocks_for(positions, bt);
        while (static_cast<int32_t>(s.draft_table.size()) < need) {
            const int32_t b = m_draft_kv->allocate();
            if (b < 0) return false;
            s.draft_table.push_back(b);
        }
        return true;
    };
    for (auto& sp : m_running) {
        Seq& s = *sp;
        s.proposals.clear();
        if (s.chunk == 0 || !s.req.speculate || s.draft_off || capacity == 0) continue;
        const int32_t to = s.n_cached + s.chunk;  // the target's positions after this step
        const int32_t from = std::min(s.d_cached, to - 1);
        const int32_t n = std::min(to - from, capacity);
        int32_t k = 0;
        if (s.pending() == 1 && from + n == to) {
            const int32_t gen_left = s.req.max_tokens - static_cast<int32_t>(s.result.tokens.size()) - 1;
            const int32_t ctx_left = m_params.max_seq_len - static_cast<int32_t>(s.tokens.size()) - 2;
            k = std::max(0, std::min({m_params.draft_max, *budget, gen_left, ctx_left}));
            if (k > 0 && !ensure_blocks(s, s.n_cached + 1 + k)) k = 0;
        }
        if (!ensure_draft(s, from + n + std::max(0, k - 1))) {
            drop_draft(s);
            s.draft_off = true;
            continue;
        }
        items.push_back({&s, from, n, k});
        capacity -= n;
        *budget -= k;
    }
    if (items.empty()) return;

    // First pass: catch up and this step's tokens; logits where proposals start.
    std::vector<int32_t> tok, pos, seq, out;
    std::vector<std::span<const int32_t>> tables;
    std::vector<Item*> proposing;
    for (Item& it : items) {
        const int32_t j = static_cast<int32_t>(tables.size());
        tables.emplace_back(it.s->draft_table);
        for (int32_t p = it.from; p < it.from + it.n; ++p) {
            tok.push_back(it.s->tokens[sz(p)]);
            pos.push_back(p);
            seq.push_back(j);
        }
        if (it.k > 0) {
            out.push_back(static_cast<int32_t>(tok.size()) - 1);
            proposing.push_back(&it);
        }
    }
    const int32_t n_vocab = m_model.hparams().n_vocab;
    auto argmax = [&](size_t row) {
        const float* l = m_draft_logits.data() + row * sz(n_vocab);
        return static_cast<int32_t>(std::max_element(l, l + n_vocab) - l);
    };
    m_draft_forward->forward({tok, pos, seq, tables, out}, *m_draft_kv, m_draft_logits.data());
    for (Item& it : items) it.s->d_cached = it.from + it.n;
    for (size_t o = 0; o < proposing.size(); ++o) proposing[o]->s->proposals.push_back(argmax(o));

    // Then one token per proposing sequence per pass.
    for (int32_t j = 1;; ++j) {
        tok.clear();
        pos.clear();
        seq.clear();
        out.clear();
        tables.clear();
        std::vector<Item*> next;
        for (Item* it : proposing) {
            if (it->k <= j) continue;
            Seq& s = *it->s;
            tables.emplace_back(s.draft_table);
            tok.push_back(s.proposals.back());
            pos.push_back(s.d_cached);
            seq.push_back(static_cast<int32_t>(tables.size()) - 1);
            out.push_back(static_cast<int32_t>(tok.size()) - 1);
            next.push_back(it);
        }
        if (next.empty()) break;
        m_draft_forward->forward({tok, pos, seq, tables, out}, *m_draft_kv, m_draft_logits.data());
        for (size_t o = 0; o < next.size(); ++o) {
            ++next[o]->s->d_cached;
            next[o]->s->proposals.push_back(argmax(o));
        }
    }
}

std::string Runtime::take_token(Seq& s, int32_t id, Clock::time_point now) {
    s.tokens.push_back(id);
    s.result.tokens.push_back(id);
    if (s.result.tokens.size() == 1) {
        s.t_first_token = now;
        s.result.metrics.ttft_ms = ms_between(s.t_submit, now);
    }
    s.t_last_token = now;
    if (s.req.on_token && !s.req.on_token(id)) return "cancelled";
    if (std::find(s.req.end_tokens.begin(), s.req.end_tokens.end(), id) != s.req.end_tokens.end()) return "eos";
    if (s.text) {
        const std::string piece = s.text->push(id);
        if (!piece.empty()) {
            s.result.text += piece;
            if (s.req.on_text && !s.req.on_text(piece) && !s.text->stopped()) return "cancelled";
        }
        if (s.text->stopped()) return "stop";
    }
    if (static_cast<int32_t>(s.result.tokens.size()) >= s.req.max_tokens) return "length";
    if (static_cast<int32_t>(s.tokens.size()) >= m_params.max_seq_len) {
        // Context full: shift it (half of what follows the head goes, as
        // llama.cpp's context shift does) and recompute, or stop.
        const int32_t head = s.req.turn_starts.empty() ? 1 : s.req.turn_starts.front();
        const int32_t keep = head + (m_params.max_seq_len - head) / 2;
        if (!fit(s, std::max(keep, 2), "the conversation")) return "context";
        release_blocks(s);
        attach_prefix(s);
    }
    return {};
}

void Runtime::finish(std::unique_ptr<Seq> s, const std::string& reason, const std::string& error) {
    release_blocks(*s);
    const Clock::time_point now = Clock::now();
    RequestResult& r = s->result;
    if (s->text && reason != "cancelled" && reason != "error") {
        // What was held back: a tail that turned out not to start a stop string.
        const std::string rest = s->text->finish();
        if (!rest.empty()) {
            r.text += rest;
            if (s->req.on_text) s->req.on_text(rest);
        }
    }
    r.finish_reason = reason;
    r.error = error;
    r.metrics.gen_tokens = static_cast<int32_t>(r.tokens.size());
    r.metrics.e2e_ms = ms_between(s->t_submit, now);
    if (r.tokens.size() > 1) {
        r.metrics.tpot_ms =
            ms_between(s->t_first_token, s->t_last_token) / static_cast<double>(r.tokens.size() - 1);
    }
    if (s->internal) {
        if (s->req.on_done) s->req.on_done(r);
        return;
    }
    {
        std::lock_guard lock(m_mutex);
        m_live.erase(r.id);
        m_cancel.erase(r.id);
        m_mean_e2e_ms = 0.9 * m_mean_e2e_ms + 0.1 * r.metrics.e2e_ms;
    }
    if (s->req.on_done) s->req.on_done(r);
    if (m_observer) m_observer->on_request_finished(r);
}

void Runtime::publish_full_blocks(Seq& s) {
    if (!m_params.prefix_cache) return;
    const int32_t bt = m_params.block_tokens;
    while ((s.n_published + 1) * bt <= s.n_cached) {
        const int32_t i = s.n_published;
        m_kv->publish(s.table[sz(i)], i > 0 ? s.table[sz(i - 1)] : -1,
                      std::span<const int32_t>(s.tokens).subspan(sz(i) * sz(bt), sz(bt)));
        ++s.n_published;
    }
}

bool Runtime::ensure_blocks(Seq& s, int32_t n_positions) {
    const int32_t need = blocks_for(n_positions, m_params.block_tokens);
    while (static_cast<int32_t>(s.table.size()) < need) {
        const int32_t b = m_kv->allocate();
        if (b < 0) return false;
        s.table.push_back(b);
    }
    return true;
}

void Runtime::preempt(Seq& s) {
    release_blocks(s);
    ++s.result.metrics.preemptions;
    notify_event({"preempted", s.id,
          "KV blocks exhausted; " + std::to_string(s.tokens.size()) + " positions to recompute later"});
}

// m_running is sorted best first: the last one is the one to give way (worst
// priority, latest admitted among equals).
void Runtime::preempt_last() {
    std::unique_ptr<Seq> s = std::move(m_running.back());
    m_running.pop_back();
    preempt(*s);
    std::lock_guard lock(m_mutex);
    m_queue.push_front(std::move(s));
}

void Runtime::attach_prefix(Seq& s) {
    if (!m_params.prefix_cache || s.tokens.size() < 2) return;
    // Leave at least the last token to compute: its logits are needed.
    s.table = m_kv->match_prefix(std::span<const int32_t>(s.tokens).first(s.tokens.size() - 1));
    s.n_cached = static_cast<int32_t>(s.table.size()) * m_params.block_tokens;
    s.n_published = static_cast<int32_t>(s.table.size());
    s.result.metrics.reused_prefix_tokens += s.n_cached;
}

void Runtime::finish_expired() {
    const Clock::time_point now = Clock::now();
    auto expired = [&](const Seq& q) { return q.req.deadline && *q.req.deadline < now; };
    std::vector<std::unique_ptr<Seq>> late;
    {
        std::lock_guard lock(m_mutex);
        for (auto it = m_queue.begin(); it != m_queue.end();) {
            if (expired(**it)) {
                late.push_back(std::move(*it));
                it = m_queue.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto it = m_running.begin(); it != m_running.end();) {
        if (expired(**it)) {
            late.push_back(std::move(*it));
            it = m_running.erase(it);
        } else {
            ++it;
        }
    }
    for (auto& q : late) finish(std::move(q), "deadline");
}

bool Runtime::waits_for_shared_prefix(const Seq& cand) const {
    if (!m_params.prefix_cache) return false;
    const size_t bt = sz(m_params.block_tokens);
    for (const auto& r : m_running) {
        if (r->pending() <= 1) continue;  // not computing a prompt
        const size_t n = std::min(cand.tokens.size() - 1, r->tokens.size());
        size_t common = 0;
        while (common < n && cand.tokens[common] == r->tokens[common]) ++common;
        if (static_cast<int32_t>(common / bt) > r->n_published) return true;
    }
    return false;
}

void Runtime::admit() {
    std::vector<const Seq*> deferred;
    for (;;) {
        std::unique_ptr<Seq> s;
        {
            std::lock_guard lock(m_mutex);
            if (m_queue.empty() || static_cast<int32_t>(m_running.size()) >= m_params.max_running) return;
            auto best = m_queue.end();
            for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
                if (std::find(deferred.begin(), deferred.end(), it->get()) != deferred.end()) continue;
                if (best == m_queue.end() || (*it)->req.priority < (*best)->req.priority ||
                    ((*it)->req.priority == (*best)->req.priority && (*it)->arrival < (*best)->arrival)) {
                    best = it;
                }
            }
            if (best == m_queue.end()) return;
            Seq& cand = **best;
            // Admit only what the free blocks can carry through its prompt and a
            // first generated block, unless nothing runs (then it must go in).
            const int32_t want = blocks_for(static_cast<int64_t>(cand.tokens.size()) + 1, m_params.block_tokens);
            if (!m_running.empty() && m_kv->n_available() < want) return;
            if (waits_for_shared_prefix(cand)) {
                deferred.push_back(&cand);
                continue;
            }
            s = std::move(*best);
            m_queue.erase(best);
            m_stats.queued = static_cast<int32_t>(m_queue.size());
        }
        if (!s->admitted_once) {
            s->admitted_once = true;
            s->result.metrics.queue_ms = ms_between(s->t_submit, Clock::now());
        }
        s->admission = ++m_admissions;
        if (s->result.tokens.empty()) {
            // Waited too long: rules on queue wait cap what it may generate.
            const double waited = ms_between(s->t_submit, Clock::now());
            for (const DegradationRule& rule : m_params.degradation) {
                if (rule.when != DegradationRule::When::QueueWaitMs ||
                    rule.action != DegradationRule::Action::CapMaxTokens || waited <= rule.threshold ||
                    s->req.max_tokens <= rule.cap_max_tokens) {
                    continue;
                }
                char why[120];
                std::snprintf(why, sizeof why, "waited %.0f ms > %.0f ms", waited, rule.threshold);
                s->result.record.adjustments.push_back("max_tokens capped from " + std::to_string(s->req.max_tokens) +
                                                       " to " + std::to_string(rule.cap_max_tokens) + " (" + why + ")");
                notify_event({"degraded", s->id, s->result.record.adjustments.back()});
                s->req.max_tokens = rule.cap_max_tokens;
                s->result.record.max_tokens = rule.cap_max_tokens;
            }
        }
        if (!s->sampler) {
            // The prompt as it will run (after any overflow policy) feeds the penalties.
            s->sampler = std::make_unique<Sampler>(s->req.sampling, m_model.hparams().n_vocab);
            for (int32_t t : s->tokens) s->sampler->accept(t);
        }
        attach_prefix(*s);
        m_running.push_back(std::move(s));
    }
}

bool Runtime::step() {
    const bool did = run_step();
    std::lock_guard lock(m_mutex);
    m_stats.running = static_cast<int32_t>(m_running.size());
    m_stats.queued = static_cast<int32_t>(m_queue.size());
    m_stats.kv_blocks_used = m_kv->n_used();
    m_stats.kv_blocks_cached_idle = m_kv->n_cached_idle();
    if (did) ++m_stats.steps;
    return did;
}

bool Runtime::run_step() {
    const Clock::time_point t0 = Clock::now();
    // Cancellations first: their blocks return before anything is scheduled.
    std::unordered_set<uint64_t> cancels;
    std::vector<std::unique_ptr<Seq>> cancelled;
    {
        std::lock_guard lock(m_mutex);
        cancels.swap(m_cancel);
        for (auto it = m_queue.begin(); it != m_queue.end();) {
            if (cancels.count((*it)->id) || ((*it)->parent && cancels.count((*it)->parent))) {
                cancelled.push_back(std::move(*it));
                it = m_queue.erase(it);
            } else {
                ++it;
            }
        }
    }
    for (auto it = m_running.begin(); it != m_running.end();) {
        if (cancels.count((*it)->id) || ((*it)->parent && cancels.count((*it)->parent))) {
            cancelled.push_back(std::move(*it));
            it = m_running.erase(it);
        } else {
            ++it;
        }
    }
    for (auto& s : cancelled) finish(std::move(s), "cancelled");
    finish_expired();

    admit();
    if (m_running.empty()) return !cancelled.empty();

    // Priority order: best priority first, earliest admitted among equals.
    std::stable_sort(m_running.begin(), m_running.end(), [](const auto& a, const auto& b) {
        return a->req.priority != b->req.priority ? a->req.priority < b->req.priority : a->admission < b->admission;
    });
    int32_t budget = m_params.step_tokens;
    int32_t n_decode = 0, n_prefill = 0;
    for (auto& s : m_running) s->chunk = 0;
    // Decode tokens: one per sequence whose prompt is done.
    for (size_t i = 0; i < m_running.size(); ++i) {
        Seq& s = *m_running[i];
        if (s.pending() != 1 || budget == 0) continue;
        bool gone = false;
        while (!ensure_blocks(s, s.n_cached + 1)) {
            gone = m_running.back().get() == &s;
            preempt_last();
            if (gone) break;
        }
        if (gone) break;  // s was the last one: nothing after it to schedule
        s.chunk = 1;
        --budget;
        ++n_decode;
    }
    // Prompt chunks, as far as the budget and the free blocks allow.
    for (auto& sp : m_running) {
        Seq& s = *sp;
        if (s.pending() <= 1 || budget == 0) continue;
        const int32_t bt = m_params.block_tokens;
        const int32_t room = (static_cast<int32_t>(s.table.size()) + m_kv->n_available()) * bt - s.n_cached;
        const int32_t chunk = std::min({s.pending(), budget, room});
        if (chunk <= 0) continue;
        ensure_blocks(s, s.n_cached + chunk);
        s.chunk = chunk;
        budget -= chunk;
        n_prefill += chunk;
    }
    if (n_decode + n_prefill == 0) {
        // Every running sequence waits for blocks: make room.
        preempt_last();
        return true;
    }
    // The draft sees the same tokens and proposes what the budget leaves room for.
    if (m_draft_forward) draft_step(&budget);

    // The batch.
    m_b_tokens.clear();
    m_b_pos.clear();
    m_b_seq.clear();
    m_b_out.clear();
    std::vector<std::span<const int32_t>> tables;
    std::vector<Seq*> with_output;
    tables.reserve(m_running.size());
    m_step_shares.clear();
    for (auto& sp : m_running) {
        Seq& s = *sp;
        if (s.chunk == 0) continue;
        const size_t first_row = m_b_tokens.size();
        const int32_t j = static_cast<int32_t>(tables.size());
        tables.emplace_back(s.table);
        for (int32_t k = 0; k < s.chunk; ++k) {
            m_b_tokens.push_back(s.tokens[sz(s.n_cached + k)]);
            m_b_pos.push_back(s.n_cached + k);
            m_b_seq.push_back(j);
        }
        if (s.n_cached + s.chunk == static_cast<int32_t>(s.tokens.size())) {
            m_b_out.push_back(static_cast<int32_t>(m_b_tokens.size()) - 1);
            with_output.push_back(&s);
            // The draft's proposals follow, each with its logits.
            for (size_t k = 0; k < s.proposals.size(); ++k) {
                m_b_tokens.push_back(s.proposals[k]);
                m_b_pos.push_back(s.n_cached + 1 + static_cast<int32_t>(k));
                m_b_seq.push_back(j);
                m_b_out.push_back(static_cast<int32_t>(m_b_tokens.size()) - 1);
            }
        }
        m_step_shares.emplace_back(s.id, static_cast<int32_t>(m_b_tokens.size() - first_row));
    }
    m_forward->forward({m_b_tokens, m_b_pos, m_b_seq, tables, m_b_out}, *m_kv, m_logits.data());

    const int32_t n_vocab = m_model.hparams().n_vocab;
    for (auto& sp : m_running) {
        Seq& s = *sp;
        if (s.chunk == 0) continue;
        s.n_cached += s.chunk;
        s.result.metrics.computed_tokens += s.chunk;
        publish_full_blocks(s);
    }
    const Clock::time_point now = Clock::now();
    std::vector<std::pair<Seq*, std::string>> done;
    size_t row_at = 0;
    for (Seq* sp : with_output) {
        Seq& s = *sp;
        const int32_t k = static_cast<int32_t>(s.proposals.size());
        const int32_t last_pos = s.n_cached - 1;  // the last token's position, now cached
        // Walk the rows while the target's own sampler agrees with the draft.
        int32_t kept = 0;
        std::string reason;
        for (int32_t j = 0; j <= k; ++j) {
            const float* row = m_logits.data() + (row_at + sz(j)) * sz(n_vocab);
            if (s.req.keep_first_logits && s.result.tokens.empty()) s.result.first_logits.assign(row, row + n_vocab);
            const int32_t id = s.sampler->sample(row);
            s.sampler->accept(id);
            reason = take_token(s, id, now);
            if (!reason.empty() || j == k || id != s.proposals[sz(j)]) break;
            ++kept;
        }
        row_at += sz(k) + 1;
        if (k > 0) {
            s.result.metrics.draft_tokens += k;
            s.result.metrics.draft_accepted += kept;
            if (reason.empty() || reason == "eos" || reason == "length" || reason == "cancelled") {
                // The kept proposals' K/V are the target's; the draft's hold up to proposal k-1.
                s.n_cached = last_pos + 1 + kept;
                s.result.metrics.computed_tokens += k;
                s.d_cached = std::min(s.d_cached, last_pos + 1 + std::min(kept, k - 1));
                publish_full_blocks(s);
            }
        }
        if (!reason.empty()) done.emplace_back(&s, reason);
    }
    for (auto& [seq, reason] : done) {
        auto it = std::find_if(m_running.begin(), m_running.end(), [&](const auto& p) { return p.get() == seq; });
        std::unique_ptr<Seq> s = std::move(*it);
        m_running.erase(it);
        finish(std::move(s), reason);
    }

    StepStats st;
    st.request_tokens = m_step_shares;
    st.batch_tokens = static_cast<int32_t>(m_b_tokens.size());
    st.prefill_tokens = n_prefill;
    st.decode_tokens = n_decode;
    st.running = static_cast<int32_t>(m_running.size());
    st.kv_blocks_used = m_kv->n_used();
    st.kv_blocks_free = m_kv->n_available();
    st.step_ms = ms_between(t0, Clock::now());
    {
        std::lock_guard lock(m_mutex);
        st.queued = static_cast<int32_t>(m_queue.size());
    }
    if (m_observer) m_observer->on_step(st);
    return true;
}

}  // namespace fyr
