// SPDX-License-Identifier: Apache-2.0
// dbs-emulator: a local stand-in for Alibaba Cloud DBS (see docs/emulator.md).
#include <chrono>
#include <csignal>
#include <cstdio>
#include <exception>
#include <iostream>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "emulator/ApiHandler.h"
#include "emulator/CliOptions.h"
#include "emulator/FaultPlan.h"
#include "emulator/Fixture.h"
#include "emulator/HostileReplies.h"
#include "httpd/HttpServer.h"

namespace {

std::int64_t wallNowMs()
{
	using namespace std::chrono;
	return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace

int main(int argc, char **argv)
{
	try {
		emulator::CliOptions cli = emulator::parseCliOptions(std::vector<std::string>(argv + 1, argv + argc));
		emulator::Fixture fixture = emulator::loadFixture(cli.fixtureFile);
		emulator::EmulatorOptions options;
		if (cli.faultsFile)
			options.faults = emulator::loadFaultPlan(*cli.faultsFile);
		options.wallStartMs = wallNowMs();
		options.timeScale = cli.timeScale;
		options.seed = cli.seed;
		if (cli.terminalStatusGiven)
			options.terminalStatus = cli.terminalStatus;
		emulator::ApiHandler api(fixture, std::move(options));

		boost::asio::io_context io;
		std::optional<httpd::TlsFiles> tls;
		if (cli.tlsCert)
			tls = httpd::TlsFiles{*cli.tlsCert, *cli.tlsKey};
		httpd::ServerLimits limits;
		limits.endlessHeaderCapBytes = emulator::endlessHeaderCapBytes;
		httpd::HttpServer server(
			io, cli.host, cli.port, tls,
			[&api](const emulator::HttpRequest &r) { return api.handle(r, wallNowMs()); }, limits);
		boost::asio::signal_set signals(io, SIGINT, SIGTERM);
		signals.async_wait([&](const boost::system::error_code &, int) {
			server.stop();
			io.stop();
		});
		std::signal(SIGPIPE, SIG_IGN);
		server.start();
		std::string shownHost = cli.host.find(':') != std::string::npos ? "[" + cli.host + "]" : cli.host;
		std::cout << "listening on " << (server.tls() ? "https" : "http") << "://" << shownHost << ":"
			  << server.port() << std::endl;
		io.run();
		return 0;
	} catch (const std::exception &e) {
		std::cerr << "dbs-emulator: " << e.what() << std::endl;
		return 2;
	}
}
