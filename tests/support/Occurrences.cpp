// SPDX-License-Identifier: Apache-2.0
#include "tests/support/Occurrences.h"

namespace testsupport {

std::size_t countOccurrences(std::string_view text, std::string_view what)
{
	std::size_t n = 0;
	for (auto at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1))
		++n;
	return n;
}

} // namespace testsupport
