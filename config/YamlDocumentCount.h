// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

#include <yaml-cpp/mark.h>

namespace config {

struct YamlDocumentCount {
	int documents = 0;     // 0, 1, or 2 meaning "more than one"
	YAML::Mark secondRoot; // where the second one's first node is
};

// Counts the documents in text, stopping at the second. yaml-cpp 0.7's
// LoadAll() never returns on a stray ',' after a document (",", "[a], b"):
// its parser then yields an endless run of empty documents, and LoadAll
// collects them until memory runs out (found by fuzz/JobFileFuzz.cpp). Asking
// the parser for at most two documents keeps that finite. Throws
// YAML::Exception on a syntax error, like the loaders.
YamlDocumentCount countYamlDocuments(std::string_view text);

} // namespace config
