// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>

#include <boost/asio/any_io_executor.hpp>

#include "dbs/Endpoint.h"
#include "dbs/HttpMessage.h"
#include "dbs/Outcome.h"
#include "dbs/TransportOptions.h"

namespace dbs {

// One keep-alive HTTP/1.1 connection to the endpoint, plain or TLS. The
// Beast code lives in PlainConnection.cpp / TlsConnection.cpp only; this
// header is all the rest of the program sees. Owned by HttpTransport's pool
// and called only on its strand; one exchange at a time.
class HttpConnection
{
public:
	using Callback = std::function<void(Outcome<HttpResponse>)>;

	HttpConnection() { ++live_; }
	virtual ~HttpConnection() { --live_; }
	HttpConnection(const HttpConnection &) = delete;
	HttpConnection &operator=(const HttpConnection &) = delete;

	// Connections alive in this process. Tests use it to prove that every
	// connection, however it ended, is freed: a leak here grows with every
	// reconnect over weeks of uptime.
	static long live() { return live_.load(); }

	// Connects first if needed; sends req; reads one response. Transport
	// failures arrive as ApiError with a Transport.* code. The callback runs
	// on the connection's executor, never inline.
	virtual void exchange(const HttpRequest &req, std::chrono::steady_clock::time_point deadline, Callback cb) = 0;

	// Open, idle, not closed by the peer, and the last response allowed
	// keep-alive.
	virtual bool reusable() const = 0;

	// Aborts whatever is in flight (its callback then reports an error) and
	// closes the socket.
	virtual void close() = 0;

private:
	static inline std::atomic<long> live_{0};
};

// Makes connections for one endpoint; holds what they share (the TLS
// context). Built by HttpTransport.
using ConnectionFactory = std::function<std::shared_ptr<HttpConnection>()>;

} // namespace dbs
