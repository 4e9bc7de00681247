#pragma once

#include "core/store/WatchJournal.h"

#include <QDateTime>
#include <QHash>

namespace berth {

// The events that lead from one snapshot of a repository to the next, in the order a user reads
// them: by push time where the registry says it, then created, moved, deleted, then by tag.
// Cosign's tag-scheme attachments are not tags to a user: a `sha256-<hex>.sig` tag appearing signs
// the image sha256:<hex> (ImageSigned), disappearing unsigns it; `.att` and `.sbom` tags are left out.
QList<WatchEvent> tagChanges(const TagSnapshot& before, const TagSnapshot& after, const QHash<QString, QDateTime>& pushed,
                             const QDateTime& detected);

// Whether a tag is one of cosign's attachment tags (sha256-<64 hex>.sig, .att, .sbom).
bool isAttachmentTag(const QString& tag);

} // namespace berth
