// SPDX-License-Identifier: Apache-2.0
#include "config/ListenAddress.h"

#include <arpa/inet.h>
#include <charconv>
#include <cstring>
#include <netinet/in.h>

namespace config {

bool ListenAddress::loopback() const
{
	in_addr v4{};
	if (inet_pton(AF_INET, host.c_str(), &v4) == 1)
		return (ntohl(v4.s_addr) >> 24) == 127;
	in6_addr v6{};
	return inet_pton(AF_INET6, host.c_str(), &v6) == 1 && std::memcmp(&v6, &in6addr_loopback, sizeof v6) == 0;
}

std::string ListenAddress::format() const
{
	bool v6 = host.find(':') != std::string::npos;
	return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::variant<ListenAddress, std::string> parseListenAddress(std::string_view text)
{
	auto colon = text.rfind(':');
	if (colon == std::string_view::npos)
		return std::string("no port: write HOST:PORT, such as 127.0.0.1:9612");
	std::string_view host = text.substr(0, colon);
	std::string_view port = text.substr(colon + 1);
	bool bracketed = host.size() >= 2 && host.front() == '[' && host.back() == ']';
	if (bracketed)
		host = host.substr(1, host.size() - 2);
	std::string h(host);
	in_addr v4{};
	in6_addr v6{};
	bool isV4 = inet_pton(AF_INET, h.c_str(), &v4) == 1;
	bool isV6 = inet_pton(AF_INET6, h.c_str(), &v6) == 1;
	if (!(isV4 && !bracketed) && !(isV6 && bracketed))
		return "'" + h + "' is not an IP address (IPv6 goes in brackets: [::1]:9612; no host names)";
	unsigned value = 0;
	auto r = std::from_chars(port.data(), port.data() + port.size(), value);
	if (port.empty() || r.ec != std::errc() || r.ptr != port.data() + port.size() || value > 65535)
		return "'" + std::string(port) + "' is not a port number (0-65535)";
	return ListenAddress{h, static_cast<std::uint16_t>(value)};
}

} // namespace config
