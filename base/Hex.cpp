// SPDX-License-Identifier: Apache-2.0
#include "base/Hex.h"

namespace base {

std::string hexLower(std::string_view raw)
{
	static constexpr char digits[] = "0123456789abcdef";
	std::string out;
	out.reserve(raw.size() * 2);
	for (unsigned char c : raw) {
		out += digits[c >> 4];
		out += digits[c & 0xf];
	}
	return out;
}

} // namespace base
