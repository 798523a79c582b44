// SPDX-License-Identifier: Apache-2.0
#include "config/StepReader.h"

#include <chrono>

#include "config/InputLimits.h"
#include "config/YamlDocument.h"
#include "config/YamlMap.h"

namespace config {

namespace {

constexpr std::string_view idExpected = "an id of 4-64 characters [A-Za-z0-9][A-Za-z0-9_-]{3,63}";
constexpr std::string_view passwordInstead =
	"'password_credential: <name>' (systemd LoadCredential=) or 'password_file: <path>'";

// Reads key as a DBS id (plan, task or set id); reports malformed ones.
std::optional<std::string> readDbsId(YamlMap &m, std::string_view key)
{
	auto v = m.string(key, idExpected);
	if (v && !isValidDbsId(*v)) {
		m.diag().add(m.get(key)->Mark(), "'" + std::string(key) + "' is not a valid id: '" + *v + "'",
			     std::string(idExpected));
		return std::nullopt;
	}
	return v;
}

std::optional<BackupStep> readBackup(const YamlMap &parent)
{
	YamlMap m(parent, "backup", "the backup step", {"backup_plan_id", "wait_for_backup_set"});
	if (!m.valid())
		return std::nullopt;
	BackupStep step;
	m.require("backup_plan_id", idExpected);
	auto plan = readDbsId(m, "backup_plan_id");
	if (plan)
		step.backupPlanId = *plan;
	if (auto v = m.boolean("wait_for_backup_set"))
		step.waitForBackupSet = *v;
	return step;
}

std::optional<Destination> readDestination(YamlMap &create, const std::filesystem::path &jobDir)
{
	Diagnostics &diag = create.diag();
	YamlMap m(create, "destination", "the destination",
		  {"instance_type", "region", "instance_id", "ip", "port", "database_name", "user_name",
		   "password_credential", "password_file", "oracle_sid"},
		  {{"password", passwordInstead}});
	if (!m.valid())
		return std::nullopt;
	Destination d;
	m.require("instance_type", "one of: RDS, ECS, Express, Agent, DDS, Other, dg");
	if (auto v = m.oneOf("instance_type", {"RDS", "ECS", "Express", "Agent", "DDS", "Other", "dg"}))
		d.instanceType = *v;
	if (auto v = m.string("region", "a region id such as cn-hangzhou"))
		d.region = *v;
	if (auto v = m.string("instance_id", "an instance id"))
		d.instanceId = *v;
	if (auto v = m.string("ip", "an IP address or host name"))
		d.ip = *v;
	if (auto v = m.integer("port", 1, 65535))
		d.port = int(*v);
	if (auto v = m.string("database_name", "a database name"))
		d.databaseName = *v;
	if (auto v = m.string("user_name", "a user name"))
		d.userName = *v;
	if (auto v = m.string("oracle_sid", "an Oracle SID"))
		d.oracleSid = *v;
	if (m.exclusive("password_credential", "password_file")) {
		if (auto v = m.string("password_credential", "a credential name as given to LoadCredential=")) {
			if (v->find('/') != std::string::npos)
				diag.add(m.get("password_credential")->Mark(),
					 "'password_credential' must be a plain name, not a path",
					 "a name such as db-password (use 'password_file:' for a path)");
			else
				d.password = {SecretRef::Kind::Credential, *v};
		}
		if (auto v = m.string("password_file", "a path to a file holding the password"))
			d.password = {SecretRef::Kind::File, resolveAgainst(jobDir, *v).string()};
	}
	// What CreateRestoreTask requires per destination type (docs/configuration.md).
	const std::string &t = d.instanceType;
	auto needs = [&](std::string_view key, bool required) {
		if (required)
			m.require(key, "required when instance_type is " + t);
	};
	if (!t.empty()) {
		needs("region", t == "RDS" || t == "ECS" || t == "DDS" || t == "Express" || t == "Agent");
		needs("instance_id", t == "RDS" || t == "ECS" || t == "DDS" || t == "Express");
		needs("port", t == "Express" || t == "Agent" || t == "Other" || t == "ECS");
	}
	return d;
}

std::optional<std::vector<RestoreObject>> readObjects(const YAML::Node &node, const YAML::Mark &keyMark,
						      Diagnostics &diag)
{
	if (!node.IsSequence() || node.size() == 0) {
		diag.add(markOf(node, keyMark),
			 "'objects' is " + (node.IsSequence() ? std::string("an empty list") : describeNode(node)),
			 "a non-empty list of {db: <source database>, new_db: <destination database>}");
		return std::nullopt;
	}
	std::vector<RestoreObject> objects;
	for (const auto &item : node) {
		YamlMap m(item, "a restore object", diag, {"db", "new_db"});
		if (!m.valid())
			continue;
		m.require("db", "the source database name");
		RestoreObject o;
		if (auto v = m.string("db", "the source database name"))
			o.dbName = *v;
		if (auto v = m.string("new_db", "the destination database name"))
			o.newDbName = *v;
		if (o.newDbName.empty())
			o.newDbName = o.dbName;
		objects.push_back(o);
	}
	return objects;
}

std::optional<CreateRestore> readCreate(YamlMap &restore, bool afterBackup, const std::filesystem::path &jobDir)
{
	Diagnostics &diag = restore.diag();
	YamlMap m(restore, "create", "restore.create",
		  {"backup_plan_id", "name", "destination", "objects", "backup_set", "restore_time",
		   "duplicate_conflict", "backup_gateway_id"},
		  {{"password", "'password_credential' or 'password_file' inside 'destination'"}});
	if (!m.valid())
		return std::nullopt;
	CreateRestore c;
	m.require("backup_plan_id", idExpected);
	m.require("name", "a restore task name");
	m.require("destination", "a mapping describing the destination database");
	if (auto v = readDbsId(m, "backup_plan_id"))
		c.backupPlanId = *v;
	if (auto v = m.string("name", "a restore task name"))
		c.restoreTaskName = *v;
	if (m.has("destination"))
		if (auto dest = readDestination(m, jobDir))
			c.destination = *dest;
	if (auto o = m.get("objects"))
		if (auto objects = readObjects(*o, m.keyMark("objects"), diag))
			c.objects = *objects;
	if (m.exclusive("backup_set", "restore_time")) {
		if (!m.has("backup_set") && !m.has("restore_time"))
			diag.add(
				m.mark(), "restore.create names no backup to restore from",
				"exactly one of 'backup_set: previous | <BackupSetId>' or 'restore_time: <RFC 3339 UTC | epoch ms>'");
		if (auto v = m.string("backup_set", "'previous' or a BackupSetId")) {
			if (*v == "previous") {
				c.source = FromPreviousBackup{};
				if (!afterBackup)
					diag.add(m.get("backup_set")->Mark(),
						 "'backup_set: previous' but no earlier step is a backup",
						 "a backup step before this restore, or a BackupSetId");
			} else if (isValidDbsId(*v)) {
				c.source = BackupSetById{*v};
			} else {
				diag.add(m.get("backup_set")->Mark(), "'backup_set' is not a valid id: '" + *v + "'",
					 "'previous' or " + std::string(idExpected));
			}
		}
		if (auto v = m.string("restore_time", "an RFC 3339 UTC time or epoch milliseconds")) {
			if (auto ms = parseRestoreTime(*v))
				c.source = PointInTime{*ms};
			else
				diag.add(m.get("restore_time")->Mark(),
					 "'restore_time' is not a valid time: '" + *v + "'",
					 "an RFC 3339 UTC time such as 2026-11-22T03:00:00Z, or epoch milliseconds");
		}
	}
	if (auto v = m.oneOf("duplicate_conflict", {"renamenew"}))
		c.duplicateConflict = *v;
	if (auto v = m.integer("backup_gateway_id", 1, INT64_MAX))
		c.backupGatewayId = *v;
	if (c.destination.instanceType == "Agent" && !m.has("backup_gateway_id"))
		m.require("backup_gateway_id", "required when destination.instance_type is Agent");
	return c;
}

std::optional<RestoreStep> readRestore(const YamlMap &step, bool afterBackup, const std::filesystem::path &jobDir)
{
	Diagnostics &diag = step.diag();
	YamlMap m(step, "restore", "the restore step", {"restore_task_id", "create"});
	if (!m.valid() || !m.exclusive("restore_task_id", "create"))
		return std::nullopt;
	if (m.has("restore_task_id")) {
		auto id = readDbsId(m, "restore_task_id");
		return id ? std::optional<RestoreStep>(RestoreStep{ExistingRestore{*id}}) : std::nullopt;
	}
	if (!m.has("create")) {
		diag.add(m.mark(), "the restore step says neither which task to start nor how to create one",
			 "'restore_task_id: <id>' or 'create: {...}'");
		return std::nullopt;
	}
	auto c = readCreate(m, afterBackup, jobDir);
	return c ? std::optional<RestoreStep>(RestoreStep{*c}) : std::nullopt;
}

} // namespace

bool isValidDbsId(std::string_view id) { return matchesIdPattern(id, "_-", 3, 63); }

std::optional<std::int64_t> parseRestoreTime(std::string_view s)
{
	using namespace std::chrono;
	auto digits = [&](std::size_t pos, std::size_t n) -> std::optional<int> {
		if (pos + n > s.size())
			return std::nullopt;
		int v = 0;
		for (std::size_t i = pos; i < pos + n; ++i) {
			if (s[i] < '0' || s[i] > '9')
				return std::nullopt;
			v = v * 10 + (s[i] - '0');
		}
		return v;
	};
	if (!s.empty() && s.size() <= 15 && s.find_first_not_of("0123456789") == std::string_view::npos) {
		std::int64_t ms = 0;
		for (char c : s)
			ms = ms * 10 + (c - '0');
		return ms;
	}
	auto y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2), mi = digits(14, 2),
	     sec = digits(17, 2);
	if (!y || !mo || !d || !h || !mi || !sec || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') ||
	    s[13] != ':' || s[16] != ':')
		return std::nullopt;
	year_month_day ymd{year(*y), month(unsigned(*mo)), day(unsigned(*d))};
	if (!ymd.ok() || *h > 23 || *mi > 59 || *sec > 59)
		return std::nullopt;
	std::size_t pos = 19;
	std::int64_t fracMs = 0;
	if (pos < s.size() && s[pos] == '.') {
		std::size_t start = ++pos;
		while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
			if (pos - start < 3)
				fracMs = fracMs * 10 + (s[pos] - '0');
			++pos;
		}
		if (pos == start)
			return std::nullopt;
		for (std::size_t n = pos - start; n < 3; ++n)
			fracMs *= 10;
	}
	std::string_view zone = s.substr(pos);
	if (zone != "Z" && zone != "z" && zone != "+00:00")
		return std::nullopt;
	auto t = sys_days(ymd) + hours(*h) + minutes(*mi) + seconds(*sec);
	return duration_cast<milliseconds>(t.time_since_epoch()).count() + fracMs;
}

