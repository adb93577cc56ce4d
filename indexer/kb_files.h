// The files a writer keeps beside a KB: the temporary copy it writes before renaming it into
// place ("kb.sqlite.tmp-1234"), and the backup a migration leaves ("kb.sqlite.schema4.bak").
#pragma once

#include <filesystem>
#include <string>

namespace kb {

// The temporary file this process writes the KB at TARGET into, in TARGET's folder so that
// the final rename is atomic.
std::string temporary_path(const std::filesystem::path& target);

// Removes the temporaries of writers that died (kill -9, power loss). The caller holds the
// KB's lock, so no living writer owns one.
void remove_stale_temporaries(const std::filesystem::path& target);

// A backup name for TARGET at schema VERSION that no file has yet, written as TARGET is
// ("kb.sqlite" gives "kb.sqlite.schema4.bak").
std::string unused_backup_path(const std::filesystem::path& target, int version);

}  // namespace kb
