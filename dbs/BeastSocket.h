// SPDX-License-Identifier: Apache-2.0
#pragma once

// The socket half of BeastConnection, templated on the stream. Included
// only through BeastConnection.h, which PlainConnection.cpp and
// TlsConnection.cpp alone include (nothing else pays for Beast).

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>

#include <cerrno>

#include "base/ApiError.h"
#include "dbs/Endpoint.h"
#include "dbs/TransportOptions.h"

namespace dbs {

namespace beastconn {

namespace beast = boost::beast;
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

inline base::ApiError timeoutError(const char *phase)
{
	return base::ApiError::transient("Transport.Timeout", std::string("timed out during ") + phase);
}

inline base::ApiError abortedError() { return base::ApiError::transient("Transport.Aborted", "request aborted"); }

// The stream under one BeastConnection: it opens it (resolve, TCP connect,
// TLS handshake, all under the connect deadline), says whether an idle one
// may carry another request, and closes it. The request/response exchange
// is BeastConnection's. Owned by that connection through shared_ptr; every
// handler holds a reference, so the object outlives its last operation.
// Runs on the connection's executor (the transport's strand).
template<typename Stream>
class BeastSocket : public std::enable_shared_from_this<BeastSocket<Stream>>
{
	static constexpr bool tls = !std::is_same_v<Stream, beast::tcp_stream>;

public:
	// No error: the stream is open. Called from a completion handler, or
	// inline from open() when the deadline has already passed.
	using Opened = std::function<void(std::optional<base::ApiError>)>;

	BeastSocket(net::any_io_executor ex, Endpoint endpoint, TransportOptions options,
		    std::shared_ptr<net::ssl::context> ctx)
		: ex_(ex), endpoint_(std::move(endpoint)), options_(std::move(options)), ctx_(std::move(ctx)),
		  resolver_(ex), timer_(ex)
	{}

	void open(Clock::time_point deadline, Opened done)
	{
		aborted_ = false;
		auto now = Clock::now();
		if (now >= deadline)
			return done(timeoutError("connect"));
		connectDeadline_ = std::min(deadline, now + options_.connectTimeout);
		resolveTimedOut_ = false;
		timer_.expires_at(connectDeadline_);
		timer_.async_wait([self = this->shared_from_this()](beast::error_code ec) {
			// The resolver has no deadline of its own.
			if (!ec) {
				self->resolveTimedOut_ = true;
				self->resolver_.cancel();
			}
		});
		resolver_.async_resolve(endpoint_.host, std::to_string(endpoint_.port),
					[self = this->shared_from_this(), done = std::move(done)](
						beast::error_code ec, net::ip::tcp::resolver::results_type r) mutable {
						self->onResolve(ec, std::move(r), std::move(done));
					});
	}

	bool isOpen() const { return open_; }

	bool idle() const
	{
		if (!open_ || !stream_)
			return false;
		// An idle connection must have nothing to read: EOF (the server's
		// idle timeout closed it) or stray bytes both mean "do not reuse".
		// Checking before reuse avoids sending a request into a dead
		// connection, which the client could not safely resend.
		char c;
		auto fd = beast::get_lowest_layer(*stream_).socket().native_handle();
		ssize_t n = ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
		return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
	}

	// Valid while isOpen().
	Stream &stream() { return *stream_; }

	// A pending open() then reports Transport.Aborted.
	void abort()
	{
		aborted_ = true;
		resolver_.cancel();
		timer_.cancel();
		closeSocket();
	}

	void closeSocket()
	{
		open_ = false;
		if (stream_) {
			beast::error_code ignored;
			beast::get_lowest_layer(*stream_).socket().close(ignored);
		}
	}

private:
	void onResolve(beast::error_code ec, net::ip::tcp::resolver::results_type results, Opened done)
	{
		timer_.cancel();
		if (aborted_)
			return done(abortedError());
		if (resolveTimedOut_)
			return done(timeoutError("name resolution"));
		if (ec)
			return done(base::ApiError::transient(
				"Transport.ConnectFailed", "cannot resolve " + endpoint_.host + ": " + ec.message()));
		if constexpr (tls)
			stream_.emplace(ex_, *ctx_);
		else
			stream_.emplace(ex_);
		beast::get_lowest_layer(*stream_).expires_at(connectDeadline_);
		beast::get_lowest_layer(*stream_).async_connect(
			results, [self = this->shared_from_this(), done = std::move(done)](
					 beast::error_code ec, const net::ip::tcp::endpoint &) mutable {
				self->onConnect(ec, std::move(done));
			});
	}

	void onConnect(beast::error_code ec, Opened done)
	{
		if (aborted_)
			return done(abortedError());
		if (ec == beast::error::timeout)
			return done(timeoutError("connect"));
		if (ec)
			return done(base::ApiError::transient("Transport.ConnectFailed", "cannot connect to " +
												 endpoint_.url() +
												 ": " + ec.message()));
		if constexpr (tls) {
			boost::system::error_code ipEc;
			net::ip::make_address(endpoint_.host, ipEc);
			// SNI carries names only (RFC 6066), never IP literals.
			if (ipEc && !SSL_set_tlsext_host_name(stream_->native_handle(), endpoint_.host.c_str()))
				return done(base::ApiError::transient("Transport.TlsHandshake", "cannot set SNI"));
			stream_->set_verify_mode(net::ssl::verify_peer);
			stream_->set_verify_callback(net::ssl::host_name_verification(endpoint_.host));
			stream_->async_handshake(net::ssl::stream_base::client,
						 [self = this->shared_from_this(),
						  done = std::move(done)](beast::error_code ec) mutable {
							 self->onHandshake(ec, std::move(done));
						 });
		} else {
			open_ = true;
			done(std::nullopt);
		}
	}

	void onHandshake(beast::error_code ec, Opened done)
	{
		if constexpr (tls) {
			if (aborted_)
				return done(abortedError());
			if (ec == beast::error::timeout)
				return done(timeoutError("TLS handshake"));
			if (ec)
				return done(handshakeError(ec));
		}
		(void)ec;
		open_ = true;
		done(std::nullopt);
	}

	base::ApiError handshakeError(beast::error_code ec)
	{
		long verify = SSL_get_verify_result(stream_->native_handle());
		bool verifyFailed = verify != X509_V_OK || (ec.category() == net::error::get_ssl_category() &&
							    ERR_GET_REASON(static_cast<unsigned long>(ec.value())) ==
								    SSL_R_CERTIFICATE_VERIFY_FAILED);
		if (!verifyFailed)
			return base::ApiError::transient("Transport.TlsHandshake",
							 "TLS handshake failed: " + ec.message());
		std::string why = verify != X509_V_OK ? X509_verify_cert_error_string(verify)
						      : "certificate does not match host " + endpoint_.host;
		// A wrong or untrusted certificate will not fix itself.
		return base::ApiError::permanent("Transport.TlsVerifyFailed", "TLS verification failed: " + why);
	}

	net::any_io_executor ex_;
	Endpoint endpoint_;
	TransportOptions options_;
	std::shared_ptr<net::ssl::context> ctx_; // null for plain
	net::ip::tcp::resolver resolver_;
	net::steady_timer timer_;
	mutable std::optional<Stream> stream_; // mutable: idle() peeks at the socket
	Clock::time_point connectDeadline_;
	bool open_ = false;
	bool aborted_ = false;
	bool resolveTimedOut_ = false;
};

} // namespace beastconn

} // namespace dbs
