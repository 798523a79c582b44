// SPDX-License-Identifier: Apache-2.0
#include "history/HtmlEscape.h"

#include "config/SafeText.h"

namespace history {

std::string escapeHtml(std::string_view userBytes)
{
	std::string out;
	for (char c : config::escapeForDisplay(userBytes)) {
		switch (c) {
		case '&': out += "&amp;"; break;
		case '<': out += "&lt;"; break;
		case '>': out += "&gt;"; break;
		case '"': out += "&quot;"; break;
		case '\'': out += "&#39;"; break;
		default: out += c;
		}
	}
	return out;
}

} // namespace history
