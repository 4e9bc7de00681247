#include "core/registry/Manifest.h"

#include "core/base/JsonTape.h"
#include "core/base/JsonTime.h"
#include "core/registry/Digest.h"

#include <climits>

namespace berth {
namespace {

    // Read from a JsonTape: a manifest and a config are read once per tag of a history, where
    // building QJsonDocuments took an eighth of a cold run's instructions.
    QMap<QString, QString> stringMap(const JsonRef& value)
    {
        QMap<QString, QString> out;
        value.forEachMember([&out](const QString& key, const JsonRef& item) { out.insert(key, item.toString()); });
        return out;
    }

    QStringList stringList(const JsonRef& value)
    {
        QStringList out;
        out.reserve(value.size());
        for (const JsonRef item : value)
            out << item.toString();
        return out;
    }

    std::optional<Platform> platformOf(const JsonRef& value)
    {
        if (!value.isObject())
            return std::nullopt;
        const auto [os, architecture, variant, osVersion] = value.values<4>(
            {QLatin1StringView("os"), QLatin1StringView("architecture"), QLatin1StringView("variant"), QLatin1StringView("os.version")});
        return Platform{os.toString(), architecture.toString(), variant.toString(), osVersion.toString()};
    }

    Result<Descriptor> descriptorOf(const JsonRef& value, const QString& where)
    {
        const auto [mediaType, digest, size, artifactType, urls, annotations, platform] = value.values<7>(
            {QLatin1StringView("mediaType"), QLatin1StringView("digest"), QLatin1StringView("size"), QLatin1StringView("artifactType"),
             QLatin1StringView("urls"), QLatin1StringView("annotations"), QLatin1StringView("platform")});
        Descriptor d;
        d.mediaType = mediaType.toString();
        d.digest = digest.toString();
        d.size = size.toInteger(-1);
        d.artifactType = artifactType.toString();
        d.urls = stringList(urls);
        d.annotations = stringMap(annotations);
        d.platform = platformOf(platform);
        if (!value.isObject() || d.digest.isEmpty() || !size.isNumber() || d.size < 0)
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
    const auto tape = JsonTape::parse(raw);
    if (!tape || !(*tape)->root().isObject())
        return std::unexpected(parseError(QStringLiteral("the manifest is not a JSON object: %1")
                                              .arg(tape ? QStringLiteral("an array") : tape.error().message)));
    const JsonRef json = (*tape)->root();

    Manifest m;
    m.raw = raw;
    m.digest = sha256Digest(raw);
    const QString served = bareMediaType(contentType);
    const QString declared = json.value(QLatin1StringView("mediaType")).toString();
    const bool servedIsSpecific = !served.isEmpty() && served != u"application/json" && served != u"text/plain"
        && served != u"application/octet-stream";
    if (servedIsSpecific && !declared.isEmpty() && declared != served)
        return std::unexpected(parseError(QStringLiteral("the registry served the manifest as %1 but it declares %2")
                                              .arg(served, declared)));
    m.mediaType = servedIsSpecific ? served : declared;

    const JsonRef version = json.value(QLatin1StringView("schemaVersion"));
    // As QJsonValue::toInt(-1) reads it: a whole number that fits in an int, else -1.
    const qint64 wide = version.toInteger(-1);
    const int schemaVersion = version.isNumber() && double(wide) == version.toDouble() && wide >= INT_MIN && wide <= INT_MAX ? int(wide) : -1;
    if (schemaVersion == 1 || m.mediaType == MediaType::DockerSchema1 || m.mediaType == MediaType::DockerSchema1Signed) {
        m.kind = Kind::Schema1;
        if (m.mediaType.isEmpty())
            m.mediaType = MediaType::DockerSchema1Signed;
        return m; // recognised, deliberately not read: its layers and history are in another shape
    }
    if (schemaVersion != 2)
        return std::unexpected(parseError(QStringLiteral("unsupported manifest schemaVersion %1").arg(schemaVersion)));

    const JsonRef manifests = json.value(QLatin1StringView("manifests"));
    if (m.mediaType.isEmpty()) // OCI allows an absent mediaType: decide by shape
        m.mediaType = !manifests.isUndefined() ? MediaType::OciIndex : MediaType::OciManifest;
    m.annotations = stringMap(json.value(QLatin1StringView("annotations")));
    m.artifactType = json.value(QLatin1StringView("artifactType")).toString();
    if (const JsonRef subjectJson = json.value(QLatin1StringView("subject")); !subjectJson.isUndefined()) {
        auto subject = descriptorOf(subjectJson, QStringLiteral("subject"));
        if (!subject)
            return std::unexpected(subject.error());
        m.subject = *subject;
    }

    if (m.mediaType == MediaType::OciIndex || m.mediaType == MediaType::DockerManifestList) {
        m.kind = Kind::Index;
        if (!manifests.isArray())
            return std::unexpected(parseError(QStringLiteral("the index has no \"manifests\" array")));
        m.manifests.reserve(manifests.size());
        int i = 0;
        for (const JsonRef item : manifests) {
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
    auto config = descriptorOf(json.value(QLatin1StringView("config")), QStringLiteral("config"));
    if (!config)
        return std::unexpected(config.error());
    m.config = *config;
    const JsonRef layers = json.value(QLatin1StringView("layers"));
    if (!layers.isArray() && !layers.isUndefined())
        return std::unexpected(parseError(QStringLiteral("\"layers\" is not an array")));
    m.layers.reserve(layers.size());
    int i = 0;
    for (const JsonRef item : layers) {
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
    const auto tape = JsonTape::parse(raw);
    if (!tape || !(*tape)->root().isObject())
        return std::unexpected(parseError(QStringLiteral("the image config is not a JSON object: %1")
                                              .arg(tape ? QStringLiteral("an array") : tape.error().message)));
    const JsonRef json = (*tape)->root();
    const auto [created, author, configJson, rootfs, history] = json.values<5>(
        {QLatin1StringView("created"), QLatin1StringView("author"), QLatin1StringView("config"), QLatin1StringView("rootfs"),
         QLatin1StringView("history")});
    ImageConfig c;
    c.created = jsonTime(created);
    if (c.created.isValid() && c.created.date().year() < 1971)
        c.created = QDateTime(); // "0001-01-01", the zero time some tools write, means "unknown"
    c.author = author.toString();
    c.platform = *platformOf(json); // a config names its platform at the top, as a descriptor does in "platform"
    const auto [env, entrypoint, cmd, user, workingDir, exposedPorts, labels] = configJson.values<7>(
        {QLatin1StringView("Env"), QLatin1StringView("Entrypoint"), QLatin1StringView("Cmd"), QLatin1StringView("User"),
         QLatin1StringView("WorkingDir"), QLatin1StringView("ExposedPorts"), QLatin1StringView("Labels")});
    c.env = stringList(env);
    c.entrypoint = stringList(entrypoint);
    c.cmd = stringList(cmd);
    c.user = user.toString();
    c.workingDir = workingDir.toString();
    exposedPorts.forEachMember([&c](const QString& port, const JsonRef&) { c.exposedPorts << port; });
    c.exposedPorts.sort(); // as QJsonObject::keys() gives them: sorted, each once
    c.exposedPorts.removeDuplicates();
    c.labels = stringMap(labels);
    c.diffIds = stringList(rootfs.value(QLatin1StringView("diff_ids")));
    c.history.reserve(history.size());
    for (const JsonRef item : history) {
        const auto [when, createdBy, comment, emptyLayer] = item.values<4>(
            {QLatin1StringView("created"), QLatin1StringView("created_by"), QLatin1StringView("comment"), QLatin1StringView("empty_layer")});
        c.history << HistoryEntry{jsonTime(when), createdBy.toString(), comment.toString(), emptyLayer.toBool()};
    }
    return c;
}

} // namespace berth
