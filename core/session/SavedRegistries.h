#pragma once

#include "core/net/RegistryEndpoint.h"

#include <QList>
#include <QStringList>

namespace berth {

// A registry the user added to Berth, with its transport choices and pinned repositories.
// Kept in registries.ini in the config directory; secrets never are (they live in the keychain).
struct SavedRegistry
{
    QString name; // host[:port]
    bool plainHttp = false;
    QString caFile;
    bool skipTlsVerify = false;
    QStringList pinned;
    QStringList watched; // repositories polled for changes while Berth runs (a subset of what the sidebar shows)
    QStringList trustedKeys; // PEM public key files that signatures from this registry are checked against
    QString provider; // registry family override (RegistryEndpoint::provider); empty = from the host
    QString apiBase; // the family's API base when not the usual one
    QStringList namespaces; // organisations to list beside the login's own

    RegistryEndpoint endpoint() const;
    // Carries the user's choices of family, API base and organisations onto an endpoint made elsewhere
    // (from the command line), whose transport choices stay its own.
    void applyFamilyTo(RegistryEndpoint& endpoint) const;
};

class SavedRegistries
{
public:
    static QList<SavedRegistry> load();
    static void save(const QList<SavedRegistry>& registries);
    static std::optional<SavedRegistry> find(const QString& name);
    // The saved entry of that name, or a new one with nothing chosen yet.
    static SavedRegistry findOrNew(const QString& name);
    static void upsert(const SavedRegistry& registry); // adds, or replaces the one of that name
    static void remove(const QString& name);
    static void setPinned(const QString& name, const QStringList& pinned);
    static void setWatched(const QString& name, const QStringList& watched);
    static void setTrustedKeys(const QString& name, const QStringList& keys);
};

} // namespace berth
