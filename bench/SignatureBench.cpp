// SPDX-License-Identifier: Apache-2.0
// Signing one request, as the daemon does for every API call: the RPC
// HMAC-SHA1 signature (v1) and ACS3-HMAC-SHA256 (v3), for the call the daemon
// makes most, a DescribeRestoreTaskList of 100 ids.

#include <benchmark/benchmark.h>
#include <string>

#include "base/Sha256.h"
#include "dbs/Acs3Signature.h"
#include "dbs/RpcSignature.h"

namespace {

std::string hundredIds()
{
	std::string ids;
	for (int i = 1; i <= 100; ++i)
		ids += (ids.empty() ? "" : ",") + std::string("rtdg0-") + std::to_string(10000 + i);
	return ids;
}

dbs::ParamMap v1Params()
{
	return {{"AccessKeyId", "LTAI5tDemoAccessKey01"},
		{"Action", "DescribeRestoreTaskList"},
		{"Format", "JSON"},
		{"PageNum", "0"},
		{"PageSize", "100"},
		{"RegionId", "cn-hangzhou"},
		{"RestoreTaskId", hundredIds()},
		{"SignatureMethod", "HMAC-SHA1"},
		{"SignatureNonce", "3f6d1a2b9c8e4f70a1b2c3d4e5f60718"},
		{"SignatureVersion", "1.0"},
		{"Timestamp", "2026-11-22T16:00:00Z"},
		{"Version", "2019-03-06"}};
}

void signV1(benchmark::State &state)
{
	const dbs::ParamMap params = v1Params();
	for (auto _ : state)
		benchmark::DoNotOptimize(dbs::rpc::sign("POST", params, "demo-secret-not-for-production"));
}
BENCHMARK(signV1);

void signV3(benchmark::State &state)
{
	dbs::acs3::SignedRequest r;
	r.method = "POST";
	r.query = {{"PageNum", "0"}, {"PageSize", "100"}, {"RegionId", "cn-hangzhou"}, {"RestoreTaskId", hundredIds()}};
	r.headers = {{"host", "dbs-api.cn-hangzhou.aliyuncs.com"},
		     {"x-acs-action", "DescribeRestoreTaskList"},
		     {"x-acs-version", "2019-03-06"},
		     {"x-acs-date", "2026-11-22T16:00:00Z"},
		     {"x-acs-signature-nonce", "3f6d1a2b9c8e4f70a1b2c3d4e5f60718"},
		     {"x-acs-content-sha256", base::sha256Hex("")}};
	for (auto _ : state)
		benchmark::DoNotOptimize(
			dbs::acs3::authorization(r, "LTAI5tDemoAccessKey01", "demo-secret-not-for-production"));
}
BENCHMARK(signV3);

} // namespace

BENCHMARK_MAIN();
