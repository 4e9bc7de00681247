#include "core/registry/Manifest.h"

#include "core/registry/Digest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace berth {
namespace {

    QMap<QString, QString> stringMap(const QJsonValue& value)
    {
        QMap<QString, QString> out;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            out.insert(it.key(), it.value().toString());
        return out;
    }

    QStringList stringList(const QJsonValue& value)
    {
        QStringList out;
        for (const auto& item : value.toArray())
            out << item.toString();
        return out;
    }

    std::optional<Platform> platformOf(const QJsonValue& value)
    {
        if (!value.isObject())
            return std::nullopt;
        const QJsonObject object = value.toObject();
        return Platform{object.value(QStringLiteral("os")).toString(), object.value(QStringLiteral("architecture")).toString(),
                        object.value(QStringLiteral("variant")).toString(), object.value(QStringLiteral("os.version")).toString()};
    }

    Result<Descriptor> descriptorOf(const QJsonValue& value, const QString& where)
    {
        const QJsonObject object = value.toObject();
        Descriptor d;
        d.mediaType = object.value(QStringLiteral("mediaType")).toString();
        d.digest = object.value(QStringLiteral("digest")).toString();
        const QJsonValue size = object.value(QStringLiteral("size"));
        d.size = size.toInteger(-1);
        d.artifactType = object.value(QStringLiteral("artifactType")).toString();
        d.urls = stringList(object.value(QStringLiteral("urls")));
        d.annotations = stringMap(object.value(QStringLiteral("annotations")));
        d.platform = platformOf(object.value(QStringLiteral("platform")));
        if (!value.isObject() || d.digest.isEmpty() || !size.isDouble() || d.size < 0)
            return std::unexpected(Error::make(ErrorKind::Parse, QStringLiteral("%1 is not a valid descriptor").arg(where)));
        return d;
    }

    Error parseError(const QString& what) { return Error::make(ErrorKind::Parse, what); }

} // namespace

QByteArray MediaType::acceptHeader()
{
    return (OciIndex + QStringLiteral(", ") + OciManifest + QStringLiteral(", ") + DockerManifestList + QStringLiteral(", ")
            + DockerManifest + QStringLiteral(", ") + DockerSchema1Signed + QStringLiteral(";q=0.5, ") + DockerSchema1
            + QStringLiteral(";q=0.5"))
        .toLatin1();
}

QString Platform::toString() const
{
    QString out = os + QLatin1Char('/') + architecture;
    if (!variant.isEmpty())
        out += QLatin1Char('/') + variant;
    return out;
}

std::optional<Platform> Platform::parse(const QString& text)
{
    const QStringList parts = text.split(QLatin1Char('/'));
    if (parts.size() < 2 || parts.size() > 3 || parts[0].isEmpty() || parts[1].isEmpty())
        return std::nullopt;
    return Platform{parts[0], parts[1], parts.value(2), {}};
}

bool Platform::satisfies(const Platform& wanted) const
{
    return os == wanted.os && architecture == wanted.architecture && (wanted.variant.isEmpty() || variant == wanted.variant);
}

QString bareMediaType(const QString& contentType)
{
    return contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
}

qint64 Manifest::imageSize() const
{
    qint64 total = config.size;
    for (const Descriptor& layer : layers)
        total += layer.size;
    return total;
}

Error Manifest::noImageFor(const QString& wanted) const
{
    QStringList offered;
    for (const Descriptor& d : manifests)
        offered << (d.platform ? d.platform->toString() : QStringLiteral("?"));
    return Error::make(ErrorKind::NotFound, QStringLiteral("the index has no image for %1; it offers %2").arg(wanted, offered.join(QStringLiteral(", "))));
}

std::optional<Descriptor> Manifest::manifestFor(const Platform& platform) const
{
    for (const Descriptor& d : manifests) {
        if (d.platform && d.platform->satisfies(platform))
            return d;
    }
    return std::nullopt;
}

