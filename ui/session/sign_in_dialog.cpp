#include "session/sign_in_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "services/app_session.h"

namespace fyr::ui {

SignInDialog::SignInDialog(QString path, QString user, QWidget* parent) : QDialog(parent), m_path(std::move(path)) {
    build();
    m_user->setText(user);
    m_intro->setText(tr("Sign in to the installation at %1.").arg(m_path));
    (user.isEmpty() ? m_user : m_password)->setFocus();
}

SignInDialog::SignInDialog(app::AppSession& session, QWidget* parent)
    : QDialog(parent), m_path(session.store().path()), m_session(&session) {
    build();
    m_user->setText(session.who().user);
    m_user->setEnabled(false);
    m_passphrase->hide();
    if (auto* form = findChild<QFormLayout*>()) form->setRowVisible(m_passphrase, false);
    m_intro->setText(tr("The session was locked after %n minute(s) without activity. Enter the password to go on.", "",
                        static_cast<int>(session.idleTimeout().count() / 60000)));
    m_password->setFocus();
}

SignInDialog::~SignInDialog() {
    if (!m_working) return;
    m_watcher.waitForFinished();
    m_resumeWatcher.waitForFinished();
}

void SignInDialog::build() {
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to Fyr"));
    auto* layout = new QVBoxLayout(this);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    layout->addWidget(m_intro);
    auto* form = new QFormLayout;
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("userEdit"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_passphrase = new QLineEdit(this);
    m_passphrase->setObjectName(QStringLiteral("passphraseEdit"));
    m_passphrase->setEchoMode(QLineEdit::Password);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Data passphrase:"), m_passphrase);
    layout->addLayout(form);
    m_status = DialogStatus::add(this, layout, tr("Checking…"), tr("Sign in"));
    connect(&m_watcher, &QFutureWatcher<app::SignedIn>::finished, this, &SignInDialog::onDone);
    connect(&m_resumeWatcher, &QFutureWatcher<app::Identity::Result>::finished, this, &SignInDialog::onResumeChecked);
}

QString SignInDialog::storeProblemText(const QString& path, const QString& error) {
    return tr("%1\n\nThe database is %2. Nothing was changed. To go back to a backup, quit Fyr and run:\n"
              "  fyrctl backup restore BACKUP-FILE --db %2\n(the current file is kept beside it).")
        .arg(error, path);
}

QString SignInDialog::errorText() const {
    return m_status.errorText();
}

bool SignInDialog::isWorking() const {
    return m_working;
}

void SignInDialog::showError(const QString& message) {
    m_status.showError(message);
}

void SignInDialog::setWorking(bool working) {
    m_working = working;
    m_status.setBusy(working);
    m_password->setEnabled(!working);
    m_passphrase->setEnabled(!working);
    m_user->setEnabled(!working && !m_session);
}

void SignInDialog::accept() {
    if (isWorking()) return;
    showError({});
    setWorking(true);
    if (m_session) {
        // The key is unlocked already; only the password is checked (a moment's scrypt).
        app::AppSession* session = m_session;
        const QByteArray password = m_password->text().toUtf8();
        m_resumeWatcher.setFuture(QtConcurrent::run([session, password] { return session->checkPassword(password); }));
        return;
    }
    const QString path = m_path;
    const QString user = m_user->text().trimmed();
    const QByteArray password = m_password->text().toUtf8();
    const QByteArray passphrase = m_passphrase->text().toUtf8();
    m_watcher.setFuture(QtConcurrent::run([path, user, password, passphrase] {
        return app::signIn(path, user, password, passphrase, QStringLiteral("fyr"), QStringLiteral("sign-in"));
    }));
}

void SignInDialog::reject() {
    if (!isWorking()) QDialog::reject();
}

void SignInDialog::onResumeChecked() {
    setWorking(false);
    const QString e = m_session->finishResume(m_resumeWatcher.future().result());
    if (!e.isEmpty()) {
        m_password->clear();
        showError(e);
        m_password->setFocus();
        return;
    }
    QDialog::accept();
}

void SignInDialog::onDone() {
    setWorking(false);
    app::SignedIn s = m_watcher.future().takeResult();
    if (!s.ok()) {
        m_password->clear();
        showError(s.problem == app::Store::Problem::None ? s.error : storeProblemText(m_path, s.error));
        m_password->setFocus();
        return;
    }
    m_signedIn = std::move(s);
    QDialog::accept();
}

QByteArray SignInDialog::passphrase() const {
    return m_passphrase->text().toUtf8();
}

}  // namespace fyr::ui
