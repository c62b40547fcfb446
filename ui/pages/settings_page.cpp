#include "pages/settings_page.h"

#include <QCheckBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <chrono>

#include "pages/catalog_editor.h"
#include "services/app_session.h"
#include "services/housekeeping.h"
#include "services/installation_settings.h"
#include "services/telemetry_outputs.h"

namespace fyr::ui {

namespace {

constexpr int kKeyRole = Qt::UserRole + 1;

}  // namespace

SettingsPage::SettingsPage(QWidget* parent) : Page(QStringLiteral("settingsPage"), parent) {
    QVBoxLayout* layout = pageLayout();
    layout->removeWidget(emptyStateWidget());
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(emptyStateWidget());

    m_tabs = new QTabWidget(m_stack);
    m_tabs->setObjectName(QStringLiteral("settingsTabs"));
    m_content = new QWidget(m_tabs);
    auto* content = new QVBoxLayout(m_content);
    content->setContentsMargins(0, 0, 0, 0);

    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_table = new QTableView(m_content);
    m_table->setObjectName(QStringLiteral("settingsTable"));
    m_table->setModel(m_model);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    content->addWidget(m_table, 1);

    m_editorLabel = new QLabel(m_content);
    m_editorLabel->setObjectName(QStringLiteral("settingEditorLabel"));
    m_editorLabel->setWordWrap(true);
    content->addWidget(m_editorLabel);

    auto* editRow = new QHBoxLayout;
    m_editors = new QStackedWidget(m_content);
    m_check = new QCheckBox(m_editors);
    m_check->setObjectName(QStringLiteral("settingCheck"));
    m_number = new QSpinBox(m_editors);
    m_number->setObjectName(QStringLiteral("settingNumber"));
    m_text = new QLineEdit(m_editors);
    m_text->setObjectName(QStringLiteral("settingText"));
    m_editors->addWidget(m_check);
    m_editors->addWidget(m_number);
    m_editors->addWidget(m_text);
    m_editors->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_apply = new QPushButton(m_content);
    m_apply->setObjectName(QStringLiteral("applySettingButton"));
    m_reset = new QPushButton(m_content);
    m_reset->setObjectName(QStringLiteral("resetSettingButton"));
    editRow->addWidget(m_editors, 1);
    editRow->addWidget(m_apply);
    editRow->addWidget(m_reset);
    content->addLayout(editRow);

    m_message = new QLabel(m_content);
    m_message->setObjectName(QStringLiteral("settingMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    content->addWidget(m_message);

    m_outputsLabel = new QLabel(m_content);
    m_outputsLabel->setObjectName(QStringLiteral("outputsLabel"));
    m_outputsLabel->setWordWrap(true);
    m_outputsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    content->addWidget(m_outputsLabel);

    m_tabs->addTab(m_content, QString());
    m_catalog = new CatalogEditor(m_tabs);
    m_tabs->addTab(m_catalog, QString());
    m_stack->addWidget(m_tabs);
    layout->addWidget(m_stack, 1);

    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex&, const QModelIndex&) { onSelectionChanged(); });
    connect(m_apply, &QPushButton::clicked, this, [this] { applyEdit(); });
    connect(m_reset, &QPushButton::clicked, this, [this] { resetToDefault(); });
    connect(m_text, &QLineEdit::returnPressed, this, [this] { applyEdit(); });
    auto* save = new QShortcut(QKeySequence::Save, m_content);  // the catalog tab has its own
    save->setContext(Qt::WidgetWithChildrenShortcut);
    connect(save, &QShortcut::activated, this, [this] { applyEdit(); });

    finishSetup();
    updateState();
}

QString SettingsPage::title() const { return tr("Settings"); }

void SettingsPage::setSession(app::AppSession* session) {
    m_session = session;
    m_catalog->setSession(session);
    m_message->clear();
    refresh();
}

void SettingsPage::setHousekeeping(app::Housekeeping* housekeeping) {
    m_housekeeping = housekeeping;
}

void SettingsPage::setOutputs(app::TelemetryOutputs* outputs) {
    m_outputs = outputs;
    updateState();
}

void SettingsPage::retranslate() {
    setEmptyState(tr("Not signed in"),
                  tr("Sign in to see the installation's settings: the session timeout, where request traces are "
                     "exported and where alerts are sent."));
    m_model->setHorizontalHeaderLabels({tr("Setting"), tr("Value"), tr("State"), tr("Description")});
    m_tabs->setTabText(m_tabs->indexOf(m_content), tr("Installation"));
    m_tabs->setTabText(m_tabs->indexOf(m_catalog), tr("Price catalog"));
    m_apply->setText(tr("Apply"));
    m_apply->setToolTip(tr("Store the new value (Ctrl+S); needs settings.manage and is recorded in the audit log."));
    m_reset->setText(tr("Reset to default"));
    m_check->setText(tr("On"));
    refresh();
}

QString SettingsPage::selectedKey() const {
    const QModelIndex current = m_table->currentIndex();
    if (!current.isValid()) return {};
    return m_model->item(current.row(), KeyColumn)->data(kKeyRole).toString();
}

bool SettingsPage::select(const QString& key) {
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->item(row, KeyColumn)->data(kKeyRole).toString() == key) {
            m_table->setCurrentIndex(m_model->index(row, KeyColumn));
            onSelectionChanged();
            return true;
        }
    return false;
}

QString SettingsPage::editorText() const {
    if (m_editors->currentWidget() == m_check) return m_check->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    if (m_editors->currentWidget() == m_number) return QString::number(m_number->value());
    return m_text->text();
}

