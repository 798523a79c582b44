// SPDX-License-Identifier: Apache-2.0
#include "emulator/InputFile.h"

#include "config/ConfigError.h"
#include "config/YamlDocument.h"

namespace emulator {

namespace {

// A fixture stays small however many tasks it makes
// (generate_restore_tasks); the cap only stops a runaway file.
constexpr std::size_t maxInputBytes = 16 * 1024 * 1024;

void throwIfAny(config::Diagnostics &diag)
{
	if (!diag.empty())
		throw config::ConfigException(diag.takeErrors());
}

} // namespace

void readYamlText(std::string_view text, const std::string &fileName, const YamlDocumentReader &read)
{
	config::Diagnostics diag(fileName);
	if (auto doc = config::loadYamlDocument(text, diag))
		read(*doc, diag);
	throwIfAny(diag);
}

void readYamlFile(const std::string &path, const YamlDocumentReader &read)
{
	config::Diagnostics diag(path);
	auto text = config::readTextFile(path, diag, maxInputBytes);
	throwIfAny(diag);
	readYamlText(*text, path, read);
}

} // namespace emulator
