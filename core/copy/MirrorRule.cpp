#include "core/copy/MirrorRule.h"

#include "core/image/TagOrdering.h"
#include "core/providers/Provider.h"
#include "core/registry/RegistryClient.h"
#include "core/store/AuditLog.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace berth {
namespace {

    bool matchesAny(const QString& text, const QStringList& globs)
    {
        for (const QString& glob : globs) {
            if (QRegularExpression(QRegularExpression::wildcardToRegularExpression(glob, QRegularExpression::UnanchoredWildcardConversion))
                    .match(text)
                    .capturedLength()
                == text.size())
                return true;
        }
        return false;
    }

    void splitPlace(const QString& text, QString* registry, QString* ns)
    {
        const qsizetype slash = text.indexOf(u'/');
        *registry = slash < 0 ? text : text.left(slash);
        *ns = slash < 0 ? QString() : text.mid(slash + 1);
    }

    QString joinPlace(const QString& registry, const QString& ns)
    {
        return ns.isEmpty() ? registry : registry + u'/' + ns;
    }

    constexpr int kParallelImages = 4;

} // namespace

Result<MirrorRule> MirrorRule::fromJson(const QJsonObject& json, const QString& origin)
{
    MirrorRule rule;
    rule.name = json.value(QStringLiteral("name")).toString();
    splitPlace(json.value(QStringLiteral("source")).toString(), &rule.sourceRegistry, &rule.sourceNamespace);
    splitPlace(json.value(QStringLiteral("destination")).toString(), &rule.destinationRegistry, &rule.destinationNamespace);
    if (rule.sourceRegistry.isEmpty() || rule.destinationRegistry.isEmpty())
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("%1: a rule needs \"source\" and \"destination\" "
                                                                                   "(REGISTRY[/NAMESPACE] each)").arg(origin)));
    auto strings = [&json](const QString& key, QStringList* out) {
        if (json.contains(key)) {
            out->clear();
            for (const QJsonValue& v : json.value(key).toArray())
                *out << v.toString();
        }
    };
    strings(QStringLiteral("repositories"), &rule.repositories);
    strings(QStringLiteral("tags"), &rule.tags);
    rule.tagRegex = json.value(QStringLiteral("tagRegex")).toString();
    if (!rule.tagRegex.isEmpty() && !QRegularExpression(rule.tagRegex).isValid())
        return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("%1: \"tagRegex\" is not a valid regular expression").arg(origin)));
    rule.latest = json.value(QStringLiteral("latest")).toInt(0);
    rule.referrers = json.value(QStringLiteral("referrers")).toBool(true);
    return rule;
}

QJsonObject MirrorRule::toJson() const
{
    QJsonObject json{{QStringLiteral("source"), joinPlace(sourceRegistry, sourceNamespace)},
                     {QStringLiteral("destination"), joinPlace(destinationRegistry, destinationNamespace)},
                     {QStringLiteral("repositories"), QJsonArray::fromStringList(repositories)},
                     {QStringLiteral("tags"), QJsonArray::fromStringList(tags)},
                     {QStringLiteral("latest"), latest},
                     {QStringLiteral("referrers"), referrers}};
    if (!name.isEmpty())
        json.insert(QStringLiteral("name"), name);
    if (!tagRegex.isEmpty())
        json.insert(QStringLiteral("tagRegex"), tagRegex);
    return json;
}

bool MirrorRule::takesRepository(const QString& repository) const
{
    const QString prefix = sourceNamespace.isEmpty() ? QString() : sourceNamespace + u'/';
    return repository.startsWith(prefix) && matchesAny(repository.mid(prefix.size()), repositories);
}

bool MirrorRule::takesTag(const QString& tag) const
{
    if (tag.startsWith(QLatin1String("sha256-")))
        return false; // an attachment comes along with its image
    return tagRegex.isEmpty() ? matchesAny(tag, tags) : QRegularExpression(tagRegex).match(tag).hasMatch();
}

QString MirrorRule::destinationOf(const QString& repository) const
{
    const QString relative = sourceNamespace.isEmpty() ? repository : repository.mid(sourceNamespace.size() + 1);
    return destinationNamespace.isEmpty() ? relative : destinationNamespace + u'/' + relative;
}

MirrorRunner::MirrorRunner(MirrorRule rule, RegistryClient* source, RegistryClient* destination, AuditLog* audit, QObject* parent)
    : QObject(parent)
    , m_rule(std::move(rule))
    , m_source(source)
    , m_destination(destination)
    , m_audit(audit)
{
}

