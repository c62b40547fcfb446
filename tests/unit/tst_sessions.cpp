// Sessions end after inactivity, after their maximum age, on sign-out and for
// every session of a user at once; tokens are random and unguessable.
#include <QTest>

#include "store/sessions.h"

using fyr::app::Principal;
using fyr::app::Sessions;

class TestSessions : public QObject {
    Q_OBJECT
private slots:
    void timeoutsAndClosing() {
        Sessions::Policy p;
        p.idleMs = 1000;
        p.maxAgeMs = 5000;
        Sessions s(p);
        Principal ana;
        ana.userId = 7;
        ana.user = QStringLiteral("ana");
        const QString t = s.open(ana, 0);
        QVERIFY(t.size() >= 40);
        QVERIFY(s.open(ana, 0) != t);
        QString why;
        QCOMPARE(s.touch(t, &why, 900)->user, QStringLiteral("ana"));
        QVERIFY(s.touch(t, &why, 1800));  // the idle clock restarted at 900
        QVERIFY(!s.touch(t, &why, 2801));
        QVERIFY2(why.contains(QStringLiteral("timed out")), qPrintable(why));
        QVERIFY(!s.touch(t, &why, 2802));
        QVERIFY2(why.contains(QStringLiteral("not signed in")), qPrintable(why));

        // Kept busy, a session still ends at its maximum age.
        const QString busy = s.open(ana, 10'000);
        for (int64_t at = 10'500; at <= 15'000; at += 500) QVERIFY(s.touch(busy, &why, at));
        QVERIFY(!s.touch(busy, &why, 15'001));
        QVERIFY2(why.contains(QStringLiteral("older")), qPrintable(why));

        const QString a = s.open(ana, 0), b = s.open(ana, 0);
        Principal bob;
        bob.userId = 8;
        const QString c = s.open(bob, 0);
        s.close(a);
        QVERIFY(!s.touch(a, &why, 1));
        s.closeUser(7);
        QVERIFY(!s.touch(b, &why, 1));
        QVERIFY(s.touch(c, &why, 1));
    }
};

QTEST_GUILESS_MAIN(TestSessions)
#include "tst_sessions.moc"
