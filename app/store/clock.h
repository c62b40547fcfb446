// The store's one notion of "now": Unix milliseconds, with the caller's own time
// taking precedence (tests and replays pass one; -1 means the wall clock).
//
//   const int64_t t = fyr::app::nowMs(givenMs);
//
// Thread-safety: a pure function of the clock.
#pragma once

#include <QDateTime>

#include <cstdint>

namespace fyr::app {

inline int64_t nowMs(int64_t given = -1) {
    return given >= 0 ? given : QDateTime::currentMSecsSinceEpoch();
}

}  // namespace fyr::app
