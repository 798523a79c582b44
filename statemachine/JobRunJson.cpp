// SPDX-License-Identifier: Apache-2.0
#include "statemachine/JobRunJson.h"

#include <cstdint>
#include <limits>
#include <string>

#include <boost/json.hpp>

namespace statemachine {

namespace json = boost::json;

namespace {

// An enum from its name (JobRun.h's fromString functions).
template<class E>
E enumFrom(std::optional<E> (*fromString)(std::string_view), std::string_view s, const char *field)
{
	if (auto e = fromString(s))
		return *e;
	throw BadJobRun(std::string("run record: unknown value '") + std::string(s) + "' for " + field);
}

const json::value &member(const json::object &o, const char *key)
{
	const json::value *v = o.if_contains(key);
	if (!v)
		throw BadJobRun(std::string("run record: missing field ") + key);
	return *v;
}

std::string str(const json::object &o, const char *key)
{
	const json::value &v = member(o, key);
	if (!v.is_string())
		throw BadJobRun(std::string("run record: ") + key + " must be a string");
	return std::string(v.get_string());
}

// Only BadJobRun may leave this file: boost's to_number() throws its own
// system_error for a value that does not fit (found by
// fuzz/StateRecordFuzz.cpp), and a plain cast to int would wrap a huge
// stepIndex round to a valid one.
std::int64_t integerIn(const json::value &v, const char *key, std::int64_t min, std::int64_t max)
{
	bool fits = v.is_int64() ? v.get_int64() >= min && v.get_int64() <= max
				 : v.is_uint64() && v.get_uint64() <= static_cast<std::uint64_t>(max);
	if (!fits)
		throw BadJobRun(std::string("run record: ") + key + " must be an integer from " + std::to_string(min) +
				" to " + std::to_string(max));
	return v.is_int64() ? v.get_int64() : static_cast<std::int64_t>(v.get_uint64());
}

std::int64_t num(const json::object &o, const char *key)
{
	return integerIn(member(o, key), key, std::numeric_limits<std::int64_t>::min(),
			 std::numeric_limits<std::int64_t>::max());
}

int small(const json::object &o, const char *key)
{
	return static_cast<int>(
		integerIn(member(o, key), key, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
}

bool flag(const json::object &o, const char *key)
{
	const json::value &v = member(o, key);
	if (!v.is_bool())
		throw BadJobRun(std::string("run record: ") + key + " must be true or false");
	return v.get_bool();
}

// Fields added after format 1 was first written: a record from an older
// daemon has none of them and loads with their defaults.
bool optionalFlag(const json::object &o, const char *key) { return o.contains(key) && flag(o, key); }

std::int64_t optionalNum(const json::object &o, const char *key) { return o.contains(key) ? num(o, key) : 0; }

std::vector<std::string> optionalStrings(const json::object &o, const char *key)
{
	std::vector<std::string> out;
	if (!o.contains(key))
		return out;
	const json::value &v = member(o, key);
	if (!v.is_array())
		throw BadJobRun(std::string("run record: ") + key + " must be an array of strings");
	for (const json::value &item : v.get_array()) {
		if (!item.is_string())
			throw BadJobRun(std::string("run record: ") + key + " must be an array of strings");
		out.emplace_back(item.get_string());
	}
	return out;
}

json::array stringArray(const std::vector<std::string> &items)
{
	json::array out;
	for (const auto &s : items)
		out.emplace_back(s);
	return out;
}

const json::object &obj(const json::value &v, const char *what)
{
	if (!v.is_object())
		throw BadJobRun(std::string("run record: ") + what + " must be an object");
	return v.get_object();
}

// The drill phase and its evidence (JobRun.h, "Restore drills"), added
// after format 1 was first written.
json::object drillToJson(const JobRun &run)
{
	return json::object{
		{"phase", toString(run.drillPhase)},
		{"verification", toString(run.verification)},
		{"verificationDetail", run.verificationDetail},
		{"restoreTaskId", run.restoreTaskId},
		{"restoreStartedAtMs", run.restoreStartedAtMs},
		{"restoreFinishedAtMs", run.restoreFinishedAtMs},
		{"backupSetId", run.backupSetId},
		{"backupSetEndMs", run.backupSetEndMs},
		{"backupPlanId", run.backupPlanId},
	};
}

// A record from before drills has no "drill": a finished run is over, an
// unfinished one is in its steps.
void drillFromJson(const json::object &o, JobRun &run)
{
	const json::value *v = o.if_contains("drill");
	if (!v) {
		run.drillPhase = run.outcome == Outcome::None ? DrillPhase::Steps : DrillPhase::Done;
		return;
	}
	const json::object &d = obj(*v, "drill");
	run.drillPhase = enumFrom(drillPhaseFromString, str(d, "phase"), "drill phase");
	run.verification = enumFrom(verificationFromString, str(d, "verification"), "verification");
	run.verificationDetail = str(d, "verificationDetail");
	run.restoreTaskId = str(d, "restoreTaskId");
	run.restoreStartedAtMs = num(d, "restoreStartedAtMs");
	run.restoreFinishedAtMs = num(d, "restoreFinishedAtMs");
	run.backupSetId = str(d, "backupSetId");
	run.backupSetEndMs = num(d, "backupSetEndMs");
	run.backupPlanId = d.contains("backupPlanId") ? str(d, "backupPlanId") : std::string();
}

} // namespace

json::value toJson(const JobRun &run)
{
	json::array steps;
	for (const StepRun &s : run.steps)
		steps.push_back(json::object{
			{"phase", toString(s.phase)},
			{"createToken", s.createToken},
			{"startToken", s.startToken},
			{"createSent", s.createSent},
			{"startSent", s.startSent},
			{"failedAttempts", s.failedAttempts},
			{"createdFullBackupSetId", s.createdFullBackupSetId},
			{"restoreTaskId", s.restoreTaskId},
			{"backupPlanId", s.backupPlanId},
			{"startUnconfirmed", s.startUnconfirmed},
			{"startAcceptedMs", s.startAcceptedMs},
			{"initPolls", s.initPolls},
			{"backupSetsListed", s.backupSetsListed},
			{"knownBackupSets", stringArray(s.knownBackupSets)},
			{"backupSetEndMs", s.backupSetEndMs},
		});
	json::array progress;
	for (int p : run.lastProgress)
		progress.push_back(p);
	return json::object{
		{"format", 1},
		{"jobId", run.jobId},
		{"runId", run.runId},
		{"specHash", run.specHash},
		{"stepIndex", run.stepIndex},
		{"steps", std::move(steps)},
		{"startedAtMs", run.startedAtMs},
		{"deadlineAtMs", run.deadlineAtMs},
		{"lastProgress", std::move(progress)},
		{"lastProgressChangeMs", run.lastProgressChangeMs},
		{"lastStatus", run.lastStatus},
		{"paused", run.paused},
		{"unknownStatusLogged", run.unknownStatusLogged},
		{"outcome", toString(run.outcome)},
		{"reason", run.reason},
		{"errCode", run.errCode},
		{"errMessage", run.errMessage},
		{"requestId", run.requestId},
		{"jobError",
		 json::object{
			 {"errorCode", run.jobError.errorCode},
			 {"errorMessage", run.jobError.errorMessage},
			 {"jobId", run.jobError.jobId},
			 {"jobState", run.jobError.jobState},
			 {"jobType", run.jobError.jobType},
		 }},
		{"finishedAtMs", run.finishedAtMs},
		{"drill", drillToJson(run)},
	};
}

std::string serializeJobRun(const JobRun &run) { return json::serialize(toJson(run)); }

JobRun jobRunFromJson(const json::value &v)
{
	const json::object &o = obj(v, "the document");
	if (num(o, "format") != 1)
		throw BadJobRun("run record: unsupported format (expected 1)");
	JobRun run;
	run.jobId = str(o, "jobId");
	run.runId = str(o, "runId");
	run.specHash = str(o, "specHash");
	run.stepIndex = small(o, "stepIndex");
	const json::value &steps = member(o, "steps");
	if (!steps.is_array())
		throw BadJobRun("run record: steps must be an array");
	for (const json::value &sv : steps.get_array()) {
		const json::object &so = obj(sv, "a step");
		StepRun s;
		s.phase = enumFrom(stepPhaseFromString, str(so, "phase"), "phase");
		s.createToken = str(so, "createToken");
		s.startToken = str(so, "startToken");
		s.createSent = flag(so, "createSent");
		s.startSent = flag(so, "startSent");
		s.failedAttempts = small(so, "failedAttempts");
		s.createdFullBackupSetId = str(so, "createdFullBackupSetId");
		s.restoreTaskId = str(so, "restoreTaskId");
		s.backupPlanId = str(so, "backupPlanId");
		s.startUnconfirmed = optionalFlag(so, "startUnconfirmed");
		s.startAcceptedMs = optionalNum(so, "startAcceptedMs");
		s.initPolls = so.contains("initPolls") ? small(so, "initPolls") : 0;
		s.backupSetsListed = optionalFlag(so, "backupSetsListed");
		s.knownBackupSets = optionalStrings(so, "knownBackupSets");
		s.backupSetEndMs = optionalNum(so, "backupSetEndMs");
		run.steps.push_back(std::move(s));
	}
	if (run.stepIndex < 0 || (run.stepIndex >= static_cast<int>(run.steps.size()) && !run.steps.empty()))
		throw BadJobRun("run record: stepIndex out of range");
	run.startedAtMs = num(o, "startedAtMs");
	run.deadlineAtMs = num(o, "deadlineAtMs");
	const json::value &progress = member(o, "lastProgress");
	if (!progress.is_array() || progress.get_array().size() != run.lastProgress.size())
		throw BadJobRun("run record: lastProgress must be an array of 4 integers");
	for (std::size_t i = 0; i < run.lastProgress.size(); ++i) {
		run.lastProgress[i] =
			static_cast<int>(integerIn(progress.get_array()[i], "lastProgress",
						   std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
	}
	run.lastProgressChangeMs = num(o, "lastProgressChangeMs");
	run.lastStatus = str(o, "lastStatus");
	run.paused = flag(o, "paused");
	run.unknownStatusLogged = flag(o, "unknownStatusLogged");
	run.outcome = enumFrom(outcomeFromString, str(o, "outcome"), "outcome");
	run.reason = str(o, "reason");
	run.errCode = str(o, "errCode");
	run.errMessage = str(o, "errMessage");
	run.requestId = str(o, "requestId");
	const json::object &je = obj(member(o, "jobError"), "jobError");
	run.jobError.errorCode = str(je, "errorCode");
	run.jobError.errorMessage = str(je, "errorMessage");
	run.jobError.jobId = str(je, "jobId");
	run.jobError.jobState = str(je, "jobState");
	run.jobError.jobType = str(je, "jobType");
	run.finishedAtMs = num(o, "finishedAtMs");
	drillFromJson(o, run);
	return run;
}

JobRun parseJobRun(std::string_view text)
{
	boost::system::error_code ec;
	json::value v = json::parse(text, ec);
	if (ec)
		throw BadJobRun("run record: not JSON: " + ec.message());
	return jobRunFromJson(v);
}

} // namespace statemachine
