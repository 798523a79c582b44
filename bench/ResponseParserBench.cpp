// SPDX-License-Identifier: Apache-2.0
// Parsing one full DescribeRestoreTaskList page (100 items, every documented
// field, shaped like the emulator's answer): the daemon parses one per 100
// running restores per poll round.

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include "dbs/ResponseParser.h"

namespace {

boost::json::object item(int i)
{
	std::string id = "rtdg0-" + std::to_string(10000 + i);
	return {{"RestoreTaskId", id},
		{"RestoreTaskName", id},
		{"RestoreStatus", "running"},
		{"BackupPlanId", "dbsplandemo01"},
		{"BackupSetId", ""},
		{"BackupGatewayId", 0},
		{"RestoreTaskCreateTime", 1795361742038LL},
		{"RestoreTaskFinishTime", 0},
		{"RestoreTime", 0},
		{"RestoreObjects", ""},
		{"RestoreDir", ""},
		{"DestinationEndpointInstanceType", "RDS"},
		{"DestinationEndpointRegion", "cn-hangzhou"},
		{"DestinationEndpointInstanceID", "rm-drilltarget01"},
		{"DestinationEndpointIpPort", ""},
		{"DestinationEndpointDatabaseName", ""},
		{"DestinationEndpointUserName", "drill"},
		{"DestinationEndpointOracleSID", ""},
		{"CrossAliyunId", ""},
		{"CrossRoleName", ""},
		{"ErrMessage", ""},
		{"FullStruforeRestoreProgress", 100},
		{"FullDataRestoreProgress", 42},
		{"FullStruAfterRestoreProgress", 0},
		{"ContinuousRestoreProgress", 0}};
}

dbs::HttpResponse page()
{
	boost::json::array items;
	for (int i = 1; i <= 100; ++i)
		items.push_back(item(i));
	boost::json::object body{{"RequestId", "E0000000-0000-4000-8000-00000000002A"},
				 {"Success", true},
				 {"HttpStatusCode", 200},
				 {"ErrCode", ""},
				 {"ErrMessage", ""},
				 {"PageNum", 0},
				 {"PageSize", 100},
				 {"TotalElements", 100},
				 {"TotalPages", 1},
				 {"Items", boost::json::object{{"RestoreTaskDetail", std::move(items)}}}};
	dbs::HttpResponse r;
	r.status = 200;
	r.headers["content-type"] = "application/json;charset=utf-8";
	r.body = boost::json::serialize(body);
	return r;
}

void parseRestoreTaskPage(benchmark::State &state)
{
	const dbs::HttpResponse r = page();
	if (!dbs::ResponseParser::describeRestoreTaskList(r)) {
		state.SkipWithError("the page does not parse");
		return;
	}
	for (auto _ : state)
		benchmark::DoNotOptimize(dbs::ResponseParser::describeRestoreTaskList(r));
	state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * r.body.size()));
}
BENCHMARK(parseRestoreTaskPage);

} // namespace

BENCHMARK_MAIN();
