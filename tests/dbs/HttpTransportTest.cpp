// SPDX-License-Identifier: Apache-2.0
#include "dbs/HttpTransport.h"

#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include "ScriptedServer.h"
#include "TransportTestSupport.h"

using base::ErrorClass;
using dbs::HttpRequest;
using dbs::HttpResponse;
using dbs::HttpTransport;
using dbs::Outcome;
using dbstest::ScriptedServer;
using namespace dbstest::transport;
using namespace std::chrono_literals;

TEST(HttpTransport, KeepAliveReusesOneConnection)
{
	boost::asio::io_context io;
	ScriptedServer server(io, always(ScriptedServer::response(200, okBody, "X-Test: a\r\nX-Test: b\r\n")));
	HttpTransport t(io, local(server.port()), fast());
	Collector c(io);
	for (int i = 0; i < 3; ++i) {
		t.send(get("/?n=" + std::to_string(i)), c.callback());
		ASSERT_TRUE(c.waitFor(i + 1));
	}
	for (const auto &r : c.results) {
		ASSERT_TRUE(r.ok()) << r.error().code << " " << r.error().message;
		EXPECT_EQ(r.value().status, 200);
		EXPECT_EQ(r.value().body, okBody);
		EXPECT_EQ(r.value().headers.at("content-type"), "application/json");
		EXPECT_EQ(r.value().headers.at("x-test"), "a,b");
	}
	EXPECT_EQ(server.connections(), 1);
	ASSERT_EQ(server.requests().size(), 3u);
	EXPECT_NE(server.requests()[2].find("GET /?n=2 HTTP/1.1"), std::string::npos);
	EXPECT_NE(server.requests()[2].find("Host: 127.0.0.1:" + std::to_string(server.port())), std::string::npos);
}

TEST(HttpTransport, ConcurrentRequestsShareABoundedPool)
{
	boost::asio::io_context io;
	ScriptedServer server(io, always(ScriptedServer::response(200, okBody)));
	auto options = fast();
	options.maxConnections = 2;
	HttpTransport t(io, local(server.port()), options);
	Collector c(io);
	for (int i = 0; i < 20; ++i)
		t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(20));
	for (const auto &r : c.results) {
		EXPECT_TRUE(r.ok());
	}
	EXPECT_LE(server.connections(), 2);
	EXPECT_EQ(server.requests().size(), 20u);
}

TEST(HttpTransport, ReadTimeoutIsTransient)
{
	boost::asio::io_context io;
	ScriptedServer server(io, [](const std::string &, int, int) { return ScriptedServer::Reply{"", false, true}; });
	auto options = fast();
	options.readTimeout = 100ms;
	HttpTransport t(io, local(server.port()), options);
	Collector c(io);
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(1));
	ASSERT_FALSE(c.results[0].ok());
	EXPECT_EQ(c.results[0].error().code, "Transport.Timeout");
	EXPECT_EQ(c.results[0].error().errorClass, ErrorClass::Transient);
	EXPECT_EQ(c.results[0].error().httpStatus, 0);
}

TEST(HttpTransport, TotalTimeoutCoversTimeSpentQueued)
{
	boost::asio::io_context io;
	ScriptedServer server(io, [](const std::string &, int, int) { return ScriptedServer::Reply{"", false, true}; });
	auto options = fast();
	options.maxConnections = 1;
	options.totalTimeout = 150ms;
	HttpTransport t(io, local(server.port()), options);
	Collector c(io);
	t.send(get(), c.callback());
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(2));
	for (const auto &r : c.results) {
		ASSERT_FALSE(r.ok());
		EXPECT_EQ(r.error().code, "Transport.Timeout");
	}
	EXPECT_EQ(server.requests().size(), 1u); // the second never left the queue
}

TEST(HttpTransport, ConnectionRefusedIsConnectFailed)
{
	boost::asio::io_context io;
	std::uint16_t port;
	{
		boost::asio::ip::tcp::acceptor a(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
		port = a.local_endpoint().port();
	}
	HttpTransport t(io, local(port), fast());
	Collector c(io);
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(1));
	ASSERT_FALSE(c.results[0].ok());
	EXPECT_EQ(c.results[0].error().code, "Transport.ConnectFailed");
	EXPECT_EQ(c.results[0].error().errorClass, ErrorClass::Transient);
}

TEST(HttpTransport, OversizedResponseIsRejected)
{
	boost::asio::io_context io;
	ScriptedServer server(io, always(ScriptedServer::response(200, std::string(5000, 'x'))));
	auto options = fast();
	options.maxResponseBytes = 1000;
	HttpTransport t(io, local(server.port()), options);
	Collector c(io);
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(1));
	ASSERT_FALSE(c.results[0].ok());
	EXPECT_EQ(c.results[0].error().code, "Transport.ResponseTooLarge");
	EXPECT_EQ(c.results[0].error().errorClass, ErrorClass::Transient);
}

TEST(HttpTransport, CloseWithoutReplyAndTruncatedBodyAreResets)
{
	boost::asio::io_context io;
	ScriptedServer server(io, [](const std::string &, int conn, int) {
		if (conn == 0)
			return ScriptedServer::Reply{"", true};
		return ScriptedServer::Reply{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"Req", true};
	});
	HttpTransport t(io, local(server.port()), fast());
	Collector c(io);
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(1));
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(2));
	for (const auto &r : c.results) {
		ASSERT_FALSE(r.ok());
		EXPECT_EQ(r.error().code, "Transport.Reset") << r.error().message;
		EXPECT_EQ(r.error().errorClass, ErrorClass::Transient);
	}
}

