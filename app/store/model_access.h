// Which models a role may load and chat with: per role a list of name patterns
// ("llama-3.2-*", "qwen2.5-7b-instruct-q4_k_m"); a role with no patterns may use
// every model. The model's name (GGUF general.name) and its file name are both
// matched, case-insensitively. Using a model at all needs models.use.
//
//   fyr::app::ModelAccess access(store);
//   access.allow(QStringLiteral("analyst"), QStringLiteral("llama-3.2-*"));
//   auto d = access.check(principal, {summary.name, QFileInfo(path).fileName()});
//   if (!d.allowed) refuse(d.reason);   // "the role analyst may not use qwen2 (allowed: llama-3.2-*)"
//
// Thread-safety: any thread (writes go through the store's writer).
#pragma once

#include <QString>
#include <QStringList>

#include "store/identity.h"

namespace fyr::app {

class Store;

class ModelAccess {
public:
    struct Decision {
        bool allowed = false;
        QString reason;
    };

    explicit ModelAccess(Store& store);
    QString allow(const QString& role, const QString& pattern);
    QString disallow(const QString& role, const QString& pattern);
    QStringList patterns(const QString& role) const;
    // `names`: what the model is called (its metadata name, its file name, ...).
    Decision check(const Principal& who, const QStringList& names) const;

private:
    Store& m_store;
};

}  // namespace fyr::app
