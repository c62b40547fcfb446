#include "pages/page.h"

#include <QEvent>
#include <QFont>
#include <QLabel>
#include <QVBoxLayout>

namespace fyr::ui {

Page::Page(const QString& objectName, QWidget* parent) : QWidget(parent) {
    setObjectName(objectName);
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(24, 20, 24, 20);

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("pageTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_layout->addWidget(m_title);

    m_empty = new QWidget(this);
    m_empty->setObjectName(QStringLiteral("emptyState"));
    auto* emptyLayout = new QVBoxLayout(m_empty);
    emptyLayout->setContentsMargins(0, 0, 0, 0);
    emptyLayout->addStretch(1);
    m_layout->addWidget(m_empty, 1);

    m_heading = new QLabel(m_empty);
    m_heading->setObjectName(QStringLiteral("emptyHeading"));
    m_heading->setAlignment(Qt::AlignHCenter);
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);
    emptyLayout->addWidget(m_heading);

    m_body = new QLabel(m_empty);
    m_body->setObjectName(QStringLiteral("emptyBody"));
    m_body->setAlignment(Qt::AlignHCenter);
    m_body->setWordWrap(true);
    // A fixed reading width: a wrapped label centred by the layout would otherwise be
    // sized from its one-line hint and cut off.
    m_body->setFixedWidth(560);
    m_body->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::MinimumExpanding);
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse);
    emptyLayout->addWidget(m_body, 0, Qt::AlignHCenter);
    emptyLayout->addStretch(2);
}

QString Page::emptyHeading() const { return m_heading->text(); }
QString Page::emptyBody() const { return m_body->text(); }

void Page::setEmptyState(const QString& heading, const QString& body) {
    m_heading->setText(heading);
    m_body->setText(body);
    // A label centred in a layout is sized from its hint, not from heightForWidth():
    // reserve the wrapped height explicitly so no line is cut off.
    m_body->setMinimumHeight(m_body->heightForWidth(m_body->width()));
}

void Page::finishSetup() {
    retranslate();
    m_title->setText(title());
}

void Page::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) finishSetup();
    QWidget::changeEvent(event);
}

}  // namespace fyr::ui
