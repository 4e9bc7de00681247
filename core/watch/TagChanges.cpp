#include "core/watch/TagChanges.h"

#include <QRegularExpression>
#include <algorithm>

namespace berth {
namespace {

    const QRegularExpression& attachmentPattern()
    {
        static const QRegularExpression pattern(QStringLiteral("^sha256-([0-9a-f]{64})\\.(sig|att|sbom)$"));
        return pattern;
    }

    // The image a .sig tag signs, or empty.
    QString signedDigest(const QString& tag)
    {
        const QRegularExpressionMatch match = attachmentPattern().match(tag);
        return match.hasMatch() && match.capturedView(2) == u"sig" ? QStringLiteral("sha256:") + match.captured(1) : QString();
    }

} // namespace

bool isAttachmentTag(const QString& tag)
{
    return tag.startsWith(u"sha256-") && attachmentPattern().match(tag).hasMatch();
}

QList<WatchEvent> tagChanges(const TagSnapshot& before, const TagSnapshot& after, const QHash<QString, QDateTime>& pushed,
                             const QDateTime& detected)
{
    QList<WatchEvent> events;
    const auto add = [&](WatchEvent::Kind kind, const QString& tag, const QString& digest, const QString& previous) {
        WatchEvent e;
        e.kind = kind;
        e.tag = tag;
        e.digest = digest;
        e.previousDigest = previous;
        e.detected = detected;
        e.pushed = pushed.value(tag);
        events << e;
    };
    for (auto it = after.cbegin(); it != after.cend(); ++it) {
        const auto old = before.constFind(it.key());
        if (isAttachmentTag(it.key())) {
            const QString image = signedDigest(it.key());
            if (!image.isEmpty() && old == before.cend())
                add(WatchEvent::Kind::ImageSigned, it.key(), image, {});
        } else if (old == before.cend()) {
            add(WatchEvent::Kind::TagCreated, it.key(), it.value(), {});
        } else if (*old != it.value()) {
            add(WatchEvent::Kind::TagMoved, it.key(), it.value(), *old);
        }
    }
    for (auto it = before.cbegin(); it != before.cend(); ++it) {
        if (after.contains(it.key()))
            continue;
        if (isAttachmentTag(it.key())) {
            const QString image = signedDigest(it.key());
            if (!image.isEmpty())
                add(WatchEvent::Kind::ImageUnsigned, it.key(), image, {});
        } else {
            add(WatchEvent::Kind::TagDeleted, it.key(), QString(), it.value());
        }
    }
    std::stable_sort(events.begin(), events.end(), [](const WatchEvent& a, const WatchEvent& b) {
        if (a.pushed.isValid() && b.pushed.isValid() && a.pushed != b.pushed)
            return a.pushed < b.pushed;
        if (a.kind != b.kind)
            return int(a.kind) < int(b.kind);
        return a.tag < b.tag;
    });
    return events;
}

} // namespace berth
