// Sign-in: user, password and the data passphrase, checked by the same calls
// every fyrctl command makes (services/installation.h): the store is opened and
// checked, the data key unlocked (a wrong passphrase is reported as such), the
// login audited, a lockout reported with when it ends. A damaged or locked
// database is explained with its path and the way out (fyrctl backup restore);
// nothing is changed. With an expired AppSession it asks only for that user's
// password again (AppSession::checkPassword on the thread pool with the busy bar,
// then finishResume), so the window behind it never stops answering.
//
//   fyr::ui::SignInDialog d(path);
//   if (d.exec() == QDialog::Accepted) session = d.takeSignedIn();
//
// GUI thread only.
#pragma once

#include <QDialog>
#include <QFutureWatcher>

#include "services/installation.h"
#include "session/dialog_status.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;

namespace fyr::app {
class AppSession;
}

namespace fyr::ui {

class SignInDialog final : public QDialog {
    Q_OBJECT
public:
    explicit SignInDialog(QString path, QString user = {}, QWidget* parent = nullptr);
    // Signing in again after the idle timeout.
    explicit SignInDialog(app::AppSession& session, QWidget* parent = nullptr);
    ~SignInDialog() override;

    app::SignedIn takeSignedIn() { return std::move(m_signedIn); }
    // The data passphrase given (the console encrypts its scheduled backups with it).
    QByteArray passphrase() const;
    QString errorText() const;
    bool isWorking() const;

    // The message for a database that cannot be opened: what is wrong, where, and how to restore.
    static QString storeProblemText(const QString& path, const QString& error);

public slots:
    void accept() override;
    // Not while a check runs (Esc included): its result decides.
    void reject() override;

private:
    void build();
    void onDone();
    void onResumeChecked();
    void showError(const QString& message);
    void setWorking(bool working);

    QString m_path;
    app::AppSession* m_session = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_passphrase = nullptr;
    QLabel* m_intro = nullptr;
    DialogStatus m_status;
    QFutureWatcher<app::SignedIn> m_watcher;
    QFutureWatcher<app::Identity::Result> m_resumeWatcher;
    app::SignedIn m_signedIn;
    bool m_working = false;  // a sign-in runs on the thread pool
};

}  // namespace fyr::ui
