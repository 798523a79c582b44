// SPDX-License-Identifier: Apache-2.0
#include "daemon/os/JobEventLog.h"

#include <cassert>

#include <sys/uio.h>
#include <systemd/sd-journal.h>

#include "config/SafeText.h"

namespace restored::os {

namespace {

// One place lists the fields, so journald and the stderr line agree. Values
// come from job files and DBS answers: control characters and invalid UTF-8
// are escaped (config::escapeForDisplay), never written raw.
template<typename F>
void forEachField(const JobEventFields &f, F &&emit)
{
	auto str = [&](std::string_view journalKey, std::string_view lineKey, const std::string &v) {
		if (!v.empty())
			emit(journalKey, lineKey, config::escapeForDisplay(v));
	};
	auto num = [&](std::string_view journalKey, std::string_view lineKey, const std::optional<int> &v) {
		if (v)
			emit(journalKey, lineKey, std::to_string(*v));
	};
	str("JOB_ID", "job", f.jobId);
	str("RUN_ID", "run", f.runId);
	str("HOOK", "hook", f.hook);
	str("STEP", "step", f.step);
	str("STATE", "state", f.state);
	str("RESTORE_TASK_ID", "restore_task", f.restoreTaskId);
	str("BACKUP_PLAN_ID", "backup_plan", f.backupPlanId);
	num("ATTEMPT", "attempt", f.attempt);
	str("ERROR_CODE", "error_code", f.errorCode);
	str("ERROR_CLASS", "error_class", f.errorClass);
	str("REQUEST_ID", "request_id", f.requestId);
	num("PROGRESS", "progress", f.progress);
}

} // namespace

JobEventLog::JobEventLog(LogTarget target, std::shared_ptr<spdlog::logger> logger)
	: target_(target), logger_(std::move(logger))
{
	assert(target_ != LogTarget::Auto);
	assert(logger_);
}

spdlog::level::level_enum JobEventLog::levelFor(JobEventKind kind) { return levelFor(info(kind).priority); }

spdlog::level::level_enum JobEventLog::levelFor(int priority)
{
	switch (priority) {
	case 0:
	case 1:
	case 2: return spdlog::level::critical;
	case 3: return spdlog::level::err;
	case 4: return spdlog::level::warn;
	case 5:
	case 6: return spdlog::level::info;
	default: return spdlog::level::debug;
	}
}

std::vector<std::string> JobEventLog::journalFields(JobEventKind kind, const JobEventFields &fields,
						    std::string_view message, std::optional<int> priority)
{
	const JobEventKindInfo &i = info(kind);
	std::vector<std::string> out;
	out.push_back("MESSAGE=" + config::escapeForDisplay(message));
	out.push_back("MESSAGE_ID=" + std::string(i.messageId));
	out.push_back("PRIORITY=" + std::to_string(priority.value_or(i.priority)));
	out.push_back("SYSLOG_IDENTIFIER=dbs-restored");
	out.push_back("EVENT=" + std::string(i.name));
	forEachField(fields, [&](std::string_view key, std::string_view, const std::string &v) {
		out.push_back(std::string(key) + "=" + v);
	});
	return out;
}

std::string JobEventLog::formatLine(JobEventKind kind, const JobEventFields &fields, std::string_view message)
{
	std::string line = "event=" + std::string(info(kind).name);
	forEachField(fields, [&](std::string_view, std::string_view key, const std::string &v) {
		line += ' ';
		line += key;
		line += '=';
		line += v;
	});
	if (!message.empty()) {
		line += ": ";
		line += config::escapeForDisplay(message);
	}
	return line;
}

void JobEventLog::log(JobEventKind kind, const JobEventFields &fields, std::string_view message,
		      std::optional<int> priority)
{
	++counts_[static_cast<std::size_t>(kind)];
	spdlog::level::level_enum level = levelFor(priority.value_or(info(kind).priority));
	if (!logger_->should_log(level))
		return;
	if (target_ == LogTarget::Stderr) {
		logger_->log(level, "{}", formatLine(kind, fields, message));
		return;
	}
	std::vector<std::string> entries = journalFields(kind, fields, message, priority);
	std::vector<iovec> iov;
	iov.reserve(entries.size());
	for (std::string &e : entries)
		iov.push_back(iovec{e.data(), e.size()});
	// sendv, unlike sd_journal_send, needs no format string (the values
	// are escaped already, see forEachField). Its result cannot prove
	// delivery (ENOENT is swallowed), so there is nothing useful to check.
	::sd_journal_sendv(iov.data(), static_cast<int>(iov.size()));
}

} // namespace restored::os
