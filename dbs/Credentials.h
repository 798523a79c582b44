// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "dbs/Secret.h"

namespace dbs {

// An Alibaba Cloud access key, optionally with an STS token. A plain value
// owned by whoever loaded it (the daemon's config, then DbsClient); any
// thread may copy it. Printing it shows the key id and "***".
struct Credentials {
	std::string accessKeyId;
	Secret accessKeySecret;
	std::optional<Secret> securityToken;

	// Parses the credential file format: `key = value` lines with keys
	// access_key_id, access_key_secret and optional security_token; '#'
	// at the start of a line or after a blank starts a comment; blank lines
	// are ignored. Throws std::runtime_error
	// naming fileName:line:column and what was expected, never a value.
	static Credentials parse(std::string_view text, std::string_view fileName);

	// Where the file is: $CREDENTIALS_DIRECTORY/<credentialName> (systemd
	// LoadCredential=) when a name is given and the directory is set,
	// otherwise configuredPath. Throws when neither applies.
	static std::string resolvePath(std::string_view credentialName, std::string_view configuredPath,
				       const char *credentialsDirectory);

	// resolvePath with getenv("CREDENTIALS_DIRECTORY"), then read and parse.
	static Credentials load(std::string_view credentialName, std::string_view configuredPath);
};

std::ostream &operator<<(std::ostream &os, const Credentials &c);

} // namespace dbs

template<>
struct fmt::formatter<dbs::Credentials> : fmt::formatter<std::string_view> {
	template<typename FormatContext>
	auto format(const dbs::Credentials &c, FormatContext &ctx) const
	{
		std::string s = "Credentials{accessKeyId=" + c.accessKeyId + ", accessKeySecret=***" +
				(c.securityToken ? ", securityToken=***}" : "}");
		return fmt::formatter<std::string_view>::format(s, ctx);
	}
};
