// The serving runtime: many requests on one model at once. A scheduler thread
// runs steps; each step gathers one decode token from every running sequence
// plus chunks of pending prompts (up to a token budget) into one batch, so the
// weights are read once per step for all of them (continuous batching with
// chunked prefill). KV lives in a paged cache (fyr/paged_kv_cache.h) sized by a
// memory budget; full blocks are shared between requests with the same prefix.
//
//   fyr::RuntimeParams p;
//   p.kv_budget_bytes = 512 << 20;
//   fyr::Runtime rt(*model, p);
//   fyr::Request r;
//   r.prompt = ids;
//   r.max_tokens = 64;
//   r.end_tokens = tokenizer.vocab().eog_ids();
//   r.on_token = [](int32_t id) { ...; return true; };        // false cancels
//   r.on_done = [](const fyr::RequestResult& res) { ... };  // exactly once
//   fyr::Submission s = rt.submit(std::move(r));
//   if (!s.accepted()) { /* s.reason, s.retry_after_ms */ }
//
// Scheduling: requests wait in a bounded queue, best priority first, then in
// arrival order; one whose prompt shares full blocks with a prompt still being
// computed waits until those blocks are cached, then reuses them. A running sequence that needs a block when none is free
// pre-empts the running sequence with the worst priority (latest admitted among
// equals; possibly itself): its blocks are released (full ones stay cached),
// and it goes back to the queue to be recomputed later; its sampler keeps its
// state, so the tokens it produces are the ones it would have produced anyway.
//
// Speculative decoding (RuntimeParams::draft): the draft model sees the same
// tokens and proposes up to draft_max tokens for every decoding sequence per
// step; the target checks them within its step and its own sampler keeps those
// it agrees with, so results equal the target's alone (metrics count proposed and
// accepted tokens).
//
// Thread-safety: submit(), cancel() and stats() may be called from any thread.
// on_token, on_done and the observer run on the scheduler thread: keep them
// short and never call back into the runtime's destructor from them. The
// destructor cancels what is queued or running (on_done with "cancelled") and
// joins the scheduler.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "fyr/paged_kv_cache.h"
#include "fyr/sampler.h"

