// SPDX-License-Identifier: Apache-2.0
#include "emulator/Fixture.h"

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "emulator/YamlReader.h"

namespace emulator {

namespace {

TaskOutcome parseOutcome(const YamlReader &y, const YAML::Node &map, const char *key,
			 TaskOutcome fallback)
{
	if (!map[key])
		return fallback;
	std::string s = y.string(map, key);
	if (s == "finish")
		return TaskOutcome::Finish;
	if (s == "stop")
		return TaskOutcome::Stop;
	if (s == "pause")
		return TaskOutcome::Pause;
	y.fail(map[key], std::string("\"") + key + "\" to be one of finish, stop, pause");
}

// Reads the keys shared by plan defaults, single tasks and generated tasks.
TaskBehaviour parseBehaviour(const YamlReader &y, const YAML::Node &m, const char *durationKey,
			     const char *outcomeKey, const TaskBehaviour &fallback)
{
	TaskBehaviour b = fallback;
	b.durationMs = y.durationMsOr(m, durationKey, fallback.durationMs);
	b.outcome = parseOutcome(y, m, outcomeKey, fallback.outcome);
	b.errorMessage = y.stringOr(m, "error_message", fallback.errorMessage);
	b.pauseAt = y.fractionOr(m, "pause_at", fallback.pauseAt);
	if (m["terminal_status"])
		b.terminalStatus = y.string(m, "terminal_status");
	if (m["precheck"])
		b.precheckFails = y.oneOf(m, "precheck", {"pass", "fail"}) == "fail";
	b.precheckError = y.stringOr(m, "precheck_error", fallback.precheckError);
	b.vanishAfter = y.integerOr(m, "vanish_after", fallback.vanishAfter);
	if (b.vanishAfter < 0)
		y.fail(m["vanish_after"], "\"vanish_after\" >= 0");
	if (b.outcome == TaskOutcome::Stop && b.errorMessage.empty())
		b.errorMessage = "Restore failed";
	return b;
}

std::vector<std::string> parseIdList(const YamlReader &y, const YAML::Node &m, const char *key)
{
	std::vector<std::string> out;
	YAML::Node v = m[key];
	if (!v)
		return out;
	if (!v.IsSequence())
		y.fail(v, std::string("\"") + key + "\" to be a list of ids");
	for (const auto &item : v) {
		if (!item.IsScalar() || item.Scalar().empty())
			y.fail(item, "a non-empty id");
		out.push_back(item.Scalar());
	}
	return out;
}

const YAML::Node sequenceOrEmpty(const YamlReader &y, const YAML::Node &root, const char *key)
{
	YAML::Node v = root[key];
	if (v && !v.IsSequence())
		y.fail(v, std::string("\"") + key + "\" to be a list");
	return v;
}

} // namespace

Fixture parseFixture(const std::string &text, const std::string &fileName)
{
	YamlReader y(fileName);
	YAML::Node root = y.parse(text);
	y.requireMap(root, "the fixture");
	y.allowOnly(root, {"access_keys", "backup_plans", "restore_tasks", "generate_restore_tasks", "dialect"});

	Fixture f;
	f.dialect = parseDialect(y, root["dialect"]);
	std::set<std::string> keyIds, planIds, taskIds;
	for (const auto &k : sequenceOrEmpty(y, root, "access_keys")) {
		y.requireMap(k, "an access key");
		y.allowOnly(k, {"id", "secret", "security_token"});
		AccessKeySpec spec{y.string(k, "id"), y.string(k, "secret"), std::nullopt};
		if (k["security_token"])
			spec.securityToken = y.string(k, "security_token");
		if (!keyIds.insert(spec.id).second)
			y.fail(k["id"], "a unique access key id, \"" + spec.id + "\" is repeated");
		f.accessKeys.push_back(std::move(spec));
	}
	if (f.accessKeys.empty())
		y.fail(root, "at least one entry under \"access_keys\"");

	std::map<std::string, TaskBehaviour> planDefaults;
	for (const auto &p : sequenceOrEmpty(y, root, "backup_plans")) {
		y.requireMap(p, "a backup plan");
		y.allowOnly(p, {"id", "full_backup_duration", "restore_duration", "restore_outcome",
				"error_message", "pause_at", "terminal_status", "backup_sets", "precheck",
				"precheck_error", "vanish_after"});
		BackupPlanSpec spec;
		spec.id = y.string(p, "id");
		spec.fullBackupDurationMs = y.durationMsOr(p, "full_backup_duration", spec.fullBackupDurationMs);
		spec.restoreDefaults = parseBehaviour(y, p, "restore_duration", "restore_outcome", TaskBehaviour{});
		spec.backupSets = parseIdList(y, p, "backup_sets");
		if (!planIds.insert(spec.id).second)
			y.fail(p["id"], "a unique backup plan id, \"" + spec.id + "\" is repeated");
		planDefaults[spec.id] = spec.restoreDefaults;
		f.backupPlans.push_back(std::move(spec));
	}

	auto planOf = [&](const YAML::Node &m) {
		std::string plan = y.string(m, "backup_plan_id");
		if (!planDefaults.count(plan))
			y.fail(m["backup_plan_id"], "the id of a backup plan declared under backup_plans, got \"" + plan + "\"");
		return plan;
	};
	auto addTask = [&](RestoreTaskSpec spec, const YAML::Node &at) {
		if (!taskIds.insert(spec.id).second)
			y.fail(at, "a unique restore task id, \"" + spec.id + "\" is repeated");
		f.restoreTasks.push_back(std::move(spec));
	};

	for (const auto &t : sequenceOrEmpty(y, root, "restore_tasks")) {
		y.requireMap(t, "a restore task");
		y.allowOnly(t, {"id", "backup_plan_id", "name", "duration", "outcome", "error_message",
				"pause_at", "terminal_status", "running", "precheck", "precheck_error",
				"vanish_after"});
		RestoreTaskSpec spec;
		spec.id = y.string(t, "id");
		spec.backupPlanId = planOf(t);
		spec.name = y.stringOr(t, "name", spec.id);
		spec.behaviour = parseBehaviour(y, t, "duration", "outcome", planDefaults[spec.backupPlanId]);
		spec.running = y.boolOr(t, "running", false);
		addTask(std::move(spec), t);
	}

	for (const auto &g : sequenceOrEmpty(y, root, "generate_restore_tasks")) {
		y.requireMap(g, "a restore task generator");
		y.allowOnly(g, {"id_prefix", "count", "backup_plan_id", "duration", "outcome",
				"error_message", "pause_at", "terminal_status", "precheck", "precheck_error",
				"vanish_after"});
		std::string prefix = y.string(g, "id_prefix");
		std::int64_t count = y.integerOr(g, "count", -1);
		if (count < 1 || count > 1'000'000)
			y.fail(g["count"] ? g["count"] : g, "\"count\" between 1 and 1000000");
		std::string plan = planOf(g);
		TaskBehaviour b = parseBehaviour(y, g, "duration", "outcome", planDefaults[plan]);
		int width = count >= 100'000 ? static_cast<int>(std::to_string(count).size()) : 5;
		for (std::int64_t i = 1; i <= count; ++i) {
			char num[32];
			std::snprintf(num, sizeof num, "%0*lld", width, static_cast<long long>(i));
			RestoreTaskSpec spec{prefix + num, plan, prefix + num, b, false};
			addTask(std::move(spec), g);
		}
	}
	return f;
}

Fixture loadFixture(const std::string &path)
{
	std::ifstream in(path);
	if (!in)
		throw ConfigError(path + ":1:1: expected a readable fixture file");
	std::stringstream ss;
	ss << in.rdbuf();
	return parseFixture(ss.str(), path);
}

} // namespace emulator
