#include "ui/browser/TagTableModel.h"

#include "core/providers/Provider.h"
#include "core/trust/TrustInspector.h"
#include "ui/widgets/Dates.h"

#include <QApplication>
#include <QFont>
#include <QLocale>
#include <QMimeData>
#include <QPalette>
#include <QSet>
#include <algorithm>
#include <vector>

namespace berth {

QString formatSize(qint64 bytes)
{
    return bytes < 0 ? QString() : QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat);
}

TagTableModel::TagTableModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void TagTableModel::clear()
{
    beginResetModel();
    m_summaries.clear();
    m_states.clear();
    m_rowByTag.clear();
    endResetModel();
}

TagTableModel::RowState TagTableModel::stateOf(const QString& tag)
{
    RowState state;
    state.kind = classifyTag(tag);
    state.versionKey = versionSortKey(tag);
    return state;
}

void TagTableModel::appendTags(const QStringList& tags)
{
    // The rows' own index answers both "shown already?" and "twice in this list?" in one lookup
    // (a list's contains() made 100,000 names cost 30 s of GUI thread; a second set beside the
    // index cost as much as the rest). A new name enters the index just before its row does.
    const int first = int(m_summaries.size());
    QStringList fresh;
    m_rowByTag.reserve(m_summaries.size() + tags.size()); // sized once: growing it cost as much as filling it
    for (const QString& tag : tags) {
        const qsizetype known = m_rowByTag.size();
        int& row = m_rowByTag[tag];
        if (m_rowByTag.size() != known) {
            row = first + int(fresh.size());
            fresh << tag;
        }
    }
    if (fresh.isEmpty())
        return;
    beginInsertRows({}, first, first + int(fresh.size()) - 1);
    // A row is large: a list grown by emplace moved each one several times. Doubling at least, for
    // callers that add one row at a time.
    if (const qsizetype needed = m_summaries.size() + fresh.size(); needed > m_summaries.capacity()) {
        const qsizetype room = qMax(needed, 2 * m_summaries.capacity());
        m_summaries.reserve(room);
        m_states.reserve(room);
    }
    for (const QString& tag : std::as_const(fresh)) {
        m_summaries.emplace_back().tag = tag;
        m_states.append(stateOf(tag));
    }
    endInsertRows();
}

int TagTableModel::countOf(TagKind kind) const
{
    return int(std::count_if(m_states.cbegin(), m_states.cend(), [kind](const RowState& state) { return state.kind == kind; }));
}

void TagTableModel::retainTags(const QList<TagSummary>& found)
{
    // Marked through the rows' own index: a set of the found names cost as much as the rest.
    std::vector<bool> keep(size_t(m_summaries.size()), false);
    qsizetype kept = 0;
    for (const TagSummary& summary : found) {
        const int row = rowOf(summary.tag);
        if (row >= 0 && !keep[size_t(row)]) {
            keep[size_t(row)] = true;
            ++kept;
        }
    }
    if (kept == m_summaries.size())
        return; // the usual case: nothing went
    for (int row = int(m_summaries.size()) - 1; row >= 0; --row) {
        if (keep[size_t(row)])
            continue;
        beginRemoveRows({}, row, row);
        m_summaries.removeAt(row);
        m_states.removeAt(row);
        endRemoveRows();
    }
    m_rowByTag.clear();
    for (int row = 0; row < m_summaries.size(); ++row)
        m_rowByTag.insert(m_summaries.at(row).tag, row);
}

