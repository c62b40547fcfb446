// What the first-start and sign-in dialogs share below their fields: an error
// line (hidden while empty), a busy bar while the key derivation runs on the
// thread pool, and OK/Cancel with OK renamed.
//
//   m_status = DialogStatus::add(this, layout, tr("Checking…"), tr("Sign in"));
//   m_status.showError(message);
//   m_status.setBusy(true);   // bar shown, buttons off
#pragma once

#include <QString>

class QDialog;
class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QVBoxLayout;

namespace fyr::ui {

struct DialogStatus {
    QLabel* error = nullptr;
    QProgressBar* progress = nullptr;
    QDialogButtonBox* buttons = nullptr;

    // Adds the three to `layout` (children of `dialog`); OK and Cancel are
    // connected to the dialog's accept() and reject().
    static DialogStatus add(QDialog* dialog, QVBoxLayout* layout, const QString& busyText, const QString& okText);

    void showError(const QString& message) const;
    QString errorText() const;  // "" while hidden
    void setBusy(bool busy) const;
};

}  // namespace fyr::ui
