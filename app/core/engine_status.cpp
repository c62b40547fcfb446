#include "core/engine_status.h"

namespace fyr::app {

EngineStatus::EngineStatus(QObject* parent) : QObject(parent) {}

void EngineStatus::setState(State state, const QString& modelName, const QString& errorText) {
    if (state == m_state && modelName == m_model && errorText == m_error) return;
    m_state = state;
    m_model = modelName;
    m_error = errorText;
    emit changed();
}

QString EngineStatus::summary() const {
    switch (m_state) {
        case State::NoModel: return tr("Engine: idle, no model loaded");
        case State::Loading: return tr("Engine: loading %1…").arg(m_model);
        case State::Ready: return tr("Engine: ready, %1").arg(m_model);
        case State::Generating: return tr("Engine: generating with %1").arg(m_model);
        case State::Error: return tr("Engine: error: %1").arg(m_error);
    }
    return {};
}

}  // namespace fyr::app
