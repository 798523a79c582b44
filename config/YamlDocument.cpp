// SPDX-License-Identifier: Apache-2.0
#include "config/YamlDocument.h"

#include <fstream>
#include <sstream>

namespace config {

std::optional<YAML::Node> loadYamlDocument(std::string_view text, Diagnostics& diag)
{
	try {
		std::vector<YAML::Node> docs = YAML::LoadAll(std::string(text));
		if (docs.empty())
			return YAML::Node();
		// A second document would be silently ignored; a stray "---" is a mistake.
		if (docs.size() > 1) {
			diag.add(docs[1].Mark(), "more than one YAML document in the file", "a single document");
			return std::nullopt;
		}
		return docs[0];
	} catch (const YAML::Exception& e) {
		// e.what() repeats the location in yaml-cpp's own format; e.msg is just the reason.
		diag.add(e.mark, "YAML syntax error: " + e.msg, "well-formed YAML");
	}
	return std::nullopt;
}

std::optional<std::string> readTextFile(const std::filesystem::path& path, Diagnostics& diag)
{
	std::error_code ec;
	if (std::filesystem::is_directory(path, ec)) {
		diag.addAt(1, 1, "is a directory", "a YAML file");
		return std::nullopt;
	}
	std::ifstream in(path, std::ios::binary);
	if (!in) {
		diag.addAt(1, 1, "cannot open file", "a readable YAML file");
		return std::nullopt;
	}
	std::ostringstream ss;
	ss << in.rdbuf();
	if (in.bad()) {
		diag.addAt(1, 1, "cannot read file", "a readable YAML file");
		return std::nullopt;
	}
	return ss.str();
}

std::filesystem::path resolveAgainst(const std::filesystem::path& baseDir, const std::filesystem::path& p)
{
	std::filesystem::path full = p.is_absolute() ? p : baseDir / p;
	return full.lexically_normal();
}

} // namespace config