void SettingsPage::setEditorText(const QString& text) {
    if (m_editors->currentWidget() == m_check)
        m_check->setChecked(text == QLatin1String("true"));
    else if (m_editors->currentWidget() == m_number)
        m_number->setValue(text.toInt());
    else
        m_text->setText(text);
}

QString SettingsPage::messageText() const { return m_message->text(); }
QString SettingsPage::outputsText() const { return m_outputsLabel->text(); }

void SettingsPage::refresh() {
    const QString keep = selectedKey();
    m_model->removeRows(0, m_model->rowCount());
    if (m_session) {
        app::InstallationSettings settings(m_session->store());
        QString error;
        const QList<app::InstallationSettings::Entry> entries = settings.entries(&error);
        if (!error.isEmpty()) showMessage(tr("The settings could not be read: %1").arg(error), true);
        for (const app::InstallationSettings::Entry& e : entries) {
            auto* key = new QStandardItem(e.spec->name());
            key->setData(e.spec->name(), kKeyRole);
            QString shown = app::InstallationSettings::display(*e.spec, e.value);
            if (shown.isEmpty()) shown = tr("(empty)");
            QString state = e.isDefault ? tr("default")
                                        : tr("changed %1").arg(QDateTime::fromMSecsSinceEpoch(e.updatedMs)
                                                                   .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
            if (!e.problem.isEmpty()) state = e.problem;
            m_model->appendRow({key, new QStandardItem(shown), new QStandardItem(state),
                                new QStandardItem(app::InstallationSettings::describe(*e.spec))});
        }
        m_table->resizeColumnsToContents();
    }
    if (!keep.isEmpty()) select(keep);
    updateState();
}

void SettingsPage::onSelectionChanged() {
    const QString key = selectedKey();
    const app::SettingSpec* spec = app::InstallationSettings::find(key);
    if (!spec || !m_session) {
        m_editorLabel->clear();
        updateState();
        return;
    }
    m_editorLabel->setText(QStringLiteral("<b>%1</b> — %2").arg(key.toHtmlEscaped(),
                                                                 app::InstallationSettings::describe(*spec).toHtmlEscaped()));
    const QVariant value = app::InstallationSettings(m_session->store()).value(key);
    switch (spec->type) {
    case app::SettingSpec::Type::Bool:
        m_editors->setCurrentWidget(m_check);
        m_check->setChecked(value.toBool());
        break;
    case app::SettingSpec::Type::Int:
        m_editors->setCurrentWidget(m_number);
        m_number->setRange(static_cast<int>(spec->min), static_cast<int>(spec->max));
        m_number->setValue(value.toInt());
        break;
    case app::SettingSpec::Type::Url:
    case app::SettingSpec::Type::Text:
        m_editors->setCurrentWidget(m_text);
        m_text->setText(value.toString());
        m_text->setPlaceholderText(spec->emptyAllowed ? tr("empty: off") : QString());
        break;
    }
    updateState();
}

bool SettingsPage::applyEdit() {
    const QString key = selectedKey();
    if (!m_session || key.isEmpty()) return false;
    app::InstallationSettings settings(m_session->store());
    const QString error = settings.set(m_session->who(), m_session->audit(), key, editorText());
    if (!error.isEmpty()) {
        showMessage(error, true);
        return false;
    }
    afterChange(key);
    showMessage(tr("%1 is now %2.").arg(key, app::InstallationSettings::display(*app::InstallationSettings::find(key),
                                                                                 settings.value(key))),
                false);
    return true;
}

bool SettingsPage::resetToDefault() {
    const QString key = selectedKey();
    if (!m_session || key.isEmpty()) return false;
    app::InstallationSettings settings(m_session->store());
    const QString error = settings.reset(m_session->who(), m_session->audit(), key);
    if (!error.isEmpty()) {
        showMessage(error, true);
        return false;
    }
    afterChange(key);
    onSelectionChanged();
    showMessage(tr("%1 is back to its default.").arg(key), false);
    return true;
}

void SettingsPage::afterChange(const QString& key) {
    app::InstallationSettings settings(m_session->store());
    if (key == QLatin1String("security.session_idle_minutes"))
        m_session->setIdleTimeout(std::chrono::minutes(settings.value(key).toInt()));
    if (m_housekeeping && (key.startsWith(QLatin1String("retention.")) || key.startsWith(QLatin1String("backup."))))
        m_housekeeping->apply(settings);
    if (m_outputs && (key.startsWith(QLatin1String("telemetry.")) || key.startsWith(QLatin1String("alerts.")))) {
        const QStringList problems = m_outputs->apply(settings);
        if (!problems.isEmpty()) {
            refresh();
            showMessage(problems.join(QLatin1Char('\n')), true);
            emit settingChanged(key);
            return;
        }
    }
    refresh();
    emit settingChanged(key);
}

void SettingsPage::updateState() {
    m_stack->setCurrentWidget(m_session ? static_cast<QWidget*>(m_tabs) : emptyStateWidget());
    const bool may = m_session && m_session->may(app::Permission::SettingsManage);
    const bool selected = !selectedKey().isEmpty();
    m_editors->setEnabled(may && selected);
    m_apply->setEnabled(may && selected);
    m_reset->setEnabled(may && selected);
    if (m_session && !may && m_message->text().isEmpty())
        showMessage(tr("%1 may read the settings; changing them needs the permission settings.manage.")
                        .arg(m_session->who().user),
                    false);
    if (m_outputs)
        m_outputsLabel->setText(tr("Outputs now: %1").arg(m_outputs->status().join(QStringLiteral("; "))));
    else
        m_outputsLabel->clear();
}

void SettingsPage::showMessage(const QString& text, bool error) {
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #c01c28") : QString());
    m_message->setProperty("error", error);
}

}  // namespace fyr::ui
