// SPDX-License-Identifier: Apache-2.0
#include "daemon/StatusReport.h"

#include <boost/json.hpp>
#include <cassert>
#include <charconv>
#include <ostream>

namespace restored {

std::string statusLine(const StatusCounts &c)
{
	std::string s = std::to_string(c.running) + " running";
	if (c.paused)
		s += " (" + std::to_string(c.paused) + " paused)";
	s += ", " + std::to_string(c.queued) + " queued";
	if (c.idle)
		s += ", " + std::to_string(c.idle) + " idle";
	s += ", " + std::to_string(c.succeeded) + " succeeded";
	s += ", " + std::to_string(c.failed) + " failed";
	s += ", " + std::to_string(c.cancelled) + " cancelled";
	s += ", " + std::to_string(c.invalidFiles) + (c.invalidFiles == 1 ? " invalid file" : " invalid files");
	s += "; " + std::to_string(c.apiQueued) + (c.apiQueued == 1 ? " API call queued" : " API calls queued");
	return s;
}

namespace {

boost::json::object jobJson(const JobStatus &j)
{
	return boost::json::object{
		{"job_id", j.jobId},
		{"phase", j.phase},
		{"state", j.state},
		{"outcome", j.outcome},
		{"step", j.step},
		{"restore_task_id", j.restoreTaskId},
		{"progress",
		 boost::json::object{
			 {"FullStruforeRestoreProgress", j.progress[0]},
			 {"FullDataRestoreProgress", j.progress[1]},
			 {"FullStruAfterRestoreProgress", j.progress[2]},
			 {"ContinuousRestoreProgress", j.progress[3]},
		 }},
		{"started_at_ms", j.startedAtMs},
		{"finished_at_ms", j.finishedAtMs},
		{"reason", j.reason},
		{"source_file", j.sourceFile},
	};
}

} // namespace

boost::json::value statusJson(const StatusCounts &c, const std::vector<JobStatus> &jobs, std::int64_t nowMs)
{
	boost::json::array list;
	for (const auto &j : jobs) {
		list.push_back(jobJson(j));
	}
	return boost::json::object{
		{"updated_at_ms", nowMs},
		{"summary", statusLine(c)},
		{"counts",
		 boost::json::object{
			 {"running", c.running},
			 {"paused", c.paused},
			 {"queued", c.queued},
			 {"idle", c.idle},
			 {"succeeded", c.succeeded},
			 {"failed", c.failed},
			 {"cancelled", c.cancelled},
			 {"invalid_files", c.invalidFiles},
			 {"api_calls_queued", c.apiQueued},
		 }},
		{"jobs", std::move(list)},
	};
}

namespace {

// A string as boost::json::serialize writes it (the same escapes, bytes
// from 0x20 up as they are), so that the streamed report stays
// byte-identical to statusJson's serialisation.
void appendString(std::string &out, std::string_view s)
{
	static constexpr char hex[] = "0123456789abcdef";
	out += '"';
	std::size_t plain = 0;
	for (std::size_t i = 0; i < s.size(); ++i) {
		const auto ch = static_cast<unsigned char>(s[i]);
		if (ch >= 0x20 && ch != '"' && ch != '\\')
			continue;
		out.append(s.data() + plain, i - plain);
		plain = i + 1;
		switch (ch) {
		case '"': out += "\\\""; break;
		case '\\': out += "\\\\"; break;
		case '\b': out += "\\b"; break;
		case '\f': out += "\\f"; break;
		case '\n': out += "\\n"; break;
		case '\r': out += "\\r"; break;
		case '\t': out += "\\t"; break;
		default:
			out += "\\u00";
			out += hex[ch >> 4];
			out += hex[ch & 15];
		}
	}
	out.append(s.data() + plain, s.size() - plain);
	out += '"';
}

void appendNumber(std::string &out, std::int64_t n)
{
	char digits[24];
	auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
	out.append(digits, end);
}

// jobJson's object, written as text: building a boost::json::object per
// job and serialising it was most of the daemon's time for a status of
// 10,000 jobs (bench/RESULTS.md).
void appendJob(std::string &out, const JobStatus &j)
{
	out += "{\"job_id\":";
	appendString(out, j.jobId);
	out += ",\"phase\":";
	appendString(out, j.phase);
	out += ",\"state\":";
	appendString(out, j.state);
	out += ",\"outcome\":";
	appendString(out, j.outcome);
	out += ",\"step\":";
	appendString(out, j.step);
	out += ",\"restore_task_id\":";
	appendString(out, j.restoreTaskId);
	out += ",\"progress\":{\"FullStruforeRestoreProgress\":";
	appendNumber(out, j.progress[0]);
	out += ",\"FullDataRestoreProgress\":";
	appendNumber(out, j.progress[1]);
	out += ",\"FullStruAfterRestoreProgress\":";
	appendNumber(out, j.progress[2]);
	out += ",\"ContinuousRestoreProgress\":";
	appendNumber(out, j.progress[3]);
	out += "},\"started_at_ms\":";
	appendNumber(out, j.startedAtMs);
	out += ",\"finished_at_ms\":";
	appendNumber(out, j.finishedAtMs);
	out += ",\"reason\":";
	appendString(out, j.reason);
	out += ",\"source_file\":";
	appendString(out, j.sourceFile);
	out += '}';
}

} // namespace

void writeStatusJson(std::ostream &out, const StatusCounts &c, const ForEachJobStatus &forEachJob, std::int64_t nowMs)
{
	// statusJson's object ends with the job list: write it without the
	// jobs, cut the closing "]}", then the jobs, in chunks of about 64 kB.
	std::string text = boost::json::serialize(statusJson(c, {}, nowMs));
	assert(text.size() > 2 && text.compare(text.size() - 2, 2, "]}") == 0);
	text.resize(text.size() - 2);
	constexpr std::size_t chunk = 64 * 1024;
	text.reserve(chunk + 4096);
	bool first = true;
	forEachJob([&](const JobStatus &j) {
		if (!first)
			text += ',';
		first = false;
		appendJob(text, j);
		if (text.size() >= chunk) {
			out.write(text.data(), static_cast<std::streamsize>(text.size()));
			text.clear();
		}
	});
	text += "]}";
	out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

void writeStatusJson(std::ostream &out, const StatusCounts &c, const std::vector<JobStatus> &jobs, std::int64_t nowMs)
{
	writeStatusJson(
		out, c,
		[&jobs](const JobStatusVisitor &visit) {
			for (const auto &j : jobs)
				visit(j);
		},
		nowMs);
}

} // namespace restored
