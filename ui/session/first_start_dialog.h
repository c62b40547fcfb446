// First start: no installation database yet. Asks for the first admin's name,
// password (twice) and the data passphrase (twice), checks them with the rules
// `fyrctl init` uses, then creates the installation exactly as it does and signs
// the admin in, off the GUI thread (deriving the keys takes a moment) with a busy
// bar meanwhile.
//
//   fyr::ui::FirstStartDialog d(path);
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

namespace fyr::ui {

class FirstStartDialog final : public QDialog {
    Q_OBJECT
public:
    explicit FirstStartDialog(QString path, QWidget* parent = nullptr);
    ~FirstStartDialog() override;

    app::SignedIn takeSignedIn() { return std::move(m_signedIn); }
    // The data passphrase given (the console encrypts its scheduled backups with it).
    QByteArray passphrase() const;
    QString errorText() const;
    bool isWorking() const;

public slots:
    void accept() override;

private:
    void onDone();
    void showError(const QString& message);
    void setWorking(bool working);

    QString m_path;
    QLineEdit* m_admin = nullptr;
    QLineEdit* m_password = nullptr;
    QLineEdit* m_passwordAgain = nullptr;
    QLineEdit* m_passphrase = nullptr;
    QLineEdit* m_passphraseAgain = nullptr;
    DialogStatus m_status;
    QFutureWatcher<app::SignedIn> m_watcher;
    app::SignedIn m_signedIn;
    bool m_working = false;  // a sign-in runs on the thread pool
};

}  // namespace fyr::ui
