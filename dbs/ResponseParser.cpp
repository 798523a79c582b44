// SPDX-License-Identifier: Apache-2.0
#include "dbs/ResponseParser.h"

#include <optional>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "dbs/ErrorParser.h"
#include "dbs/JsonReader.h"

namespace dbs {

namespace {

// The part every action shares: status, JSON, envelope, Success=false.
// On success, body_ holds the object and envelope_ is filled.
class Body
{
public:
	explicit Body(const HttpResponse &r) : r_(r)
	{
		if (r.status < 200 || r.status > 299) {
			error_ = ErrorParser::fromHttpError(r);
			return;
		}
		boost::system::error_code ec;
		value_ = boost::json::parse(r.body, ec);
		if (ec || !value_.is_object()) {
			error_ = ErrorParser::malformed(r, "Response.Malformed", "response body is not a JSON object",
							{});
			return;
		}
		const auto &o = value_.get_object();
		auto code = o.find("Code");
		if (!o.contains("Success") && code != o.end() && code->value().is_string()) {
			error_ = ErrorParser::fromFailedBody(r, o);
			return;
		}
		JsonReader rd(o, "");
		rd.required("RequestId", envelope_.requestId);
		rd.required("Success", envelope_.success);
		rd.optional("ErrCode", envelope_.errCode);
		rd.optional("ErrMessage", envelope_.errMessage);
		rd.optional("HttpStatusCode", envelope_.httpStatusCode);
		if (!rd.ok())
			error_ = fromReader(rd);
		else if (!envelope_.success)
			error_ = ErrorParser::fromFailedBody(r, o);
	}

	bool ok() const { return !error_; }
	const base::ApiError &error() const { return *error_; }
	const boost::json::object &object() const { return value_.get_object(); }
	const Envelope &envelope() const { return envelope_; }