TEST(HttpTransport, GarbageIsABadResponse)
{
	boost::asio::io_context io;
	ScriptedServer server(io, always("SSH-2.0-OpenSSH\r\n\r\n"));
	HttpTransport t(io, local(server.port()), fast());
	Collector c(io);
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(1));
	ASSERT_FALSE(c.results[0].ok());
	EXPECT_EQ(c.results[0].error().code, "Transport.BadResponse");
}

TEST(HttpTransport, IdleClosedKeepAliveConnectionIsReplacedTransparently)
{
	boost::asio::io_context io;
	// Says keep-alive, then closes: what a server's idle timeout looks like.
	ScriptedServer server(io, [](const std::string &, int, int) {
		return ScriptedServer::Reply{ScriptedServer::response(200, okBody), true};
	});
	HttpTransport t(io, local(server.port()), fast());
	Collector c(io);
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(1));
	ASSERT_TRUE(runUntil(io, [&] { return server.closedConnections() == 1; }));
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(2));
	EXPECT_TRUE(c.results[0].ok());
	ASSERT_TRUE(c.results[1].ok()) << c.results[1].error().code;
	EXPECT_EQ(server.connections(), 2);
}

TEST(HttpTransport, ConnectionCloseIsHonoured)
{
	boost::asio::io_context io;
	ScriptedServer server(io, always("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"));
	HttpTransport t(io, local(server.port()), fast());
	Collector c(io);
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(1));
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(2));
	EXPECT_TRUE(c.results[1].ok());
	EXPECT_EQ(server.connections(), 2);
}

TEST(HttpTransport, StalledTlsHandshakeTimesOut)
{
	boost::asio::io_context io;
	// Waits for an HTTP request that a TLS ClientHello never completes.
	ScriptedServer server(io, always(ScriptedServer::response(400, "{}")));
	auto options = fast();
	options.connectTimeout = 150ms;
	dbs::Endpoint e{true, "127.0.0.1", server.port()};
	HttpTransport t(io, e, options);
	Collector c(io);
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(1));
	ASSERT_FALSE(c.results[0].ok());
	EXPECT_EQ(c.results[0].error().code, "Transport.Timeout");
	EXPECT_EQ(c.results[0].error().message, "timed out during TLS handshake");
}

TEST(HttpTransport, TlsToAPlainServerIsAHandshakeFailure)
{
	boost::asio::io_context io;
	namespace net = boost::asio;
	net::ip::tcp::acceptor acceptor(io, {net::ip::make_address("127.0.0.1"), 0});
	net::ip::tcp::socket peer(io);
	static const std::string plain = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
	acceptor.async_accept(peer, [&](boost::system::error_code ec) {
		if (!ec)
			net::async_write(peer, net::buffer(plain), [](boost::system::error_code, std::size_t) {});
	});
	dbs::Endpoint e{true, "127.0.0.1", acceptor.local_endpoint().port()};
	HttpTransport t(io, e, fast());
	Collector c(io);
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(1));
	ASSERT_FALSE(c.results[0].ok());
	EXPECT_EQ(c.results[0].error().code, "Transport.TlsHandshake") << c.results[0].error().message;
	EXPECT_EQ(c.results[0].error().errorClass, ErrorClass::Transient);
}

TEST(HttpTransport, UnreadableCaFileIsAStartupError)
{
	boost::asio::io_context io;
	auto options = fast();
	options.caFile = "/nonexistent/ca.pem";
	EXPECT_THROW(HttpTransport(io, dbs::Endpoint::forRegion("cn-hangzhou"), options), std::runtime_error);
}

TEST(HttpTransport, AQueuedRequestIsMadeOnlyWhenItLeavesTheQueue)
{
	// One connection: the second request is made (and so signed, by
	// DbsClient) only once the first has been answered, not when sent.
	boost::asio::io_context io;
	std::vector<std::string> order;
	ScriptedServer server(io, [&order](const std::string &raw, int, int) {
		order.push_back("served " + raw.substr(0, raw.find(' ', 4)));
		return ScriptedServer::Reply{ScriptedServer::response(200, okBody)};
	});
	auto options = fast();
	options.maxConnections = 1;
	HttpTransport t(io, local(server.port()), options);
	Collector c(io);
	for (std::string target : {"/first", "/second"}) {
		t.send(
			[&order, target]() -> std::optional<HttpRequest> {
				order.push_back("made " + target);
				return get(target);
			},
			c.callback());
	}
	EXPECT_TRUE(order.empty()) << "nothing is made inside send()";
	ASSERT_TRUE(c.waitFor(2));
	EXPECT_EQ(order,
		  (std::vector<std::string>{"made /first", "served GET /first", "made /second", "served GET /second"}));
}

TEST(HttpTransport, ARequestWhoseMakerHasNothingIsDroppedWithAnError)
{
	boost::asio::io_context io;
	ScriptedServer server(io, always(ScriptedServer::response(200, okBody)));
	HttpTransport t(io, local(server.port()), fast());
	Collector c(io);
	t.send([]() -> std::optional<HttpRequest> { return std::nullopt; }, c.callback());
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(2));
	ASSERT_FALSE(c.results[0].ok());
	EXPECT_EQ(c.results[0].error().code, "Transport.Abandoned");
	EXPECT_TRUE(c.results[1].ok());
	EXPECT_EQ(server.requests().size(), 1u);
}
