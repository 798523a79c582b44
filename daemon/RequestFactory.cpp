// SPDX-License-Identifier: Apache-2.0
#include "daemon/RequestFactory.h"

#include <boost/json.hpp>
#include <cassert>
#include <cstdlib>
#include <stdexcept>

#include "base/ReadFile.h"
#include "statemachine/ClientToken.h"

namespace restored {

namespace {

using statemachine::ApiAction;

std::optional<std::string> nonEmpty(const std::string &s)
{
	if (s.empty())
		return std::nullopt;
	return s;
}

std::string restoreObjectsJson(const std::vector<config::RestoreObject> &objects)
{
	boost::json::array arr;
	for (const auto &o : objects)
		arr.push_back(boost::json::object{{"DBName", o.dbName}, {"NewDBName", o.newDbName}});
	return boost::json::serialize(arr);
}

// The full backup set made by the nearest earlier backup step of this run.
std::string previousBackupSet(const config::JobSpec &spec, const statemachine::JobRun &run, int stepIndex)
{
	for (int i = stepIndex - 1; i >= 0; --i) {
		if (std::holds_alternative<config::BackupStep>(spec.steps[i].what))
			return run.steps[i].createdFullBackupSetId;
	}
	return {};
}

BuiltRequest createRestore(const config::JobSpec &spec, const statemachine::JobRun &run,
			   const statemachine::CallApi &call, const config::CreateRestore &c,
			   const SecretReader &readSecret)
{
	dbs::CreateRestoreTaskRequest r;
	r.backupPlanId = c.backupPlanId;
	r.restoreTaskName = statemachine::runTaskName(c.restoreTaskName, run.runId, call.stepIndex);
	const auto &d = c.destination;
	r.destinationEndpointInstanceType = d.instanceType;
	r.destinationEndpointRegion = nonEmpty(d.region);
	r.destinationEndpointInstanceId = nonEmpty(d.instanceId);
	r.destinationEndpointIp = nonEmpty(d.ip);
	r.destinationEndpointPort = d.port;
	r.destinationEndpointDatabaseName = nonEmpty(d.databaseName);
	r.destinationEndpointUserName = nonEmpty(d.userName);
	r.destinationEndpointOracleSid = nonEmpty(d.oracleSid);
	if (d.password.kind != config::SecretRef::Kind::None) {
		try {
			r.destinationEndpointPassword = readSecret(d.password);
		} catch (const std::exception &e) {
			return base::ApiError::permanent("Local.PasswordUnreadable", e.what());
		}
	}
	if (!c.objects.empty())
		r.restoreObjects = restoreObjectsJson(c.objects);
	if (!c.duplicateConflict.empty())
		r.duplicateConflict = c.duplicateConflict;
	r.backupGatewayId = c.backupGatewayId;

	if (std::holds_alternative<config::FromPreviousBackup>(c.source)) {
		std::string set = previousBackupSet(spec, run, call.stepIndex);
		if (set.empty())
			return base::ApiError::permanent("Local.NoBackupSet",
							 "the previous backup step recorded no full backup set id");
		r.backupSetId = set;
	} else if (auto *byId = std::get_if<config::BackupSetById>(&c.source)) {
		r.backupSetId = byId->id;
	} else {
		r.restoreTime = std::get<config::PointInTime>(c.source).epochMs;
	}
	r.clientToken = call.clientToken;
	return ApiRequest{std::move(r)};
}

} // namespace

BuiltRequest buildRequest(const config::JobSpec &spec, const statemachine::JobRun &run,
			  const statemachine::CallApi &call, const SecretReader &readSecret)
{
	assert(call.stepIndex >= 0 && static_cast<size_t>(call.stepIndex) < spec.steps.size());
	assert(run.steps.size() == spec.steps.size());
	const auto &step = spec.steps[call.stepIndex];
	const auto &stepRun = run.steps[call.stepIndex];

	switch (call.action) {
	case ApiAction::StartBackupPlan: {
		const auto &b = std::get<config::BackupStep>(step.what);
		return ApiRequest{dbs::StartBackupPlanRequest{b.backupPlanId, call.clientToken}};
	}
	case ApiAction::CreateRestoreTask: {
		const auto &r = std::get<config::RestoreStep>(step.what);
		return createRestore(spec, run, call, std::get<config::CreateRestore>(r.how), readSecret);
	}
	case ApiAction::StartRestoreTask: {
		std::string taskId = stepRun.restoreTaskId;
		const auto &r = std::get<config::RestoreStep>(step.what);
		if (auto *existing = std::get_if<config::ExistingRestore>(&r.how); taskId.empty() && existing)
			taskId = existing->restoreTaskId;
		if (taskId.empty())
			return base::ApiError::permanent("Local.NoRestoreTask", "no restore task id to start");
		return ApiRequest{dbs::StartRestoreTaskRequest{taskId, call.clientToken}};
	}
	case ApiAction::ListBackupSets:
	case ApiAction::FindBackupSet:
		return ApiRequest{ListBackupSetsRequest{std::get<config::BackupStep>(step.what).backupPlanId}};
	case ApiAction::FindRestoreTask: {
		const auto &r = std::get<config::RestoreStep>(step.what);
		const auto &c = std::get<config::CreateRestore>(r.how);
		return ApiRequest{FindRestoreTaskRequest{
			c.backupPlanId, statemachine::runTaskName(c.restoreTaskName, run.runId, call.stepIndex)}};
	}
	case ApiAction::DescribeJobErrorCode: {
		dbs::DescribeJobErrorCodeRequest r;
		r.taskId = stepRun.restoreTaskId;
		r.language = "en";
		return ApiRequest{std::move(r)};
	}
	}
	return base::ApiError::permanent("Local.UnknownAction", "unknown action");
}

std::string secretPath(const config::SecretRef &ref)
{
	if (ref.kind != config::SecretRef::Kind::Credential)
		return ref.value;
	const char *dir = std::getenv("CREDENTIALS_DIRECTORY");
	return dir ? std::string(dir) + "/" + ref.value : std::string();
}

dbs::Secret readSecretRef(const config::SecretRef &ref)
{
	std::string path = secretPath(ref);
	if (path.empty() && ref.kind == config::SecretRef::Kind::Credential)
		throw std::runtime_error("password credential '" + ref.value +
					 "' named, but $CREDENTIALS_DIRECTORY is not set");
	auto read = base::readFile(path);
	if (!std::holds_alternative<std::string>(read))
		throw std::runtime_error("cannot read password file " + path);
	std::string value = std::move(std::get<std::string>(read));
	if (!value.empty() && value.back() == '\n')
		value.pop_back();
	if (!value.empty() && value.back() == '\r')
		value.pop_back();
	if (value.empty())
		throw std::runtime_error("password file " + path + " is empty");
	return dbs::Secret(std::move(value));
}

} // namespace restored
