#include "pages/catalog_editor.h"

#include <QDate>
#include <QEvent>
#include <QFont>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonObject>
#include <QJsonValue>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QStandardItemModel>
#include <QTabBar>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

#include "services/app_session.h"
#include "services/catalog.h"
#include "store/store.h"

namespace fyr::ui {

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kOriginRole = Qt::UserRole + 2;
constexpr int kRowRole = Qt::UserRole + 3;  // the row's merged values, as refresh() read them

// A field's value as a person types it: numbers without an exponent where
// possible, text as it is.
QString textOf(const QJsonValue& v) {
    if (v.isDouble()) return QString::number(v.toDouble(), 'g', 15);
    if (v.isBool()) return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return v.toString();
}

QList<app::CatalogField> fieldsOf(app::CatalogTable table) {
    return app::Catalog::fields(app::CatalogOverrides::fileName(table));
}

}  // namespace

CatalogEditor::CatalogEditor(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("catalogEditor"));
    auto* layout = new QVBoxLayout(this);

    m_tabs = new QTabBar(this);
    m_tabs->setObjectName(QStringLiteral("catalogTables"));
    m_tabs->setExpanding(false);
    for (int i = 0; i < app::CatalogOverrides::tables().size(); ++i) m_tabs->addTab(QString());
    m_tabs->setCurrentIndex(int(app::CatalogOverrides::tables().indexOf(m_table)));
    layout->addWidget(m_tabs);

    m_model = new QStandardItemModel(this);
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("catalogTable"));
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    layout->addWidget(m_view, 1);

    m_form = new QWidget(this);
    m_form->setObjectName(QStringLiteral("catalogForm"));
    m_formLayout = new QGridLayout(m_form);
    m_formLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_form);

    auto* buttons = new QHBoxLayout;
    m_new = new QPushButton(this);
    m_new->setObjectName(QStringLiteral("catalogNewButton"));
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("catalogSaveButton"));
    m_remove = new QPushButton(this);
    m_remove->setObjectName(QStringLiteral("catalogRemoveButton"));
    buttons->addWidget(m_new);
    buttons->addStretch(1);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_save);
    layout->addLayout(buttons);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("catalogMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_message);

    connect(m_tabs, &QTabBar::currentChanged, this, [this](int index) {
        if (index >= 0 && index < app::CatalogOverrides::tables().size())
            setTable(app::CatalogOverrides::tables().at(index));
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex&, const QModelIndex&) { onCurrentRowChanged(); });
    connect(m_new, &QPushButton::clicked, this, [this] { newRow(); });
    connect(m_save, &QPushButton::clicked, this, [this] { save(); });
    connect(m_remove, &QPushButton::clicked, this, [this] { removeSelected(); });
    auto* saveShortcut = new QShortcut(QKeySequence::Save, this);
    saveShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(saveShortcut, &QShortcut::activated, this, [this] {
        if (canEdit()) save();
    });

    rebuildForm();
    retranslate();
}

void CatalogEditor::setSession(app::AppSession* session) {
    m_session = session;
    showMessage(QString(), false);
    refresh();
}

void CatalogEditor::setTable(app::CatalogTable table) {
    if (table == m_table && m_tabs->currentIndex() == app::CatalogOverrides::tables().indexOf(table)) return;
    m_table = table;
    m_tabs->setCurrentIndex(int(app::CatalogOverrides::tables().indexOf(table)));
    showMessage(QString(), false);
    rebuildForm();
    refresh();
}

void CatalogEditor::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

void CatalogEditor::retranslate() {
    m_tabs->setTabText(0, tr("GPUs"));
    m_tabs->setTabText(1, tr("Cloud instances"));
    m_tabs->setTabText(2, tr("API prices"));
    m_new->setText(tr("New row"));
    m_new->setToolTip(tr("Empty the form for a new site row."));
    m_save->setText(tr("Save as site row"));
    m_save->setToolTip(
        tr("Store the form as the site's own row (Ctrl+S); it replaces a built-in row of the same id. "
           "Needs settings.manage and is recorded in the audit log."));
    m_remove->setText(tr("Remove site row"));
    m_remove->setToolTip(tr("Remove the selected site row; a built-in row it replaced is in force again."));
    for (const app::CatalogField& f : fieldsOf(m_table)) {
        QLineEdit* edit = m_fields.value(f.name);
        if (!edit) continue;
        edit->setPlaceholderText(f.required ? f.expected : tr("%1 (optional)").arg(f.expected));
        edit->setToolTip(edit->placeholderText());
    }
    refresh();
}

