// SPDX-License-Identifier: Apache-2.0
#include "daemon/ControlCommand.h"

#include <fstream>

#include "daemon/os/ControlClient.h"
#include "daemon/os/ControlProtocol.h"
#include "daemon/os/StateStore.h"

namespace restored {

namespace {

int printStatusFile(const config::MainConfig &cfg, std::ostream &out, std::ostream &err)
{
	auto path = cfg.stateDir / os::StateStore::statusFileName;
	std::ifstream in(path);
	if (!in) {
		err << "dbs-restored: no status at " << path.string() << " (is the daemon running?)\n";
		return 1;
	}
	out << in.rdbuf();
	return 0;
}

os::ControlRequest requestFor(const CommandLine &cmd)
{
	if (!cmd.runNow.empty())
		return {os::ControlCommand::RunNow, cmd.runNow};
	if (!cmd.cancel.empty())
		return {os::ControlCommand::Cancel, cmd.cancel};
	return {os::ControlCommand::Status, {}};
}

} // namespace

int runControlCommand(const config::MainConfig &cfg, const CommandLine &cmd, std::ostream &out, std::ostream &err)
{
	os::ControlRequest request = requestFor(cmd);
	const bool status = request.command == os::ControlCommand::Status;
	auto reply = os::ControlClient(cfg.controlSocket, controlCommandTimeout).ask(os::formatControlRequest(request));
	if (const auto *none = std::get_if<os::ControlClientError>(&reply)) {
		// status.json is what a stopped daemon left: as good as it gets.
		if (status && none->noDaemon)
			return printStatusFile(cfg, out, err);
		err << "dbs-restored: " << none->message << "\n";
		if (status) {
			err << "dbs-restored: showing " << (cfg.stateDir / os::StateStore::statusFileName).string()
			    << " instead, which may lag the daemon\n";
			return printStatusFile(cfg, out, err);
		}
		return 1;
	}
	auto parsed = os::parseControlAnswer(std::get<std::string>(reply));
	if (const auto *bad = std::get_if<std::string>(&parsed)) {
		err << "dbs-restored: " << *bad << "\n";
		return 1;
	}
	const auto &answer = std::get<os::ControlAnswer>(parsed);
	if (!answer.ok) {
		err << "dbs-restored: " << answer.message << " (" << toString(answer.error) << ")\n";
		return 1;
	}
	if (status)
		out << answer.status << "\n";
	else
		out << answer.message << "\n";
	return 0;
}

} // namespace restored
