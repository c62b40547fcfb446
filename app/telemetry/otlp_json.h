// Spans as an OTLP/HTTP JSON ExportTraceServiceRequest
// (opentelemetry-proto's trace_service.proto in its JSON mapping, as
// https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding asks):
//
//   {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"fyr"}}]},
//     "scopeSpans":[{"scope":{"name":"fyr","version":"0.4.0"},
//       "spans":[{"traceId":"5b8e…","spanId":"eee1…","parentSpanId":"0f1e…","name":"chat llama",
//                 "kind":2,"startTimeUnixNano":"1700000000000000000","endTimeUnixNano":"…",
//                 "attributes":[{"key":"gen_ai.usage.input_tokens","value":{"intValue":"42"}}],
//                 "status":{"code":1}}]}]}]}
//
// Trace and span ids are lowercase hex (not base64, as the OTLP JSON mapping
// requires), 64-bit integers and times are decimal strings, enums are numbers,
// and fields with their default value are left out.
//
// Pure functions: thread-safe.
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <vector>

#include "telemetry/span.h"

namespace fyr::app::telemetry {

struct OtlpResource {
    QString service_name = QStringLiteral("fyr");
    QString service_version;      // "" leaves it out
    QString service_instance_id;  // "" leaves it out
    QString scope_name = QStringLiteral("fyr");
};

QJsonObject otlpSpanJson(const Span& span);
QJsonObject otlpAnyValueJson(const AttributeValue& value);
// One ExportTraceServiceRequest holding every span, compact JSON.
QByteArray otlpExportRequestJson(const std::vector<Span>& spans, const OtlpResource& resource);

}  // namespace fyr::app::telemetry
