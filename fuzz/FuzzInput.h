// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

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

} // namespace fuzz
