#include "session/dialog_status.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace fyr::ui {

DialogStatus DialogStatus::add(QDialog* dialog, QVBoxLayout* layout, const QString& busyText, const QString& okText) {
    DialogStatus s;
    s.error = new QLabel(dialog);
    s.error->setObjectName(QStringLiteral("errorLabel"));
    s.error->setWordWrap(true);
    s.error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    s.error->setStyleSheet(QStringLiteral("color: #c01c28"));
    s.error->hide();
    layout->addWidget(s.error);
    s.progress = new QProgressBar(dialog);
    s.progress->setObjectName(QStringLiteral("progressBar"));
    s.progress->setRange(0, 0);  // busy: the key derivation reports no steps
    s.progress->setFormat(busyText);
    s.progress->setTextVisible(true);
    s.progress->hide();
    layout->addWidget(s.progress);
    s.buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    s.buttons->button(QDialogButtonBox::Ok)->setText(okText);
    layout->addWidget(s.buttons);
    QObject::connect(s.buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(s.buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    return s;
}

void DialogStatus::showError(const QString& message) const {
    error->setText(message);
    error->setVisible(!message.isEmpty());
}

QString DialogStatus::errorText() const {
    return error->isHidden() ? QString() : error->text();
}

void DialogStatus::setBusy(bool busy) const {
    progress->setVisible(busy);
    buttons->setEnabled(!busy);
}

}  // namespace fyr::ui
