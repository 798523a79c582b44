// SPDX-License-Identifier: Apache-2.0
#include "history/HistoryParser.h"

#include "history/DrillRecordJson.h"

namespace history {

ParsedHistory parseHistory(std::string_view text)
{
	ParsedHistory out;
	std::size_t lineNo = 0;
	while (!text.empty()) {
		++lineNo;
		std::size_t nl = text.find('\n');
		if (nl == std::string_view::npos) {
			out.tornTail = true;
			out.problems.push_back(
				{lineNo, "the last line (" + std::to_string(text.size()) +
						 " bytes) has no newline: an append cut short, ignored"});
			break;
		}
		std::string_view line = text.substr(0, nl);
		text.remove_prefix(nl + 1);
		if (line.empty())
			continue;
		auto decoded = decodeLine(line);
		if (auto *record = std::get_if<DrillRecord>(&decoded))
			out.records.push_back(std::move(*record));
		else
			out.problems.push_back({lineNo, std::get<std::string>(decoded) + ", ignored"});
	}
	return out;
}

} // namespace history
