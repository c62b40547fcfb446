// libFuzzer target: a site's guard policy JSON (GuardPolicy::parse), with its
// rules' regular expressions compiled and used on a short text. Any input must
// give a policy or an error naming what is wrong, never a crash, a hang or a
// sanitizer report.
#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "guard/guard_policy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const QByteArray json(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    QString error;
    const auto policy = fyr::app::guard::GuardPolicy::parse(json, QStringLiteral("fuzz.json"), &error);
    if (!policy && error.isEmpty()) std::abort();  // a refusal must say why
    return 0;
}
