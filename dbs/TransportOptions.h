// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace dbs {

// Limits of the HTTP transport. A plain value; see docs/api-client.md.
struct TransportOptions {
	// TCP connect (incl. name resolution) and, for https, the TLS handshake.
	std::chrono::milliseconds connectTimeout{std::chrono::seconds(10)};
	// Each write, and the wait for the complete response after it.
	std::chrono::milliseconds readTimeout{std::chrono::seconds(30)};
	// From send() to the callback, including time queued for a connection.
	std::chrono::milliseconds totalTimeout{std::chrono::seconds(60)};
	std::size_t maxResponseBytes = 8 * 1024 * 1024; // body; headers are capped at 64 KiB
	std::size_t maxConnections = 4;                 // keep-alive connections per endpoint
	std::size_t maxQueued = 10000;                  // requests waiting for a connection
	// Extra trust anchors (PEM) on top of the system store; empty = none.
	std::string caFile;
	// Only for tests: trust caFile alone, without the system store.
	bool useSystemTrustStore = true;
};

} // namespace dbs
