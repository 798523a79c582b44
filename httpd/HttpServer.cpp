// SPDX-License-Identifier: Apache-2.0
#include "httpd/HttpServer.h"

#include <stdexcept>

#include "httpd/HttpSession.h"

namespace httpd {

using namespace detail;

struct HttpServer::Impl {
	Impl(net::io_context &io, Handler h, ServerLimits limits)
		: io_(io), acceptor_(io), shared_(std::make_shared<Shared>(Shared{std::move(h), limits}))
	{}

	void accept()
	{
		acceptor_.async_accept([this](beast::error_code ec, tcp::socket socket) {
			if (ec == net::error::operation_aborted || !acceptor_.is_open())
				return;
			std::size_t cap = shared_->limits.maxConnections;
			if (!ec && cap != 0 && shared_->live >= cap) {
				// Over the cap: closed before anything is read, so it
				// costs one accept and no timer.
				beast::error_code ignored;
				socket.shutdown(tcp::socket::shutdown_both, ignored);
				socket.close(ignored);
			} else if (!ec) {
				if (tls_)
					std::make_shared<Session<beast::ssl_stream<beast::tcp_stream>>>(
						shared_, std::move(socket), *tls_)
						->run();
				else
					std::make_shared<Session<beast::tcp_stream>>(shared_, std::move(socket))->run();
			}
			accept();
		});
	}

	net::io_context &io_;
	tcp::acceptor acceptor_;
	std::shared_ptr<Shared> shared_;
	std::optional<ssl::context> tls_;
};

HttpServer::HttpServer(net::io_context &io, const std::string &host, std::uint16_t port, std::optional<TlsFiles> tls,
		       Handler handler, ServerLimits limits)
	: impl_(std::make_unique<Impl>(io, std::move(handler), limits))
{
	if (tls) {
		impl_->tls_.emplace(ssl::context::tls_server);
		try {
			impl_->tls_->use_certificate_chain_file(tls->certificateChainFile);
			impl_->tls_->use_private_key_file(tls->privateKeyFile, ssl::context::pem);
		} catch (const std::exception &e) {
			throw std::runtime_error("cannot load the TLS certificate or key: " + std::string(e.what()));
		}
	}
	beast::error_code ec;
	auto address = net::ip::make_address(host, ec);
	if (ec)
		throw std::runtime_error("\"" + host + "\" is not an IP address");
	tcp::endpoint ep(address, port);
	impl_->acceptor_.open(ep.protocol());
	impl_->acceptor_.set_option(net::socket_base::reuse_address(true));
	impl_->acceptor_.bind(ep, ec);
	if (ec)
		throw std::runtime_error("cannot bind " + host + ":" + std::to_string(port) + ": " + ec.message());
	impl_->acceptor_.listen();
}

HttpServer::~HttpServer() = default;

std::uint16_t HttpServer::port() const { return impl_->acceptor_.local_endpoint().port(); }

bool HttpServer::tls() const { return impl_->tls_.has_value(); }

std::size_t HttpServer::connections() const { return impl_->shared_->live; }

void HttpServer::start() { impl_->accept(); }

void HttpServer::stop()
{
	beast::error_code ignored;
	impl_->acceptor_.close(ignored);
}

} // namespace httpd
