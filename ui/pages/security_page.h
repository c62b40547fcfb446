// The Security page: the security events the guards and quotas raised (time,
// type, severity, user, OWASP id, a redacted excerpt), newest first, read from the
// store when the page is shown and every few seconds while it is; and "Verify
// audit chain", which walks the tamper-evident audit log and says whether it
// holds or names the first bad entry and what is wrong with it (audited as
// `fyrctl audit verify` is). Events need security.manage or audit.view; the
// verification needs audit.view. Without a session the page says so.
//
//   auto* security = new fyr::ui::SecurityPage(stack);
//   security->setSession(&session);
//
// GUI thread only.
#pragma once

#include "pages/page.h"

class QLabel;
class QPushButton;
class QStackedWidget;
class QStandardItemModel;
class QTableView;
class QTimer;

namespace fyr::app {
class AppSession;
}

namespace fyr::ui {

class SecurityPage final : public Page {
    Q_OBJECT
public:
    enum Column { TimeColumn, TypeColumn, SeverityColumn, UserColumn, OwaspColumn, ExcerptColumn, ColumnCount };

    explicit SecurityPage(QWidget* parent = nullptr);
    QString title() const override;

    // The session the page reads for; it must outlive the page (nullptr: not signed in).
    void setSession(app::AppSession* session);
    QStandardItemModel* eventsModel() const { return m_model; }
    QString verifyResultText() const;

public slots:
    void refresh();
    void verifyAuditChain();

protected:
    void retranslate() override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void updateState();

    app::AppSession* m_session = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_content = nullptr;
    QLabel* m_eventsLabel = nullptr;
    QTableView* m_table = nullptr;
    QStandardItemModel* m_model = nullptr;
    QPushButton* m_verifyButton = nullptr;
    QLabel* m_verifyResult = nullptr;
    QTimer* m_timer = nullptr;
};

}  // namespace fyr::ui
