// The project file's schema and its step-by-step migrations, keyed on PRAGMA user_version.
#pragma once

#include <cstdint>

namespace manyi::storage {

class Connection;

/// Marks a SQLite file as a Manyi project (PRAGMA application_id, "MNYI").
inline constexpr int32_t kApplicationId = 0x4D4E5949;

/// The newest schema version this build reads and writes.
int SchemaVersion();

/// Brings an empty or older database up to SchemaVersion(), one step per transaction, each step
/// setting user_version. Precondition: the file's version is not newer (checked by the caller).
void Migrate(Connection& db, const char* writerVersion);

}  // namespace manyi::storage
