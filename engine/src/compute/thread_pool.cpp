#include "fyr/thread_pool.h"

#include <algorithm>

#include "fyr/kernels/cpu_features.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define FYR_PAUSE() _mm_pause()
#else
#define FYR_PAUSE() std::this_thread::yield()
#endif

namespace fyr {

namespace {
// Waiting goes in three stages: a busy spin (the next operation of a token is
// usually microseconds away), then yielding the core (so a thread that shares it
// — more threads than cores, or a busy machine — can finish its share), then
// sleeping on a futex (the user is reading; nothing to do).
constexpr int kPauseIterations = 2048;
constexpr int kYieldIterations = 4096;

// False when the waiter should sleep.
bool backoff(int spin) {
    if (spin < kPauseIterations) {
        FYR_PAUSE();
        return true;
    }
    if (spin < kPauseIterations + kYieldIterations) {
        std::this_thread::yield();
        return true;
    }
    return false;
}
}  // namespace

ThreadPool::ThreadPool(int n_threads) : m_n_threads(n_threads > 0 ? n_threads : default_threads()) {
    m_workers.reserve(static_cast<size_t>(m_n_threads - 1));
    for (int i = 1; i < m_n_threads; ++i) m_workers.emplace_back([this] { worker(); });
}

ThreadPool::~ThreadPool() {
    m_stop.store(true);
    m_generation.fetch_add(1);
    m_generation.notify_all();
    for (std::thread& t : m_workers) t.join();
}

int ThreadPool::default_threads() {
    return std::max(1, kernels::cpu_features().n_physical_cores);
}

std::pair<int64_t, int64_t> ThreadPool::split(int64_t n, int ith, int nth, int64_t align) {
    align = std::max<int64_t>(align, 1);
    const int64_t units = (n + align - 1) / align;
    const int64_t per = units / nth, extra = units % nth;
    const int64_t begin_u = ith * per + std::min<int64_t>(ith, extra);
    const int64_t end_u = begin_u + per + (ith < extra ? 1 : 0);
    return {std::min(n, begin_u * align), std::min(n, end_u * align)};
}

void ThreadPool::run_erased(void* fn, Task task) {
    if (m_n_threads == 1) {
        task(fn, 0, 1);
        return;
    }
    // Published by the release store of m_next: a thread that takes a share of
    // this run sees this run's task. They are not written again before every share
    // has finished (m_done), so no thread can read the next run's task for this one.
    m_fn = fn;
    m_task = task;
    m_done.store(0, std::memory_order_relaxed);
    m_next.store(0, std::memory_order_release);
    m_generation.fetch_add(1);  // seq_cst: pairs with the sleepers count below
    if (m_sleepers.load() > 0) m_generation.notify_all();
    take_shares();
    for (int spin = 0;; ++spin) {
        const int done = m_done.load(std::memory_order_acquire);
        if (done == m_n_threads) break;
        if (!backoff(spin)) m_done.wait(done, std::memory_order_acquire);
    }
}

// Runs shares of the current run until none is left. A thread that comes late
// (after the run ended, or even during the next one) takes what it finds: any
// share below nth belongs to the run now in progress, whose task is published.
void ThreadPool::take_shares() {
    for (;;) {
        const uint64_t ith = m_next.fetch_add(1, std::memory_order_acq_rel);
        if (ith >= static_cast<uint64_t>(m_n_threads)) return;
        m_task(m_fn, static_cast<int>(ith), m_n_threads);
        if (m_done.fetch_add(1, std::memory_order_acq_rel) + 1 == m_n_threads) m_done.notify_one();
    }
}

void ThreadPool::worker() {
    uint64_t seen = 0;
    for (;;) {
        uint64_t gen = m_generation.load(std::memory_order_acquire);
        for (int spin = 0; gen == seen && backoff(spin); ++spin) gen = m_generation.load(std::memory_order_acquire);
        if (gen == seen) {
            m_sleepers.fetch_add(1);  // seq_cst: the caller either sees us or we see its new generation
            m_generation.wait(seen);
            m_sleepers.fetch_sub(1);
            continue;
        }
        seen = gen;
        if (m_stop.load()) return;
        take_shares();
    }
}

}  // namespace fyr
