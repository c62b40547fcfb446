// The engine's state as the console shows it (status bar, Overview). Lives in the
// GUI thread; the engine bridge updates it through queued calls.
#pragma once

#include <QObject>
#include <QString>

namespace fyr::app {

class EngineStatus final : public QObject {
    Q_OBJECT
public:
    enum class State { NoModel, Loading, Ready, Generating, Error };
    Q_ENUM(State)

    explicit EngineStatus(QObject* parent = nullptr);

    State state() const { return m_state; }
    QString modelName() const { return m_model; }
    QString errorText() const { return m_error; }

    // Translated one-liner: "Engine: idle, no model loaded", "Engine: ready — tinyllama".
    QString summary() const;

public slots:
    void setState(fyr::app::EngineStatus::State state, const QString& modelName = {}, const QString& errorText = {});

signals:
    void changed();

private:
    State m_state = State::NoModel;
    QString m_model;
    QString m_error;
};

}  // namespace fyr::app
