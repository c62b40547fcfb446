// The price catalog editor (on the Settings page): the catalog in force for each
// table — GPUs, cloud instances, API prices — with which rows are built in and
// which are the site's own, and a form to add or change a site row (every field
// of the table, its source URL and date) or remove one. The rows are checked and
// written by CatalogOverrides, so a bad value is refused with the field named;
// Save and Remove need settings.manage and are audited, and without it the
// editor is read-only and says why.
//
//   auto* catalog = new fyr::ui::CatalogEditor(tabs);
//   catalog->setSession(&session);     // nullptr: nothing shown
//
// GUI thread only.
#pragma once

#include <QMap>
#include <QWidget>

#include "services/catalog_overrides.h"

class QGridLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QStandardItemModel;
class QTabBar;
class QTableView;

namespace fyr::app {
class AppSession;
}

namespace fyr::ui {

class CatalogEditor final : public QWidget {
    Q_OBJECT
public:
    // Column 0 is the id, column 1 where the row comes from, then the table's
    // other fields in file order.
    enum Column { IdColumn, OriginColumn, FirstFieldColumn };

    explicit CatalogEditor(QWidget* parent = nullptr);

    // Must outlive the editor (or be replaced first).
    void setSession(app::AppSession* session);

    app::CatalogTable table() const { return m_table; }
    void setTable(app::CatalogTable table);
    QStandardItemModel* catalogModel() const { return m_model; }
    // The origin cell's text for `id` in the current table ("" when not shown).
    QString originOf(const QString& id) const;
    // Selects a row by id and fills the form with it (false: not in the table).
    bool selectRow(const QString& id);
    // The form's text for a field ("id", "input_per_million", ...).
    QString fieldText(const QString& field) const;
    void setFieldText(const QString& field, const QString& text);
    QString messageText() const;
    bool messageIsError() const;
    bool canEdit() const;

public slots:
    void refresh();
    // An empty form for a new site row (the date: today).
    void newRow();
    // Stores the form as the site's row; false with the reason shown.
    bool save();
    // Removes the selected site row; false with the reason shown.
    bool removeSelected();

signals:
    // The site's catalog changed: "<table>/<id>", as audited.
    void catalogChanged(const QString& target);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void rebuildForm();
    void onCurrentRowChanged();
    QString selectedId() const;
    app::CatalogOverrides::Origin selectedOrigin() const;
    void updateState();
    void showMessage(const QString& text, bool error);
    QString originText(app::CatalogOverrides::Origin origin) const;

    app::AppSession* m_session = nullptr;
    app::CatalogTable m_table = app::CatalogTable::ApiPrices;
    QTabBar* m_tabs = nullptr;
    QTableView* m_view = nullptr;
    QStandardItemModel* m_model = nullptr;
    QWidget* m_form = nullptr;
    QGridLayout* m_formLayout = nullptr;
    QMap<QString, QLineEdit*> m_fields;
    QList<QLabel*> m_fieldLabels;
    QPushButton* m_new = nullptr;
    QPushButton* m_save = nullptr;
    QPushButton* m_remove = nullptr;
    QLabel* m_message = nullptr;
    bool m_error = false;
};

}  // namespace fyr::ui
