// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

namespace dbstest {

// A loopback HTTP server that answers with scripted raw bytes, for the
// transport behaviours no real server produces on demand (a hang, a
// truncated or oversized reply, an idle keep-alive close). Runs on the
// test's io_context (127.0.0.1:0); owned by one test, single-threaded.
class ScriptedServer
{
public:
	struct Reply {
		std::string raw;    // bytes written back verbatim
		bool close = false; // close the connection after writing
		bool hang = false;  // write nothing, keep the connection open
	};
	// (raw request, connection number from 0, request number on it from 0)
	using Script = std::function<Reply(const std::string &, int, int)>;

	ScriptedServer(boost::asio::io_context &io, Script script);
	~ScriptedServer();

	std::uint16_t port() const;
	int connections() const;
	int closedConnections() const; // closed by the script (Reply::close)
	const std::vector<std::string> &requests() const;

	// A complete HTTP/1.1 response with a JSON body.
	static std::string response(int status, const std::string &body, const std::string &extraHeaders = {});

private:
	struct Impl;
	std::shared_ptr<Impl> impl_;
};

} // namespace dbstest
