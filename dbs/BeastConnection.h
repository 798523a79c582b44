// SPDX-License-Identifier: Apache-2.0
#pragma once

// The Beast implementation of HttpConnection, templated on the stream.
// Included ONLY by PlainConnection.cpp and TlsConnection.cpp, so that the
// two expensive instantiations compile in parallel and nothing else pays
// for Beast.

#include <algorithm>
#include <cassert>
#include <optional>
#include <type_traits>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>

#include <cerrno>

#include "base/Strings.h"
#include "dbs/HttpConnection.h"

namespace dbs {

namespace beastconn {

namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace net = boost::asio;
using Clock = std::chrono::steady_clock;

// Owned by HttpTransport's pool through shared_ptr; every handler holds a
// reference so the object outlives its last operation. Runs on the
// executor it was built with (the transport's strand).
template<typename Stream>
class BeastConnection : public HttpConnection,
			public std::enable_shared_from_this<BeastConnection<Stream>>
{
	static constexpr bool tls = !std::is_same_v<Stream, beast::tcp_stream>;

public:
	BeastConnection(net::any_io_executor ex, Endpoint endpoint, TransportOptions options,
			std::shared_ptr<net::ssl::context> ctx)
		: ex_(ex), endpoint_(std::move(endpoint)), options_(std::move(options)),
		  ctx_(std::move(ctx)), resolver_(ex), timer_(ex)
	{
	}

	void exchange(const HttpRequest &req, Clock::time_point deadline, Callback cb) override
	{
		assert(!cb_ && "one exchange at a time");
		cb_ = std::move(cb);
		deadline_ = deadline;
		retried_ = false;
		aborted_ = false;
		req_ = toBeast(req);
		if (open_) {
			reused_ = true;
			write();
		} else {
			reused_ = false;
			resolve();
		}
	}

	bool reusable() const override
	{
		if (!open_ || cb_ || !stream_)
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

	void close() override
	{
		aborted_ = true;
		resolver_.cancel();
		timer_.cancel();
		closeSocket();
	}

private:
	http::request<http::string_body> toBeast(const HttpRequest &r) const
	{
		http::request<http::string_body> out{http::string_to_verb(r.method), r.target, 11};
		for (const auto &[name, value] : r.headers)
			out.set(name, value);
		if (out.find(http::field::host) == out.end())
			out.set(http::field::host, endpoint_.hostHeader());
		out.body() = r.body;
		out.keep_alive(true);
		out.prepare_payload();
		return out;
	}

	void resolve()
	{
		auto now = Clock::now();
		if (now >= deadline_)
			return finish(timeout("connect"));
		connectDeadline_ = std::min(deadline_, now + options_.connectTimeout);
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
					[self = this->shared_from_this()](beast::error_code ec,
									  net::ip::tcp::resolver::results_type r) {
						self->onResolve(ec, std::move(r));
					});
	}

	void onResolve(beast::error_code ec, net::ip::tcp::resolver::results_type results)
	{
		timer_.cancel();
		if (aborted_)
			return finish(abortedError());
		if (resolveTimedOut_)
			return finish(timeout("name resolution"));
		if (ec)
			return finish(base::ApiError::transient("Transport.ConnectFailed",
						     "cannot resolve " + endpoint_.host + ": " + ec.message()));
		buffer_.clear();
		if constexpr (tls)
			stream_.emplace(ex_, *ctx_);
		else
			stream_.emplace(ex_);
		beast::get_lowest_layer(*stream_).expires_at(connectDeadline_);
		beast::get_lowest_layer(*stream_).async_connect(
			results, [self = this->shared_from_this()](beast::error_code ec,
								   const net::ip::tcp::endpoint &) {
				self->onConnect(ec);
			});
	}

	void onConnect(beast::error_code ec)
	{
		if (aborted_)
			return finish(abortedError());
		if (ec == beast::error::timeout)
			return finish(timeout("connect"));
		if (ec)
			return finish(base::ApiError::transient("Transport.ConnectFailed",
						     "cannot connect to " + endpoint_.url() + ": " +
							     ec.message()));
		if constexpr (tls) {
			boost::system::error_code ipEc;
			net::ip::make_address(endpoint_.host, ipEc);
			// SNI carries names only (RFC 6066), never IP literals.
			if (ipEc && !SSL_set_tlsext_host_name(stream_->native_handle(),
							      endpoint_.host.c_str()))
				return finish(base::ApiError::transient("Transport.TlsHandshake", "cannot set SNI"));
			stream_->set_verify_mode(net::ssl::verify_peer);
			stream_->set_verify_callback(net::ssl::host_name_verification(endpoint_.host));
			stream_->async_handshake(net::ssl::stream_base::client,
						 [self = this->shared_from_this()](beast::error_code ec) {
							 self->onHandshake(ec);
						 });
		} else {
			open_ = true;
			write();
		}
	}

	void onHandshake(beast::error_code ec)
	{
		if constexpr (tls) {
			if (aborted_)
				return finish(abortedError());
			if (ec == beast::error::timeout)
				return finish(timeout("TLS handshake"));
			if (ec) {
				long verify = SSL_get_verify_result(stream_->native_handle());
				bool verifyFailed =
					verify != X509_V_OK ||
					(ec.category() == net::error::get_ssl_category() &&
					 ERR_GET_REASON(static_cast<unsigned long>(ec.value())) ==
						 SSL_R_CERTIFICATE_VERIFY_FAILED);
				if (verifyFailed) {
					std::string why = verify != X509_V_OK
								  ? X509_verify_cert_error_string(verify)
								  : "certificate does not match host " + endpoint_.host;
					// A wrong or untrusted certificate will not fix itself.
					return finish(base::ApiError::permanent("Transport.TlsVerifyFailed",
										"TLS verification failed: " + why));
				}
				return finish(base::ApiError::transient("Transport.TlsHandshake",
							     "TLS handshake failed: " + ec.message()));
			}
		}
		(void)ec;
		open_ = true;
		write();
	}

	bool arm(std::chrono::milliseconds phase)
	{
		auto now = Clock::now();
		if (now >= deadline_)
			return false;
		beast::get_lowest_layer(*stream_).expires_after(
			std::min<Clock::duration>(phase, deadline_ - now));
		return true;
	}

	void write()
	{
		if (!arm(options_.readTimeout))
			return finish(timeout("write"));
		http::async_write(*stream_, req_,
				  [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
					  self->onWrite(ec);
				  });
	}

	void onWrite(beast::error_code ec)
	{
		if (ec)
			return failIo(ec, "write");
		parser_.emplace();
		parser_->body_limit(options_.maxResponseBytes);
		parser_->header_limit(64 * 1024);
		if (!arm(options_.readTimeout))
			return finish(timeout("read"));
		http::async_read(*stream_, buffer_, *parser_,
				 [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
					 self->onRead(ec);
				 });
	}

	void onRead(beast::error_code ec)
	{
		if (ec)
			return failIo(ec, "read");
		auto &res = parser_->get();
		HttpResponse out;
		out.status = static_cast<int>(res.result_int());
		for (const auto &field : res) {
			auto [it, fresh] = out.headers.emplace(base::lower(field.name_string()),
								std::string(field.value()));
			if (!fresh)
				it->second += "," + std::string(field.value());
		}
		out.body = std::move(res.body());
		bool keepAlive = res.keep_alive();
		parser_.reset();
		if (!keepAlive)
			closeSocket();
		finish(std::move(out));
	}

	void failIo(beast::error_code ec, const char *phase)
	{
		closeSocket();
		if (aborted_)
			return finish(abortedError());
		if (ec == beast::error::timeout)
			return finish(timeout(phase));
		if (ec == http::error::body_limit || ec == http::error::header_limit ||
		    ec == http::error::buffer_overflow)
			return finish(base::ApiError::transient("Transport.ResponseTooLarge",
						     "response exceeds " +
							     std::to_string(options_.maxResponseBytes) +
							     " bytes"));
		bool reset = ec == http::error::end_of_stream || ec == http::error::partial_message ||
			     ec == net::error::eof || ec == net::error::connection_reset ||
			     ec == net::error::broken_pipe || ec == net::error::connection_aborted ||
			     ec == net::ssl::error::stream_truncated;
		// Writing into a reused connection the server had already closed:
		// the request was never read, so sending it on a fresh connection is
		// not a retry. A failure after the write is reported, never replayed
		// (the server may have acted on it; the daemon decides).
		bool writing = std::string_view(phase) == "write";
		if (reset && reused_ && writing && !retried_) {
			retried_ = true;
			reused_ = false;
			return resolve();
		}
		if (reset)
			return finish(base::ApiError::transient("Transport.Reset", std::string("connection closed during ") +
									phase + ": " + ec.message()));
		finish(base::ApiError::transient("Transport.BadResponse",
				      std::string("invalid HTTP response: ") + ec.message()));
	}

	base::ApiError timeout(const char *phase) const
	{
		return base::ApiError::transient("Transport.Timeout", std::string("timed out during ") + phase);
	}

	static base::ApiError abortedError()
	{
		return base::ApiError::transient("Transport.Aborted", "request aborted");
	}

	void closeSocket()
	{
		open_ = false;
		if (stream_) {
			beast::error_code ignored;
			beast::get_lowest_layer(*stream_).socket().close(ignored);
		}
	}

	void finish(Outcome<HttpResponse> o)
	{
		if (!o.ok())
			closeSocket();
		Callback cb = std::move(cb_);
		cb_ = nullptr;
		assert(cb);
		// Posted so that a callback never runs inside exchange() itself.
		net::post(ex_, [cb = std::move(cb), o = std::move(o)]() mutable { cb(std::move(o)); });
	}

	net::any_io_executor ex_;
	Endpoint endpoint_;
	TransportOptions options_;
	std::shared_ptr<net::ssl::context> ctx_; // null for plain
	net::ip::tcp::resolver resolver_;
	net::steady_timer timer_;
	mutable std::optional<Stream> stream_; // mutable: reusable() peeks at the socket
	beast::flat_buffer buffer_;
	http::request<http::string_body> req_;
	std::optional<http::response_parser<http::string_body>> parser_;
	Callback cb_;
	Clock::time_point deadline_;
	Clock::time_point connectDeadline_;
	bool open_ = false;
	bool reused_ = false;
	bool retried_ = false;
	bool aborted_ = false;
	bool resolveTimedOut_ = false;
};

} // namespace beastconn

} // namespace dbs
