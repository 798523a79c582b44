// SPDX-License-Identifier: Apache-2.0
#include "statemachine/ClientToken.h"

#include <cassert>
#include <cstdio>

#include "base/Sha256.h"

namespace statemachine {

namespace {

void appendField(std::string &out, std::string_view field)
{
	// Length prefix: ("ab","c") and ("a","bc") must not hash alike.
	out += std::to_string(field.size());
	out += ':';
	out += field;
}

std::string abbreviation(ApiAction action)
{
	std::string abbrev;
	for (char c : toString(action))
		if (c >= 'A' && c <= 'Z' && abbrev.size() < 6)
			abbrev += static_cast<char>(c - 'A' + 'a');
	return abbrev;
}

} // namespace

std::string newRunId(RandomSource &random)
{
	char buf[17];
	std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(random.next64()));
	return buf;
}

std::string runTaskName(std::string_view configuredName, std::string_view runId, int stepIndex)
{
	return std::string(configuredName) + "-" + std::string(runId.substr(0, 8)) + "s" +
	       std::to_string(stepIndex + 1);
}

std::string clientToken(std::string_view jobId, std::string_view runId, int stepIndex, ApiAction action)
{
	assert(stepIndex >= 0);
	std::string material;
	appendField(material, jobId);
	appendField(material, runId);
	appendField(material, std::to_string(stepIndex));
	appendField(material, toString(action));
	const std::string digest = base::sha256Hex(material);
	std::string token =
		"drd1-" + abbreviation(action) + "-" + std::to_string(stepIndex) + "-" + digest.substr(0, 40);
	assert(token.size() <= 64);
	return token;
}

} // namespace statemachine
