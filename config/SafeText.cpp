// SPDX-License-Identifier: Apache-2.0
#include "config/SafeText.h"

namespace config {

namespace {

// Length of the well-formed UTF-8 sequence at s[i], or 0 (RFC 3629 table).
std::size_t utf8SequenceLength(std::string_view s, std::size_t i)
{
	auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
	unsigned char c = byte(i);
	if (c < 0x80)
		return 1;
	std::size_t len = 0;
	unsigned char lo = 0x80, hi = 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		lo = c == 0xE0 ? 0xA0 : 0x80;
		hi = c == 0xED ? 0x9F : 0xBF;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		lo = c == 0xF0 ? 0x90 : 0x80;
		hi = c == 0xF4 ? 0x8F : 0xBF;
	} else
		return 0;
	if (i + len > s.size())
		return 0;
	if (byte(i + 1) < lo || byte(i + 1) > hi)
		return 0;
	for (std::size_t k = 2; k < len; ++k)
		if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
			return 0;
	return len;
}

void appendHex(std::string &out, unsigned char c)
{
	static constexpr char digits[] = "0123456789abcdef";
	out += "\\x";
	out += digits[c >> 4];
	out += digits[c & 0xF];
}

} // namespace

std::string escapeForDisplay(std::string_view s)
{
	std::string out;
	out.reserve(s.size());
	for (std::size_t i = 0; i < s.size();) {
		auto c = static_cast<unsigned char>(s[i]);
		if (c == '\n')
			out += "\\n";
		else if (c == '\t')
			out += "\\t";
		else if (c == '\r')
			out += "\\r";
		else if (c < 0x20 || c == 0x7F)
			appendHex(out, c);
		else if (std::size_t len = utf8SequenceLength(s, i); len == 0)
			appendHex(out, c);
		else if (len == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0) {
			// C1 controls (U+0080..U+009F) are terminal escapes too.
			appendHex(out, c);
			appendHex(out, static_cast<unsigned char>(s[i + 1]));
			i += 2;
			continue;
		} else {
			out.append(s.substr(i, len));
			i += len;
			continue;
		}
		++i;
	}
	return out;
}

bool isValidUtf8(std::string_view s)
{
	for (std::size_t i = 0; i < s.size();) {
		std::size_t len = utf8SequenceLength(s, i);
		if (len == 0)
			return false;
		i += len;
	}
	return true;
}

} // namespace config
