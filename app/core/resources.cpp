#include "core/resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used outside any namespace.
static void fyrInitQrc() { Q_INIT_RESOURCE(fyr); }

namespace fyr::app {
void initResources() { fyrInitQrc(); }
}  // namespace fyr::app
