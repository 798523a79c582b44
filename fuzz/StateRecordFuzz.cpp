// SPDX-License-Identifier: Apache-2.0
// A state file after a crash, a full disk or a hand edit: the record
// wrapper (daemon/StateRecordParser) and the run inside it
// (statemachine/JobRunJson), as the daemon reads them at start-up.
#include "fuzz/FuzzInput.h"

#include "daemon/StateRecordParser.h"
#include "statemachine/JobRunJson.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
	auto parsed = restored::parseStateRecord(fuzz::asText(data, size), "nightly-drill.json");
	auto *record = std::get_if<restored::StateStore::Record>(&parsed);
	if (!record)
		return 0;
	try {
		auto run = statemachine::jobRunFromJson(record->payload);
		// What the daemon writes back must read back.
		(void)statemachine::parseJobRun(statemachine::serializeJobRun(run));
	} catch (const statemachine::BadJobRun &) {
		// Quarantined by the daemon: the documented refusal.
	}
	return 0;
}
