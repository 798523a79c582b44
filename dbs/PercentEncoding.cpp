// SPDX-License-Identifier: Apache-2.0
#include "dbs/PercentEncoding.h"

namespace dbs {

namespace {

bool unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       c == '.' || c == '~';
}

int hexValue(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

} // namespace

std::string percentEncode(std::string_view s)
{
	static constexpr char digits[] = "0123456789ABCDEF";
	std::string out;
	out.reserve(s.size() * 3);
	for (unsigned char c : s) {
		if (unreserved(c)) {
			out += static_cast<char>(c);
		} else {
			out += '%';
			out += digits[c >> 4];
			out += digits[c & 0xf];
		}
	}
	return out;
}

std::string percentDecode(std::string_view s, bool plusIsSpace)
{
	std::string out;
	out.reserve(s.size());
	for (std::size_t i = 0; i < s.size(); ++i) {
		char c = s[i];
		if (c == '%' && i + 2 < s.size()) {
			int hi = hexValue(s[i + 1]);
			int lo = hexValue(s[i + 2]);
			if (hi >= 0 && lo >= 0) {
				out += static_cast<char>(hi * 16 + lo);
				i += 2;
				continue;
			}
		}
		out += (plusIsSpace && c == '+') ? ' ' : c;
	}
	return out;
}

std::string encodeParams(const ParamMap &params)
{
	std::string out;
	for (const auto &[k, v] : params) {
		if (!out.empty())
			out += '&';
		out += percentEncode(k);
		out += '=';
		out += percentEncode(v);
	}
	return out;
}

ParamMap decodeParams(std::string_view s, bool plusIsSpace)
{
	ParamMap out;
	while (!s.empty()) {
		std::size_t amp = s.find('&');
		std::string_view pair = s.substr(0, amp);
		s = amp == std::string_view::npos ? std::string_view{} : s.substr(amp + 1);
		if (pair.empty())
			continue;
		std::size_t eq = pair.find('=');
		std::string_view k = pair.substr(0, eq);
		std::string_view v = eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
		// First occurrence wins: both signature schemes assume unique names.
		out.emplace(percentDecode(k, plusIsSpace), percentDecode(v, plusIsSpace));
	}
	return out;
}

} // namespace dbs
