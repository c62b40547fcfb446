#include "telemetry/otlp_json.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <type_traits>

namespace fyr::app::telemetry {
namespace {

QJsonObject keyValue(const QString& key, const AttributeValue& value) {
    return QJsonObject{{QStringLiteral("key"), key}, {QStringLiteral("value"), otlpAnyValueJson(value)}};
}

QString decimal(int64_t v) {
    return QString::number(v);
}

}  // namespace

QJsonObject otlpAnyValueJson(const AttributeValue& value) {
    return std::visit(
        [](const auto& v) -> QJsonObject {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, QString>) {
                return {{QStringLiteral("stringValue"), v}};
            } else if constexpr (std::is_same_v<T, bool>) {
                return {{QStringLiteral("boolValue"), v}};
            } else if constexpr (std::is_same_v<T, int64_t>) {
                return {{QStringLiteral("intValue"), decimal(v)}};
            } else if constexpr (std::is_same_v<T, double>) {
                // JSON has no NaN or infinity; the protobuf JSON mapping spells them as strings.
                if (std::isnan(v)) return {{QStringLiteral("doubleValue"), QStringLiteral("NaN")}};
                if (std::isinf(v))
                    return {{QStringLiteral("doubleValue"),
                             v > 0 ? QStringLiteral("Infinity") : QStringLiteral("-Infinity")}};
                return {{QStringLiteral("doubleValue"), v}};
            } else {
                QJsonArray values;
                for (const QString& s : v) values.append(QJsonObject{{QStringLiteral("stringValue"), s}});
                return {{QStringLiteral("arrayValue"), QJsonObject{{QStringLiteral("values"), values}}}};
            }
        },
        value);
}

QJsonObject otlpSpanJson(const Span& span) {
    QJsonObject o;
    o.insert(QStringLiteral("traceId"), QString::fromStdString(span.trace_id.hex()));
    o.insert(QStringLiteral("spanId"), QString::fromStdString(span.span_id.hex()));
    if (span.parent_span_id.isValid())
        o.insert(QStringLiteral("parentSpanId"), QString::fromStdString(span.parent_span_id.hex()));
    if (!span.trace_state.isEmpty()) o.insert(QStringLiteral("traceState"), span.trace_state);
    // Span.flags: the W3C trace flags in the low byte.
    if (span.trace_flags != 0) o.insert(QStringLiteral("flags"), static_cast<int>(span.trace_flags));
    o.insert(QStringLiteral("name"), span.name);
    o.insert(QStringLiteral("kind"), static_cast<int>(span.kind));
    o.insert(QStringLiteral("startTimeUnixNano"), decimal(span.start_unix_ns));
    o.insert(QStringLiteral("endTimeUnixNano"), decimal(span.end_unix_ns));
    if (!span.attributes.empty()) {
        QJsonArray attributes;
        for (const SpanAttribute& a : span.attributes) attributes.append(keyValue(a.key, a.value));
        o.insert(QStringLiteral("attributes"), attributes);
    }
    if (span.status != SpanStatus::Unset || !span.status_message.isEmpty()) {
        QJsonObject status;
        if (span.status != SpanStatus::Unset) status.insert(QStringLiteral("code"), static_cast<int>(span.status));
        if (!span.status_message.isEmpty()) status.insert(QStringLiteral("message"), span.status_message);
        o.insert(QStringLiteral("status"), status);
    }
    return o;
}

QByteArray otlpExportRequestJson(const std::vector<Span>& spans, const OtlpResource& resource) {
    QJsonArray resourceAttributes;
    resourceAttributes.append(keyValue(QStringLiteral("service.name"), resource.service_name));
    if (!resource.service_version.isEmpty())
        resourceAttributes.append(keyValue(QStringLiteral("service.version"), resource.service_version));
    if (!resource.service_instance_id.isEmpty())
        resourceAttributes.append(keyValue(QStringLiteral("service.instance.id"), resource.service_instance_id));

    QJsonArray spanArray;
    for (const Span& s : spans) spanArray.append(otlpSpanJson(s));
    QJsonObject scope{{QStringLiteral("name"), resource.scope_name}};
    if (!resource.service_version.isEmpty()) scope.insert(QStringLiteral("version"), resource.service_version);
    const QJsonObject scopeSpans{{QStringLiteral("scope"), scope}, {QStringLiteral("spans"), spanArray}};
    const QJsonObject resourceSpans{
        {QStringLiteral("resource"), QJsonObject{{QStringLiteral("attributes"), resourceAttributes}}},
        {QStringLiteral("scopeSpans"), QJsonArray{scopeSpans}}};
    const QJsonObject request{{QStringLiteral("resourceSpans"), QJsonArray{resourceSpans}}};
    return QJsonDocument(request).toJson(QJsonDocument::Compact);
}

}  // namespace fyr::app::telemetry