void MirrorRunner::plan(std::function<void(Result<QList<MirrorItem>>)> done)
{
    Provider* provider = createProvider(m_source, this);
    provider->listRepositories(m_rule.sourceNamespace, this, [this, done](Result<QStringList> repositories) {
        if (!repositories) {
            done(std::unexpected(repositories.error()));
            return;
        }
        QStringList chosen;
        for (const QString& repository : std::as_const(*repositories)) {
            if (m_rule.takesRepository(repository))
                chosen << repository;
        }
        chosen.sort();
        if (chosen.isEmpty()) {
            done(std::unexpected(Error::make(ErrorKind::NotFound, QStringLiteral("no repository of %1 matches the rule").arg(m_source->endpoint().name))));
            return;
        }
        struct Planning
        {
            int pending = 0;
            QMap<QString, QList<MirrorItem>> byRepository; // in name order
            std::optional<Error> failure;
        };
        auto planning = std::make_shared<Planning>();
        planning->pending = int(chosen.size());
        for (const QString& repository : std::as_const(chosen)) {
            m_source->listTags(repository, this, [this, planning, repository, done](Result<QStringList> tags) {
                if (!tags) {
                    if (!planning->failure)
                        planning->failure = Error::make(tags.error().kind, QStringLiteral("%1: %2").arg(repository, describe(tags.error())));
                } else {
                    const auto all = std::make_shared<const QSet<QString>>(tags->cbegin(), tags->cend());
                    QStringList kept;
                    for (const QString& tag : std::as_const(*tags)) {
                        if (m_rule.takesTag(tag))
                            kept << tag;
                    }
                    std::sort(kept.begin(), kept.end(), [](const QString& a, const QString& b) { return compareVersions(a, b) > 0; });
                    if (m_rule.latest > 0)
                        kept = kept.mid(0, m_rule.latest);
                    for (const QString& tag : std::as_const(kept))
                        planning->byRepository[repository] << MirrorItem{repository, tag, m_rule.destinationOf(repository), std::nullopt, all};
                }
                if (--planning->pending > 0)
                    return;
                if (planning->failure) {
                    done(std::unexpected(*planning->failure));
                    return;
                }
                QList<MirrorItem> items;
                for (const QList<MirrorItem>& list : std::as_const(planning->byRepository))
                    items << list;
                done(items);
            });
        }
    });
}

void MirrorRunner::run(QList<MirrorItem> items, bool dryRun, std::function<void(int, const MirrorItem&)> finished,
                       std::function<void(const QList<MirrorItem>&)> done)
{
    m_items = std::move(items);
    m_dryRun = dryRun;
    m_next = 0;
    m_running = 0;
    m_cancelled = false;
    m_finished = std::move(finished);
    m_done = std::move(done);
    if (m_items.isEmpty()) {
        m_done(m_items);
        return;
    }
    pump();
}

void MirrorRunner::cancel()
{
    m_cancelled = true;
    m_source->cancelAll();
    m_destination->cancelAll();
}

void MirrorRunner::pump()
{
    while (m_running < kParallelImages && m_next < m_items.size() && !m_cancelled) {
        const int index = m_next++;
        ++m_running;
        const MirrorItem item = m_items.at(index);
        CopyOptions options;
        options.referrers = m_rule.referrers;
        options.dryRun = m_dryRun;
        options.sourceTags = item.sourceTags;
        auto* copier = new ImageCopier(m_source, m_destination, this);
        copier->copy(item.sourceRepository, item.tag, item.destinationRepository, item.tag, options, {}, [this, index, copier](Result<CopyReport> report) {
            copier->deleteLater();
            MirrorItem& ended = m_items[index];
            if (!m_dryRun && m_audit)
                (void)m_audit->append(AuditEntry{0, QDateTime::currentDateTimeUtc(), AuditLog::currentUser(), QStringLiteral("mirror"),
                                                 m_destination->endpoint().name, ended.destinationRepository, ended.tag, {},
                                                 report ? report->digest : QString(), report.has_value(),
                                                 report ? QStringLiteral("from %1/%2").arg(m_source->endpoint().name, ended.sourceRepository)
                                                        : report.error().message,
                                                 {}});
            ended.result = std::move(report);
            --m_running;
            if (m_finished)
                m_finished(index, ended);
            if (m_running == 0 && (m_next >= m_items.size() || m_cancelled))
                m_done(m_items);
            else
                pump();
        });
    }
}

} // namespace berth
