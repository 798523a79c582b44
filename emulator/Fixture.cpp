// SPDX-License-Identifier: Apache-2.0
#include "emulator/Fixture.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <set>

#include "config/YamlMap.h"
#include "emulator/InputFile.h"

namespace emulator {

namespace {

using config::YamlMap;
using std::chrono::milliseconds;

// parseDuration's own ceiling: a "frozen" task runs for years of simulated time.
constexpr milliseconds maxDuration{3650LL * 24 * 3600 * 1000};
constexpr std::int64_t maxListAnswers = 1'000'000'000;
constexpr std::int64_t maxGenerated = 1'000'000;
constexpr std::string_view planIdExpected = "the id of a backup plan declared under backup_plans";

// Reads the keys shared by plan defaults, single tasks and generated tasks.
TaskBehaviour readBehaviour(YamlMap &m, std::string_view durationKey, std::string_view outcomeKey,
			    const TaskBehaviour &fallback)
{
	TaskBehaviour b = fallback;
	if (auto d = m.duration(durationKey, milliseconds(0), maxDuration))
		b.durationMs = d->count();
	if (auto o = m.oneOf(outcomeKey, {"finish", "stop", "pause"}))
		b.outcome = *o == "stop" ? TaskOutcome::Stop : *o == "pause" ? TaskOutcome::Pause : TaskOutcome::Finish;
	b.errorMessage = m.string("error_message").value_or(b.errorMessage);
	b.pauseAt = m.number("pause_at", 0, 1).value_or(b.pauseAt);
	if (auto s = m.string("terminal_status"))
		b.terminalStatus = *s;
	if (auto p = m.oneOf("precheck", {"pass", "fail"}))
		b.precheckFails = *p == "fail";
	b.precheckError = m.string("precheck_error").value_or(b.precheckError);
	b.vanishAfter = m.integer("vanish_after", 0, maxListAnswers).value_or(b.vanishAfter);
	if (b.outcome == TaskOutcome::Stop && b.errorMessage.empty())
		b.errorMessage = "Restore failed";
	return b;
}

std::vector<std::string> readIdList(YamlMap &m, std::string_view key)
{
	std::vector<std::string> out;
	auto list = m.list(key, "a list of ids");
	if (!list)
		return out;
	for (const auto &item : *list) {
		if (item.IsScalar() && !item.Scalar().empty())
			out.push_back(item.Scalar());
		else
			m.diag().add(item.Mark(),
				     "an item of '" + std::string(key) + "' is " +
					     (item.IsScalar() ? std::string("empty") : config::describeNode(item)),
				     "a non-empty id");
	}
	return out;
}

// Reads one fixture; every problem goes to diag, so one run shows them all.
// Lives on the stack of one parse, on the main thread before the server runs.
class FixtureReader
{
public:
	FixtureReader(const YAML::Node &doc, config::Diagnostics &diag)
		: root_(doc, "the fixture", diag,
			{"access_keys", "backup_plans", "restore_tasks", "generate_restore_tasks", "dialect"}),
		  diag_(diag)
	{}

	void read(Fixture &f)
	{
		if (!root_.valid())
			return;
		f.dialect = readDialect(root_);
		readAccessKeys(f);
		readPlans(f);
		for (const auto &node : items("restore_tasks", "a list of restore tasks"))
			readTask(node, f);
		for (const auto &node : items("generate_restore_tasks", "a list of restore task generators"))
			readGenerator(node, f);
	}

private:
	YAML::Node items(std::string_view key, std::string_view expected)
	{
		return root_.list(key, expected).value_or(YAML::Node(YAML::NodeType::Sequence));
	}

	void readAccessKeys(Fixture &f)
	{
		constexpr std::string_view expected = "a list of at least one access key with id and secret";
		if (!root_.require("access_keys", expected))
			return;
		auto list = root_.list("access_keys", expected);
		if (!list)
			return;
		if (list->size() == 0)
			diag_.add(root_.keyMark("access_keys"), "'access_keys' in the fixture is an empty list",
				  std::string(expected));
		std::set<std::string> ids;
		for (const auto &node : *list) {
			YamlMap k(node, "an access key", diag_, {"id", "secret", "security_token"});
			if (!k.valid())
				continue;
			k.require("id", "an access key id");
			k.require("secret", "the access key's secret");
			auto id = k.string("id");
			auto secret = k.string("secret");
			auto token = k.string("security_token");
			if (id && !ids.insert(*id).second)
				diag_.add(k.get("id")->Mark(), "access key id '" + *id + "' is repeated",
					  "a unique access key id");
			else if (id && secret)
				f.accessKeys.push_back(AccessKeySpec{*id, *secret, token});
		}
	}

