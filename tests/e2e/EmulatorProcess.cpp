// SPDX-License-Identifier: Apache-2.0
#include "tests/e2e/EmulatorProcess.h"

#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdlib>
#include <stdexcept>

#include "tests/e2e/Workspace.h"
#include "tests/support/LoopbackHttp.h"

namespace e2e {

namespace fs = std::filesystem;
namespace json = boost::json;

EmulatorProcess::EmulatorProcess(const std::string &fixture, const std::string &faults, double timeScale,
				 std::vector<std::string> extraArgs)
{
	std::string pattern = "/tmp/dbs-e2e-emu-XXXXXX";
	if (!::mkdtemp(pattern.data()))
		throw std::runtime_error("mkdtemp failed");
	dir_ = pattern;
	writeFile(dir_ / "fixture.yaml", fixture);
	std::vector<std::string> argv{emulatorPath(),
				      "--listen",
				      "127.0.0.1:0",
				      "--fixture",
				      (dir_ / "fixture.yaml").string(),
				      "--time-scale",
				      std::to_string(timeScale)};
	if (!faults.empty()) {
		writeFile(dir_ / "faults.yaml", faults);
		argv.push_back("--faults");
		argv.push_back((dir_ / "faults.yaml").string());
	}
	argv.insert(argv.end(), extraArgs.begin(), extraArgs.end());
	// stderr goes to a file: nobody reads the emulator's log during a test,
	// and a full pipe would block it.
	process_ = std::make_unique<testsupport::Subprocess>(argv, std::map<std::string, std::string>{},
							     (dir_ / "emulator.log").string());
	auto line = process_->readLine(std::chrono::seconds(20));
	port_ = line ? testsupport::portFromListeningLine(*line) : 0;
	if (port_ == 0)
		throw std::runtime_error("dbs-emulator did not start: " + readFile(dir_ / "emulator.log"));
}

EmulatorProcess::~EmulatorProcess()
{
	process_.reset();
	std::error_code ec;
	if (!std::getenv("E2E_KEEP"))
		fs::remove_all(dir_, ec);
}

std::string EmulatorProcess::stateBody() const
{
	auto reply = testsupport::loopbackGet(port_, "/_emulator/state");
	if (reply.status != 200)
		throw std::runtime_error("GET /_emulator/state: HTTP " + std::to_string(reply.status));
	return reply.body;
}

json::object EmulatorProcess::state() const { return json::parse(stateBody()).as_object(); }

namespace {

const json::object &findById(const json::object &state, const char *list, const std::string &id)
{
	for (const auto &v : state.at(list).as_array())
		if (v.as_object().at("id").as_string() == id)
			return v.as_object();
	throw std::runtime_error(std::string(list) + " has no '" + id + "'");
}

} // namespace

const json::object &planState(const json::object &state, const std::string &planId)
{
	return findById(state, "backup_plans", planId);
}

const json::object &taskState(const json::object &state, const std::string &taskId)
{
	return findById(state, "restore_tasks", taskId);
}

std::vector<json::object> tasksOfPlan(const json::object &state, const std::string &planId)
{
	std::vector<json::object> out;
	for (const auto &v : state.at("restore_tasks").as_array())
		if (v.as_object().at("backup_plan_id").as_string() == planId)
			out.push_back(v.as_object());
	return out;
}

std::int64_t count(const json::object &o, const char *key) { return o.at(key).to_number<std::int64_t>(); }

std::int64_t received(const json::object &state, const std::string &action)
{
	const auto &actions = state.at("stats").at("actions").as_object();
	auto it = actions.find(action);
	return it == actions.end() ? 0 : it->value().at("received").to_number<std::int64_t>();
}

std::int64_t outcomeCount(const json::object &state, const std::string &action, const std::string &outcome)
{
	const auto &actions = state.at("stats").at("actions").as_object();
	auto it = actions.find(action);
	if (it == actions.end())
		return 0;
	const auto &outcomes = it->value().at("outcomes").as_object();
	auto o = outcomes.find(outcome);
	return o == outcomes.end() ? 0 : o->value().to_number<std::int64_t>();
}

std::string fixtureYaml(const std::string &plans, const std::string &tasks)
{
	// clang-format off
	return "access_keys:\n"
	       "  - id: LTAI5tDemoAccessKey01\n"
	       "    secret: demo-secret-not-for-production\n"
	       "backup_plans:\n" + plans +
	       (tasks.empty() ? std::string() : "restore_tasks:\n" + tasks);
	// clang-format on
}

std::string planYaml(const std::string &id, const std::string &restoreDuration, const std::string &extra)
{
	return "  - id: " + id +
	       "\n"
	       "    full_backup_duration: 20m\n"
	       "    restore_duration: " +
	       restoreDuration + "\n" + extra;
}

} // namespace e2e
