// The data key: only the right passphrase (or key file) unlocks it; sealed
// values open only in their own context and report any altered byte; a
// passphrase change re-wraps without touching what was sealed; a key file works
// beside the passphrase; a store is initialized once.
#include <QTemporaryDir>
#include <QTest>

#include "store/conversations.h"
#include "store/identity.h"
#include "store/key_ring.h"
#include "store/key_rotation.h"
#include "store/store.h"

using fyr::app::KeyRing;
using fyr::app::Store;

namespace {
// Small scrypt settings keep the test fast; the stored settings are what unlock uses.
const fyr::app::crypto::ScryptParams kFast{1u << 10, 8, 1};
}  // namespace

class TestKeyRing : public QObject {
    Q_OBJECT
private slots:
    void unlocksOnlyWithItsSecret() {
        QTemporaryDir dir;
        Store::Opened o = Store::open(dir.filePath(QStringLiteral("fyr.db")));
        QVERIFY(o.store);
        Store& store = *o.store;
        QVERIFY(!KeyRing::initialized(store));
        QString error;
        QVERIFY(!KeyRing::unlock(store, "pass one", &error));
        QVERIFY2(error.contains(QStringLiteral("never initialized")), qPrintable(error));

        QCOMPARE(KeyRing::initialize(store, "pass one", KeyRing::Secret::Passphrase, kFast), QString());
        QVERIFY(KeyRing::initialized(store));
        QVERIFY(KeyRing::initialize(store, "pass two", KeyRing::Secret::Passphrase, kFast).contains(QStringLiteral("exists")));
        QVERIFY(!KeyRing::unlock(store, "pass two", &error));
        QVERIFY2(error.contains(QStringLiteral("wrong passphrase")), qPrintable(error));

        auto ring = KeyRing::unlock(store, "pass one", &error);
        QVERIFY2(ring, qPrintable(error));
        const QByteArray secret = "the message text";
        const QByteArray sealed = ring->seal(secret, "messages.content:7");
        QVERIFY(!sealed.contains(secret));
        QCOMPARE(ring->open(sealed, "messages.content:7", &error).value_or(QByteArray()), secret);
        // Another row's context, an altered byte, a cut value: reported, never garbage.
        QVERIFY(!ring->open(sealed, "messages.content:8", &error));
        QVERIFY2(error.contains(QStringLiteral("altered")), qPrintable(error));
        QByteArray bad = sealed;
        bad[bad.size() - 1] = static_cast<char>(bad[bad.size() - 1] ^ 0x20);
        QVERIFY(!ring->open(bad, "messages.content:7", &error));
        QVERIFY(!ring->open(sealed.left(10), "messages.content:7", &error));
        QVERIFY2(error.contains(QStringLiteral("too short")), qPrintable(error));

        // Passphrase change: the old one stops working, sealed data stays readable.
        QCOMPARE(ring->setSecret(store, "pass three", KeyRing::Secret::Passphrase, kFast), QString());
        QVERIFY(!KeyRing::unlock(store, "pass one", &error));
        auto again = KeyRing::unlock(store, "pass three", &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->open(sealed, "messages.content:7", &error).value_or(QByteArray()), secret);
        QCOMPARE(again->subkey("fyr audit chain v1"), ring->subkey("fyr audit chain v1"));
        QVERIFY(again->subkey("a") != again->subkey("b"));

        // A key file beside the passphrase.
        const QByteArray keyFile = fyr::app::crypto::randomBytes(32);
        QCOMPARE(again->setSecret(store, keyFile, KeyRing::Secret::KeyFile, kFast), QString());
        auto headless = KeyRing::unlock(store, keyFile, &error);
        QVERIFY2(headless, qPrintable(error));
        QCOMPARE(headless->open(sealed, "messages.content:7", &error).value_or(QByteArray()), secret);
        QVERIFY(KeyRing::unlock(store, "pass three", &error));
    }
    // Key rotation: a new data key seals from then on, re-encryption goes in
    // committed batches, a stopped run resumes where it was, every message reads
    // the same before, during and after, and the audit subkey never changes.
    void rotationReencryptsAndResumes() {
        QTemporaryDir dir;
        Store::Opened o = Store::open(dir.filePath(QStringLiteral("fyr.db")));
        QVERIFY(o.store);
        Store& store = *o.store;
        QCOMPARE(KeyRing::initialize(store, "pass one", KeyRing::Secret::Passphrase, kFast), QString());
        QString error;
        auto ring = KeyRing::unlock(store, "pass one", &error);
        QVERIFY2(ring, qPrintable(error));
        fyr::app::Identity identity(store);
        QCOMPARE(identity.createFirstAdmin(QStringLiteral("root"), "rootpass123"), QString());
        fyr::app::Conversations conv(store, *ring);
        const int64_t c = conv.create(1, QStringLiteral("t"), &error);
        QVERIFY2(c > 0, qPrintable(error));
        for (int i = 0; i < 25; ++i) QVERIFY(conv.addMessage(c, QStringLiteral("user"), QStringLiteral("message %1").arg(i), &error) > 0);
        const QByteArray auditKey = ring->subkey("fyr audit chain v1");

        QVERIFY(!ring->rotate(store, "not the passphrase", KeyRing::Secret::Passphrase, kFast, &error));
        auto next = ring->rotate(store, "pass one", KeyRing::Secret::Passphrase, kFast, &error);
        QVERIFY2(next, qPrintable(error));
        QCOMPARE(next->keyIds(), QList<int64_t>({1, 2}));
        QCOMPARE(next->subkey("fyr audit chain v1"), auditKey);
        fyr::app::KeyRotation rotation(store, *next, 10);
        QCOMPARE(rotation.pending(), int64_t(25));

        // Stopped after the first batch: 10 moved, 15 left, all still readable.
        auto r = rotation.run([](int64_t, int64_t) { return false; });
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.reencrypted, int64_t(10));
        QCOMPARE(r.remaining, int64_t(15));
        auto reopened = KeyRing::unlock(store, "pass one", &error);  // as after a restart
        QVERIFY2(reopened, qPrintable(error));
        QCOMPARE(reopened->keyIds().last(), int64_t(2));
        QList<fyr::app::Conversations::Message> msgs = fyr::app::Conversations(store, *reopened).messages(c, &error);
        QCOMPARE(msgs.size(), 25);
        QCOMPARE(msgs.at(24).content, QStringLiteral("message 24"));

