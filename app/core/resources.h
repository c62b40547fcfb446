// Registers the resources compiled into fyr_app (icon, default config, .qm files).
// Call once from main() before anything reads ":/…".
#pragma once

namespace fyr::app {
void initResources();
}
