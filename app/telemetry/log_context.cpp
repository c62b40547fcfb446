#include "telemetry/log_context.h"

#include <utility>

namespace fyr::app::telemetry {
namespace {

thread_local LogContext t_current;

}  // namespace

const LogContext& LogContext::current() {
    return t_current;
}

LogContextScope::LogContextScope(LogContext context) : m_previous(std::exchange(t_current, std::move(context))) {}

LogContextScope::~LogContextScope() {
    t_current = std::move(m_previous);
}

}  // namespace fyr::app::telemetry
