// The Settings page: the installation's settings (app/services/installation_settings.h)
// in a table — value in force, whether it is the default, when it changed —
// and an editor for the selected one (a check box, a number or a line of text,
// checked as fyrctl settings checks it). Apply (Ctrl+S) and Reset to default
// need settings.manage and are audited; without it the page is read-only and
// says why. A change takes effect at once: the session's idle timeout, the
// retention and backup schedule (Housekeeping), and the trace export and alert
// outputs (TelemetryOutputs), whose state is shown under the table. A second tab holds the price catalog editor (catalog_editor.h).
//
//   auto* settings = new fyr::ui::SettingsPage(stack);
//   settings->setSession(&session);      // nullptr: not signed in
//   settings->setOutputs(&outputs);      // optional
//
// GUI thread only.
#pragma once

#include "pages/page.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;
class QStandardItemModel;
class QTableView;
class QTabWidget;

namespace fyr::app {
class AppSession;
class Housekeeping;
class TelemetryOutputs;
}  // namespace fyr::app

namespace fyr::ui {

class CatalogEditor;

class SettingsPage final : public Page {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, StateColumn, DescriptionColumn, ColumnCount };

    explicit SettingsPage(QWidget* parent = nullptr);
    QString title() const override;

    // Both must outlive the page.
    void setSession(app::AppSession* session);
    void setOutputs(app::TelemetryOutputs* outputs);
    void setHousekeeping(app::Housekeeping* housekeeping);

    QStandardItemModel* settingsModel() const { return m_model; }
    CatalogEditor* catalogEditor() const { return m_catalog; }
    // Selects a setting by key for editing (false: no such setting).
    bool select(const QString& key);
    // The editor's text for the selected setting ("true"/"false" for a check box).
    QString editorText() const;
    void setEditorText(const QString& text);
    QString messageText() const;
    QString outputsText() const;

public slots:
    void refresh();
    // Stores the editor's value for the selected setting; false with the message shown.
    bool applyEdit();
    bool resetToDefault();

signals:
    void settingChanged(const QString& key);

protected:
    void retranslate() override;

private:
    void onSelectionChanged();
    void afterChange(const QString& key);
    QString selectedKey() const;
    void updateState();
    void showMessage(const QString& text, bool error);

    app::AppSession* m_session = nullptr;
    app::TelemetryOutputs* m_outputs = nullptr;
    app::Housekeeping* m_housekeeping = nullptr;
    QStackedWidget* m_stack = nullptr;
    QTabWidget* m_tabs = nullptr;
    QWidget* m_content = nullptr;
    CatalogEditor* m_catalog = nullptr;
    QTableView* m_table = nullptr;
    QStandardItemModel* m_model = nullptr;
    QLabel* m_editorLabel = nullptr;
    QStackedWidget* m_editors = nullptr;
    QCheckBox* m_check = nullptr;
    QSpinBox* m_number = nullptr;
    QLineEdit* m_text = nullptr;
    QPushButton* m_apply = nullptr;
    QPushButton* m_reset = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_outputsLabel = nullptr;
};

}  // namespace fyr::ui
