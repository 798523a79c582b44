// SPDX-License-Identifier: Apache-2.0
#include "history/AuditReport.h"

#include <algorithm>
#include <optional>
#include <tuple>
#include <variant>

#include <boost/json.hpp>

#include "base/UtcTime.h"

namespace history {

namespace json = boost::json;

namespace {

// One cell: unknown, text, a whole number or a yes/no. CSV and JSON both
// render the same cells, so the two formats cannot drift apart.
using Cell = std::variant<std::monostate, std::string, std::int64_t, bool>;

Cell time(const std::optional<std::int64_t> &ms) { return ms ? Cell(base::formatUtc(*ms)) : Cell(); }

Cell seconds(const std::optional<std::int64_t> &ms) { return ms ? Cell(*ms / 1000) : Cell(); }

Cell text(const std::string &s) { return s.empty() ? Cell() : Cell(s); }

// In reportColumns() order.
std::vector<Cell> cells(const DrillRecord &r)
{
	auto met = rtoMet(r);
	return {
		Cell(r.jobId),
		text(r.runId),
		time(r.startedAtMs),
		time(r.finishedAtMs),
		Cell(std::string(toString(r.outcome))),
		Cell(std::string(toString(r.verification))),
		text(r.verificationDetail),
		time(r.restoreStartedAtMs),
		time(r.restoreFinishedAtMs),
		seconds(restoreDurationMs(r)),
		seconds(endToEndMs(r)),
		text(r.backupSetId),
		time(r.backupSetEndMs),
		seconds(backupSetAgeMs(r)),
		seconds(r.rtoObjectiveMs),
		met ? Cell(*met) : Cell(),
		text(r.restoreTaskId),
		text(r.backupPlanId),
		text(r.reason),
	};
}

std::string csvField(const Cell &c)
{
	if (std::holds_alternative<std::monostate>(c))
		return {};
	if (const auto *n = std::get_if<std::int64_t>(&c))
		return std::to_string(*n);
	if (const auto *b = std::get_if<bool>(&c))
		return *b ? "true" : "false";
	const std::string &s = std::get<std::string>(c);
	if (s.find_first_of(",\"\r\n") == std::string::npos)
		return s;
	std::string quoted = "\"";
	for (char ch : s)
		quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
	return quoted + "\"";
}

json::value jsonValue(const Cell &c)
{
	return std::visit(
		[](const auto &v) -> json::value {
			if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::monostate>)
				return nullptr;
			else
				return json::value(v);
		},
		c);
}

} // namespace

const std::vector<std::string_view> &reportColumns()
{
	static const std::vector<std::string_view> columns{
		"job_id",
		"run_id",
		"started_at",
		"finished_at",
		"outcome",
		"verification",
		"verification_detail",
		"restore_started_at",
		"restore_finished_at",
		"restore_duration_s",
		"end_to_end_s",
		"backup_set_id",
		"backup_set_end_time",
		"backup_set_age_s",
		"rto_objective_s",
		"rto_met",
		"restore_task_id",
		"backup_plan_id",
		"reason",
	};
	return columns;
}

std::vector<DrillRecord> runsSince(std::vector<DrillRecord> records, std::int64_t sinceMs)
{
	std::erase_if(records, [&](const DrillRecord &r) { return r.startedAtMs < sinceMs; });
	std::sort(records.begin(), records.end(), [](const DrillRecord &a, const DrillRecord &b) {
		return std::tie(a.startedAtMs, a.jobId, a.runId) < std::tie(b.startedAtMs, b.jobId, b.runId);
	});
	return records;
}

std::string formatCsv(const std::vector<DrillRecord> &runs)
{
	std::string out;
	for (auto name : reportColumns())
		out += (out.empty() ? "" : ",") + std::string(name);
	out += "\n";
	for (const auto &r : runs) {
		auto values = cells(r);
		for (std::size_t i = 0; i < values.size(); ++i)
			out += (i == 0 ? "" : ",") + csvField(values[i]);
		out += "\n";
	}
	return out;
}

std::string formatJson(const std::vector<DrillRecord> &runs, std::int64_t sinceMs, std::int64_t nowMs)
{
	const auto &columns = reportColumns();
	json::array rows;
	for (const auto &r : runs) {
		json::object row;
		auto values = cells(r);
		for (std::size_t i = 0; i < columns.size(); ++i)
			row[columns[i]] = jsonValue(values[i]);
		rows.push_back(std::move(row));
	}
	json::array names;
	for (auto name : columns)
		names.push_back(json::string(name));
	json::object report{
		{"schema", "dbs-restored-report/1"}, {"generated_at", base::formatUtc(nowMs)},
		{"since", base::formatUtc(sinceMs)}, {"columns", std::move(names)},
		{"runs", std::move(rows)},
	};
	return json::serialize(report) + "\n";
}

} // namespace history
