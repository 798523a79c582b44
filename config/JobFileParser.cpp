// SPDX-License-Identifier: Apache-2.0
#include "config/JobFileParser.h"

#include "config/CronSchedule.h"
#include "config/HookReader.h"
#include "config/InputLimits.h"
#include "config/JobSettingsReader.h"
#include "config/JobSpecJson.h"
#include "config/SafeText.h"
#include "config/StepReader.h"
#include "config/YamlDocument.h"
#include "config/YamlMap.h"

namespace config {

namespace {

constexpr std::string_view jobIdExpected = "1-64 characters [A-Za-z0-9][A-Za-z0-9._-]{0,63}";
constexpr std::string_view regionExpected = "a region id such as cn-hangzhou or ap-southeast-1";

void readRegion(YamlMap &top, JobSpec &spec)
{
	auto v = top.string("region", regionExpected);
	if (!v)
		return;
	if (isValidRegionId(*v))
		spec.region = *v;
	else
		top.diag().add(top.get("region")->Mark(), "'region' is not a valid region id: '" + *v + "'",
			       std::string(regionExpected));
}

void readSchedule(YamlMap &top, JobSpec &spec)
{
	auto v = top.string("schedule", "a 5-field cron expression such as '0 3 * * *' or @daily");
	if (!v)
		return;
	auto parsed = CronSchedule::parse(*v);
	if (auto *err = std::get_if<CronSchedule::ParseError>(&parsed)) {
		YAML::Node node = *top.get("schedule");
		// Point into the scalar; quoted scalars start one character later.
		int quote = node.Tag() == "!" ? 1 : 0;
		top.diag().addWithin(
			node.Mark(), err->column - 1 + quote, "bad cron expression in 'schedule': " + err->message,
			"minute hour day-of-month month day-of-week, such as '0 3 * * *', or @hourly/@daily/@weekly/@monthly");
		return;
	}
	spec.schedule = *v;
}

} // namespace

bool isValidJobId(std::string_view id) { return matchesIdPattern(id, "._-", 0, 63); }

bool isValidRegionId(std::string_view region)
{
	auto lowerLetter = [](char c) { return c >= 'a' && c <= 'z'; };
	std::size_t prefix = 0;
	while (prefix < region.size() && lowerLetter(region[prefix]))
		++prefix;
	if (prefix < 2 || prefix == region.size() || region[prefix] != '-')
		return false;
	// Then one or more "-" followed by [a-z0-9]+.
	bool afterDash = false;
	for (char c : region.substr(prefix)) {
		if (c == '-') {
			if (afterDash)
				return false;
			afterDash = true;
		} else if (lowerLetter(c) || (c >= '0' && c <= '9')) {
			afterDash = false;
		} else {
			return false;
		}
	}
	return !afterDash;
}

JobParseResult parseJobText(std::string_view yamlText, const std::filesystem::path &sourcePath,
			    const JobDefaults &defaults)
{
	std::filesystem::path source = std::filesystem::absolute(sourcePath).lexically_normal();
	Diagnostics diag(source.string());
	auto doc = loadYamlDocument(yamlText, diag);
	if (!doc)
		return {std::nullopt, diag.takeErrors()};

	JobSpec spec;
	spec.sourceFile = source.string();
	spec.retry = defaults.retry;
	spec.pollInterval = defaults.pollInterval;
	spec.stallTimeout = defaults.stallTimeout;
	spec.deadline = defaults.deadline;
	spec.precheckTimeout = defaults.precheckTimeout;

	YamlMap top(*doc, "the job", diag,
		    {"id", "steps", "retry", "poll_interval", "stall_timeout", "deadline", "precheck_timeout",
		     "schedule", "region", "verify", "notify", "rto_objective"});
	if (top.valid()) {
		if (top.has("id")) {
			if (auto id = top.string("id", jobIdExpected)) {
				if (isValidJobId(*id))
					spec.id = *id;
				else
					diag.add(top.get("id")->Mark(), "'id' is not a valid job id: '" + *id + "'",
						 std::string(jobIdExpected));
			}
		} else {
			spec.id = source.stem().string();
			if (!isValidJobId(spec.id))
				diag.addAt(1, 1,
					   "the file name '" + source.filename().string() +
						   "' is not a valid job id and the file has no 'id' key",
					   "an 'id:' key or a file name of " + std::string(jobIdExpected));
		}
		if (top.require("steps", "a list of steps")) {
			if (auto steps = readSteps(*top.get("steps"), top.keyMark("steps"), source.parent_path(), diag))
				spec.steps = std::move(*steps);
		}
		JobDefaults settings = defaults;
		readJobSettings(top, settings);
		spec.retry = settings.retry;
		spec.pollInterval = settings.pollInterval;
		spec.stallTimeout = settings.stallTimeout;
		spec.deadline = settings.deadline;
		spec.precheckTimeout = settings.precheckTimeout;
		readSchedule(top, spec);
		readRegion(top, spec);
		readHooks(top, spec);
	}
	if (!diag.empty())
		return {std::nullopt, diag.takeErrors()};
	spec.specHash = computeSpecHash(spec);
	return {std::move(spec), {}};
}

JobParseResult parseJobFile(const std::filesystem::path &path, const JobDefaults &defaults)
{
	Diagnostics diag(std::filesystem::absolute(path).lexically_normal().string());
	// The name becomes the default job id and goes into every message and
	// the journal; bytes that are not text have no business there.
	if (!isValidUtf8(path.filename().string())) {
		diag.addAt(1, 1, "the file name is not valid UTF-8",
			   "a job file name in UTF-8, such as nightly-drill.yaml");
		return {std::nullopt, diag.takeErrors()};
	}
	auto text = readTextFile(path, diag, InputLimits::maxJobFileBytes);
	if (!text)
		return {std::nullopt, diag.takeErrors()};
	return parseJobText(*text, path, defaults);
}

} // namespace config
