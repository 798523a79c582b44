// SPDX-License-Identifier: Apache-2.0
// Memory over many reconnects: signed DescribeRestoreTaskList calls through
// DbsClient to an endpoint that closes or resets every connection (the
// emulator with bench/reconnect.py's faults), so every call opens, uses and
// loses one connection. Prints one JSON object with the resident set size
// after a warm-up and at the end, and the connections still alive. Not a
// test: bench/reconnect.py runs it; the figures are in bench/RESULTS.md.
#include <fstream>
#include <iostream>
#include <string>

#include <boost/asio/io_context.hpp>

#include "base/ReadFile.h"
#include "dbs/DbsClient.h"
#include "dbs/HttpConnection.h"

namespace {

long rssKb()
{
	std::ifstream status("/proc/self/status");
	std::string line;
	while (std::getline(status, line))
		if (line.rfind("VmRSS:", 0) == 0)
			return std::stol(line.substr(6));
	return -1;
}

struct Options {
	std::string endpoint;
	std::string credentials;
	long requests = 10000;
	long warmup = 1000;
	int inFlight = 4;
};

Options parse(int argc, char **argv)
{
	Options o;
	for (int i = 1; i + 1 < argc; i += 2) {
		std::string k = argv[i], v = argv[i + 1];
		if (k == "--endpoint")
			o.endpoint = v;
		else if (k == "--credentials")
			o.credentials = v;
		else if (k == "--requests")
			o.requests = std::stol(v);
		else if (k == "--warmup")
			o.warmup = std::stol(v);
		else if (k == "--in-flight")
			o.inFlight = std::stoi(v);
		else
			throw std::invalid_argument("unknown option " + k);
	}
	if (o.endpoint.empty() || o.credentials.empty() || o.warmup >= o.requests)
		throw std::invalid_argument("usage: bench-reconnect --endpoint URL --credentials FILE "
					    "[--requests N] [--warmup N] [--in-flight N]");
	return o;
}

} // namespace

int main(int argc, char **argv)
{
	Options o = parse(argc, argv);
	auto text = base::readFile(o.credentials);
	if (!std::holds_alternative<std::string>(text)) {
		std::cerr << "cannot read " << o.credentials << "\n";
		return 2;
	}

	boost::asio::io_context io;
	dbs::DbsClientOptions co;
	co.endpoint = o.endpoint;
	co.credentials = dbs::Credentials::parse(std::get<std::string>(text), o.credentials);
	co.transport.maxConnections = static_cast<std::size_t>(o.inFlight);
	dbs::DbsClient client(io, co);

	long sent = 0, done = 0, failed = 0, rssWarm = 0;
	std::function<void()> sendOne = [&] {
		if (sent >= o.requests)
			return;
		++sent;
		dbs::DescribeRestoreTaskListRequest r;
		r.restoreTaskId = "rtdemoexisting01";
		client.describeRestoreTaskList(r, [&](dbs::Outcome<dbs::DescribeRestoreTaskListResponse> out) {
			++done;
			failed += out.ok() ? 0 : 1;
			if (done == o.warmup)
				rssWarm = rssKb();
			sendOne();
		});
	};
	for (int i = 0; i < o.inFlight; ++i)
		sendOne();
	while (done < o.requests && io.run_one() > 0) {
	}
	long rssEnd = rssKb();
	std::cout << "{\"requests\": " << done << ", \"failed\": " << failed << ", \"warmup\": " << o.warmup
		  << ", \"rss_kb_after_warmup\": " << rssWarm << ", \"rss_kb_at_end\": " << rssEnd
		  << ", \"connections_alive\": " << dbs::HttpConnection::live() << "}" << std::endl;
	return 0;
}
