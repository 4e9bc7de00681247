#pragma once

#include "core/base/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <optional>

namespace berth {

namespace MediaType {
    inline const QString OciManifest = QStringLiteral("application/vnd.oci.image.manifest.v1+json");
    inline const QString OciIndex = QStringLiteral("application/vnd.oci.image.index.v1+json");
    inline const QString OciConfig = QStringLiteral("application/vnd.oci.image.config.v1+json");
    // The empty descriptor's type: an artifact's config when it has none of its own.
    inline const QString OciEmpty = QStringLiteral("application/vnd.oci.empty.v1+json");
    inline const QString DockerManifest = QStringLiteral("application/vnd.docker.distribution.manifest.v2+json");
    inline const QString DockerManifestList = QStringLiteral("application/vnd.docker.distribution.manifest.list.v2+json");
    inline const QString DockerConfig = QStringLiteral("application/vnd.docker.container.image.v1+json");
    inline const QString DockerSchema1 = QStringLiteral("application/vnd.docker.distribution.manifest.v1+json");
    inline const QString DockerSchema1Signed = QStringLiteral("application/vnd.docker.distribution.manifest.v1+prettyjws");
    // Every manifest type Berth reads, for the Accept header (schema 1 only to recognise it).
    QByteArray acceptHeader();
} // namespace MediaType

struct Platform
{
    QString os;
    QString architecture;
    QString variant;
    QString osVersion;

    QString toString() const; // "linux/arm64/v8"
    static std::optional<Platform> parse(const QString& text); // "os/arch[/variant]"
    // Docker's matching: os and architecture equal; variant equal when the wanted one names it.
    bool satisfies(const Platform& wanted) const;
};

struct Descriptor
{
    QString mediaType;
    QString digest;
    qint64 size = 0;
    QString artifactType;
    QStringList urls;
    QMap<QString, QString> annotations;
    std::optional<Platform> platform;
};

// A manifest or an index, OCI or Docker schema 2. Schema 1 is recognised and reported, not read.
struct Manifest
{
    enum class Kind { Image, Index, Schema1 };

    Kind kind = Kind::Image;
    QString mediaType; // as served (Content-Type), else from the body
    QString digest; // sha256 of the exact bytes
    QByteArray raw;
    Descriptor config;
    QList<Descriptor> layers;
    QList<Descriptor> manifests; // of an index
    std::optional<Descriptor> subject;
    QString artifactType; // the manifest's, else its config media type when that is not an image config
    QMap<QString, QString> annotations;

    bool isIndex() const { return kind == Kind::Index; }
    // Compressed bytes of config and layers (for an image manifest).
    qint64 imageSize() const;
    // The manifest of an index that matches the platform, if any.
    std::optional<Descriptor> manifestFor(const Platform& platform) const;
    // Why an index has no image for `wanted`, naming the platforms it offers.
    Error noImageFor(const QString& wanted) const;

    // `contentType` wins over the body's mediaType; a disagreement between the two is an error.
    static Result<Manifest> parse(const QByteArray& raw, const QString& contentType);
};

struct HistoryEntry
{
    QDateTime created;
    QString createdBy;
    QString comment;
    bool emptyLayer = false;
};

// The image configuration (OCI image-spec config.md; Docker's is the same shape).
struct ImageConfig
{
    QDateTime created;
    QString author;
    Platform platform;
    QStringList env;
    QStringList entrypoint;
    QStringList cmd;
    QString user;
    QString workingDir;
    QStringList exposedPorts;
    QMap<QString, QString> labels;
    QStringList diffIds;
    QList<HistoryEntry> history;

    static Result<ImageConfig> parse(const QByteArray& raw);
};

// The media type without parameters, lower-cased ("application/json; charset=utf-8" -> "application/json").
QString bareMediaType(const QString& contentType);

} // namespace berth
