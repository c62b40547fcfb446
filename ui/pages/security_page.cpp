#include "pages/security_page.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <map>

#include "guard/security_events.h"
#include "services/app_session.h"
#include "store/audit_log.h"

namespace fyr::ui {
namespace {

constexpr int kRefreshMs = 5000;
constexpr int kEventLimit = 200;

}  // namespace

SecurityPage::SecurityPage(QWidget* parent) : Page(QStringLiteral("securityPage"), parent) {
    QVBoxLayout* layout = pageLayout();
    layout->removeWidget(emptyStateWidget());
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(emptyStateWidget());

    m_content = new QWidget(m_stack);
    auto* content = new QVBoxLayout(m_content);
    content->setContentsMargins(0, 0, 0, 0);
    auto* verifyRow = new QHBoxLayout;
    m_verifyButton = new QPushButton(m_content);
    m_verifyButton->setObjectName(QStringLiteral("verifyAuditButton"));
    m_verifyResult = new QLabel(m_content);
    m_verifyResult->setObjectName(QStringLiteral("verifyResultLabel"));
    m_verifyResult->setWordWrap(true);
    m_verifyResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    verifyRow->addWidget(m_verifyButton, 0, Qt::AlignTop);
    verifyRow->addWidget(m_verifyResult, 1);
    content->addLayout(verifyRow);
    m_eventsLabel = new QLabel(m_content);
    m_eventsLabel->setObjectName(QStringLiteral("eventsLabel"));
    m_eventsLabel->setWordWrap(true);
    content->addWidget(m_eventsLabel);
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_table = new QTableView(m_content);
    m_table->setObjectName(QStringLiteral("securityEventsTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    content->addWidget(m_table, 1);
    m_stack->addWidget(m_content);
    layout->addWidget(m_stack, 1);

    m_timer = new QTimer(this);
    m_timer->setInterval(kRefreshMs);
    connect(m_timer, &QTimer::timeout, this, &SecurityPage::refresh);
    connect(m_verifyButton, &QPushButton::clicked, this, &SecurityPage::verifyAuditChain);
    finishSetup();
    updateState();
}

QString SecurityPage::title() const {
    return tr("Security");
}

void SecurityPage::setSession(app::AppSession* session) {
    m_session = session;
    m_verifyResult->clear();
    updateState();
    refresh();
}

QString SecurityPage::verifyResultText() const {
    return m_verifyResult->text();
}

void SecurityPage::retranslate() {
    setEmptyState(tr("Not signed in"),
                  tr("Sign in to see the security events raised by the guards and quotas and to verify the "
                     "tamper-evident audit trail."));
    m_verifyButton->setText(tr("Verify audit chain"));
    m_verifyButton->setToolTip(
        tr("Check every audit entry's HMAC, the chain and the head checkpoint (needs audit.view)."));
    m_model->setHorizontalHeaderLabels(
        {tr("Time"), tr("Type"), tr("Severity"), tr("User"), tr("OWASP"), tr("Excerpt")});
    updateState();
}

void SecurityPage::updateState() {
    m_stack->setCurrentWidget(m_session ? m_content : emptyStateWidget());
    const bool mayVerify = m_session && m_session->may(app::Permission::AuditView);
    m_verifyButton->setEnabled(mayVerify);
}

void SecurityPage::showEvent(QShowEvent* event) {
    Page::showEvent(event);
    refresh();
    m_timer->start();
}

void SecurityPage::hideEvent(QHideEvent* event) {
    Page::hideEvent(event);
    m_timer->stop();
}

void SecurityPage::refresh() {
    updateState();
    if (!m_session) {
        m_model->removeRows(0, m_model->rowCount());
        return;
    }
    const app::Principal& who = m_session->who();
    if (!m_session->may(app::Permission::SecurityManage) && !m_session->may(app::Permission::AuditView)) {
        m_model->removeRows(0, m_model->rowCount());
        m_eventsLabel->setText(tr("%1 (role %2) lacks the permission %3 or %4 to see security events.")
                                   .arg(who.user, who.role, app::permissionName(app::Permission::SecurityManage),
                                        app::permissionName(app::Permission::AuditView)));
        return;
    }
    std::vector<app::guard::SecurityEvent> events = app::guard::SecurityEvents(m_session->store()).recent(kEventLimit);
    std::sort(events.begin(), events.end(), [](const auto& a, const auto& b) { return a.id > b.id; });
    // User names for events whose details do not carry one.
    std::map<int64_t, QString> names;
    for (const auto& u : m_session->identity().users()) names[u.id] = u.name;
    m_model->removeRows(0, m_model->rowCount());
    for (const auto& e : events) {
        QString user = e.details.value(QStringLiteral("user")).toString();
        if (user.isEmpty() && e.userId) user = names.count(*e.userId) ? names[*e.userId] : QString::number(*e.userId);
        QString excerpt = e.details.value(QStringLiteral("excerpt")).toString();
        if (excerpt.isEmpty()) excerpt = e.details.value(QStringLiteral("reason")).toString();
        QList<QStandardItem*> row{
            new QStandardItem(QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))),
            new QStandardItem(e.type),
            new QStandardItem(e.severity),
            new QStandardItem(user),
            new QStandardItem(e.details.value(QStringLiteral("owasp")).toString()),
            new QStandardItem(excerpt)};
        row.first()->setData(QVariant::fromValue<qint64>(e.id), Qt::UserRole);
        if (e.requestId) row.first()->setToolTip(tr("Request %1").arg(*e.requestId));
        m_model->appendRow(row);
    }
    m_eventsLabel->setText(events.empty()
                               ? tr("No security events.")
                               : tr("%n recent security event(s), newest first.", "", static_cast<int>(events.size())));
}

void SecurityPage::verifyAuditChain() {
    if (!m_session) return;
    const app::Principal& who = m_session->who();
    if (!m_session->may(app::Permission::AuditView)) {
        m_session->audit().append(who.user, QStringLiteral("permission.denied"),
                                  app::permissionName(app::Permission::AuditView), QStringLiteral("audit verify"));
        m_verifyResult->setText(tr("%1 (role %2) lacks the permission %3")
                                    .arg(who.user, who.role, app::permissionName(app::Permission::AuditView)));
        return;
    }
    m_session->touch();
    // As found, before this check adds its own entry.
    const app::AuditLog::Verdict v = m_session->audit().verify();
    m_session->audit().append(who.user, QStringLiteral("audit.verify"), QString(),
                              v.ok ? QStringLiteral("intact") : v.problem);
    if (v.ok) {
        m_verifyResult->setStyleSheet({});
        m_verifyResult->setText(tr("The audit chain holds: %n entries, chain and head checkpoint verified.", "",
                                   static_cast<int>(v.entries)));
    } else {
        m_verifyResult->setStyleSheet(QStringLiteral("color: #c01c28"));
        m_verifyResult->setText(
            tr("The audit chain is NOT intact: first bad entry %1: %2").arg(v.firstBad).arg(v.problem));
    }
}

}  // namespace fyr::ui
