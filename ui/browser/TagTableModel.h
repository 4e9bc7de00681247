#pragma once

#include "core/image/RepositoryHistory.h"
#include "core/image/TagOrdering.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QSortFilterProxyModel>

namespace berth {

// When the registry's own API says a tag was last pushed and pulled (Docker Hub).
struct RegistryTagDates
{
    QString tag;
    QDateTime pushed;
    QDateTime pulled;
};

// The tags of one repository: names first (as pages arrive), then digest, dates, size and
// platforms as each tag's manifest and config arrive.
class TagTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TagColumn, KindColumn, DigestColumn, CreatedColumn, FirstSeenColumn, PushedColumn, PulledColumn, SizeColumn, UniqueSizeColumn, PlatformsColumn, SignatureColumn, VulnerabilitiesColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, DigestRole, KindRole };

    explicit TagTableModel(QObject* parent = nullptr);

    void clear();
    void appendTags(const QStringList& tags);
    void update(const TagSummary& summary); // adds the row when the tag is new
    // A whole finished load: its tags become the rows (the others go), each with its summary, with
    // one signal. An empty table takes the list itself (shared, not copied).
    void showSummaries(const QList<TagSummary>& summaries);
    // The signature verdict and vulnerability counts of an image, for every tag that points at it.
    void setTrust(const QString& digest, const struct TrustSummary& trust);
    // When the registry's own API says a tag was last pushed and pulled (Docker Hub); adds no rows.
    void setRegistryDates(const QList<RegistryTagDates>& dates);
    // A listing's page of tags taken in as their dates alone (not whole ProviderTags: on a machine
    // where new memory is dear, a listing's digests and platforms kept twice cost milliseconds).
    static void appendRegistryDates(QList<RegistryTagDates>& into, const QList<struct ProviderTag>& page, qint64 total);
    const TagSummary& summaryAt(int row) const { return m_summaries.at(row); }
    TagKind kindAt(int row) const { return m_states.at(row).kind; } // classifyTag of its tag, made once
    // versionSortKey of its tag, made once: the table's version order is the keys' byte order.
    const QByteArray& versionKeyAt(int row) const { return m_states.at(row).versionKey; }
    int rowOf(const QString& tag) const { return m_rowByTag.value(tag, -1); }
    QStringList tags() const;
    int countOf(TagKind kind) const; // rows of tags of this kind

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Rows drag out as their tag names (kMimeType, one per line; text/plain too), to be dropped on
    // a repository or registry in the sidebar to copy them there.
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    static constexpr const char* kMimeType = "application/x-berth-tags";

    static QString kindLabel(TagKind kind);

private:
    // Removes the rows of tags a reload no longer found (a refresh updates rows in place).
    void retainTags(const QList<TagSummary>& found);
    // What the table keeps of each row beside its summary.
    struct RowState
    {
        TagKind kind = TagKind::Other;
        QByteArray versionKey;
        bool loaded = false;
        QString signature; // "verified", "not signed", ... once checked
        QString vulnerabilities; // "2 C, 5 H, 1 M" once known
        int worstSeverity = -1;
        QDateTime pushed; // from the registry's API, where it keeps them
        QDateTime pulled;
    };
    static RowState stateOf(const QString& tag);
    // An empty table takes a whole load's list as its rows; false (nothing taken) when it names a tag twice.
    bool takeSummaries(const QList<TagSummary>& summaries);
    // One entry per row in each. The summaries are apart so that a whole load's list can be the
    // table's own: for 5,000 tags a copy into larger rows was 2 MB of new memory, and on a virtual
    // machine that is what a listing spent most on.
    QList<TagSummary> m_summaries;
    QList<RowState> m_states;
    QHash<QString, int> m_rowByTag;
};

// Sorting and filtering of the tag table with the core's predicates: versions in version order
// (1.10 after 1.9), dates as dates, sizes as numbers.
class TagFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit TagFilterProxy(QObject* parent = nullptr);
    void setFilter(const TagFilter& filter);
    const TagFilter& filter() const { return m_filter; }
    // Only tags the registry says were not pulled for `days` (0: every tag): last pulled before
    // then, or never pulled and pushed before then (a new image has had no chance to be pulled).
    void setNotPulledFor(int days, const QDateTime& now = QDateTime::currentDateTimeUtc());

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    TagFilter m_filter;
    QDateTime m_pulledBefore; // invalid: no staleness filter
};

// Sizes for people: "291.6 kB".
QString formatSize(qint64 bytes);

} // namespace berth
