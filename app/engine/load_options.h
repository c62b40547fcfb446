// How EngineBridge::loadModel() sets up the inference context.
//
//   fyr::app::LoadOptions o;
//   o.nCtx = 8192;   // more than the default cap, for long conversations
//   bridge.loadModel(path, o);
//
// Plain data; copy it between threads freely.
#pragma once

namespace fyr::app {

struct LoadOptions {
    // Positions the KV cache holds. <= 0: the model's trained context, at most
    // kDefaultMaxCtx (a long trained context would otherwise reserve gigabytes).
    // Never more than the trained context.
    int nCtx = 0;
    int nThreads = 0;  // <= 0: one per physical core

    static constexpr int kDefaultMaxCtx = 4096;
};

}  // namespace fyr::app
