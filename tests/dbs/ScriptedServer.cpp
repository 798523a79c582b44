// SPDX-License-Identifier: Apache-2.0
#include "ScriptedServer.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace dbstest {

namespace net = boost::asio;
using net::ip::tcp;

struct ScriptedServer::Impl : std::enable_shared_from_this<Impl> {
	Impl(net::io_context &io, Script s)
		: acceptor(io, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0)), script(std::move(s))
	{}

	net::awaitable<void> accept()
	{
		auto self = shared_from_this();
		for (;;) {
			tcp::socket socket = co_await acceptor.async_accept(net::use_awaitable);
			int n = connections++;
			net::co_spawn(acceptor.get_executor(), serve(std::move(socket), n), net::detached);
		}
	}

	net::awaitable<void> serve(tcp::socket socket, int connection)
	{
		auto self = shared_from_this();
		std::string buf;
		for (int i = 0;; ++i) {
			std::size_t head = co_await net::async_read_until(socket, net::dynamic_buffer(buf), "\r\n\r\n",
									  net::use_awaitable);
			std::size_t length = 0;
			std::string headers = buf.substr(0, head);
			for (const char *name : {"Content-Length: ", "content-length: "}) {
				if (auto p = headers.find(name); p != std::string::npos)
					length = std::stoul(headers.substr(p + std::string(name).size()));
			}
			if (buf.size() < head + length)
				co_await net::async_read(socket, net::dynamic_buffer(buf),
							 net::transfer_exactly(head + length - buf.size()),
							 net::use_awaitable);
			std::string request = buf.substr(0, head + length);
			buf.erase(0, head + length);
			requests.push_back(request);
			Reply r = script(request, connection, i);
			if (r.hang) {
				held.push_back(std::move(socket));
				co_return;
			}
			co_await net::async_write(socket, net::buffer(r.raw), net::use_awaitable);
			if (r.close) {
				boost::system::error_code ignored;
				socket.close(ignored);
				++closed;
				co_return;
			}
		}
	}

	tcp::acceptor acceptor;
	Script script;
	int connections = 0;
	int closed = 0;
	std::vector<std::string> requests;
	std::vector<tcp::socket> held;
};

ScriptedServer::ScriptedServer(net::io_context &io, Script script)
	: impl_(std::make_shared<Impl>(io, std::move(script)))
{
	net::co_spawn(
		io,
		[impl = impl_]() -> net::awaitable<void> {
			try {
				co_await impl->accept();
			} catch (const std::exception &) {
				// acceptor closed at the end of the test
			}
		},
		net::detached);
}

ScriptedServer::~ScriptedServer()
{
	boost::system::error_code ignored;
	impl_->acceptor.close(ignored);
	for (auto &s : impl_->held)
		s.close(ignored);
}

std::uint16_t ScriptedServer::port() const { return impl_->acceptor.local_endpoint().port(); }
int ScriptedServer::connections() const { return impl_->connections; }
int ScriptedServer::closedConnections() const { return impl_->closed; }
const std::vector<std::string> &ScriptedServer::requests() const { return impl_->requests; }

std::string ScriptedServer::response(int status, const std::string &body, const std::string &extraHeaders)
{
	return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\n" +
	       "Content-Length: " + std::to_string(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

} // namespace dbstest
