#include "engine/engine_bridge.h"

#include <QThread>

#include <limits>

#include "engine/engine_worker.h"

namespace fyr::app {

void EngineBridge::ThreadStopper::operator()(QThread* thread) const {
    thread->quit();
    thread->wait();
    delete thread;
}

EngineBridge::EngineBridge(QObject* parent) : QObject(parent), m_thread(new QThread) {
    m_thread->setObjectName(QStringLiteral("fyr-engine"));
    m_worker = new EngineWorker;
    m_worker->moveToThread(m_thread.get());
    connect(m_thread.get(), &QThread::finished, m_worker, &QObject::deleteLater);

    // Signal to signal, queued: the worker emits on the engine thread, the bridge's
    // signals then fire in the bridge's own thread.
    connect(m_worker, &EngineWorker::modelLoaded, this, &EngineBridge::modelLoaded, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::loadFailed, this, &EngineBridge::loadFailed, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::modelUnloaded, this, &EngineBridge::modelUnloaded, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::started, this, &EngineBridge::started, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::textStreamed, this, &EngineBridge::textStreamed, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::finished, this, &EngineBridge::finished, Qt::QueuedConnection);
    connect(m_worker, &EngineWorker::failed, this, &EngineBridge::failed, Qt::QueuedConnection);
    m_thread->start();
}

EngineBridge::~EngineBridge() {
    // Everything asked for, and anything still queued, ends at the next token; then
    // m_thread's deleter quits the event loop and joins.
    m_worker->cancelUpTo(std::numeric_limits<quint64>::max());
}

void EngineBridge::loadModel(const QString& path, const LoadOptions& options) {
    stop();
    EngineWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, path, options] { worker->loadModel(path, options); }, Qt::QueuedConnection);
}

void EngineBridge::unloadModel() {
    stop();
    EngineWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker] { worker->unloadModel(); }, Qt::QueuedConnection);
}

quint64 EngineBridge::generate(const GenerationRequest& request) {
    const quint64 id = ++m_lastId;
    EngineWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        worker, [worker, id, request] { worker->generate(id, request); }, Qt::QueuedConnection);
    return id;
}

void EngineBridge::stop() {
    m_worker->cancelUpTo(m_lastId.load());
}

void EngineBridge::cancel(quint64 id) {
    m_worker->cancel(id);
}

void EngineBridge::setStreamInterval(int ms) {
    m_worker->setStreamInterval(ms);
}

void EngineBridge::setMetrics(telemetry::FyrMetrics* metrics) {
    m_worker->setMetrics(metrics);
}

void EngineBridge::setEnergyCounter(std::function<std::optional<double>()> totalJoules) {
    m_worker->setEnergyCounter(std::move(totalJoules));
}

void EngineBridge::setTraceStore(telemetry::TraceStore* store) {
    m_worker->setTraceStore(store);
}

}  // namespace fyr::app
