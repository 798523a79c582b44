// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "emulator/HttpMessage.h"

namespace boost::asio {
class io_context;
}

namespace emulator {

struct TlsFiles {
	std::string certificateChainFile; // PEM
	std::string privateKeyFile;       // PEM
};

// HTTP/1.1 server (keep-alive, optional TLS) that hands each request to a
// pure handler and then delivers its response, including the socket-level
// faults (delay on a timer, reset, lost). Beast lives only in
// HttpServer.cpp. Owned by main; everything runs on the io_context's one
// thread, which is also the only thread that may call the handler.
class HttpServer
{
public:
	using Handler = std::function<HttpResponse(const HttpRequest &)>;

	// Binds and listens immediately (port 0 picks a free port); throws
	// std::runtime_error if the address cannot be bound or TLS files load.
	HttpServer(boost::asio::io_context &io, const std::string &host, std::uint16_t port,
		   std::optional<TlsFiles> tls, Handler handler);
	~HttpServer();
	HttpServer(const HttpServer &) = delete;
	HttpServer &operator=(const HttpServer &) = delete;

	std::uint16_t port() const;
	bool tls() const;
	// Starts accepting; connections are served until the io_context stops.
	void start();
	// Stops accepting new connections.
	void stop();

private:
	struct Impl;
	std::unique_ptr<Impl> impl_;
};

} // namespace emulator
