// How EngineBridge::loadModel() sets up the serving runtime: the context each
// conversation may use, how many full contexts the KV cache holds, the threads.
//
//   fyr::app::LoadOptions o;
//   o.nCtx = 8192;   // more than the default cap, for long conversations
//   bridge.loadModel(path, o);
//
// Plain data; copy it between threads freely.
#pragma once

#include <QString>

namespace fyr::app {

struct LoadOptions {
    // Positions one conversation may use (prompt and answer). <= 0: the model's trained context, at most
    // kDefaultMaxCtx (a long trained context would otherwise reserve gigabytes).
    // Never more than the trained context.
    int nCtx = 0;
    int nThreads = 0;  // <= 0: one per physical core
    // The KV cache holds this many full contexts (nCtx positions each); shorter
    // conversations share it, so more of them run at once (up to kMaxRunning).
    // Under pressure the newest conversation waits and is recomputed later.
    int parallel = 4;
    // The endpoint label of the runtime's metrics ("local": the console and
    // fyrctl; "api": the API server).
    QString endpoint = QStringLiteral("local");

    static constexpr int kMaxRunning = 16;  // conversations generating at the same time

    static constexpr int kDefaultMaxCtx = 4096;
};

}  // namespace fyr::app
