// Base of the console's pages: a title for the navigation rail and, until the page
// has content, an empty state that says plainly what the page will hold.
// Re-translates itself when the application language changes. GUI thread only.
#pragma once

#include <QWidget>

class QLabel;
class QVBoxLayout;

namespace fyr::ui {

class Page : public QWidget {
    Q_OBJECT
public:
    explicit Page(const QString& objectName, QWidget* parent = nullptr);

    // Translated name shown in the navigation rail and the window title.
    virtual QString title() const = 0;

    // The empty-state texts currently shown (for tests and accessibility).
    QString emptyHeading() const;
    QString emptyBody() const;

protected:
    // Called once after construction and on every language change.
    virtual void retranslate() = 0;
    void setEmptyState(const QString& heading, const QString& body);
    // The widget holding the empty state (heading and body, centred). It sits in
    // pageLayout() below the title; a page with content may move it elsewhere, e.g.
    // into a stack that shows it until there is something to show.
    QWidget* emptyStateWidget() const { return m_empty; }
    // Must be called by each concrete page's constructor (virtuals are not yet
    // available in the base constructor).
    void finishSetup();
    QVBoxLayout* pageLayout() const { return m_layout; }

    void changeEvent(QEvent* event) override;

private:
    QVBoxLayout* m_layout = nullptr;
    QLabel* m_title = nullptr;
    QWidget* m_empty = nullptr;
    QLabel* m_heading = nullptr;
    QLabel* m_body = nullptr;
};

}  // namespace fyr::ui
