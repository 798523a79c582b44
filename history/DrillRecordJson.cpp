// SPDX-License-Identifier: Apache-2.0
#include "history/DrillRecordJson.h"

#include <boost/json.hpp>

#include "config/JsonFields.h"
#include "config/SafeText.h"

namespace history {

namespace json = boost::json;

namespace {

constexpr std::int64_t formatVersion = 1;

// Bounds one line (a reason holds what DBS or a hook said, which could be
// anything): a reader never has to take in a huge line.
constexpr std::size_t maxTextBytes = 4096;

json::value text(const std::string &s)
{
	std::string_view kept = std::string_view(s).substr(0, maxTextBytes);
	return json::string(config::isValidUtf8(kept) ? std::string(kept) : config::escapeForDisplay(kept));
}

json::value optionalMs(const std::optional<std::int64_t> &ms) { return ms ? json::value(*ms) : json::value(nullptr); }

// Nullable milliseconds; like config::jsonField(), it throws, and
// decodeLine() turns that into its answer.
std::optional<std::int64_t> ms(const json::object &o, std::string_view key)
{
	const json::value &v = config::jsonField(o, key);
	if (v.is_null())
		return std::nullopt;
	return v.as_int64();
}

} // namespace

std::string encodeLine(const DrillRecord &r)
{
	json::object o;
	o["v"] = formatVersion;
	o["job_id"] = text(r.jobId);
	o["run_id"] = text(r.runId);
	o["started_at_ms"] = r.startedAtMs;
	o["finished_at_ms"] = r.finishedAtMs;
	o["outcome"] = toString(r.outcome);
	o["verification"] = toString(r.verification);
	o["verification_detail"] = text(r.verificationDetail);
	o["restore_started_at_ms"] = optionalMs(r.restoreStartedAtMs);
	o["restore_finished_at_ms"] = optionalMs(r.restoreFinishedAtMs);
	o["backup_set_end_ms"] = optionalMs(r.backupSetEndMs);
	o["rto_objective_ms"] = optionalMs(r.rtoObjectiveMs);
	o["restore_task_id"] = text(r.restoreTaskId);
	o["backup_plan_id"] = text(r.backupPlanId);
	o["backup_set_id"] = text(r.backupSetId);
	o["reason"] = text(r.reason);
	return json::serialize(o) + "\n";
}

std::variant<DrillRecord, std::string> decodeLine(std::string_view line)
{
	boost::system::error_code ec;
	json::value v = json::parse(line, ec);
	if (ec)
		return "not JSON (" + ec.message() + ")";
	try {
		const json::object &o = v.as_object();
		if (config::jsonField(o, "v").as_int64() != formatVersion)
			return std::string("unknown format version");
		DrillRecord r;
		r.jobId = config::jsonString(o, "job_id");
		r.runId = config::jsonString(o, "run_id");
		r.startedAtMs = config::jsonField(o, "started_at_ms").as_int64();
		r.finishedAtMs = config::jsonField(o, "finished_at_ms").as_int64();
		auto outcome = drillOutcomeFromString(config::jsonField(o, "outcome").as_string());
		auto verification = verificationFromString(config::jsonField(o, "verification").as_string());
		if (!outcome || !verification)
			return std::string("unknown outcome or verification");
		r.outcome = *outcome;
		r.verification = *verification;
		r.verificationDetail = config::jsonString(o, "verification_detail");
		r.restoreStartedAtMs = ms(o, "restore_started_at_ms");
		r.restoreFinishedAtMs = ms(o, "restore_finished_at_ms");
		r.backupSetEndMs = ms(o, "backup_set_end_ms");
		r.rtoObjectiveMs = ms(o, "rto_objective_ms");
		r.restoreTaskId = config::jsonString(o, "restore_task_id");
		r.backupPlanId = config::jsonString(o, "backup_plan_id");
		r.backupSetId = config::jsonString(o, "backup_set_id");
		r.reason = config::jsonString(o, "reason");
		if (r.jobId.empty())
			return std::string("empty job_id");
		return r;
	} catch (const std::exception &e) {
		// boost::json's as_*() throw system_error for a value of the wrong kind.
		return std::string("not a drill record: ") + e.what();
	}
}

} // namespace history
