// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "config/Diagnostics.h"

namespace emulator {

// Reads the emulator's fixture and faults files with the daemon's strict
// YAML reader (config/YamlMap): unknown and duplicate keys, the YAML bounds,
// file:line:column on every error, user bytes escaped. Called on the main
// thread at start-up, before the server runs.
using YamlDocumentReader = std::function<void(const YAML::Node &document, config::Diagnostics &diag)>;

// Parses text as one YAML document and hands it to read, which reports into
// diag. Throws config::ConfigException listing every problem found.
void readYamlText(std::string_view text, const std::string &fileName, const YamlDocumentReader &read);
// The same for the file at path, refused unreadable or over the size cap.
void readYamlFile(const std::string &path, const YamlDocumentReader &read);

} // namespace emulator
