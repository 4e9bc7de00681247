#pragma once

#include <QString>

namespace berth {

// Where Berth keeps settings and cache; BERTH_CONFIG_DIR and BERTH_CACHE_DIR relocate them
// (tests use that to stay isolated).
QString configDir();
QString cacheDir();

} // namespace berth
