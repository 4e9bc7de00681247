#pragma once

#include "core/base/Error.h"
#include "core/image/TagOrdering.h"
#include "core/providers/Provider.h"
#include "core/registry/Reference.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

// What berthctl's commands do the same way: usage errors, dates, sizes, JSON output.
namespace berth::ctl {

inline Error usage(const QString& text)
{
    return Error::make(ErrorKind::InvalidInput, text);
}

// The tag, or the digest when the reference pins one.
inline QString referenceOf(const Reference& ref)
{
    return ref.digest.isEmpty() ? ref.tag : ref.digest;
}

inline QString isoDate(const QDateTime& when)
{
    return when.isValid() ? when.toUTC().toString(Qt::ISODate) : QString();
}

inline QString humanSize(qint64 bytes)
{
    return bytes < 0 ? QStringLiteral("-") : QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

// A registry API's date, to the millisecond (Hub keeps microseconds; Qt reads milliseconds).
inline QJsonValue preciseDate(const QDateTime& when)
{
    return when.isValid() ? QJsonValue(when.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue(QJsonValue::Null);
}

// The order tags and history print in (--sort): Berth's version order by default (1.10.0 after
// 1.9.0), names as text, or by date newest first with undated tags last.
enum class TagSort { Version, Name, Created, Pushed };

inline std::optional<TagSort> parseTagSort(const QString& text)
{
    if (text.isEmpty() || text == u"version")
        return TagSort::Version;
    if (text == u"name")
        return TagSort::Name;
    if (text == u"created")
        return TagSort::Created;
    if (text == u"pushed")
        return TagSort::Pushed;
    return std::nullopt;
}

// The --sort of a command: `pushTimes` where the registry keeps them; `readsImages` for history,
// which has the images' own dates (tags has names only). A usage error says what works instead.
inline Result<TagSort> chosenTagSort(const QString& text, bool pushTimes, bool readsImages, const QString& registry)
{
    const std::optional<TagSort> sort = parseTagSort(text);
    if (!sort)
        return std::unexpected(usage(QStringLiteral("--sort takes version, name, created or pushed")));
    if (*sort == TagSort::Created && !readsImages)
        return std::unexpected(usage(QStringLiteral("tags lists names only; 'berthctl history REPO --sort created' reads each image's date")));
    if (*sort == TagSort::Pushed && !pushTimes)
        return std::unexpected(usage(readsImages ? QStringLiteral("%1 keeps no push times; --sort created sorts by the images' own dates").arg(registry)
                                                 : QStringLiteral("%1 keeps no push times; 'berthctl history REPO --sort created' sorts by the "
                                                                  "images' own dates")
                                                       .arg(registry)));
    return *sort;
}

// Sorts rows by tag (tagOf) or by the date dateOf gives for the chosen TagSort; ties go in version order.
// The dates are read once into keys and an order of indices is sorted: comparing QDateTimes and
// moving whole rows at every step showed in the profile of a 10,000-tag listing.
template<typename Row, typename TagOf, typename DateOf>
void sortTagRows(QList<Row>& rows, TagSort sort, TagOf tagOf, DateOf dateOf)
{
    struct Key
    {
        bool dated = false;
        qint64 ms = 0;
        QByteArray version; // versionSortKey, unless sorted by name
        qsizetype index = 0;
    };
    const bool byDate = sort == TagSort::Created || sort == TagSort::Pushed;
    std::vector<Key> keys;
    keys.reserve(size_t(rows.size()));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QDateTime date = byDate ? QDateTime(dateOf(rows.at(i))) : QDateTime();
        keys.push_back({date.isValid(), date.isValid() ? date.toMSecsSinceEpoch() : 0,
                        sort == TagSort::Name ? QByteArray() : versionSortKey(tagOf(rows.at(i))), i});
    }
    std::stable_sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
        if (a.dated != b.dated)
            return a.dated;
        if (a.ms != b.ms)
            return a.ms > b.ms;
        if (sort == TagSort::Name)
            return tagOf(rows.at(a.index)) < tagOf(rows.at(b.index));
        return a.version < b.version;
    });
    QList<Row> sorted;
    sorted.reserve(rows.size());
    for (const Key& key : keys)
        sorted.append(std::move(rows[key.index]));
    rows = std::move(sorted);
}

// Exit status of an answer given from Berth's local index because the registry could not be reached.
constexpr int kOfflineExit = 6;

// Why an answer is Berth's last sighting and not the registry's: --offline, or the registry out of reach.
struct OfflineNote
{
    QDateTime asOf; // when Berth last listed the repository
    QString reason; // "--offline", or what failed
};

// "as of <time>", or for what was read by digest (the same bytes whenever it was read) "kept by digest".
inline QString offlineWhen(const QDateTime& asOf)
{
    return asOf.isValid() ? QStringLiteral("as of ") + isoDate(asOf) : QStringLiteral("kept by digest");
}

// The line above an offline answer in text mode (JSON answers carry "offline" and "asOf").
inline void printOfflineMarker(const OfflineNote& note)
{
    std::printf("OFFLINE - %s: what Berth last saw (%s)\n", qPrintable(offlineWhen(note.asOf)), qPrintable(note.reason));
}

inline void addOfflineFields(QJsonObject& object, const OfflineNote* note)
{
    if (!note)
        return;
    object.insert(QStringLiteral("offline"), true);
    object.insert(QStringLiteral("asOf"), note->asOf.isValid() ? QJsonValue(isoDate(note->asOf)) : QJsonValue(QJsonValue::Null));
    object.insert(QStringLiteral("offlineReason"), note->reason);
}

inline void printJson(const QJsonObject& object)
{
    std::fputs(QJsonDocument(object).toJson(QJsonDocument::Indented).constData(), stdout);
    std::fflush(stdout);
}

} // namespace berth::ctl
