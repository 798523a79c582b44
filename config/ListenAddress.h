// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace config {

// Where an HTTP endpoint listens: an IP literal and a port. Host names are
// refused, so starting the daemon never waits for DNS.
struct ListenAddress {
	std::string host;       // "127.0.0.1" or "::1" (no brackets)
	std::uint16_t port = 0; // 0: a free port, chosen at startup and logged (for tests)

	// 127.0.0.0/8 or ::1: reachable from this host only.
	bool loopback() const;
	// "127.0.0.1:9612", "[::1]:9612"
	std::string format() const;

	bool operator==(const ListenAddress &) const = default;
};

// Parses "IPV4:PORT" or "[IPV6]:PORT". The error says what is wrong. Pure.
std::variant<ListenAddress, std::string> parseListenAddress(std::string_view text);

} // namespace config
