// The generation loop: prompt → tokens, streamed as text, with stop strings,
// end-of-generation tokens, a token budget, cancellation and timings.
//
//   auto ctx = fyr::create_context(*model, {.n_ctx = 512});   // inference_context.h
//   fyr::Sampler sampler(fyr::SamplerParams::greedy(), tokenizer->n_vocab());
//   fyr::GenerationOptions opts;
//   opts.n_predict = 64;
//   opts.stop = {"\n\n"};
//   auto r = fyr::generate(*ctx, *tokenizer, sampler, prompt_ids, opts,
//                          [](std::string_view piece) { std::fwrite(piece.data(), 1, piece.size(), stdout); return
//                          true; });
//   // r.finish_reason: "length", "eos", "stop", "cancelled", "context" or "error" (then r.error)
//
// Not thread-safe: the context, sampler and callback belong to one generation.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fyr {

class InferenceContext;
class Sampler;
class Tokenizer;

struct GenerationOptions {
    int32_t n_predict = 128;        // most tokens to generate; < 0: until end of generation or a full context
    bool ignore_eos = false;        // keep going past end-of-generation tokens
    std::vector<std::string> stop;  // end before the first occurrence of any; that text is not returned
    // Speculative decoding: a draft model's context (same vocabulary, its cache at
    // the same position as the target's) proposes up to draft_max tokens; the
    // target evaluates them in one batch and keeps those its own sampler picks
    // too. The output is the target's alone: the sampler draws once per output
    // token in the same order, so a seed gives the same text with or without a draft.
    InferenceContext* draft = nullptr;
    int32_t draft_max = 8;
};

struct GenerationResult {
    std::vector<int32_t> prompt_tokens;
    std::vector<int32_t> tokens;  // generated, without a final end-of-generation token
    std::string text;             // what the callback received, stop text excluded
    std::string finish_reason;
    std::string error;
    double prompt_ms = 0;  // evaluating the prompt
    double ttft_ms = 0;    // start to the first generated token
    double gen_ms = 0;     // evaluating the generated tokens after the first
    int32_t n_gen_evals = 0;  // tokens generated after the first (each one evaluated)
    int32_t draft_tokens = 0;     // proposed by the draft model
    int32_t draft_accepted = 0;   // of those, kept by the target
    double draft_acceptance() const { return draft_tokens > 0 ? double(draft_accepted) / draft_tokens : 0.0; }

    double prompt_tokens_per_s() const;
    double gen_tokens_per_s() const;
};

// Receives each newly complete piece of text; returning false cancels at once.
using TextCallback = std::function<bool(std::string_view piece)>;

// Evaluates `prompt` at the context's current position, then samples until a
// finish condition. Every prompt token is given to sampler.accept() first, so
// repetition penalties see the prompt, as llama.cpp does.
GenerationResult generate(InferenceContext& ctx, const Tokenizer& tokenizer, Sampler& sampler,
                          const std::vector<int32_t>& prompt, const GenerationOptions& options,
                          const TextCallback& on_text);

}  // namespace fyr
