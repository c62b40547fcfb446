// Re-encrypts everything sealed under older data keys with the newest one, in
// batches that each commit on their own: stopped or killed at any point, a new
// run picks up what is left (the rows whose values still name an older key).
// Runs on any thread; progress and cancellation let the console run it in the
// background and fyrctl in the foreground.
//
//   auto next = ring->rotate(store, passphrase, KeyRing::Secret::Passphrase, {}, &err);
//   fyr::app::KeyRotation rotation(store, *next);
//   auto r = rotation.run([](int64_t done, int64_t total) { return !stopRequested; });
//   // r.remaining == 0: every value is under key next->keyIds().last()
//
// Thread-safety: one run() at a time per store; reads and writes go through the store.
#pragma once

#include <QString>

#include <cstdint>
#include <functional>

namespace fyr::app {

class KeyRing;
class Store;

class KeyRotation {
public:
    struct Result {
        int64_t reencrypted = 0;  // in this run
        int64_t remaining = 0;    // still under older keys (0 when done)
        QString error;            // set when a value could not be opened or written
    };
    // Called after each batch with (done so far in this run, total when it began);
    // return false to stop after that batch.
    using Progress = std::function<bool(int64_t done, int64_t total)>;

    KeyRotation(Store& store, const KeyRing& ring, int batchSize = 200);

    // Values sealed under a key older than the ring's newest.
    int64_t pending(QString* error = nullptr) const;
    Result run(const Progress& progress = {});

private:
    Store& m_store;
    const KeyRing& m_ring;
    int m_batch;
};

}  // namespace fyr::app