void CatalogEditor::rebuildForm() {
    qDeleteAll(m_fields);
    qDeleteAll(m_fieldLabels);
    m_fields.clear();
    m_fieldLabels.clear();
    const QList<app::CatalogField> fields = fieldsOf(m_table);
    constexpr int kPairsPerRow = 2;
    for (int i = 0; i < fields.size(); ++i) {
        const app::CatalogField& f = fields.at(i);
        // The label is the field's name in the file: the name errors give.
        auto* label = new QLabel(f.name, m_form);
        auto* edit = new QLineEdit(m_form);
        edit->setObjectName(QStringLiteral("catalogField_") + f.name);
        edit->setPlaceholderText(f.required ? f.expected : tr("%1 (optional)").arg(f.expected));
        edit->setToolTip(edit->placeholderText());
        label->setBuddy(edit);
        m_formLayout->addWidget(label, i / kPairsPerRow, (i % kPairsPerRow) * 2);
        m_formLayout->addWidget(edit, i / kPairsPerRow, (i % kPairsPerRow) * 2 + 1);
        m_fields.insert(f.name, edit);
        m_fieldLabels << label;
    }
    updateState();
}

QString CatalogEditor::originText(app::CatalogOverrides::Origin origin) const {
    switch (origin) {
        case app::CatalogOverrides::Origin::BuiltIn: return tr("built in");
        case app::CatalogOverrides::Origin::Site: return tr("site");
        case app::CatalogOverrides::Origin::Replaces: return tr("site (replaces built-in)");
    }
    return {};
}

void CatalogEditor::refresh() {
    const QString keep = selectedId();
    const QList<app::CatalogField> fields = fieldsOf(m_table);
    QStringList headers{QStringLiteral("id"), tr("Origin")};
    for (const app::CatalogField& f : fields)
        if (f.name != QLatin1String("id")) headers << f.name;
    m_model->clear();
    m_model->setColumnCount(int(headers.size()));
    m_model->setHorizontalHeaderLabels(headers);
    if (m_session) {
        const app::CatalogOverrides site(m_session->store().path());
        QString error;
        for (const app::CatalogOverrides::Row& r : site.merged(m_table, &error)) {
            const QString id = r.row.value(QStringLiteral("id")).toString();
            QList<QStandardItem*> items;
            auto* idItem = new QStandardItem(id);
            idItem->setData(id, kIdRole);
            idItem->setData(int(r.origin), kOriginRole);
            idItem->setData(r.row, kRowRole);
            items << idItem << new QStandardItem(originText(r.origin));
            for (const app::CatalogField& f : fields)
                if (f.name != QLatin1String("id")) items << new QStandardItem(textOf(r.row.value(f.name)));
            if (r.origin != app::CatalogOverrides::Origin::BuiltIn) {
                QFont bold = idItem->font();
                bold.setBold(true);
                for (QStandardItem* item : items) item->setFont(bold);
            }
            m_model->appendRow(items);
        }
        QStringList problems = site.problems(m_table);
        if (!error.isEmpty()) problems.prepend(error);
        if (!problems.isEmpty() && !m_error)
            showMessage(tr("The site's %1 has problems; the catalog is not in force until they are put right:\n%2")
                            .arg(site.filePath(m_table), problems.join(QLatin1Char('\n'))),
                        true);
        m_view->resizeColumnsToContents();
    }
    if (!keep.isEmpty()) {
        for (int row = 0; row < m_model->rowCount(); ++row)
            if (m_model->item(row, IdColumn)->data(kIdRole).toString() == keep) {
                const QSignalBlocker block(m_view->selectionModel());
                m_view->setCurrentIndex(m_model->index(row, IdColumn));
            }
    }
    updateState();
}

QString CatalogEditor::originOf(const QString& id) const {
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->item(row, IdColumn)->data(kIdRole).toString() == id)
            return m_model->item(row, OriginColumn)->text();
    return {};
}

QString CatalogEditor::selectedId() const {
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) return {};
    return m_model->item(current.row(), IdColumn)->data(kIdRole).toString();
}

app::CatalogOverrides::Origin CatalogEditor::selectedOrigin() const {
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) return app::CatalogOverrides::Origin::BuiltIn;
    return app::CatalogOverrides::Origin(m_model->item(current.row(), IdColumn)->data(kOriginRole).toInt());
}

bool CatalogEditor::selectRow(const QString& id) {
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->item(row, IdColumn)->data(kIdRole).toString() == id) {
            m_view->setCurrentIndex(m_model->index(row, IdColumn));
            onCurrentRowChanged();
            return true;
        }
    return false;
}