void TagTableModel::update(const TagSummary& summary)
{
    int row = rowOf(summary.tag);
    if (row < 0) {
        appendTags({summary.tag});
        row = rowOf(summary.tag);
    }
    m_summaries[row] = summary; // the first change to a list taken whole copies it
    m_states[row].loaded = true;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

bool TagTableModel::takeSummaries(const QList<TagSummary>& summaries)
{
    Q_ASSERT(m_summaries.isEmpty());
    m_rowByTag.reserve(summaries.size());
    for (int row = 0; row < summaries.size(); ++row) {
        const qsizetype known = m_rowByTag.size();
        m_rowByTag.insert(summaries.at(row).tag, row);
        if (m_rowByTag.size() == known) { // a tag listed twice (a broken registry): one row per tag
            m_rowByTag.clear();
            return false;
        }
    }
    beginInsertRows({}, 0, int(summaries.size()) - 1);
    m_summaries = summaries;
    m_states.reserve(summaries.size());
    for (const TagSummary& summary : summaries) {
        m_states.append(stateOf(summary.tag));
        m_states.back().loaded = true;
    }
    endInsertRows();
    return true;
}

void TagTableModel::showSummaries(const QList<TagSummary>& summaries)
{
    if (summaries.isEmpty()) {
        clear();
        return;
    }
    if (m_summaries.isEmpty() && takeSummaries(summaries))
        return;
    QStringList names;
    names.reserve(summaries.size());
    for (const TagSummary& summary : summaries)
        names << summary.tag;
    appendTags(names); // the tags not shown yet
    retainTags(summaries); // and those gone since the rows shown first
    for (const TagSummary& summary : summaries) {
        const int row = rowOf(summary.tag);
        m_summaries[row] = summary;
        m_states[row].loaded = true;
    }
    Q_EMIT dataChanged(index(0, 0), index(int(m_summaries.size()) - 1, ColumnCount - 1));
}

void TagTableModel::appendRegistryDates(QList<RegistryTagDates>& into, const QList<ProviderTag>& page, qint64 total)
{
    makeListingRoom(into, total, page.size());
    for (const ProviderTag& tag : page)
        into.append({tag.name, tag.pushed, tag.pulled});
}

void TagTableModel::setRegistryDates(const QList<RegistryTagDates>& dates)
{
    int first = int(m_summaries.size());
    int last = -1;
    for (const RegistryTagDates& tag : dates) {
        const int row = rowOf(tag.tag);
        if (row < 0)
            continue;
        m_states[row].pushed = tag.pushed;
        m_states[row].pulled = tag.pulled;
        first = std::min(first, row);
        last = std::max(last, row);
    }
    if (last >= 0) // one signal over the rows changed: thousands of tags, one sort
        Q_EMIT dataChanged(index(first, PushedColumn), index(last, PulledColumn));
}

void TagTableModel::setTrust(const QString& digest, const TrustSummary& trust)
{
    QString signature;
    if (trust.signature) {
        const QString verdict = trust.signature->verdict();
        signature = verdict == u"verified"      ? tr("verified (%1)").arg(trust.signature->keyName)
            : verdict == u"not-signed"          ? tr("not signed")
            : verdict == u"digest-mismatch"     ? tr("digest mismatch")
            : verdict == u"keyless"             ? tr("keyless (not verified)")
                                                : tr("invalid");
    } else
        signature = std::any_of(trust.attached.begin(), trust.attached.end(), [](const AttachedArtifact& a) { return a.kind == u"signature"; })
            ? tr("signed (unchecked)")
            : tr("not signed");
    const QMap<Severity, int> counts = combinedCounts(trust.reports);
    QStringList parts;
    int worst = -1;
    for (Severity s : {Severity::Critical, Severity::High, Severity::Medium, Severity::Low}) {
        if (counts.value(s)) {
            parts << QStringLiteral("%1 %2").arg(counts.value(s)).arg(severityName(s).left(1));
            worst = qMax(worst, int(s));
        }
    }
    const QString vulnerabilities = trust.reports.isEmpty() ? tr("no report") : parts.isEmpty() ? tr("none") : parts.join(QStringLiteral(", "));
    for (int row = 0; row < m_summaries.size(); ++row) {
        if (m_summaries.at(row).digest != digest)
            continue;
        m_states[row].signature = signature;
        m_states[row].vulnerabilities = vulnerabilities;
        m_states[row].worstSeverity = worst;
        Q_EMIT dataChanged(index(row, SignatureColumn), index(row, VulnerabilitiesColumn));
    }
}

QStringList TagTableModel::tags() const
{
    QStringList out;
    for (const TagSummary& row : m_summaries)
        out << row.tag;
    return out;
}

int TagTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_summaries.size());
}

int TagTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString TagTableModel::kindLabel(TagKind kind)
{
    switch (kind) {
    case TagKind::Latest:
        return tr("latest");
    case TagKind::Environment:
        return tr("environment");
    case TagKind::Date:
        return tr("date");
    case TagKind::SemanticVersion:
        return tr("version");
    case TagKind::GitSha:
        return tr("git commit");
    case TagKind::Attachment:
        return tr("attachment");
    case TagKind::Other:
        break;
    }
    return tr("other");
}

QVariant TagTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_summaries.size())
        return {};
    const TagSummary& row = m_summaries.at(index.row());
    const RowState& state = m_states.at(index.row());
    const QLocale locale;
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case TagColumn:
            return row.tag;
        case KindColumn:
            return kindLabel(state.kind);
        case DigestColumn:
            return row.digest.isEmpty() ? QString() : row.digest.mid(7, 12);
        case CreatedColumn:
            return displayDateTime(row.created);
        case FirstSeenColumn:
            return displayDateTime(row.firstSeen);
        case PushedColumn:
            return displayDateTime(state.pushed);
        case PulledColumn:
            return displayDateTime(state.pulled);
        case SizeColumn:
            return formatSize(row.size);
        case UniqueSizeColumn:
            return formatSize(row.uniqueSize);
        case PlatformsColumn:
            return row.platforms.join(QStringLiteral(", "));
        case SignatureColumn:
            return state.signature;
        case VulnerabilitiesColumn:
            return state.vulnerabilities;
        case ColumnCount:
            break;
        }
        return {};
    case SortRole:
        switch (Column(index.column())) {
        case CreatedColumn:
            return row.created;
        case FirstSeenColumn:
            return row.firstSeen;
        case PushedColumn:
            return state.pushed;
        case PulledColumn:
            return state.pulled;
        case SizeColumn:
            return row.size;
        case UniqueSizeColumn:
            return row.uniqueSize;
        case KindColumn:
            return int(state.kind);
        case VulnerabilitiesColumn:
            return state.worstSeverity;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        if (row.problem)
            return describe(*row.problem);
        if (index.column() == DigestColumn)
            return row.digest;
        if (index.column() == CreatedColumn && row.created.isValid())
            return row.created.toUTC().toString(Qt::ISODate);
        if (index.column() == CreatedColumn && state.loaded && row.mediaType.isEmpty())
            return tr("The image is not read yet: select the tag to read it");
        if (index.column() == FirstSeenColumn)
            return tr("When Berth first saw this tag at this digest");
        if (index.column() == PushedColumn)
            return tr("When the registry says this tag was last pushed");
        if (index.column() == PulledColumn)
            return state.pushed.isValid() && !state.pulled.isValid() ? tr("Not pulled since the registry started counting")
                                                                 : tr("When the registry says this tag was last pulled");
        if (index.column() == UniqueSizeColumn)
            return tr("What deleting this tag alone would free after the registry's garbage collection");
        // Text the column may cut ("linux/amd64,…", "signed (unch…"): all of it on hover.
        if (index.column() == TagColumn || index.column() == PlatformsColumn || index.column() == SignatureColumn
            || index.column() == VulnerabilitiesColumn)
            return data(index, Qt::DisplayRole);
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == SizeColumn || index.column() == UniqueSizeColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    case Qt::ForegroundRole:
        if (!state.loaded && index.column() != TagColumn)
            return QApplication::palette().color(QPalette::PlaceholderText);
        return {};
    case Qt::FontRole:
        if (index.column() == DigestColumn) {
            QFont mono(QStringLiteral("monospace"));
            mono.setStyleHint(QFont::Monospace);
            return mono;
        }
        return {};
    case DigestRole:
        return row.digest;
    case KindRole:
        return int(state.kind);
    default:
        return {};
    }
}

