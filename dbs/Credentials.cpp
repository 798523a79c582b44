// SPDX-License-Identifier: Apache-2.0
#include "dbs/Credentials.h"

#include <cstdlib>
#include <stdexcept>

#include "base/ReadFile.h"
#include "base/Strings.h"

namespace dbs {

namespace {

// A file edited on Windows ends its lines in CR LF.
std::string_view trim(std::string_view s) { return base::trim(s, " \t\r"); }

// '#' starts a comment at the start of a line or after a blank, so that a
// value containing '#' (possible in a token) is not silently cut.
std::size_t commentStart(std::string_view line)
{
	for (std::size_t i = 0; i < line.size(); ++i) {
		if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
			return i;
	}
	return std::string_view::npos;
}

[[noreturn]] void fail(std::string_view file, std::size_t line, std::size_t column, std::string_view what)
{
	throw std::runtime_error(fmt::format("{}:{}:{}: {}", file, line, column, what));
}

} // namespace

Credentials Credentials::parse(std::string_view text, std::string_view fileName)
{
	Credentials c;
	bool haveId = false, haveSecret = false;
	std::size_t lineNo = 0;
	bool more = true;
	while (more) {
		++lineNo;
		std::size_t nl = text.find('\n');
		std::string_view raw = text.substr(0, nl);
		more = nl != std::string_view::npos;
		text = more ? text.substr(nl + 1) : std::string_view{};

		std::string_view line = raw.substr(0, commentStart(raw));
		if (trim(line).empty())
			continue;
		std::size_t eq = line.find('=');
		std::size_t keyColumn = line.find_first_not_of(" \t") + 1;
		if (eq == std::string_view::npos)
			fail(fileName, lineNo, keyColumn, "expected `key = value`");
		std::string_view key = trim(line.substr(0, eq));
		std::string_view value = trim(line.substr(eq + 1));
		std::size_t valueColumn = eq + 2;
		if (value.empty())
			fail(fileName, lineNo, valueColumn, "expected a value after '='");

		auto setOnce = [&](bool &seen, std::string_view name) {
			if (seen)
				fail(fileName, lineNo, keyColumn, fmt::format("duplicate {}", name));
			seen = true;
		};
		if (key == "access_key_id") {
			setOnce(haveId, key);
			c.accessKeyId = std::string(value);
		} else if (key == "access_key_secret") {
			setOnce(haveSecret, key);
			c.accessKeySecret = Secret(std::string(value));
		} else if (key == "security_token") {
			bool seen = c.securityToken.has_value();
			setOnce(seen, key);
			c.securityToken = Secret(std::string(value));
		} else {
			// The unknown key is not echoed: a mangled line may hold a secret.
			fail(fileName, lineNo, keyColumn,
			     "unknown key; expected access_key_id, access_key_secret or security_token");
		}
	}
	if (!haveId)
		fail(fileName, lineNo, 1, "end of file: expected access_key_id");
	if (!haveSecret)
		fail(fileName, lineNo, 1, "end of file: expected access_key_secret");
	return c;
}

std::string Credentials::resolvePath(std::string_view credentialName, std::string_view configuredPath,
				     const char *credentialsDirectory)
{
	if (!credentialName.empty() && credentialsDirectory && *credentialsDirectory) {
		if (credentialName.find('/') != std::string_view::npos)
			throw std::runtime_error("credential name must not contain '/'");
		return std::string(credentialsDirectory) + "/" + std::string(credentialName);
	}
	if (!configuredPath.empty())
		return std::string(configuredPath);
	throw std::runtime_error("no credentials: expected a credential name with $CREDENTIALS_DIRECTORY set, "
				 "or a credentials file path");
}

Credentials Credentials::load(std::string_view credentialName, std::string_view configuredPath)
{
	std::string path = resolvePath(credentialName, configuredPath, std::getenv("CREDENTIALS_DIRECTORY"));
	auto text = base::readFile(path);
	if (!std::holds_alternative<std::string>(text))
		throw std::runtime_error(fmt::format("{}:1:1: cannot open credentials file", path));
	return parse(std::get<std::string>(text), path);
}

std::ostream &operator<<(std::ostream &os, const Credentials &c) { return os << fmt::format("{}", c); }

} // namespace dbs
