#pragma once

#include "core/base/Error.h"
#include "core/store/WatchJournal.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <functional>

namespace berth {

class Provider;

// Where every tag of a repository points now, as one poll read it.
struct RepositoryState
{
    TagSnapshot tags; // tag -> digest
    QHash<QString, QDateTime> pushed; // tag -> when the registry says it was pushed, where it says
    QHash<QString, QString> mediaTypes; // tag -> manifest media type, where a HEAD read it
    bool listedDigests = false; // the family's listing named every digest: no HEAD was needed
};

// Reads a repository's tags through its family's API. Where the listing names digests (Hub, GHCR,
// Quay, ECR, Harbor, Artifact Registry) that is all; a plain registry's names are completed with
// one manifest HEAD per tag (Hub counts no HEAD against its pull limit; nothing here GETs a
// manifest). A tag that vanishes between the listing and its HEAD is left out; any other failure
// fails the whole poll, so that a half-read repository never looks like deleted tags.
void pollRepository(Provider* provider, const QString& repository, QObject* context,
                    std::function<void(Result<RepositoryState>)> done);

} // namespace berth