std::optional<std::vector<Step>> readSteps(const YAML::Node &steps, const YAML::Mark &keyMark,
					   const std::filesystem::path &jobDir, Diagnostics &diag)
{
	if (!steps.IsSequence() || steps.size() == 0) {
		diag.add(steps.IsNull() ? keyMark : steps.Mark(),
			 "'steps' is " + (steps.IsSequence() ? std::string("an empty list") : describeNode(steps)),
			 "a list of at least one step, each '- backup: {...}' or '- restore: {...}'");
		return std::nullopt;
	}
	if (steps.size() > InputLimits::maxStepsPerJob) {
		diag.add(steps.Mark(),
			 "'steps' has " + std::to_string(steps.size()) + " steps, over the limit of " +
				 std::to_string(InputLimits::maxStepsPerJob),
			 "at most " + std::to_string(InputLimits::maxStepsPerJob) + " steps; split the job");
		return std::nullopt;
	}
	std::size_t before = diag.errors().size();
	std::vector<Step> out;
	bool afterBackup = false;
	for (const auto &item : steps) {
		YamlMap m(item, "a step", diag, {"backup", "restore"});
		if (!m.valid())
			continue;
		if (m.has("backup") == m.has("restore")) {
			diag.add(m.mark(),
				 m.has("backup") ? "a step is both a backup and a restore" : "a step is empty",
				 "exactly one of 'backup' or 'restore'");
			continue;
		}
		if (m.has("backup")) {
			if (auto step = readBackup(m))
				out.push_back(Step{*step});
			afterBackup = true;
		} else if (auto step = readRestore(m, afterBackup, jobDir)) {
			out.push_back(Step{*step});
		}
	}
	if (diag.errors().size() != before)
		return std::nullopt;
	return out;
}

} // namespace config
