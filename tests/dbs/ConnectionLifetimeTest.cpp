// SPDX-License-Identifier: Apache-2.0
// Every connection is freed however it ends. A connection kept alive by a
// reference cycle (the connection holding its own callback, which held the
// connection) leaked whenever the io_context was destroyed with an exchange
// still on the wire; in the daemon such a leak grows with every reconnect.
#include "dbs/HttpConnection.h"

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "ScriptedServer.h"
#include "TransportTestSupport.h"

using dbs::HttpConnection;
using dbs::HttpTransport;
using dbstest::ScriptedServer;
using namespace dbstest::transport;
using namespace std::chrono_literals;

namespace {

ScriptedServer::Reply hang() { return ScriptedServer::Reply{"", false, true}; }

bool allFreed(boost::asio::io_context &io)
{
	return runUntil(io, [] { return HttpConnection::live() == 0; });
}

} // namespace

TEST(ConnectionLifetime, AKeptAliveConnectionIsFreedWithItsTransport)
{
	ASSERT_EQ(HttpConnection::live(), 0);
	{
		boost::asio::io_context io;
		ScriptedServer server(io, always(ScriptedServer::response(200, okBody)));
		HttpTransport t(io, local(server.port()), fast());
		Collector c(io);
		t.send(get(), c.callback());
		ASSERT_TRUE(c.waitFor(1));
		EXPECT_EQ(HttpConnection::live(), 1) << "kept alive in the pool";
	}
	EXPECT_EQ(HttpConnection::live(), 0);
}

TEST(ConnectionLifetime, AConnectionTheServerClosesIsFreedAtOnce)
{
	boost::asio::io_context io;
	ScriptedServer server(io, always("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"));
	HttpTransport t(io, local(server.port()), fast());
	Collector c(io);
	for (std::size_t i = 1; i <= 5; ++i) {
		t.send(get(), c.callback());
		ASSERT_TRUE(c.waitFor(i));
	}
	EXPECT_EQ(server.connections(), 5);
	EXPECT_TRUE(allFreed(io)) << HttpConnection::live() << " still alive";
}

TEST(ConnectionLifetime, FailedConnectionsAreFreed)
{
	boost::asio::io_context io;
	ScriptedServer server(io, [](const std::string &, int conn, int) {
		if (conn % 2 == 0)
			return ScriptedServer::Reply{"", true};          // closed without a reply
		return ScriptedServer::Reply{"SSH-2.0-OpenSSH\r\n\r\n"}; // not HTTP
	});
	HttpTransport t(io, local(server.port()), fast());
	Collector c(io);
	for (std::size_t i = 1; i <= 4; ++i) {
		t.send(get(), c.callback());
		ASSERT_TRUE(c.waitFor(i));
		ASSERT_FALSE(c.results.back().ok());
	}
	EXPECT_TRUE(allFreed(io)) << HttpConnection::live() << " still alive";
}

TEST(ConnectionLifetime, ATimedOutConnectionIsFreed)
{
	boost::asio::io_context io;
	ScriptedServer server(io, [](const std::string &, int, int) { return hang(); });
	auto options = fast();
	options.readTimeout = 50ms;
	HttpTransport t(io, local(server.port()), options);
	Collector c(io);
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(1));
	EXPECT_EQ(c.results[0].error().code, "Transport.Timeout");
	EXPECT_TRUE(allFreed(io)) << HttpConnection::live() << " still alive";
}

TEST(ConnectionLifetime, AConnectionDroppedFromThePoolIsFreed)
{
	boost::asio::io_context io;
	// The first connection says keep-alive, then closes: it is dropped at
	// reuse. The second stays open, so it is the one left in the pool.
	ScriptedServer server(io, [](const std::string &, int conn, int) {
		return ScriptedServer::Reply{ScriptedServer::response(200, okBody), conn == 0};
	});
	HttpTransport t(io, local(server.port()), fast());
	Collector c(io);
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(1));
	ASSERT_TRUE(runUntil(io, [&] { return server.closedConnections() == 1; }));
	t.send(get(), c.callback());
	ASSERT_TRUE(c.waitFor(2));
	EXPECT_EQ(server.connections(), 2);
	EXPECT_EQ(HttpConnection::live(), 1) << "only the new connection, in the pool";
}

// The regression: the total timeout ends the request while its read is
// still pending, and the io_context is destroyed before that read's
// cancellation runs. The connection held its callback, which held the
// connection: nothing freed it.
TEST(ConnectionLifetime, AConnectionStillOnTheWireWhenEverythingIsDestroyedIsFreed)
{
	ASSERT_EQ(HttpConnection::live(), 0);
	{
		boost::asio::io_context io;
		ScriptedServer server(io, [](const std::string &, int, int) { return hang(); });
		auto options = fast();
		options.totalTimeout = 100ms;
		HttpTransport t(io, local(server.port()), options);
		Collector c(io);
		t.send(get(), c.callback());
		t.send(get(), c.callback());
		ASSERT_TRUE(c.waitFor(1));
		EXPECT_EQ(c.results[0].error().code, "Transport.Timeout");
		EXPECT_GE(HttpConnection::live(), 1);
	}
	EXPECT_EQ(HttpConnection::live(), 0);
}
