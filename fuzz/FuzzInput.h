// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "base/Strings.h"

// The libFuzzer entry point every target defines; ReplayMain.cpp calls it
// for each corpus file when the target is built without libFuzzer.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace fuzz {

inline std::string_view asText(const std::uint8_t *data, std::size_t size)
{
	return {reinterpret_cast<const char *>(data), size};
}

// Splits off the text before the first `sep`, so one input can carry
// several fields (the rest stays in `rest`).
inline std::string_view takeField(std::string_view &rest, char sep = '\n')
{
	auto pos = rest.find(sep);
	std::string_view field = rest.substr(0, pos);
	rest = pos == std::string_view::npos ? std::string_view() : rest.substr(pos + 1);
	return field;
}

// "name: value" lines up to an empty line (or the end), names lower-cased.
inline std::map<std::string, std::string> takeHeaders(std::string_view &rest)
{
	std::map<std::string, std::string> headers;
	while (!rest.empty()) {
		std::string_view line = takeField(rest);
		if (line.empty())
			break;
		auto colon = line.find(':');
		std::string name = base::lower(line.substr(0, colon));
		std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
		while (!value.empty() && value.front() == ' ')
			value.remove_prefix(1);
		headers[name] = std::string(value);
	}
	return headers;
}

// The emulated account's key (tests/emulator/TestFixture.h has it too).
inline constexpr const char *accessKeyId = "LTAI5tDemoAccessKey01";
inline constexpr const char *accessKeySecret = "demo-secret-not-for-production";

} // namespace fuzz
