// SPDX-License-Identifier: Apache-2.0
#include "base/Strings.h"

namespace base {

std::string lower(std::string_view s)
{
	std::string out(s);
	// Not std::tolower: its result depends on the C locale.
	for (char &c : out)
		if (c >= 'A' && c <= 'Z')
			c = static_cast<char>(c - 'A' + 'a');
	return out;
}

std::string_view trim(std::string_view s, std::string_view blanks)
{
	const std::size_t first = s.find_first_not_of(blanks);
	if (first == std::string_view::npos)
		return {};
	return s.substr(first, s.find_last_not_of(blanks) - first + 1);
}

} // namespace base
