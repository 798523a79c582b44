// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "dbs/Endpoint.h"
#include "dbs/HttpMessage.h"
#include "dbs/Outcome.h"
#include "dbs/TransportOptions.h"

namespace boost::asio {
class io_context;
}

namespace dbs {

// A bounded pool of keep-alive HTTP/1.1 connections to one endpoint with a
// FIFO queue in front: at most options.maxConnections requests are on the
// wire, the rest wait (bounded by totalTimeout and maxQueued). Never blocks.
//
// Owned by DbsClient. send() may be called from any thread; all work runs
// on an internal strand of the caller's io_context and callbacks run there.
// Destroy it on the io_context's thread or after the io_context stopped:
// from then on no callback runs (pending requests are abandoned silently).
class HttpTransport
{
public:
	using Callback = std::function<void(Outcome<HttpResponse>)>;

	// Throws std::runtime_error when the TLS trust store or CA file cannot
	// be loaded (a startup error).
	HttpTransport(boost::asio::io_context &io, Endpoint endpoint, TransportOptions options);
	~HttpTransport();

	HttpTransport(const HttpTransport &) = delete;
	HttpTransport &operator=(const HttpTransport &) = delete;

	// Builds the request when a connection is free to carry it; nullopt
	// means the request's owner is gone and it is dropped.
	using RequestMaker = std::function<std::optional<HttpRequest>()>;
	// Exactly one callback per call (unless the transport is destroyed first).
	void send(HttpRequest request, Callback cb);
	// The same, with the request made (and so signed) only when it leaves:
	// a queued request keeps a fresh signature timestamp and nonce however
	// long it waited, and thousands of queued calls hold their small
	// makers instead of signed messages.
	void send(RequestMaker make, Callback cb);

private:
	struct Impl;
	std::shared_ptr<Impl> impl_;
};

} // namespace dbs
