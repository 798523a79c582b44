// SPDX-License-Identifier: Apache-2.0
// A state file after a crash, a full disk or a hand edit, read as the
// daemon reads it (docs/state-file.md): the record wrapper
// (daemon/os/StateRecordFormat), then its payload {"spec", "run"}
// (daemon/JobRecord, which uses config/JobSpecJson and
// statemachine/JobRunJson). A payload that is a bare run (the first seeds)
// is read as the run.
#include "fuzz/FuzzInput.h"

#include <stdexcept>

#include <boost/system/system_error.hpp>

#include "config/JobSpecJson.h"
#include "daemon/JobRecord.h"
#include "daemon/os/StateRecordFormat.h"
#include "statemachine/JobRunJson.h"

namespace {

void readRun(const boost::json::value &v)
{
	try {
		auto run = statemachine::jobRunFromJson(v);
		// What the daemon writes back must read back.
		(void)statemachine::parseJobRun(statemachine::serializeJobRun(run));
	} catch (const statemachine::BadJobRun &) {
		// Quarantined by the daemon: the documented refusal.
	}
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	auto parsed = restored::os::parseStateRecord(fuzz::asText(data, size), "nightly-drill.json");
	auto *record = std::get_if<restored::os::StateStore::Record>(&parsed);
	if (!record)
		return 0;
	const auto *payload = record->payload.if_object();
	if (!payload || !payload->contains("run")) {
		readRun(record->payload);
		return 0;
	}
	readRun(payload->at("run"));
	if (const auto *spec = payload->if_contains("spec")) {
		try {
			(void)config::jobSpecFromJson(*spec);
		} catch (const std::invalid_argument &) {
		} catch (const boost::system::system_error &) {
			// Both documented in config/JobSpecJson.h.
		}
	}
	// The daemon's reader refuses (quarantines) anything it cannot use with
	// a reason; it never throws. What it accepts writes back the same.
	auto job = restored::parseJobRecord(record->payload);
	if (auto *r = std::get_if<restored::JobRecord>(&job)) {
		auto again = restored::parseJobRecord(restored::jobRecordToJson(r->spec, r->run));
		if (!std::holds_alternative<restored::JobRecord>(again))
			__builtin_trap();
	}
	return 0;
}
