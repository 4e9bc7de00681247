#include "core/session/SavedRegistries.h"

#include "core/base/Paths.h"

#include <QSettings>

namespace berth {
namespace {

    QSettings file() { return QSettings(configDir() + QStringLiteral("/registries.ini"), QSettings::IniFormat); }

} // namespace

RegistryEndpoint SavedRegistry::endpoint() const
{
    RegistryEndpoint endpoint = RegistryEndpoint::fromString(name).value_or(RegistryEndpoint{});
    if (plainHttp)
        endpoint.scheme = RegistryEndpoint::Scheme::Http;
    endpoint.tls.caFile = caFile;
    endpoint.tls.verify = !skipTlsVerify;
    applyFamilyTo(endpoint);
    return endpoint;
}

void SavedRegistry::applyFamilyTo(RegistryEndpoint& endpoint) const
{
    endpoint.provider = provider;
    endpoint.apiBase = apiBase;
    endpoint.namespaces = namespaces;
}

QList<SavedRegistry> SavedRegistries::load()
{
    auto settings = file();
    QList<SavedRegistry> out;
    const int count = settings.beginReadArray(QStringLiteral("registries"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        SavedRegistry r;
        r.name = settings.value(QStringLiteral("name")).toString();
        r.plainHttp = settings.value(QStringLiteral("plainHttp")).toBool();
        r.caFile = settings.value(QStringLiteral("caFile")).toString();
        r.skipTlsVerify = settings.value(QStringLiteral("skipTlsVerify")).toBool();
        r.pinned = settings.value(QStringLiteral("pinned")).toStringList();
        r.watched = settings.value(QStringLiteral("watched")).toStringList();
        r.trustedKeys = settings.value(QStringLiteral("trustedKeys")).toStringList();
        r.provider = settings.value(QStringLiteral("provider")).toString();
        r.apiBase = settings.value(QStringLiteral("apiBase")).toString();
        r.namespaces = settings.value(QStringLiteral("namespaces")).toStringList();
        if (RegistryEndpoint::fromString(r.name))
            out << r;
    }
    settings.endArray();
    return out;
}

void SavedRegistries::save(const QList<SavedRegistry>& registries)
{
    auto settings = file();
    settings.remove(QStringLiteral("registries"));
    settings.beginWriteArray(QStringLiteral("registries"), int(registries.size()));
    for (int i = 0; i < registries.size(); ++i) {
        settings.setArrayIndex(i);
        const SavedRegistry& r = registries[i];
        settings.setValue(QStringLiteral("name"), r.name);
        settings.setValue(QStringLiteral("plainHttp"), r.plainHttp);
        settings.setValue(QStringLiteral("caFile"), r.caFile);
        settings.setValue(QStringLiteral("skipTlsVerify"), r.skipTlsVerify);
        settings.setValue(QStringLiteral("pinned"), r.pinned);
        if (!r.watched.isEmpty())
            settings.setValue(QStringLiteral("watched"), r.watched);
        settings.setValue(QStringLiteral("trustedKeys"), r.trustedKeys);
        settings.setValue(QStringLiteral("provider"), r.provider);
        settings.setValue(QStringLiteral("apiBase"), r.apiBase);
        settings.setValue(QStringLiteral("namespaces"), r.namespaces);
    }
    settings.endArray();
    settings.sync();
}

std::optional<SavedRegistry> SavedRegistries::find(const QString& name)
{
    for (const SavedRegistry& r : load()) {
        if (r.name == name)
            return r;
    }
    return std::nullopt;
}

SavedRegistry SavedRegistries::findOrNew(const QString& name)
{
    if (auto saved = find(name))
        return *saved;
    SavedRegistry fresh;
    fresh.name = name;
    return fresh;
}

void SavedRegistries::upsert(const SavedRegistry& registry)
{
    QList<SavedRegistry> all = load();
    for (SavedRegistry& r : all) {
        if (r.name == registry.name) {
            r = registry;
            save(all);
            return;
        }
    }
    all << registry;
    save(all);
}

void SavedRegistries::remove(const QString& name)
{
    QList<SavedRegistry> all = load();
    all.removeIf([&](const SavedRegistry& r) { return r.name == name; });
    save(all);
}

void SavedRegistries::setTrustedKeys(const QString& name, const QStringList& keys)
{
    SavedRegistry registry = findOrNew(name);
    registry.trustedKeys = keys;
    upsert(registry);
}

void SavedRegistries::setPinned(const QString& name, const QStringList& pinned)
{
    SavedRegistry registry = findOrNew(name);
    registry.pinned = pinned;
    upsert(registry);
}

void SavedRegistries::setWatched(const QString& name, const QStringList& watched)
{
    SavedRegistry registry = findOrNew(name);
    registry.watched = watched;
    upsert(registry);
}

} // namespace berth
