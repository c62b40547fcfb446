// The paged KV cache's block accounting: allocation until exhaustion, reference
// counts, prefix matching that is exact (parent block and tokens, never a hash
// alone), least-recently-used eviction of idle cached blocks, and children of an
// evicted block no longer matching.
#include <QTest>

#include <numeric>
#include <stdexcept>
#include <vector>

#include "fyr/paged_kv_cache.h"

namespace {
std::vector<int32_t> iota(int32_t n, int32_t from) {
    std::vector<int32_t> v(static_cast<size_t>(n));
    std::iota(v.begin(), v.end(), from);
    return v;
}
}  // namespace

class TestPagedKvCache : public QObject {
    Q_OBJECT
private slots:
    void allocatesUntilExhaustedAndFreesOnRelease() {
        fyr::PagedKvCache kv(2, 8, 4, 3);
        QCOMPARE(kv.n_available(), 3);
        const int32_t a = kv.allocate(), b = kv.allocate(), c = kv.allocate();
        QVERIFY(a >= 0 && b >= 0 && c >= 0 && a != b && b != c && a != c);
        QCOMPARE(kv.allocate(), -1);
        QCOMPARE(kv.n_used(), 3);
        kv.retain(b);
        kv.release(b);
        QCOMPARE(kv.n_available(), 0);
        kv.release(b);
        QCOMPARE(kv.n_available(), 1);
        QCOMPARE(kv.allocate(), b);
        QCOMPARE(kv.ref_count(b), 1);
    }

    void storageOfBlocksIsDisjoint() {
        fyr::PagedKvCache kv(3, 8, 4, 5);
        QCOMPARE(fyr::PagedKvCache::block_bytes(3, 8, 4), size_t(2 * 2 * 3 * 8 * 4));
        QCOMPARE(kv.row_bytes(), size_t(16));
        // One layer's block is 4 rows of 16 bytes, blocks follow each other, layers too.
        for (int32_t l = 0; l < 3; ++l) {
            for (int32_t b = 0; b < 5; ++b) {
                if (b + 1 < 5) QCOMPARE(kv.k(l, b) + 64, kv.k(l, b + 1));
                else if (l + 1 < 3) QCOMPARE(kv.k(l, b) + 64, kv.k(l + 1, 0));
                QVERIFY(kv.v(l, b) != kv.k(l, b));
            }
        }
    }

    void q8_0StorageIsAboutHalf() {
        QCOMPARE(fyr::PagedKvCache::row_bytes(256, fyr::KvType::Q8_0), size_t(8 * 34));
        QCOMPARE(fyr::PagedKvCache::block_bytes(2, 256, 32, fyr::KvType::Q8_0), size_t(2 * 2 * 32 * 8 * 34));
        fyr::PagedKvCache kv(2, 256, 32, 3, fyr::KvType::Q8_0);
        QCOMPARE(kv.type(), fyr::KvType::Q8_0);
        QCOMPARE(kv.k(0, 1) - kv.k(0, 0), std::ptrdiff_t(32 * 8 * 34));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fyr::PagedKvCache(1, 40, 32, 2, fyr::KvType::Q8_0));
        QCOMPARE(QString::fromLatin1(fyr::kv_type_name(fyr::KvType::Q8_0)), QStringLiteral("q8_0"));
    }

    void matchesPublishedPrefixesExactly() {
        fyr::PagedKvCache kv(1, 4, 4, 8);
        const std::vector<int32_t> prompt = iota(10, 100);  // two full blocks and 2 tokens
        const int32_t b0 = kv.allocate(), b1 = kv.allocate(), b2 = kv.allocate();
        kv.publish(b0, -1, std::span(prompt).first(4));
        kv.publish(b1, b0, std::span(prompt).subspan(4, 4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, kv.publish(b2, b1, std::span(prompt).subspan(8, 2)));

        std::vector<int32_t> m = kv.match_prefix(prompt);
        QCOMPARE(m, (std::vector<int32_t>{b0, b1}));
        QCOMPARE(kv.ref_count(b0), 2);
        // A prompt differing in the second block's last token shares only the first.
        std::vector<int32_t> other = prompt;
        other[7] = 1;
        QCOMPARE(kv.match_prefix(other), std::vector<int32_t>{b0});
        // The same second block after a different first block is not a match.
        std::vector<int32_t> shifted = prompt;
        shifted[0] = 5;
        QVERIFY(kv.match_prefix(shifted).empty());
        // Shorter than one block: nothing.
        QVERIFY(kv.match_prefix(std::span(prompt).first(3)).empty());
    }

    void idleCachedBlocksAreEvictedLeastRecentlyUsedFirst() {
        fyr::PagedKvCache kv(1, 4, 2, 3);
        const std::vector<int32_t> a = {1, 2}, b = {3, 4}, c = {5, 6};
        const int32_t ba = kv.allocate(), bb = kv.allocate(), bc = kv.allocate();
        kv.publish(ba, -1, a);
        kv.publish(bb, -1, b);
        kv.publish(bc, -1, c);
        kv.release(ba);
        kv.release(bb);
        kv.release(bc);
        QCOMPARE(kv.n_available(), 3);
        QCOMPARE(kv.n_cached_idle(), 3);
        // Using a again makes b the least recently used.
        QCOMPARE(kv.match_prefix(a), std::vector<int32_t>{ba});
        kv.release(ba);
        QCOMPARE(kv.allocate(), bb);
        QVERIFY(kv.match_prefix(b).empty());
        QCOMPARE(kv.match_prefix(c), std::vector<int32_t>{bc});
        QCOMPARE(kv.match_prefix(a), std::vector<int32_t>{ba});
        QCOMPARE(kv.allocate(), -1);
    }

    void childrenOfAnEvictedBlockNoLongerMatch() {
        fyr::PagedKvCache kv(1, 4, 2, 3);
        const std::vector<int32_t> p = {1, 2, 3, 4};
        const int32_t b0 = kv.allocate(), b1 = kv.allocate();
        kv.publish(b0, -1, std::span(p).first(2));
        kv.publish(b1, b0, std::span(p).subspan(2, 2));
        kv.release(b0);  // b0 least recently used
        kv.release(b1);
        QVERIFY(kv.allocate() >= 0);  // the free block
        QCOMPARE(kv.allocate(), b0);  // evicts b0
        // The same content in a new first block must not chain to the old b1.
        const int32_t nb = b0;
        kv.publish(nb, -1, std::span(p).first(2));
        QCOMPARE(kv.match_prefix(p), std::vector<int32_t>{nb});
    }

    void publishingKnownContentTwiceKeepsOneCopy() {
        fyr::PagedKvCache kv(1, 4, 2, 4);
        const std::vector<int32_t> t = {7, 8};
        const int32_t x = kv.allocate(), y = kv.allocate();
        kv.publish(x, -1, t);
        kv.publish(y, -1, t);  // same content: y stays private
        kv.release(y);
        QCOMPARE(kv.n_cached_idle(), 0);
        QCOMPARE(kv.match_prefix(t), std::vector<int32_t>{x});
    }

    void rejectsNonsenseSizes() {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fyr::PagedKvCache(0, 8, 4, 4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fyr::PagedKvCache(1, 8, 0, 4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fyr::PagedKvCache(1, 8, 4, 0));
    }
};

QTEST_APPLESS_MAIN(TestPagedKvCache)
#include "tst_paged_kv_cache.moc"
