#pragma once

#include <QString>

namespace berth {

// What the OCI image layout specification fixes, shared by the layout's writer and reader.
inline const QString kOciRefNameAnnotation = QStringLiteral("org.opencontainers.image.ref.name");

// blobs/<algorithm>/<encoded> under the layout directory; `digest` must be well formed
// (isValidDigest), since it becomes a path.
inline QString ociLayoutBlobPath(const QString& directory, const QString& digest)
{
    return directory + QStringLiteral("/blobs/") + digest.section(QLatin1Char(':'), 0, 0) + QLatin1Char('/') + digest.section(QLatin1Char(':'), 1);
}

} // namespace berth
