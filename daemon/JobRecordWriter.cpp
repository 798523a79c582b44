// SPDX-License-Identifier: Apache-2.0
#include "daemon/JobRecordWriter.h"

#include <algorithm>

#include "daemon/JobRecord.h"
#include "daemon/os/StateFlusher.h"
#include "daemon/os/StateStore.h"

namespace restored {

using namespace statemachine;

namespace {

template<class C>
bool followedBy(std::span<const Command> rest)
{
	return std::any_of(rest.begin(), rest.end(), [](const Command &c) { return std::holds_alternative<C>(c); });
}

} // namespace

JobRecordWriter::Write JobRecordWriter::writeFor(std::span<const Command> rest)
{
	return followedBy<CallApi>(rest)    ? Write::Token
	       : followedBy<RunHook>(rest)  ? Write::Hook
	       : followedBy<Finished>(rest) ? Write::Outcome
					    : Write::Progress;
}

JobRecordWriter::JobRecordWriter(os::StateStore &store, os::StateFlusher &flusher, const std::string &jobId)
	: store_(store), flusher_(flusher), jobId_(jobId)
{}

std::optional<std::string> JobRecordWriter::write(Write write, const config::JobSpec &spec, const JobRun &run,
						  std::int64_t nowMs)
{
	std::string shape = shapeOf(run);
	// Never staler than a quarter of the stall timeout: a resumed run arms
	// its stall timer from the recorded time of the last progress change.
	auto interval = std::min(visibleWriteInterval, spec.stallTimeout / 4);
	if (write == Write::Progress && !writeAll_ && shape == lastShape_ && nowMs - lastWriteMs_ < interval.count())
		return std::nullopt;
	// A token or an outcome is saved Deferred and made durable in a group
	// commit (slot fsync, swap, directory fsync; StateStore.h), so 10,000 runs
	// starting or ending together cost one flush pass, not 10,000 on the
	// event loop. See StateFlusher for when each kind is flushed.
	auto durability = write == Write::Progress ? os::StateStore::Durability::Visible
			  : write == Write::Hook   ? os::StateStore::Durability::Durable
						   : os::StateStore::Durability::Deferred;
	if (auto error = store_.save(jobId_, jobRecordToJson(spec, run), durability))
		return error;
	lastWriteMs_ = nowMs;
	lastShape_ = std::move(shape);
	if (durability == os::StateStore::Durability::Deferred) {
		store_.flushLater(jobId_);
		if (write == Write::Token)
			flusher_.soon();
		else
			flusher_.eventually();
	}
	return std::nullopt;
}

std::optional<std::string> JobRecordWriter::flushBeforeSend()
{
	// The group commit flushes every record noted since, not only this one.
	if (!store_.unflushed(jobId_))
		return std::nullopt;
	return store_.flush();
}

std::string JobRecordWriter::shapeOf(const JobRun &r)
{
	std::string shape = std::to_string(r.stepIndex) + '|' + r.lastStatus + '|' + std::to_string(r.paused) +
			    std::to_string(r.unknownStatusLogged) + '|' + std::string(toString(r.outcome)) + '|' +
			    std::string(toString(r.drillPhase));
	for (const auto &step : r.steps)
		shape += '|' + std::string(toString(step.phase)) + ',' + std::to_string(step.failedAttempts) + ',' +
			 step.restoreTaskId + ',' + step.createdFullBackupSetId;
	return shape;
}

} // namespace restored
