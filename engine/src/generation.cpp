#include "fyr/generation.h"

#include <algorithm>
#include <chrono>
#include <deque>
#include <span>

#include "fyr/inference_context.h"
#include "fyr/sampler.h"
#include "fyr/text_stream.h"
#include "fyr/tokenizer.h"

namespace fyr {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

int32_t argmax(std::span<const float> v) {
    return static_cast<int32_t>(std::max_element(v.begin(), v.end()) - v.begin());
}

}  // namespace

double GenerationResult::prompt_tokens_per_s() const {
    return prompt_ms > 0 ? 1000.0 * static_cast<double>(prompt_tokens.size()) / prompt_ms : 0.0;
}

double GenerationResult::gen_tokens_per_s() const {
    return gen_ms > 0 ? 1000.0 * n_gen_evals / gen_ms : 0.0;
}

GenerationResult generate(InferenceContext& ctx, const Tokenizer& tokenizer, Sampler& sampler,
                          const std::vector<int32_t>& prompt, const GenerationOptions& options,
                          const TextCallback& on_text) {
    GenerationResult r;
    r.prompt_tokens = prompt;
    const auto start = Clock::now();
    std::span<const float> logits = ctx.decode(prompt, /*all_logits=*/false, &r.error);
    r.prompt_ms = ms_since(start);
    if (logits.empty()) {
        r.finish_reason = "error";
        return r;
    }
    for (int32_t id : prompt) sampler.accept(id);

    // The prompt goes through the stream first so the first generated piece keeps
    // its leading space (only the start of a text loses it).
    TextStream stream(tokenizer, options.stop);
    stream.prime(prompt);

    // Hands out a piece; false when the callback cancels.
    auto emit = [&](const std::string& piece) {
        if (piece.empty()) return true;
        r.text += piece;
        return !on_text || on_text(piece);
    };

    // Tokens sampled (and accepted by the sampler) but not handed out yet. When
    // it runs empty, the target's cache holds `seq` (prompt and every token handed
    // out) except the last token handed out.
    std::deque<int32_t> ready;
    std::vector<int32_t> seq = prompt;
    InferenceContext* draft = options.draft;
    int32_t draft_valid = 0;  // leading tokens of seq the draft's cache holds

    // Speculative step: the draft proposes k tokens after seq's last, the target
    // evaluates that token and the proposals at once, and its sampler walks the
    // rows while they agree. False when there is no room to speculate or on an
    // evaluation error (then r.error is set).
    auto speculate = [&](int32_t remaining) -> bool {
        const int32_t n_seq = static_cast<int32_t>(seq.size());
        const int32_t room = std::min(ctx.n_ctx() - ctx.n_past() - 1, draft->n_ctx() - n_seq);
        const int32_t k = std::min({options.draft_max, remaining - 1, room});
        if (k <= 0) return false;
        draft->truncate(draft_valid);
        std::span<const float> dl = draft->decode(
            std::span<const int32_t>(seq).subspan(static_cast<size_t>(draft->n_past())), false, &r.error);
        if (dl.empty()) return false;
        std::vector<int32_t> batch{seq.back()};
        for (int32_t j = 0; j < k; ++j) {
            batch.push_back(argmax(dl));
            if (j + 1 < k) {
                dl = draft->decode(std::span<const int32_t>(&batch.back(), 1), false, &r.error);
                if (dl.empty()) return false;
            }
        }
        const int32_t before = ctx.n_past();
        const std::span<const float> tl = ctx.decode(batch, /*all_logits=*/true, &r.error);
        if (tl.empty()) return false;
        const size_t n_vocab = tl.size() / batch.size();
        int32_t kept = 0;
        for (int32_t j = 0; j <= k; ++j) {
            const int32_t id = sampler.sample(tl.data() + static_cast<size_t>(j) * n_vocab);
            sampler.accept(id);
            ready.push_back(id);
            if (j == k || id != batch[static_cast<size_t>(j) + 1]) break;
            ++kept;
        }
        r.draft_tokens += k;
        r.draft_accepted += kept;
        ctx.truncate(before + 1 + kept);              // seq's last and the kept proposals
        draft_valid = n_seq + std::min(kept, k - 1);  // the draft evaluated proposals 1 .. k-1
        return true;
    };
    // The next token to hand out; -1 on an evaluation error.
    auto next = [&](int32_t i) -> int32_t {
        if (ready.empty()) {
            const int32_t remaining = options.n_predict >= 0 ? options.n_predict - i : (1 << 30);
            if (i == 0) {
                ready.push_back(sampler.sample(logits.data()));
                sampler.accept(ready.back());
            } else if (!(draft && speculate(remaining))) {
                if (!r.error.empty()) return -1;
                logits = ctx.decode(std::span<const int32_t>(&seq.back(), 1), false, &r.error);
                if (logits.empty()) return -1;
                ready.push_back(sampler.sample(logits.data()));
                sampler.accept(ready.back());
            }
        }
        const int32_t id = ready.front();
        ready.pop_front();
        seq.push_back(id);
        return id;
    };

    for (int32_t i = 0; options.n_predict < 0 || i < options.n_predict; ++i) {
        if (i > 0 && ready.empty() && ctx.n_past() >= ctx.n_ctx()) {
            r.finish_reason = "context";
            break;
        }
        const auto t0 = Clock::now();
        const int32_t id = next(i);
        if (id < 0) {
            r.finish_reason = "error";
            return r;
        }
        if (i > 0) {
            r.gen_ms += ms_since(t0);
            ++r.n_gen_evals;
        }
        if (i == 0) r.ttft_ms = ms_since(start);
        if (!options.ignore_eos && tokenizer.is_eog(id)) {
            r.finish_reason = "eos";
            break;
        }
        r.tokens.push_back(id);
        const std::string piece = stream.push(id);
        if (stream.stopped()) {
            emit(piece);
            r.finish_reason = "stop";
            return r;
        }
        if (!emit(piece)) {
            r.finish_reason = "cancelled";
            return r;
        }

        if (options.n_predict >= 0 && i + 1 >= options.n_predict) break;
    }
    if (r.finish_reason.empty()) r.finish_reason = "length";
    emit(stream.finish());
    return r;
}

}  // namespace fyr
