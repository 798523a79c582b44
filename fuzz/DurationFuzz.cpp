// SPDX-License-Identifier: Apache-2.0
#include "fuzz/FuzzInput.h"

#include <cstdlib>

#include "config/Duration.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	auto parsed = config::parseDuration(fuzz::asText(data, size));
	if (auto *d = std::get_if<std::chrono::milliseconds>(&parsed)) {
		// formatDuration() must read back to the same value.
		auto again = config::parseDuration(config::formatDuration(*d));
		auto *back = std::get_if<std::chrono::milliseconds>(&again);
		if (!back || *back != *d)
			std::abort();
	}
	return 0;
}
