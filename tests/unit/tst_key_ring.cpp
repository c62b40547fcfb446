// The data key: only the right passphrase (or key file) unlocks it; sealed
// values open only in their own context and report any altered byte; a
// passphrase change re-wraps without touching what was sealed; a key file works
// beside the passphrase; a store is initialized once.
#include <QTemporaryDir>
#include <QTest>

#include "store/key_ring.h"
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
};

QTEST_GUILESS_MAIN(TestKeyRing)
#include "tst_key_ring.moc"