namespace fyr {

class Model;
class CpuForward;
class TextStream;
class Tokenizer;

enum class Priority { Interactive = 0, Normal = 1, Batch = 2 };
const char* priority_name(Priority p);

// What to do with a conversation longer than the context (max_seq_len), at
// submit (the prompt) and when generation fills the context.
enum class OverflowPolicy {
    Stop,            // refuse a prompt that does not fit; finish "context" when generation fills it
    RollingWindow,   // drop the oldest turns (never the system prompt, never the last turn)
    TruncateMiddle,  // keep the head (system prompt) and the most recent tokens, drop what lies between
    // Summarize the oldest turns with the model itself (Request::compress says how)
    // and put the summary in their place; the summary is cached for the same
    // turns. When generation fills the context it shifts as TruncateMiddle does.
    Compress,
};

// How OverflowPolicy::Compress asks the model for a summary and frames it; the
// caller renders these with the model's chat template. The summary request is
// instruction_before + the oldest turns + instruction_after, greedy, at most
// max_summary_tokens (ending early at end_tokens); the prompt then becomes
// system prompt + note_before + summary + note_after + the remaining turns.
struct CompressSpec {
    std::vector<int32_t> instruction_before;
    std::vector<int32_t> instruction_after;
    std::vector<int32_t> note_before;
    std::vector<int32_t> note_after;
    int32_t max_summary_tokens = 128;
    std::vector<int32_t> end_tokens;
};
const char* overflow_policy_name(OverflowPolicy p);

// A load-shedding rule: when the condition holds at submit (or, for queue wait,
// when the request is admitted after waiting that long), the action applies and
// an event "degraded" reports it.
struct DegradationRule {
    enum class When {
        QueueWaitMs,  // the oldest waiting request has waited longer than threshold ms (at admission: this one has)
        KvUse,        // blocks in use / all blocks above threshold (0..1)
    };
    enum class Action {
        CapMaxTokens,  // max_tokens lowered to cap_max_tokens
        Fallback,      // the request goes to the fallback runtime (set_fallback), if any
    };
    When when = When::QueueWaitMs;
    double threshold = 0;
    Action action = Action::CapMaxTokens;
    int32_t cap_max_tokens = 128;
};

struct RuntimeParams {
    int32_t n_threads = 0;          // compute threads; <= 0: one per physical core
    std::string kernels;            // "" best, or "scalar", "avx2", "avx512", "avx512-amx"
    bool pack_weights = true;
    int32_t block_tokens = 32;      // KV block size in positions
    KvType kv_type = KvType::F16;   // Q8_0: about half the memory per position, slightly less exact
    // Memory for K/V of all sequences together; 0: enough for max_running
    // sequences of max_seq_len positions.
    size_t kv_budget_bytes = 0;
    int32_t max_seq_len = 4096;     // positions one sequence may use (prompt + output)
    int32_t step_tokens = 128;      // tokens per step: decode tokens first, then prompt chunks
    int32_t max_running = 16;       // sequences in the batch at once
    int32_t queue_capacity = 64;    // waiting requests before submit() rejects
    bool prefix_cache = true;       // reuse cached full blocks of earlier requests
    std::string name;               // the model's name in records and events (e.g. the file name)
    // For requests with stop strings or on_text: the model's tokenizer (must
    // outlive the runtime). Without it such requests are rejected.
    const Tokenizer* tokenizer = nullptr;
    std::vector<DegradationRule> degradation;
    // Speculative decoding: a smaller model with the same vocabulary proposes up
    // to draft_max tokens per step for every decoding sequence; the target checks
    // them in its own step, keeping those its sampler picks too (the output is the
    // target's alone). Its KV cache has its own budget (0: the same number of blocks).
    const Model* draft = nullptr;
    int32_t draft_max = 4;
    size_t draft_kv_budget_bytes = 0;
};

struct RequestMetrics {
    double queue_ms = 0;       // submit to first admission
    double ttft_ms = 0;        // submit to first generated token
    double tpot_ms = 0;        // mean time per output token after the first
    double e2e_ms = 0;         // submit to finish
    int32_t prompt_tokens = 0;
    int32_t gen_tokens = 0;
    int32_t reused_prefix_tokens = 0;  // prompt positions taken from the cache, not computed
    int32_t computed_tokens = 0;       // positions the forward pass evaluated (recomputation included)
    int32_t preemptions = 0;
    int32_t draft_tokens = 0;    // proposed by the draft model
    int32_t draft_accepted = 0;  // of those, kept
    // The most KV-cache memory the request held at once: the blocks its sequence
    // referenced (shared prefix blocks included, as it used them) times the bytes
    // of K and V one block takes over all layers (PagedKvCache::block_bytes of the
    // model's n_layer, n_head_kv × n_embd_head, block_tokens and kv_type), plus the
    // draft model's blocks × its block bytes while it speculated. Blocks are whole,
    // so without speculation this is ceil((prompt_tokens + gen_tokens - 1) /
    // block_tokens) × block bytes: the last generated token is never fed back. The
    // maximum over the request's life: a pre-empted or context-shifted sequence
    // that restarts smaller keeps its earlier peak. What VRAM is on a GPU backend.
    int64_t kv_peak_bytes = 0;
};

// What actually ran, handed back with every result.
struct RunRecord {
    std::string model;          // RuntimeParams::name of the runtime that ran it
    std::string backend;        // e.g. "cpu avx2, 2 threads"
    int32_t context_limit = 0;  // positions this request could use
    SamplerParams sampling;
    int32_t max_tokens = 0;     // in force (after any cap)
    Priority priority = Priority::Normal;
    OverflowPolicy overflow = OverflowPolicy::Stop;
    int32_t tokens_dropped = 0;  // by the overflow policy, prompt and generation together
    // Everything that changed the request on the way, in order, e.g.
    // "rolling window: dropped the 2 oldest turns (180 tokens) to fit 512 positions".
    std::vector<std::string> adjustments;
};

struct RequestResult {
    uint64_t id = 0;
    std::vector<int32_t> tokens;  // generated (an end token that finished it included)
    // With stop strings or on_text: the answer's text (an end token's and a stop
    // string's excluded), everything on_text was given.
    std::string text;
    // "length", "eos", "stop" (a stop string), "context" (max_seq_len reached under OverflowPolicy::Stop),
    // "deadline" (not finished by Request::deadline), "cancelled", "error"
    std::string finish_reason;
    std::string error;
    std::vector<float> first_logits;  // with Request::keep_first_logits: n_vocab values
    RequestMetrics metrics;
    RunRecord record;
};

struct Request {
    std::vector<int32_t> prompt;  // token ids, BOS included if wanted
    SamplerParams sampling = SamplerParams::greedy();
    int32_t max_tokens = 128;     // most tokens to generate
    std::vector<int32_t> end_tokens;  // stop after generating any of these (empty: never)
    Priority priority = Priority::Normal;
    // Finish ("deadline") if not done by then, queued or running.
    std::optional<std::chrono::steady_clock::time_point> deadline;
    OverflowPolicy overflow = OverflowPolicy::Stop;
    // Token indices in `prompt` where each conversation turn starts, ascending;
    // what lies before the first is the system prompt, which the overflow
    // policies keep. Empty: only the first token (BOS) counts as the head.
    std::vector<int32_t> turn_starts;
    CompressSpec compress;  // for OverflowPolicy::Compress
    bool speculate = true;  // use the runtime's draft model, if it has one
    bool keep_first_logits = false;  // copy the logits the first token was sampled from into the result
    // Each generated token, in order; returning false cancels the request.
    std::function<bool(int32_t token)> on_token;
    // End before the first occurrence of any of these in the answer's text
    // (finish reason "stop"; the stop string is not part of the text). Needs
    // RuntimeParams::tokenizer.
    std::vector<std::string> stop;
    // The answer as text, in pieces of complete UTF-8, after on_token; a tail that
    // may start a stop string is held back until it is known not to. Returning
    // false cancels. Needs RuntimeParams::tokenizer.
    std::function<bool(std::string_view piece)> on_text;
    // Called exactly once for an accepted request.
    std::function<void(const RequestResult&)> on_done;
};

struct Submission {
    uint64_t id = 0;            // 0: rejected
    std::string reason;         // why it was rejected
    int32_t retry_after_ms = -1;  // >= 0: worth retrying after this long; -1: it will never fit
    bool accepted() const { return id != 0; }
};

struct StepStats {
    // The tokens each request had in this step's batch (request id, tokens),
    // for sharing the step's time and energy among them. Valid during on_step().
    std::span<const std::pair<uint64_t, int32_t>> request_tokens;
    int32_t batch_tokens = 0;
    int32_t prefill_tokens = 0;
    int32_t decode_tokens = 0;
    int32_t running = 0;
    int32_t queued = 0;
    int32_t kv_blocks_used = 0;
    int32_t kv_blocks_free = 0;  // free plus idle cached
    double step_ms = 0;
};

struct RuntimeEvent {
    std::string kind;  // "preempted", "rejected", "degraded", "overflow"
    uint64_t request = 0;
    std::string detail;
};

class RuntimeObserver {
public:
    virtual ~RuntimeObserver() = default;
    virtual void on_step(const StepStats&) {}
    virtual void on_request_finished(const RequestResult&) {}
    virtual void on_event(const RuntimeEvent&) {}
};

struct RuntimeStats {
    int32_t running = 0;
    int32_t queued = 0;
    int32_t kv_blocks_total = 0;
    int32_t kv_blocks_used = 0;
    int32_t kv_blocks_cached_idle = 0;
    uint64_t steps = 0;
};

class Runtime {
public:
    // Builds the forward pass (weights repacked once) and the KV pool, starts
    // the scheduler. Throws std::invalid_argument when a setting is out of range
    // or the KV budget holds less than one block; a request larger than the
    // whole pool is rejected at submit().
    Runtime(const Model& model, const RuntimeParams& params, RuntimeObserver* observer = nullptr);
    ~Runtime();
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    Submission submit(Request request);
    // Cancels a queued or running request (its on_done reports "cancelled" and its
    // blocks go back to the pool before the next step). False if it is not known
    // or already finished.
    bool cancel(uint64_t id);
    RuntimeStats stats() const;
    const RuntimeParams& params() const { return m_params; }
    // Where DegradationRule::Action::Fallback sends requests (a runtime of a
    // smaller model, with its own memory budget); must outlive this one.
    // cancel() reaches requests sent there too. Call before submitting.
    void set_fallback(Runtime* fallback) { m_fallback = fallback; }
    std::string backend() const;

private:
    struct Seq;
    using Clock = std::chrono::steady_clock;

