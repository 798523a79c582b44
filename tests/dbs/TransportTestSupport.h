// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the transport tests share: a loopback endpoint, short timeouts and a
// collector that runs the test's io_context until the answers arrived.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "ScriptedServer.h"
#include "dbs/HttpTransport.h"

namespace dbstest::transport {

using namespace std::chrono_literals;

inline const std::string okBody = R"({"RequestId":"R","Success":true})";

inline dbs::Endpoint local(std::uint16_t port)
{
	return dbs::Endpoint::parse("http://127.0.0.1:" + std::to_string(port));
}

inline dbs::TransportOptions fast()
{
	dbs::TransportOptions o;
	o.connectTimeout = 2s;
	o.readTimeout = 2s;
	o.totalTimeout = 5s;
	return o;
}

// Runs io until `n` results arrived or 10 s passed (a bounded loop).
class Collector
{
public:
	explicit Collector(boost::asio::io_context &io) : io_(io) {}
	dbs::HttpTransport::Callback callback()
	{
		return [this](dbs::Outcome<dbs::HttpResponse> o) { results.push_back(std::move(o)); };
	}
	bool waitFor(std::size_t n)
	{
		auto limit = std::chrono::steady_clock::now() + 10s;
		while (results.size() < n && std::chrono::steady_clock::now() < limit)
			io_.run_one_for(100ms);
		return results.size() >= n;
	}
	std::vector<dbs::Outcome<dbs::HttpResponse>> results;

private:
	boost::asio::io_context &io_;
};

// Runs io until done() or 10 s passed (a bounded loop); returns done().
inline bool runUntil(boost::asio::io_context &io, const std::function<bool()> &done)
{
	auto limit = std::chrono::steady_clock::now() + 10s;
	while (!done() && std::chrono::steady_clock::now() < limit)
		io.run_one_for(10ms);
	return done();
}

inline dbs::HttpRequest get(const std::string &target = "/")
{
	dbs::HttpRequest r;
	r.target = target;
	return r;
}

inline dbstest::ScriptedServer::Script always(std::string raw)
{
	return [raw](const std::string &, int, int) { return dbstest::ScriptedServer::Reply{raw}; };
}

} // namespace dbstest::transport
