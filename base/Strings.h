// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace base {

// Small pure text helpers, written once for the whole tree. Byte-wise and
// locale-free: the inputs are protocol tokens (HTTP header names, hosts,
// status words), never prose. Thread-safe: no state.

// ASCII lower case; other bytes (UTF-8 included) are left alone.
std::string lower(std::string_view s);

// s without leading and trailing characters from blanks. The default is
// HTTP's optional white space (space and tab).
std::string_view trim(std::string_view s, std::string_view blanks = " \t");

// The items with sep between each two: join(choices, ", ") is "a, b, c".
// Items are anything a std::string can append (strings, views, C strings);
// a template so that any range of them passes.
template<class Range>
std::string join(const Range &items, std::string_view sep)
{
	std::string s;
	bool first = true;
	for (const auto &item : items) {
		if (!first)
			s += sep;
		first = false;
		s += item;
	}
	return s;
}

} // namespace base
