// SPDX-License-Identifier: Apache-2.0
#include "emulator/Duration.h"

#include <cctype>

namespace emulator {

std::optional<std::int64_t> parseDurationMs(std::string_view s)
{
	if (s.empty())
		return std::nullopt;
	std::int64_t total = 0;
	while (!s.empty()) {
		std::int64_t n = 0;
		std::size_t digits = 0;
		while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) {
			n = n * 10 + (s[digits] - '0');
			if (n > 1'000'000'000)
				return std::nullopt;
			++digits;
		}
		if (digits == 0)
			return std::nullopt;
		s.remove_prefix(digits);
		std::int64_t unit = 0;
		if (s.starts_with("ms")) {
			unit = 1;
			s.remove_prefix(2);
		} else if (s.starts_with("s")) {
			unit = 1000;
			s.remove_prefix(1);
		} else if (s.starts_with("m")) {
			unit = 60'000;
			s.remove_prefix(1);
		} else if (s.starts_with("h")) {
			unit = 3'600'000;
			s.remove_prefix(1);
		} else {
			return std::nullopt;
		}
		total += n * unit;
	}
	return total;
}

} // namespace emulator