    Submission submit_with(Request request, std::vector<std::string> adjustments);
    void loop();
    bool step();      // run_step(), then the stats; false when there was nothing to do
    bool run_step();
    void admit();
    // True while a running sequence is still computing prompt blocks that `cand`
    // shares beyond what it has published: admitted a step or two later, cand
    // finds them cached instead of computing them a second time.
    bool waits_for_shared_prefix(const Seq& cand) const;
    bool ensure_blocks(Seq& s, int32_t n_positions);
    void preempt_last();
    void preempt(Seq& s);
    void finish(std::unique_ptr<Seq> s, const std::string& reason, const std::string& error = {});
    void publish_full_blocks(Seq& s);
    void release_blocks(Seq& s);
    // Raises s's kv_peak_bytes to what its tables hold now. Tables only grow
    // between releases, so calling it before each release sees every peak.
    void note_kv_peak(Seq& s);
    void notify_event(const RuntimeEvent& e);
    // Shrinks s.tokens to at most `limit` positions by s's overflow policy; the
    // description goes into its record. False under OverflowPolicy::Stop.
    bool fit(Seq& s, int32_t limit, const char* when);
    // OverflowPolicy::Compress at submit: queues a summary request for s's oldest
    // turns (or uses a cached summary) and returns s's submission.
    struct Compression {
        int32_t from = 0, to = 0, turns = 0;  // the turns replaced: tokens [from, to)
    };
    std::optional<Compression> plan_compression(const Seq& s, int32_t limit) const;
    void apply_compression(Seq& s, const Compression& c, const std::vector<int32_t>& summary, bool cached);
    void enqueue(std::unique_ptr<Seq> s);
    // Speculation for this step: feeds the draft the step's tokens of every
    // speculating sequence and lets it propose; fills Seq::proposals.
    void draft_step(int32_t* budget);
    void drop_draft(Seq& s);
    // Hands one sampled token to s; the finish reason, or "" to go on.
    std::string take_token(Seq& s, int32_t id, Clock::time_point now);
    void attach_prefix(Seq& s);
    void finish_expired();

