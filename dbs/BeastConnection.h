// SPDX-License-Identifier: Apache-2.0
#pragma once

// The Beast implementation of HttpConnection, templated on the stream.
// Included ONLY by PlainConnection.cpp and TlsConnection.cpp, so that the
// two expensive instantiations compile in parallel and nothing else pays
// for Beast.

#include <cassert>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <boost/asio/post.hpp>
#include <boost/beast/http.hpp>

#include "base/Strings.h"
#include "dbs/BeastSocket.h"
#include "dbs/HttpConnection.h"

namespace dbs {

namespace beastconn {

namespace http = boost::beast::http;

// One request/response exchange at a time over a BeastSocket, under the
// caller's deadline; reconnects when the socket is closed. Owned by
// HttpTransport's pool through shared_ptr; every handler holds a reference
// so the object outlives its last operation. Runs on the executor it was
// built with (the transport's strand).
template<typename Stream>
class BeastConnection : public HttpConnection, public std::enable_shared_from_this<BeastConnection<Stream>>
{
public:
	BeastConnection(net::any_io_executor ex, Endpoint endpoint, TransportOptions options,
			std::shared_ptr<net::ssl::context> ctx)
		: ex_(ex), hostHeader_(endpoint.hostHeader()), options_(options),
		  socket_(std::make_shared<BeastSocket<Stream>>(ex, std::move(endpoint), std::move(options),
								std::move(ctx)))
	{}

	void exchange(const HttpRequest &req, Clock::time_point deadline, Callback cb) override
	{
		assert(!cb_ && "one exchange at a time");
		cb_ = std::move(cb);
		deadline_ = deadline;
		retried_ = false;
		aborted_ = false;
		req_ = toBeast(req);
		reused_ = socket_->isOpen();
		if (reused_)
			write();
		else
			connect();
	}

	bool reusable() const override { return !cb_ && socket_->idle(); }

	void close() override
	{
		aborted_ = true;
		socket_->abort();
	}

private:
	http::request<http::string_body> toBeast(const HttpRequest &r) const
	{
		http::request<http::string_body> out{http::string_to_verb(r.method), r.target, 11};
		for (const auto &[name, value] : r.headers)
			out.set(name, value);
		if (out.find(http::field::host) == out.end())
			out.set(http::field::host, hostHeader_);
		out.body() = r.body;
		out.keep_alive(true);
		out.prepare_payload();
		return out;
	}

	void connect()
	{
		// Bytes left from a previous socket belong to no response on this one.
		buffer_.clear();
		socket_->open(deadline_, [self = this->shared_from_this()](std::optional<base::ApiError> failed) {
			if (failed)
				return self->finish(std::move(*failed));
			self->write();
		});
	}

	bool arm(std::chrono::milliseconds phase)
	{
		auto now = Clock::now();
		if (now >= deadline_)
			return false;
		beast::get_lowest_layer(socket_->stream())
			.expires_after(std::min<Clock::duration>(phase, deadline_ - now));
		return true;
	}

	void write()
	{
		if (!arm(options_.readTimeout))
			return finish(timeoutError("write"));
		http::async_write(socket_->stream(), req_,
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
			return finish(timeoutError("read"));
		http::async_read(socket_->stream(), buffer_, *parser_,
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
			auto [it, fresh] =
				out.headers.emplace(base::lower(field.name_string()), std::string(field.value()));
			if (!fresh)
				it->second += "," + std::string(field.value());
		}
		out.body = std::move(res.body());
		bool keepAlive = res.keep_alive();
		parser_.reset();
		if (!keepAlive)
			socket_->closeSocket();
		finish(std::move(out));
	}

	void failIo(beast::error_code ec, const char *phase)
	{
		socket_->closeSocket();
		if (aborted_)
			return finish(abortedError());
		if (ec == beast::error::timeout)
			return finish(timeoutError(phase));
		if (ec == http::error::body_limit || ec == http::error::header_limit ||
		    ec == http::error::buffer_overflow)
			return finish(base::ApiError::transient(
				"Transport.ResponseTooLarge",
				"response exceeds " + std::to_string(options_.maxResponseBytes) + " bytes"));
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
			return connect();
		}
		if (reset)
			return finish(
				base::ApiError::transient("Transport.Reset", std::string("connection closed during ") +
										     phase + ": " + ec.message()));
		finish(base::ApiError::transient("Transport.BadResponse",
						 std::string("invalid HTTP response: ") + ec.message()));
	}

	void finish(Outcome<HttpResponse> o)
	{
		if (!o.ok())
			socket_->closeSocket();
		Callback cb = std::move(cb_);
		cb_ = nullptr;
		assert(cb);
		// Posted so that a callback never runs inside exchange() itself.
		net::post(ex_, [cb = std::move(cb), o = std::move(o)]() mutable { cb(std::move(o)); });
	}

	net::any_io_executor ex_;
	std::string hostHeader_;
	TransportOptions options_;
	std::shared_ptr<BeastSocket<Stream>> socket_;
	beast::flat_buffer buffer_;
	http::request<http::string_body> req_;
	std::optional<http::response_parser<http::string_body>> parser_;
	Callback cb_;
	Clock::time_point deadline_;
	bool reused_ = false;
	bool retried_ = false;
	bool aborted_ = false;
};

} // namespace beastconn

} // namespace dbs
