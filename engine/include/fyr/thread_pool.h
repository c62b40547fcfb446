// The engine's compute threads: a fixed set of workers that run one function on
// every thread at once and return when all have finished (a fork/join barrier).
// The calling thread takes part as thread 0, so a pool of N uses N-1 workers.
//
//   fyr::ThreadPool pool(4);                           // 0 or less: physical cores
//   pool.run([&](int ith, int nth) {                   // ith in [0, nth)
//       const auto [begin, end] = fyr::ThreadPool::split(n_rows, ith, nth, 8);
//       for (int64_t r = begin; r < end; ++r) ...;
//   });
//
// run() allocates nothing: the function is passed by reference, the workers are
// woken through an atomic generation counter (a short spin, then a futex wait)
// and report back through an atomic count. This keeps the many small barriers of
// one token's forward pass cheap.
//
// Thread-safety: run() may be called by one thread at a time (the pool's owner).
// The destructor joins every worker.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

namespace fyr {

class ThreadPool final {
public:
    explicit ThreadPool(int n_threads);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    // Threads that take part in run(), the caller included.
    int size() const { return m_n_threads; }

    // Calls fn(ith, nth) once for every ith in [0, nth) and returns when all calls
    // have returned. The calls are handed out to whichever threads are ready, the
    // caller included: a thread the system has descheduled does not hold the
    // others up, its share is taken by another. So fn must not assume which thread
    // runs which ith, nor that all of them run at the same time (no waiting on
    // each other inside fn). fn must not throw.
    template <typename F>
    void run(F&& fn) {
        run_erased(&fn, [](void* f, int ith, int nth) { (*static_cast<std::remove_reference_t<F>*>(f))(ith, nth); });
    }

    // Thread ith's share [begin, end) of n items, in multiples of `align` items
    // (the last share takes the remainder).
    static std::pair<int64_t, int64_t> split(int64_t n, int ith, int nth, int64_t align = 1);

    // The default thread count: the number of physical cores.
    static int default_threads();

private:
    using Task = void (*)(void*, int, int);
    void run_erased(void* fn, Task task);
    void worker();
    void take_shares();

    int m_n_threads = 1;
    std::vector<std::thread> m_workers;
    void* m_fn = nullptr;
    Task m_task = nullptr;
    std::atomic<uint64_t> m_generation{0};
    std::atomic<uint64_t> m_next{0};  // the next share (ith) to hand out in this run
    std::atomic<int> m_done{0};       // shares finished in this run
    std::atomic<int> m_sleepers{0};
    std::atomic<bool> m_stop{false};
};

}  // namespace fyr
