// SPDX-License-Identifier: Apache-2.0
#pragma once

// The connection of httpd's HttpServer: private to HttpServer.cpp, the one
// file that compiles Beast (this header is included nowhere else).

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <sstream>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "base/Strings.h"
#include "httpd/HttpServer.h"

namespace httpd::detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

inline beast::tcp_stream &tcpOf(beast::tcp_stream &s) { return s; }
inline beast::tcp_stream &tcpOf(beast::ssl_stream<beast::tcp_stream> &s) { return s.next_layer(); }

// What the server and its connections share: a connection may outlive
// the HttpServer by a few handlers (stop() closes only the acceptor).
struct Shared {
	HttpServer::Handler handler;
	ServerLimits limits;
	std::size_t live = 0; // connections open now
};

// One connection. Owns its stream; kept alive by shared_from_this in every
// pending handler. Runs on the server's single thread.
template<typename Stream>
class Session : public std::enable_shared_from_this<Session<Stream>>
{
public:
	template<typename... Args>
	Session(std::shared_ptr<Shared> shared, Args &&...args)
		: stream_(std::forward<Args>(args)...), shared_(std::move(shared)),
		  timer_(tcpOf(stream_).get_executor())
	{
		++shared_->live;
	}
	~Session() { --shared_->live; }

	void run()
	{
		if constexpr (std::is_same_v<Stream, beast::tcp_stream>) {
			read();
		} else {
			tcpOf(stream_).expires_after(shared_->limits.handshakeTimeout);
			stream_.async_handshake(ssl::stream_base::server,
						[self = this->shared_from_this()](beast::error_code ec) {
							if (!ec)
								self->read();
						});
		}
	}

private:
	void read()
	{
		// A parser reads one message; each request gets a fresh one with
		// the size limits (Beast's defaults would allow 1 MB bodies).
		parser_.emplace();
		parser_->header_limit(shared_->limits.maxHeaderBytes);
		parser_->body_limit(shared_->limits.maxBodyBytes);
		tcpOf(stream_).expires_after(shared_->limits.readTimeout);
		http::async_read(stream_, buffer_, *parser_,
				 [self = this->shared_from_this()](beast::error_code ec, std::size_t) {
					 self->onRead(ec);
				 });
	}

	void onRead(beast::error_code ec)
	{
		if (ec) {
			// end_of_stream, timeout, an oversized request or garbage:
			// nothing to answer.
			abort(false);
			return;
		}
		const auto &request = parser_->get();
		HttpRequest r;
		r.method = std::string(request.method_string());
		r.target = std::string(request.target());
		for (const auto &f : request)
			r.headers[base::lower(f.name_string())] = std::string(f.value());
		r.body = request.body();
		response_ = shared_->handler(r);
		keepAlive_ = request.keep_alive();

		switch (response_.delivery) {
		case Delivery::Normal: write(); break;
		case Delivery::Delay:
			// Never block the loop: other connections keep being served.
			tcpOf(stream_).expires_never();
			timer_.expires_after(std::chrono::milliseconds(response_.delayMs));
			timer_.async_wait([self = this->shared_from_this()](beast::error_code e) {
				if (!e)
					self->write();
			});
			break;
		case Delivery::Lost: abort(false); break;
		case Delivery::Reset: writePartThenReset(); break;
		case Delivery::Raw: writeThenClose(std::make_shared<std::string>(response_.body), 0, 0); break;
		case Delivery::EndlessHeader:
			writeThenClose(std::make_shared<std::string>("HTTP/1.1 200 OK\r\nX-Endless: "), 0, 64 * 1024);
			break;
		case Delivery::Slow: {
			std::ostringstream all;
			all << message();
			writeSlowly(std::make_shared<std::string>(all.str()), 0);
			break;
		}
		}
	}

	http::response<http::string_body> message() const
	{
		http::response<http::string_body> res{static_cast<http::status>(response_.status), 11};
		for (const auto &[name, value] : response_.headers)
			res.set(name, value);
		res.body() = response_.body;
		res.keep_alive(keepAlive_);
		res.prepare_payload();
		return res;
	}

	void write()
	{
		auto res = std::make_shared<http::response<http::string_body>>(message());
		tcpOf(stream_).expires_after(shared_->limits.writeTimeout);
		http::async_write(stream_, *res,
				  [self = this->shared_from_this(), res](beast::error_code ec, std::size_t) {
					  if (ec || !self->keepAlive_) {
						  self->abort(false);
						  return;
					  }
					  self->read();
				  });
	}

	void writePartThenReset()
	{
		// The status line and a few headers reach the client, then the
		// connection dies the way a crashed proxy kills it.
		std::ostringstream all;
		all << message();
		auto part = std::make_shared<std::string>(all.str());
		part->resize(std::min<std::size_t>(part->size() / 2, 40));
		net::async_write(stream_, net::buffer(*part),
				 [self = this->shared_from_this(), part](beast::error_code, std::size_t) {
					 self->abort(true);
				 });
	}

	// Writes bytes, then (with more > 0) keeps writing `more` bytes of 'a'
	// at a time as the rest of an endless header line, until the client
	// closes or endlessHeaderCapBytes have been sent; then closes.
	void writeThenClose(std::shared_ptr<std::string> bytes, std::size_t sent, std::size_t more)
	{
		tcpOf(stream_).expires_after(shared_->limits.writeTimeout);
		net::async_write(stream_, net::buffer(*bytes),
				 [self = this->shared_from_this(), bytes, sent, more](beast::error_code ec,
										      std::size_t n) {
					 if (ec || more == 0 || sent + n >= self->shared_->limits.endlessHeaderCapBytes)
						 return self->abort(false);
					 self->writeThenClose(std::make_shared<std::string>(more, 'a'), sent + n, more);
				 });
	}

	// One byte per delayMs on the loop's timer; other connections go on.
	void writeSlowly(std::shared_ptr<std::string> bytes, std::size_t at)
	{
		if (at >= bytes->size())
			return abort(false);
		tcpOf(stream_).expires_after(shared_->limits.writeTimeout);
		net::async_write(stream_, net::buffer(bytes->data() + at, 1),
				 [self = this->shared_from_this(), bytes, at](beast::error_code ec, std::size_t) {
					 if (ec)
						 return self->abort(false);
					 self->timer_.expires_after(std::chrono::milliseconds(self->response_.delayMs));
					 self->timer_.async_wait([self, bytes, at](beast::error_code e) {
						 if (!e)
							 self->writeSlowly(bytes, at + 1);
					 });
				 });
	}

	void abort(bool reset)
	{
		beast::error_code ignored;
		auto &socket = tcpOf(stream_).socket();
		if (reset)
			socket.set_option(net::socket_base::linger(true, 0), ignored);
		else
			socket.shutdown(tcp::socket::shutdown_both, ignored);
		socket.close(ignored);
	}

	Stream stream_;
	std::shared_ptr<Shared> shared_;
	net::steady_timer timer_;
	beast::flat_buffer buffer_;
	std::optional<http::request_parser<http::string_body>> parser_;
	HttpResponse response_;
	bool keepAlive_ = true;
};

} // namespace httpd::detail
