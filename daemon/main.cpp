// SPDX-License-Identifier: Apache-2.0
// dbs-restored: restores databases on Alibaba Cloud DBS from YAML job files.

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <iostream>
#include <spdlog/spdlog.h>

#include "config/CheckConfig.h"
#include "config/ConfigError.h"
#include "config/MainConfig.h"
#include "daemon/CommandLine.h"
#include "daemon/ControlCommand.h"
#include "daemon/Daemon.h"
#include "daemon/os/Logging.h"
#include "daemon/probe/ProbeCommand.h"
#include "history/HistoryCommand.h"

namespace {

// sysexits.h EX_CONFIG; the unit's RestartPreventExitStatus= lists it, so
// systemd does not restart a daemon whose configuration is wrong.
constexpr int exitConfigError = 78;

restored::os::LogTarget logTargetFor(config::LogConfig::Target t)
{
	switch (t) {
	case config::LogConfig::Target::Journald: return restored::os::LogTarget::Journald;
	case config::LogConfig::Target::Stderr: return restored::os::LogTarget::Stderr;
	case config::LogConfig::Target::Auto: break;
	}
	return restored::os::LogTarget::Auto;
}

dbs::Credentials loadCredentials(const config::MainConfig &cfg)
{
	return dbs::Credentials::load(
		cfg.credentials.kind == config::CredentialsSource::Kind::Credential ? cfg.credentials.value
										    : std::string(),
		cfg.credentials.kind == config::CredentialsSource::Kind::File ? cfg.credentials.value : std::string());
}

} // namespace

int main(int argc, char **argv)
{
	auto parsed = restored::parseCommandLine({argv + 1, argv + argc});
	if (auto *error = std::get_if<restored::CommandLineError>(&parsed)) {
		std::cerr << "dbs-restored: " << error->message << "\n" << restored::usage();
		return 2;
	}
	const auto &cmd = std::get<restored::CommandLine>(parsed);
	if (cmd.help) {
		std::cout << restored::usage();
		return 0;
	}
	if (cmd.version) {
		std::cout << "dbs-restored " DBS_RESTORED_VERSION "\n";
		return 0;
	}
	if (cmd.checkConfig)
		return config::checkConfig(cmd.configPath, std::cout);

	config::MainConfig cfg;
	try {
		cfg = config::loadMainConfigOrThrow(cmd.configPath);
	} catch (const config::ConfigException &e) {
		std::cerr << config::formatErrors(e.errors());
		return exitConfigError;
	}
	if (cmd.status || !cmd.runNow.empty() || !cmd.cancel.empty())
		return restored::runControlCommand(cfg, cmd, std::cout, std::cerr);
	if (cmd.history)
		return history::printHistory(cfg.stateDir, cmd.historyJob, std::cout, std::cerr);
	if (cmd.report) {
		auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
			std::chrono::system_clock::now().time_since_epoch());
		return history::printReport(cfg.stateDir, cmd.since, cmd.reportFormat, now.count(), std::cout,
					    std::cerr);
	}
	if (cmd.probe) {
		// The report owns stdout; whatever the libraries log goes to stderr.
		restored::os::setupLogging(restored::os::LogTarget::Stderr, spdlog::level::warn);
		try {
			return restored::probe::runProbe(cfg, loadCredentials(cfg), cmd, std::cout);
		} catch (const std::exception &e) {
			std::cerr << "dbs-restored: cannot probe: " << e.what() << "\n";
			return exitConfigError;
		}
	}

	auto level = spdlog::level::from_str(cfg.log.level);
	auto target = restored::os::setupLogging(logTargetFor(cfg.log.target), level);

	try {
		dbs::Credentials credentials = loadCredentials(cfg);
		boost::asio::io_context io(1);
		restored::Daemon daemon(io, std::move(cfg), std::move(credentials),
					{cmd.configPath, cmd.once, DBS_RESTORED_VERSION}, target);
		daemon.start();
		io.run();
		return daemon.exitCode();
	} catch (const std::exception &e) {
		spdlog::critical("cannot start: {}", e.what());
		return exitConfigError;
	}
}