Result<Manifest> Manifest::parse(const QByteArray& raw, const QString& contentType)
{
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !doc.isObject())
        return std::unexpected(parseError(QStringLiteral("the manifest is not a JSON object: %1").arg(jsonError.errorString())));
    const QJsonObject json = doc.object();

    Manifest m;
    m.raw = raw;
    m.digest = sha256Digest(raw);
    const QString served = bareMediaType(contentType);
    const QString declared = json.value(QStringLiteral("mediaType")).toString();
    const bool servedIsSpecific = !served.isEmpty() && served != u"application/json" && served != u"text/plain"
        && served != u"application/octet-stream";
    if (servedIsSpecific && !declared.isEmpty() && declared != served)
        return std::unexpected(parseError(QStringLiteral("the registry served the manifest as %1 but it declares %2")
                                              .arg(served, declared)));
    m.mediaType = servedIsSpecific ? served : declared;

    const int schemaVersion = json.value(QStringLiteral("schemaVersion")).toInt(-1);
    if (schemaVersion == 1 || m.mediaType == MediaType::DockerSchema1 || m.mediaType == MediaType::DockerSchema1Signed) {
        m.kind = Kind::Schema1;
        if (m.mediaType.isEmpty())
            m.mediaType = MediaType::DockerSchema1Signed;
        return m; // recognised, deliberately not read: its layers and history are in another shape
    }
    if (schemaVersion != 2)
        return std::unexpected(parseError(QStringLiteral("unsupported manifest schemaVersion %1").arg(schemaVersion)));

    if (m.mediaType.isEmpty()) // OCI allows an absent mediaType: decide by shape
        m.mediaType = json.contains(QStringLiteral("manifests")) ? MediaType::OciIndex : MediaType::OciManifest;
    m.annotations = stringMap(json.value(QStringLiteral("annotations")));
    m.artifactType = json.value(QStringLiteral("artifactType")).toString();
    if (json.contains(QStringLiteral("subject"))) {
        auto subject = descriptorOf(json.value(QStringLiteral("subject")), QStringLiteral("subject"));
        if (!subject)
            return std::unexpected(subject.error());
        m.subject = *subject;
    }

    if (m.mediaType == MediaType::OciIndex || m.mediaType == MediaType::DockerManifestList) {
        m.kind = Kind::Index;
        const QJsonValue manifests = json.value(QStringLiteral("manifests"));
        if (!manifests.isArray())
            return std::unexpected(parseError(QStringLiteral("the index has no \"manifests\" array")));
        int i = 0;
        for (const auto& item : manifests.toArray()) {
            auto d = descriptorOf(item, QStringLiteral("manifests[%1]").arg(i++));
            if (!d)
                return std::unexpected(d.error());
            m.manifests << *d;
        }
        return m;
    }
    if (m.mediaType != MediaType::OciManifest && m.mediaType != MediaType::DockerManifest)
        return std::unexpected(Error::make(ErrorKind::Unsupported,
                                           QStringLiteral("the manifest media type %1 is not supported").arg(m.mediaType)));
    m.kind = Kind::Image;
    auto config = descriptorOf(json.value(QStringLiteral("config")), QStringLiteral("config"));
    if (!config)
        return std::unexpected(config.error());
    m.config = *config;
    const QJsonValue layers = json.value(QStringLiteral("layers"));
    if (!layers.isArray() && !layers.isUndefined())
        return std::unexpected(parseError(QStringLiteral("\"layers\" is not an array")));
    int i = 0;
    for (const auto& item : layers.toArray()) {
        auto d = descriptorOf(item, QStringLiteral("layers[%1]").arg(i++));
        if (!d)
            return std::unexpected(d.error());
        m.layers << *d;
    }
    // An artifact's type: artifactType, else a config media type that is not an image config.
    if (m.artifactType.isEmpty() && m.config.mediaType != MediaType::OciConfig && m.config.mediaType != MediaType::DockerConfig)
        m.artifactType = m.config.mediaType;
    return m;
}

Result<ImageConfig> ImageConfig::parse(const QByteArray& raw)
{
    QJsonParseError jsonError;
    const QJsonDocument doc = QJsonDocument::fromJson(raw, &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !doc.isObject())
        return std::unexpected(parseError(QStringLiteral("the image config is not a JSON object: %1").arg(jsonError.errorString())));
    const QJsonObject json = doc.object();
    ImageConfig c;
    c.created = QDateTime::fromString(json.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs);
    if (c.created.isValid() && c.created.date().year() < 1971)
        c.created = QDateTime(); // "0001-01-01", the zero time some tools write, means "unknown"
    c.author = json.value(QStringLiteral("author")).toString();
    c.platform = Platform{json.value(QStringLiteral("os")).toString(), json.value(QStringLiteral("architecture")).toString(),
                          json.value(QStringLiteral("variant")).toString(), json.value(QStringLiteral("os.version")).toString()};
    const QJsonObject config = json.value(QStringLiteral("config")).toObject();
    c.env = stringList(config.value(QStringLiteral("Env")));
    c.entrypoint = stringList(config.value(QStringLiteral("Entrypoint")));
    c.cmd = stringList(config.value(QStringLiteral("Cmd")));
    c.user = config.value(QStringLiteral("User")).toString();
    c.workingDir = config.value(QStringLiteral("WorkingDir")).toString();
    c.exposedPorts = config.value(QStringLiteral("ExposedPorts")).toObject().keys();
    c.labels = stringMap(config.value(QStringLiteral("Labels")));
    c.diffIds = stringList(json.value(QStringLiteral("rootfs")).toObject().value(QStringLiteral("diff_ids")));
    for (const auto& item : json.value(QStringLiteral("history")).toArray()) {
        const QJsonObject h = item.toObject();
        c.history << HistoryEntry{QDateTime::fromString(h.value(QStringLiteral("created")).toString(), Qt::ISODateWithMs),
                                  h.value(QStringLiteral("created_by")).toString(), h.value(QStringLiteral("comment")).toString(),
                                  h.value(QStringLiteral("empty_layer")).toBool()};
    }
    return c;
}

} // namespace berth