void CatalogEditor::onCurrentRowChanged() {
    const QString id = selectedId();
    if (id.isEmpty() || !m_session) {
        updateState();
        return;
    }
    const QJsonObject row = m_model->item(m_view->currentIndex().row(), IdColumn)->data(kRowRole).toJsonObject();
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) it.value()->setText(textOf(row.value(it.key())));
    updateState();
}

QString CatalogEditor::fieldText(const QString& field) const {
    const QLineEdit* edit = m_fields.value(field);
    return edit ? edit->text() : QString();
}

void CatalogEditor::setFieldText(const QString& field, const QString& text) {
    if (QLineEdit* edit = m_fields.value(field)) edit->setText(text);
}

QString CatalogEditor::messageText() const {
    return m_message->text();
}
bool CatalogEditor::messageIsError() const {
    return m_error;
}

bool CatalogEditor::canEdit() const {
    return m_session && m_session->may(app::Permission::SettingsManage);
}

void CatalogEditor::newRow() {
    m_view->clearSelection();
    {
        const QSignalBlocker block(m_view->selectionModel());
        m_view->setCurrentIndex(QModelIndex());
    }
    for (QLineEdit* e : std::as_const(m_fields)) e->clear();
    setFieldText(QStringLiteral("taken"), QDate::currentDate().toString(Qt::ISODate));
    if (QLineEdit* id = m_fields.value(QStringLiteral("id"))) id->setFocus();
    showMessage(QString(), false);
    updateState();
}

bool CatalogEditor::save() {
    if (!m_session) return false;
    QMap<QString, QString> values;
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) values.insert(it.key(), it.value()->text());
    const QJsonObject row = app::CatalogOverrides::rowFromText(m_table, values);
    app::CatalogOverrides site(m_session->store().path());
    // The session may have expired or the role changed since the form was opened.
    if (!m_session->may(app::Permission::SettingsManage)) {
        showMessage(tr("%1 may not change the price catalog: it needs the permission settings.manage.")
                        .arg(m_session->who().user),
                    true);
        updateState();
        return false;
    }
    const QString error = site.set(m_session->who(), m_session->audit(), m_table, row);
    if (!error.isEmpty()) {
        showMessage(error, true);
        return false;
    }
    const QString id = row.value(QStringLiteral("id")).toString();
    const QString target = app::CatalogOverrides::tableName(m_table) + QLatin1Char('/') + id;
    showMessage(QString(), false);
    refresh();
    selectRow(id);
    showMessage(tr("%1 saved: the site's row is in force.").arg(target), false);
    emit catalogChanged(target);
    return true;
}

bool CatalogEditor::removeSelected() {
    const QString id = selectedId();
    if (!m_session || id.isEmpty()) return false;
    if (!m_session->may(app::Permission::SettingsManage)) {
        showMessage(tr("%1 may not change the price catalog: it needs the permission settings.manage.")
                        .arg(m_session->who().user),
                    true);
        return false;
    }
    app::CatalogOverrides site(m_session->store().path());
    const QString error = site.remove(m_session->who(), m_session->audit(), m_table, id);
    if (!error.isEmpty()) {
        showMessage(error, true);
        return false;
    }
    const QString target = app::CatalogOverrides::tableName(m_table) + QLatin1Char('/') + id;
    showMessage(QString(), false);
    refresh();
    const bool builtIn = selectRow(id);
    showMessage(builtIn ? tr("%1 removed from the site's catalog: the built-in row is in force again.").arg(target)
                        : tr("%1 removed from the site's catalog.").arg(target),
                false);
    emit catalogChanged(target);
    return true;
}

void CatalogEditor::updateState() {
    const bool may = canEdit();
    for (QLineEdit* e : std::as_const(m_fields)) e->setReadOnly(!may);
    m_new->setEnabled(may);
    m_save->setEnabled(may);
    m_remove->setEnabled(may && !selectedId().isEmpty() && selectedOrigin() != app::CatalogOverrides::Origin::BuiltIn);
    if (m_session && !may && m_message->text().isEmpty())
        showMessage(tr("%1 may read the price catalog; changing it needs the permission settings.manage.")
                        .arg(m_session->who().user),
                    false);
}

void CatalogEditor::showMessage(const QString& text, bool error) {
    m_error = error && !text.isEmpty();
    m_message->setText(text);
    m_message->setStyleSheet(m_error ? QStringLiteral("color: #c01c28") : QString());
    m_message->setProperty("error", m_error);
}

}  // namespace fyr::ui
