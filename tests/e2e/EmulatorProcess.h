// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <boost/json/object.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "tests/support/Subprocess.h"

namespace e2e {

// A running dbs-emulator on 127.0.0.1 (port 0) with a fixture and an
// optional faults file, both given as YAML text. Owned by one test; the
// child is killed with the object. Not thread-safe.
class EmulatorProcess
{
public:
	// extraArgs: more options, e.g. --tls-cert and --tls-key.
	EmulatorProcess(const std::string &fixtureYaml, const std::string &faultsYaml = {}, double timeScale = 3600,
			std::vector<std::string> extraArgs = {});
	~EmulatorProcess();
	EmulatorProcess(const EmulatorProcess &) = delete;
	EmulatorProcess &operator=(const EmulatorProcess &) = delete;

	int port() const { return port_; }
	// GET /_emulator/state: the raw body (to search for secrets) or parsed.
	std::string stateBody() const;
	boost::json::object state() const;

private:
	std::filesystem::path dir_;
	std::unique_ptr<testsupport::Subprocess> process_;
	int port_ = 0;
};

// Views on one /_emulator/state document. Each throws when the id is absent,
// so a typo in a test fails loudly instead of comparing zeros.
const boost::json::object &planState(const boost::json::object &state, const std::string &planId);
const boost::json::object &taskState(const boost::json::object &state, const std::string &taskId);
// Tasks of one plan (created ones and fixture ones).
std::vector<boost::json::object> tasksOfPlan(const boost::json::object &state, const std::string &planId);
std::int64_t count(const boost::json::object &o, const char *key);
// stats.actions.<action>.received, or 0 when the action was never called.
std::int64_t received(const boost::json::object &state, const std::string &action);
// stats.actions.<action>.outcomes.<outcome>, or 0.
std::int64_t outcomeCount(const boost::json::object &state, const std::string &action, const std::string &outcome);

// The demo access key plus `plans` (a YAML list body) and `tasks`.
std::string fixtureYaml(const std::string &plans, const std::string &tasks = {});
std::string planYaml(const std::string &id, const std::string &restoreDuration = "2h", const std::string &extra = {});

} // namespace e2e
