#include "session/first_start_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace fyr::ui {
namespace {

QLineEdit* secretEdit(const QString& name, QWidget* parent) {
    auto* e = new QLineEdit(parent);
    e->setObjectName(name);
    e->setEchoMode(QLineEdit::Password);
    return e;
}

}  // namespace

FirstStartDialog::FirstStartDialog(QString path, QWidget* parent) : QDialog(parent), m_path(std::move(path)) {
    setObjectName(QStringLiteral("firstStartDialog"));
    setWindowTitle(tr("Create the Fyr installation"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("There is no installation at %1 yet. Choose the first administrator and the data "
                                "passphrase that protects conversations and the audit trail; without the passphrase "
                                "the data cannot be read, so keep it safe.")
                                 .arg(m_path),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    m_admin = new QLineEdit(QStringLiteral("admin"), this);
    m_admin->setObjectName(QStringLiteral("adminEdit"));
    m_password = secretEdit(QStringLiteral("passwordEdit"), this);
    m_passwordAgain = secretEdit(QStringLiteral("passwordAgainEdit"), this);
    m_passphrase = secretEdit(QStringLiteral("passphraseEdit"), this);
    m_passphraseAgain = secretEdit(QStringLiteral("passphraseAgainEdit"), this);
    form->addRow(tr("&Administrator:"), m_admin);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("Password &again:"), m_passwordAgain);
    form->addRow(tr("&Data passphrase:"), m_passphrase);
    form->addRow(tr("Data passphrase a&gain:"), m_passphraseAgain);
    layout->addLayout(form);
    m_status = DialogStatus::add(this, layout, tr("Deriving the keys…"), tr("Create"));
    connect(&m_watcher, &QFutureWatcher<app::SignedIn>::finished, this, &FirstStartDialog::onDone);
    m_password->setFocus();
}

// The worker owns nothing of the dialog's, but its result lands here: wait for it.
FirstStartDialog::~FirstStartDialog() {
    if (m_working) m_watcher.waitForFinished();
}

QString FirstStartDialog::errorText() const {
    return m_status.errorText();
}

bool FirstStartDialog::isWorking() const {
    return m_working;
}

void FirstStartDialog::showError(const QString& message) {
    m_status.showError(message);
}

void FirstStartDialog::setWorking(bool working) {
    m_working = working;
    m_status.setBusy(working);
    for (QLineEdit* e : {m_admin, m_password, m_passwordAgain, m_passphrase, m_passphraseAgain})
        e->setEnabled(!working);
}

void FirstStartDialog::accept() {
    if (isWorking()) return;
    const QString admin = m_admin->text().trimmed();
    const QByteArray password = m_password->text().toUtf8();
    const QByteArray passphrase = m_passphrase->text().toUtf8();
    // The same rules and messages as fyrctl init, before anything is written.
    QString problem = app::Identity::accountProblem(admin, password);
    if (problem.isEmpty() && m_password->text() != m_passwordAgain->text()) problem = tr("the passwords do not match");
    if (problem.isEmpty()) problem = app::passphraseProblem(passphrase);
    if (problem.isEmpty() && m_passphrase->text() != m_passphraseAgain->text())
        problem = tr("the data passphrases do not match");
    if (!problem.isEmpty()) {
        showError(problem);
        return;
    }
    showError({});
    setWorking(true);
    const QString path = m_path;
    m_watcher.setFuture(QtConcurrent::run([path, admin, password, passphrase] {
        app::SignedIn s;
        s.error = app::createInstallation(path, admin, password, passphrase);
        if (!s.error.isEmpty()) return s;
        return app::signIn(path, admin, password, passphrase, QStringLiteral("fyr"), QStringLiteral("first start"));
    }));
}

void FirstStartDialog::onDone() {
    setWorking(false);
    app::SignedIn s = m_watcher.future().takeResult();
    if (!s.ok()) {
        showError(s.error);
        return;
    }
    m_signedIn = std::move(s);
    QDialog::accept();
}

QByteArray FirstStartDialog::passphrase() const {
    return m_passphrase->text().toUtf8();
}

}  // namespace fyr::ui