	void readPlans(Fixture &f)
	{
		for (const auto &node : items("backup_plans", "a list of backup plans")) {
			YamlMap p(node, "a backup plan", diag_,
				  {"id", "full_backup_duration", "restore_duration", "restore_outcome", "error_message",
				   "pause_at", "terminal_status", "backup_sets", "precheck", "precheck_error",
				   "vanish_after"});
			if (!p.valid())
				continue;
			p.require("id", "a backup plan id");
			BackupPlanSpec spec;
			if (auto d = p.duration("full_backup_duration", milliseconds(0), maxDuration))
				spec.fullBackupDurationMs = d->count();
			spec.restoreDefaults = readBehaviour(p, "restore_duration", "restore_outcome", TaskBehaviour{});
			spec.backupSets = readIdList(p, "backup_sets");
			auto id = p.string("id");
			if (id && !planDefaults_.emplace(*id, spec.restoreDefaults).second) {
				diag_.add(p.get("id")->Mark(), "backup plan id '" + *id + "' is repeated",
					  "a unique backup plan id");
			} else if (id) {
				spec.id = *id;
				f.backupPlans.push_back(std::move(spec));
			}
		}
	}

	// The plan a task names, which must be declared above it.
	std::optional<std::string> planOf(YamlMap &m)
	{
		if (!m.require("backup_plan_id", planIdExpected))
			return std::nullopt;
		auto plan = m.string("backup_plan_id");
		if (plan && !planDefaults_.count(*plan)) {
			diag_.add(m.get("backup_plan_id")->Mark(),
				  "'backup_plan_id' names no backup plan: '" + *plan + "'",
				  std::string(planIdExpected));
			return std::nullopt;
		}
		return plan;
	}

	bool addTask(RestoreTaskSpec spec, const YAML::Mark &at, Fixture &f)
	{
		if (!taskIds_.insert(spec.id).second) {
			diag_.add(at, "restore task id '" + spec.id + "' is repeated", "a unique restore task id");
			return false;
		}
		f.restoreTasks.push_back(std::move(spec));
		return true;
	}

	void readTask(const YAML::Node &node, Fixture &f)
	{
		YamlMap t(node, "a restore task", diag_,
			  {"id", "backup_plan_id", "name", "duration", "outcome", "error_message", "pause_at",
			   "terminal_status", "running", "precheck", "precheck_error", "vanish_after"});
		if (!t.valid())
			return;
		t.require("id", "a restore task id");
		auto id = t.string("id");
		auto plan = planOf(t);
		auto name = t.string("name");
		bool running = t.boolean("running").value_or(false);
		TaskBehaviour b =
			readBehaviour(t, "duration", "outcome", plan ? planDefaults_[*plan] : TaskBehaviour{});
		if (id && plan)
			addTask(RestoreTaskSpec{*id, *plan, name.value_or(*id), b, running}, t.get("id")->Mark(), f);
	}

	void readGenerator(const YAML::Node &node, Fixture &f)
	{
		YamlMap g(node, "a restore task generator", diag_,
			  {"id_prefix", "count", "backup_plan_id", "duration", "outcome", "error_message", "pause_at",
			   "terminal_status", "precheck", "precheck_error", "vanish_after"});
		if (!g.valid())
			return;
		g.require("id_prefix", "the prefix of the generated task ids");
		g.require("count", "an integer from 1 to " + std::to_string(maxGenerated));
		auto prefix = g.string("id_prefix");
		auto count = g.integer("count", 1, maxGenerated);
		auto plan = planOf(g);
		TaskBehaviour b =
			readBehaviour(g, "duration", "outcome", plan ? planDefaults_[*plan] : TaskBehaviour{});
		if (!prefix || !count || !plan)
			return;
		int width = *count >= 100'000 ? static_cast<int>(std::to_string(*count).size()) : 5;
		// One clash is enough to report: the rest of the range clashes too.
		for (std::int64_t i = 1; i <= *count; ++i) {
			char num[32];
			std::snprintf(num, sizeof num, "%0*lld", width, static_cast<long long>(i));
			if (!addTask(RestoreTaskSpec{*prefix + num, *plan, *prefix + num, b, false}, g.mark(), f))
				return;
		}
	}

	YamlMap root_;
	config::Diagnostics &diag_;
	std::map<std::string, TaskBehaviour> planDefaults_;
	std::set<std::string> taskIds_;
};

} // namespace

Fixture parseFixture(const std::string &text, const std::string &fileName)
{
	Fixture f;
	readYamlText(text, fileName,
		     [&](const YAML::Node &doc, config::Diagnostics &diag) { FixtureReader(doc, diag).read(f); });
	return f;
}

Fixture loadFixture(const std::string &path)
{
	Fixture f;
	readYamlFile(path, [&](const YAML::Node &doc, config::Diagnostics &diag) { FixtureReader(doc, diag).read(f); });
	return f;
}

} // namespace emulator
