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
// A document nested deeper than InputLimits::maxYamlDepth or with more than
// InputLimits::maxYamlNodes nodes once its aliases are expanded is refused.
std::optional<YAML::Node> loadYamlDocument(std::string_view text, Diagnostics &diag);

// Reads a whole regular file of at most maxBytes. A larger file is refused
// from its fstat() size, before it is read; a file that is not a regular
// file (directory, FIFO, socket, dangling symlink, symlink loop) or that
// cannot be opened is named as such. On failure reports at 1:1 and
// returns nullopt. Never blocks on a FIFO.
std::optional<std::string> readTextFile(const std::filesystem::path &path, Diagnostics &diag, std::size_t maxBytes);

// Absolute, normalised path of p, resolved against baseDir when relative.
std::filesystem::path resolveAgainst(const std::filesystem::path &baseDir, const std::filesystem::path &p);

} // namespace config
