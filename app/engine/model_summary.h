// What the console shows about a loaded model. Sent with EngineBridge::modelLoaded().
//
//   connect(&bridge, &EngineBridge::modelLoaded, this, [](const ModelSummary& m) {
//       qDebug() << m.name << m.architecture << m.nCtx << m.backend;
//   });
//
// Plain data; copy it between threads freely.
#pragma once

#include <QString>

namespace fyr::app {

struct ModelSummary {
    QString path;
    QString name;          // the file's base name, e.g. "stories260K"
    QString architecture;  // general.architecture, e.g. "llama"
    quint64 nParams = 0;   // elements of all tensors
    quint64 fileBytes = 0;
    QString quantType;  // general.file_type as llama.cpp names it ("Q4_K_M"), else the largest tensor type
    int nCtx = 0;       // positions one conversation may use
    quint64 kvBytes = 0;  // the KV cache all conversations share
    int nCtxTrain = 0;  // the context the model was trained with
    QString backend;    // the CPU kernels in use, e.g. "scalar reference"
    int nThreads = 0;
    bool hasChatTemplate = false;  // a usable tokenizer.chat_template
    double loadMs = 0;
};

}  // namespace fyr::app