	base::ApiError fromReader(const JsonReader &rd) const
	{
		return ErrorParser::malformed(r_, rd.code(), rd.problem(), envelope_.requestId);
	}

private:
	const HttpResponse &r_;
	boost::json::value value_;
	Envelope envelope_;
	std::optional<base::ApiError> error_;
};

void readPaging(JsonReader &rd, Paging &p)
{
	rd.required("PageNum", p.pageNum);
	rd.required("PageSize", p.pageSize);
	rd.required("TotalElements", p.totalElements);
	rd.required("TotalPages", p.totalPages);
}

// Items.<element>[], each element read by readOne into T.
template<typename T, typename ReadOne>
void readItems(JsonReader &rd, std::string_view element, std::vector<T> &out, ReadOne readOne)
{
	const auto *items = rd.object("Items", false);
	if (!items)
		return;
	JsonReader itemsRd(*items, "Items");
	const auto *arr = itemsRd.array(element, false);
	rd.adopt(itemsRd);
	if (!arr)
		return;
	for (std::size_t i = 0; i < arr->size() && rd.ok(); ++i) {
		std::string path = "Items." + std::string(element) + "[" + std::to_string(i) + "]";
		if (!(*arr)[i].is_object()) {
			rd.fail(path, "an object");
			break;
		}
		JsonReader one((*arr)[i].get_object(), path);
		T t;
		readOne(one, t);
		rd.adopt(one);
		out.push_back(std::move(t));
	}
}

void readRestoreTask(JsonReader &rd, RestoreTaskDetail &d)
{
	rd.required("RestoreTaskId", d.restoreTaskId);
	rd.required("RestoreStatus", d.restoreStatus);
	rd.optional("RestoreTaskName", d.restoreTaskName);
	rd.optional("BackupPlanId", d.backupPlanId);
	rd.optional("BackupSetId", d.backupSetId);
	rd.optional("BackupGatewayId", d.backupGatewayId);
	rd.optional("RestoreTaskCreateTime", d.restoreTaskCreateTime);
	rd.optional("RestoreTaskFinishTime", d.restoreTaskFinishTime);
	rd.optional("RestoreTime", d.restoreTime);
	rd.optional("RestoreObjects", d.restoreObjects);
	rd.optional("RestoreDir", d.restoreDir);
	rd.optional("DestinationEndpointInstanceType", d.destinationEndpointInstanceType);
	rd.optional("DestinationEndpointRegion", d.destinationEndpointRegion);
	rd.optional("DestinationEndpointInstanceID", d.destinationEndpointInstanceId);
	rd.optional("DestinationEndpointIpPort", d.destinationEndpointIpPort);
	rd.optional("DestinationEndpointDatabaseName", d.destinationEndpointDatabaseName);
	rd.optional("DestinationEndpointUserName", d.destinationEndpointUserName);
	rd.optional("DestinationEndpointOracleSID", d.destinationEndpointOracleSid);
	rd.optional("CrossAliyunId", d.crossAliyunId);
	rd.optional("CrossRoleName", d.crossRoleName);
	rd.optional("ErrMessage", d.errMessage);
	rd.optional("FullStruforeRestoreProgress", d.fullStruforeRestoreProgress);
	rd.optional("FullDataRestoreProgress", d.fullDataRestoreProgress);
	rd.optional("FullStruAfterRestoreProgress", d.fullStruAfterRestoreProgress);
	rd.optional("ContinuousRestoreProgress", d.continuousRestoreProgress);
}

void readFullBackup(JsonReader &rd, FullBackupFile &f)
{
	rd.required("BackupSetId", f.backupSetId);
	rd.required("BackupStatus", f.backupStatus);
	rd.optional("SourceEndpointIpPort", f.sourceEndpointIpPort);
	rd.optional("StartTime", f.startTime);
	rd.optional("EndTime", f.endTime);
	rd.optional("BackupSetExpiredTime", f.backupSetExpiredTime);
	rd.optional("BackupSize", f.backupSize);
	rd.optional("StorageMethod", f.storageMethod);
	rd.optional("ErrMessage", f.errMessage);
	rd.optional("BackupObjects", f.backupObjects);
	rd.optional("CreateTime", f.createTime);
	rd.optional("FinishTime", f.finishTime);
}

// Runs the shared envelope handling, then fill(reader, response).
template<typename T, typename Fill>
Outcome<T> parse(const HttpResponse &r, Fill fill)
{
	Body body(r);
	if (!body.ok())
		return body.error();
	T out;
	out.envelope = body.envelope();
	JsonReader rd(body.object(), "");
	fill(rd, out);
	if (!rd.ok())
		return body.fromReader(rd);
	return out;
}

} // namespace

Outcome<StartBackupPlanResponse> ResponseParser::startBackupPlan(const HttpResponse &r)
{
	return parse<StartBackupPlanResponse>(r, [](JsonReader &rd, auto &out) {
		rd.required("BackupPlanId", out.backupPlanId);
		rd.optional("CreatedFullBackupsetId", out.createdFullBackupsetId);
	});
}

Outcome<StartRestoreTaskResponse> ResponseParser::startRestoreTask(const HttpResponse &r)
{
	return parse<StartRestoreTaskResponse>(r, [](JsonReader &rd, auto &out) {
		rd.required("RestoreTaskId", out.restoreTaskId);
	});
}

Outcome<CreateRestoreTaskResponse> ResponseParser::createRestoreTask(const HttpResponse &r)
{
	return parse<CreateRestoreTaskResponse>(r, [](JsonReader &rd, auto &out) {
		rd.required("RestoreTaskId", out.restoreTaskId);
	});
}

Outcome<DescribeRestoreTaskListResponse> ResponseParser::describeRestoreTaskList(const HttpResponse &r)
{
	return parse<DescribeRestoreTaskListResponse>(r, [](JsonReader &rd, auto &out) {
		readPaging(rd, out.paging);
		readItems(rd, "RestoreTaskDetail", out.items, readRestoreTask);
	});
}

Outcome<DescribeFullBackupListResponse> ResponseParser::describeFullBackupList(const HttpResponse &r)
{
	return parse<DescribeFullBackupListResponse>(r, [](JsonReader &rd, auto &out) {
		readPaging(rd, out.paging);
		readItems(rd, "FullBackupFile", out.items, readFullBackup);
	});
}

Outcome<DescribeJobErrorCodeResponse> ResponseParser::describeJobErrorCode(const HttpResponse &r)
{
	return parse<DescribeJobErrorCodeResponse>(r, [](JsonReader &rd, auto &out) {
		const auto *item = rd.object("Item", true);
		if (!item)
			return;
		JsonReader ird(*item, "Item");
		ird.optional("ErrorCode", out.item.errorCode);
		ird.optional("ErrorMessage", out.item.errorMessage);
		ird.optional("JobId", out.item.jobId);
		ird.optional("JobState", out.item.jobState);
		ird.optional("JobType", out.item.jobType);
		ird.optional("Language", out.item.language);
		rd.adopt(ird);
	});
}

} // namespace dbs
