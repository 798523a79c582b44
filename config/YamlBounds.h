// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <yaml-cpp/yaml.h>

#include "config/Diagnostics.h"

namespace config {

// yaml-cpp 0.7 shares an aliased node instead of copying it, so a small
// document can stand for an exponential tree that any later walk (ours or
// yaml-cpp's) would pay for. Walks doc with aliases expanded, stopping as
// soon as InputLimits::maxYamlNodes nodes or InputLimits::maxYamlDepth levels
// are passed; reports the first excess and returns false. Iterative, so a
// deep document cannot exhaust the stack here.
bool checkYamlBounds(const YAML::Node &doc, Diagnostics &diag);

} // namespace config