QVariant TagTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case TagColumn:
        return tr("Tag");
    case KindColumn:
        return tr("Kind");
    case DigestColumn:
        return tr("Digest");
    case CreatedColumn:
        return tr("Created");
    case FirstSeenColumn:
        return tr("First seen");
    case PushedColumn:
        return tr("Pushed");
    case PulledColumn:
        return tr("Last pulled");
    case SizeColumn:
        return tr("Size");
    case UniqueSizeColumn:
        return tr("Unique");
    case PlatformsColumn:
        return tr("Platforms");
    case SignatureColumn:
        return tr("Signature");
    case VulnerabilitiesColumn:
        return tr("Vulnerabilities");
    case ColumnCount:
        break;
    }
    return {};
}

TagFilterProxy::TagFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(TagTableModel::SortRole);
    setDynamicSortFilter(true);
}

void TagFilterProxy::setFilter(const TagFilter& filter)
{
    m_filter = filter;
    invalidateRowsFilter();
}

void TagFilterProxy::setNotPulledFor(int days, const QDateTime& now)
{
    m_pulledBefore = days > 0 ? now.addDays(-days) : QDateTime();
    invalidateRowsFilter();
}

bool TagFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    const auto* model = static_cast<const TagTableModel*>(sourceModel());
    if (m_pulledBefore.isValid()) {
        const QDateTime pulled = model->index(sourceRow, TagTableModel::PulledColumn).data(TagTableModel::SortRole).toDateTime();
        const QDateTime pushed = model->index(sourceRow, TagTableModel::PushedColumn).data(TagTableModel::SortRole).toDateTime();
        const bool stale = pulled.isValid() ? pulled < m_pulledBefore : pushed.isValid() && pushed < m_pulledBefore;
        if (!stale)
            return false;
    }
    if (m_filter.isEmpty())
        return true;
    const TagSummary& row = model->summaryAt(sourceRow);
    return m_filter.matches(row.tag, row.digest, model->kindAt(sourceRow));
}

bool TagFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const auto* model = static_cast<const TagTableModel*>(sourceModel());
    const TagSummary& a = model->summaryAt(left.row());
    const TagSummary& b = model->summaryAt(right.row());
    // compareVersions' order through the rows' keys: a sort of 5,000 tags compares ~60,000 pairs,
    // and parsing both names each time was half of the sort's cost.
    const auto versionLess = [&] { return model->versionKeyAt(left.row()) < model->versionKeyAt(right.row()); };
    switch (left.column()) {
    case TagTableModel::TagColumn:
        return versionLess();
    case TagTableModel::CreatedColumn:
        return a.created != b.created ? a.created < b.created : versionLess();
    case TagTableModel::FirstSeenColumn:
        return a.firstSeen != b.firstSeen ? a.firstSeen < b.firstSeen : versionLess();
    case TagTableModel::SizeColumn:
        return a.size != b.size ? a.size < b.size : versionLess();
    case TagTableModel::UniqueSizeColumn:
        return a.uniqueSize != b.uniqueSize ? a.uniqueSize < b.uniqueSize : versionLess();
    case TagTableModel::PushedColumn:
    case TagTableModel::PulledColumn: {
        const QDateTime x = left.data(TagTableModel::SortRole).toDateTime();
        const QDateTime y = right.data(TagTableModel::SortRole).toDateTime();
        return x != y ? x < y : versionLess();
    }
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

Qt::ItemFlags TagTableModel::flags(const QModelIndex& index) const
{
    return QAbstractTableModel::flags(index) | (index.isValid() ? Qt::ItemIsDragEnabled : Qt::NoItemFlags);
}

QStringList TagTableModel::mimeTypes() const
{
    return {QString::fromLatin1(kMimeType)};
}

QMimeData* TagTableModel::mimeData(const QModelIndexList& indexes) const
{
    QStringList tags;
    for (const QModelIndex& index : indexes) {
        if (index.isValid() && !tags.contains(m_summaries.at(index.row()).tag))
            tags << m_summaries.at(index.row()).tag;
    }
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kMimeType), tags.join(QLatin1Char('\n')).toUtf8());
    mime->setText(tags.join(QLatin1Char('\n')));
    return mime;
}

} // namespace berth
