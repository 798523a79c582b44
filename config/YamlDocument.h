// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "config/Diagnostics.h"

namespace config {

// Parses one YAML document. A syntax error is reported with its location
// and yields nullopt; nothing is thrown. An empty document yields a null node.
std::optional<YAML::Node> loadYamlDocument(std::string_view text, Diagnostics& diag);

// Reads a whole file. On failure reports at 1:1 and returns nullopt.
std::optional<std::string> readTextFile(const std::filesystem::path& path, Diagnostics& diag);

// Absolute, normalised path of p, resolved against baseDir when relative.
std::filesystem::path resolveAgainst(const std::filesystem::path& baseDir, const std::filesystem::path& p);

} // namespace config