        // Resumed by a new run with the reopened ring; new messages are sealed under key 2.
        fyr::app::KeyRotation resumed(store, *reopened, 10);
        QCOMPARE(resumed.pending(), int64_t(15));
        std::vector<int64_t> seen;
        r = resumed.run([&](int64_t done, int64_t total) {
            seen.push_back(done);
            return total == 15;
        });
        QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
        QCOMPARE(r.remaining, int64_t(0));
        QCOMPARE(seen, std::vector<int64_t>({10, 15}));
        msgs = fyr::app::Conversations(store, *reopened).messages(c, &error);
        QCOMPARE(msgs.size(), 25);
        for (int i = 0; i < 25; ++i) QCOMPARE(msgs.at(i).content, QStringLiteral("message %1").arg(i));

        // A passphrase change afterwards re-wraps both keys; the old passphrase opens nothing.
        QCOMPARE(reopened->setSecret(store, "pass two", KeyRing::Secret::Passphrase, kFast), QString());
        QVERIFY(!KeyRing::unlock(store, "pass one", &error));
        auto last = KeyRing::unlock(store, "pass two", &error);
        QVERIFY2(last, qPrintable(error));
        QCOMPARE(last->keyIds(), QList<int64_t>({1, 2}));
        QCOMPARE(last->subkey("fyr audit chain v1"), auditKey);
    }
};

QTEST_GUILESS_MAIN(TestKeyRing)
#include "tst_key_ring.moc"