    const Model& m_model;
    RuntimeParams m_params;
    RuntimeObserver* m_observer;
    Runtime* m_fallback = nullptr;
    std::unique_ptr<CpuForward> m_forward;
    std::unique_ptr<PagedKvCache> m_kv;
    std::unique_ptr<CpuForward> m_draft_forward;  // with RuntimeParams::draft
    std::unique_ptr<PagedKvCache> m_draft_kv;
    size_t m_kv_block_bytes = 0, m_draft_block_bytes = 0;  // K and V of one block, all layers

    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::unique_ptr<Seq>> m_queue;  // guarded by m_mutex
    std::vector<std::pair<uint64_t, int32_t>> m_step_shares;  // scheduler thread: StepStats::request_tokens
    std::unordered_set<uint64_t> m_cancel;     // guarded
    std::unordered_set<uint64_t> m_live;       // accepted, not finished; guarded
    bool m_stop = false;                       // guarded
    RuntimeStats m_stats;                      // guarded (a copy the scheduler updates)
    double m_mean_e2e_ms = 1000.0;             // guarded
    // Summaries by the exact tokens they replace, most recent last; guarded.
    std::vector<std::pair<std::vector<int32_t>, std::vector<int32_t>>> m_summaries;

    // Scheduler thread only.
    std::vector<std::unique_ptr<Seq>> m_running;
    uint64_t m_admissions = 0;
    std::vector<int32_t> m_b_tokens, m_b_pos, m_b_seq, m_b_out;
    std::vector<float> m_logits, m_draft_logits;

    std::thread m_thread;
};

}  // namespace fyr
