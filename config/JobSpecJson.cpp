// SPDX-License-Identifier: Apache-2.0
#include "config/JobSpecJson.h"

#include <stdexcept>

#include <boost/json.hpp>

#include "base/Sha256.h"

#include "config/HookSpecJson.h"
#include "config/JsonFields.h"

namespace config {

namespace json = boost::json;

namespace {

template<class... Ts>
struct Overloaded : Ts... {
	using Ts::operator()...;
};
template<class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

json::value secretToJson(const SecretRef &s)
{
	switch (s.kind) {
	case SecretRef::Kind::None: return nullptr;
	case SecretRef::Kind::Credential: return json::object{{"credential", s.value}};
	case SecretRef::Kind::File: return json::object{{"file", s.value}};
	}
	return nullptr;
}

json::value destinationToJson(const Destination &d)
{
	json::object o;
	o["instance_type"] = d.instanceType;
	o["region"] = d.region;
	o["instance_id"] = d.instanceId;
	o["ip"] = d.ip;
	o["port"] = d.port ? json::value(*d.port) : json::value(nullptr);
	o["database_name"] = d.databaseName;
	o["user_name"] = d.userName;
	o["password_ref"] = secretToJson(d.password);
	o["oracle_sid"] = d.oracleSid;
	return o;
}

json::value createToJson(const CreateRestore &c)
{
	json::object o;
	o["backup_plan_id"] = c.backupPlanId;
	o["name"] = c.restoreTaskName;
	o["destination"] = destinationToJson(c.destination);
	json::array objects;
	for (const auto &ob : c.objects)
		objects.push_back(json::object{{"db", ob.dbName}, {"new_db", ob.newDbName}});
	o["objects"] = std::move(objects);
	o["source"] = std::visit(Overloaded{
					 [](const FromPreviousBackup &) {
						 return json::value(json::object{{"backup_set", "previous"}});
					 },
					 [](const BackupSetById &b) {
						 return json::value(json::object{{"backup_set_id", b.id}});
					 },
					 [](const PointInTime &p) {
						 return json::value(json::object{{"restore_time_ms", p.epochMs}});
					 },
				 },
				 c.source);
	o["duplicate_conflict"] = c.duplicateConflict;
	o["backup_gateway_id"] = c.backupGatewayId ? json::value(*c.backupGatewayId) : json::value(nullptr);
	return o;
}

json::value stepToJson(const Step &step)
{
	return std::visit(
		Overloaded{
			[](const BackupStep &b) {
				return json::value(json::object{
					{"backup", json::object{{"backup_plan_id", b.backupPlanId},
								{"wait_for_backup_set", b.waitForBackupSet}}}});
			},
			[](const RestoreStep &r) {
				return std::visit(
					Overloaded{
						[](const ExistingRestore &e) {
							return json::value(json::object{
								{"restore",
								 json::object{{"restore_task_id", e.restoreTaskId}}}});
						},
						[](const CreateRestore &c) {
							return json::value(json::object{
								{"restore",
								 json::object{{"create", createToJson(c)}}}});
						},
					},
					r.how);
			},
		},
		step.what);
}

const json::object &obj(const json::value &v, std::string_view key)
{
	const json::value *f = v.as_object().if_contains(key);
	if (!f)
		throw std::invalid_argument("job spec JSON lacks '" + std::string(key) + "'");
	return f->as_object();
}

// The shared readers (config/JsonFields.h), by the short names used below.
constexpr auto field = &jsonField;
constexpr auto str = &jsonString;
constexpr auto ms = &jsonMilliseconds;

SecretRef secretFromJson(const json::value &v)
{
	if (v.is_null())
		return {};
	const auto &o = v.as_object();
	if (o.size() != 1)
		throw std::invalid_argument("job spec JSON: a password reference has exactly one key");
	if (o.contains("credential"))
		return {SecretRef::Kind::Credential, str(o, "credential")};
	return {SecretRef::Kind::File, str(o, "file")};
}

CreateRestore createFromJson(const json::object &o)
{
	CreateRestore c;
	c.backupPlanId = str(o, "backup_plan_id");
	c.restoreTaskName = str(o, "name");
	const auto &d = field(o, "destination").as_object();
	c.destination.instanceType = str(d, "instance_type");
	c.destination.region = str(d, "region");
	c.destination.instanceId = str(d, "instance_id");
	c.destination.ip = str(d, "ip");
	if (!field(d, "port").is_null())
		c.destination.port = int(field(d, "port").as_int64());
	c.destination.databaseName = str(d, "database_name");
	c.destination.userName = str(d, "user_name");
	c.destination.password = secretFromJson(field(d, "password_ref"));
	c.destination.oracleSid = str(d, "oracle_sid");
	for (const auto &ob : field(o, "objects").as_array())
		c.objects.push_back({str(ob.as_object(), "db"), str(ob.as_object(), "new_db")});
	const auto &src = field(o, "source").as_object();
	if (src.contains("backup_set"))
		c.source = FromPreviousBackup{};
	else if (src.contains("backup_set_id"))
		c.source = BackupSetById{str(src, "backup_set_id")};
	else
		c.source = PointInTime{field(src, "restore_time_ms").as_int64()};
	c.duplicateConflict = str(o, "duplicate_conflict");
	if (!field(o, "backup_gateway_id").is_null())
		c.backupGatewayId = field(o, "backup_gateway_id").as_int64();
	return c;
}

Step stepFromJson(const json::value &v)
{
	const auto &o = v.as_object();
	if (const auto *b = o.if_contains("backup")) {
		const auto &bo = b->as_object();
		return Step{BackupStep{str(bo, "backup_plan_id"), field(bo, "wait_for_backup_set").as_bool()}};
	}
	const auto &r = obj(v, "restore");
	if (r.contains("restore_task_id"))
		return Step{RestoreStep{ExistingRestore{str(r, "restore_task_id")}}};
	return Step{RestoreStep{createFromJson(field(r, "create").as_object())}};
}

} // namespace

json::value toJson(const JobSpec &spec)
{
	json::object o;
	o["id"] = spec.id;
	o["source_file"] = spec.sourceFile;
	o["spec_hash"] = spec.specHash;
	json::array steps;
	for (const auto &s : spec.steps)
		steps.push_back(stepToJson(s));
	o["steps"] = std::move(steps);
	o["retry"] = json::object{
		{"max_attempts", spec.retry.maxAttempts},
		{"initial_backoff_ms", spec.retry.initialBackoff.count()},
		{"max_backoff_ms", spec.retry.maxBackoff.count()},
		{"throttle_factor", spec.retry.throttleFactor},
		{"jitter", spec.retry.jitter == RetryPolicy::Jitter::Full ? "full" : "none"},
	};
	o["poll_interval_ms"] = spec.pollInterval.count();
	o["stall_timeout_ms"] = spec.stallTimeout.count();
	o["deadline_ms"] = spec.deadline.count();
	// Only when not the default: specs hashed before the key existed keep
	// their hash, so an upgrade does not orphan the runs it resumes.
	if (spec.precheckTimeout != JobSpec{}.precheckTimeout)
		o["precheck_timeout_ms"] = spec.precheckTimeout.count();
	o["schedule"] = spec.schedule ? json::value(*spec.schedule) : json::value(nullptr);
	// Only when set: a job without `region:` keeps the spec hash it had
	// before the key existed, so its recorded runs still match it.
	if (!spec.region.empty())
		o["region"] = spec.region;
	// The drill keys, only when set, for the same reason.
	if (spec.verify)
		o["verify"] = toJson(*spec.verify);
	if (spec.notify)
		o["notify"] = toJson(*spec.notify);
	if (spec.rtoObjective)
		o["rto_objective_ms"] = spec.rtoObjective->count();
	return o;
}

JobSpec jobSpecFromJson(const json::value &v)
{
	const auto &o = v.as_object();
	JobSpec s;
	s.id = str(o, "id");
	s.sourceFile = str(o, "source_file");
	s.specHash = str(o, "spec_hash");
	for (const auto &step : field(o, "steps").as_array())
		s.steps.push_back(stepFromJson(step));
	const auto &r = field(o, "retry").as_object();
	s.retry.maxAttempts = int(field(r, "max_attempts").as_int64());
	s.retry.initialBackoff = ms(r, "initial_backoff_ms");
	s.retry.maxBackoff = ms(r, "max_backoff_ms");
	s.retry.throttleFactor = field(r, "throttle_factor").to_number<double>();
	std::string jitter = str(r, "jitter");
	if (jitter != "full" && jitter != "none")
		throw std::invalid_argument("job spec JSON: bad jitter '" + jitter + "'");
	s.retry.jitter = jitter == "full" ? RetryPolicy::Jitter::Full : RetryPolicy::Jitter::None;
	s.pollInterval = ms(o, "poll_interval_ms");
	s.stallTimeout = ms(o, "stall_timeout_ms");
	s.deadline = ms(o, "deadline_ms");
	if (o.contains("precheck_timeout_ms"))
		s.precheckTimeout = ms(o, "precheck_timeout_ms");
	if (!field(o, "schedule").is_null())
		s.schedule = str(o, "schedule");
	if (o.contains("region")) // absent in records written before the key existed
		s.region = str(o, "region");
	if (o.contains("verify"))
		s.verify = verifyHookFromJson(field(o, "verify").as_object());
	if (o.contains("notify"))
		s.notify = notifyHookFromJson(field(o, "notify").as_object());
	if (o.contains("rto_objective_ms"))
		s.rtoObjective = ms(o, "rto_objective_ms");
	if (s.id.empty() || s.steps.empty())
		throw std::invalid_argument("job spec JSON: empty id or no steps");
	return s;
}

std::string computeSpecHash(const JobSpec &spec)
{
	JobSpec canonical = spec;
	canonical.sourceFile.clear();
	canonical.specHash.clear();
	return base::sha256Hex(json::serialize(toJson(canonical)));
}

} // namespace config
