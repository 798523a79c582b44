// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "httpd/HttpMessage.h"

namespace boost::asio {
class io_context;
}

namespace httpd {

struct TlsFiles {
	std::string certificateChainFile; // PEM
	std::string privateKeyFile;       // PEM
};

// What one server lets a client cost it. The defaults are the emulator's:
// generous, because its clients are our own tests. A server that faces
// scrapers it does not control (the metrics endpoint) passes tight ones.
struct ServerLimits {
	// Connections served at once; one more is accepted and closed at once,
	// so a flood of idle sockets cannot starve the event loop. 0: no limit.
	std::size_t maxConnections = 0;
	std::uint32_t maxHeaderBytes = 8 * 1024;
	std::uint64_t maxBodyBytes = 1024 * 1024;
	// Waiting for a request (or the next one on a kept-alive connection).
	std::chrono::milliseconds readTimeout{std::chrono::seconds(120)};
	// Delivering one response, however slowly the client reads.
	std::chrono::milliseconds writeTimeout{std::chrono::seconds(120)};
	std::chrono::milliseconds handshakeTimeout{std::chrono::seconds(30)};
	// Delivery::EndlessHeader stops after this many bytes, so a client that
	// never stops reading still cannot keep the server busy for ever.
	std::size_t endlessHeaderCapBytes = 256 * 1024 * 1024;
};

// HTTP/1.1 server (keep-alive, optional TLS) that hands each request to a
// pure handler and then delivers its response, including the socket-level
// faults the emulator needs (delay on a timer, reset, lost). Beast lives
// only in HttpServer.cpp: the emulator and the daemon's metrics endpoint
// share this one compiled server. Owned by whoever serves (the emulator's
// main, the daemon's MetricsService); everything runs on the io_context's
// one thread, which is also the only thread that may call the handler.
class HttpServer
{
public:
	using Handler = std::function<HttpResponse(const HttpRequest &)>;

	// Binds and listens immediately (port 0 picks a free port); throws
	// std::runtime_error if the address cannot be bound or TLS files load.
	HttpServer(boost::asio::io_context &io, const std::string &host, std::uint16_t port,
		   std::optional<TlsFiles> tls, Handler handler, ServerLimits limits = {});
	~HttpServer();
	HttpServer(const HttpServer &) = delete;
	HttpServer &operator=(const HttpServer &) = delete;

	std::uint16_t port() const;
	bool tls() const;
	// Connections open now (for tests of maxConnections).
	std::size_t connections() const;
	// Starts accepting; connections are served until the io_context stops.
	void start();
	// Stops accepting new connections.
	void stop();

private:
	struct Impl;
	std::unique_ptr<Impl> impl_;
};

} // namespace httpd
