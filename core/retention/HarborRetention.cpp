#include "core/retention/HarborRetention.h"

#include "core/base/JsonErrors.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <algorithm>

namespace berth {

namespace {
const char* templateName(HarborRetentionRule::Template kind)
{
    switch (kind) {
    case HarborRetentionRule::Template::LatestPushedK:
        return "latestPushedK";
    case HarborRetentionRule::Template::DaysSinceLastPush:
        return "nDaysSinceLastPush";
    case HarborRetentionRule::Template::DaysSinceLastPull:
        return "nDaysSinceLastPull";
    case HarborRetentionRule::Template::Always:
        break;
    }
    return "always";
}
} // namespace

DoublestarPattern::DoublestarPattern(const QString& pattern)
{
    QString regex;
    int braces = 0;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        const QChar c = pattern[i];
        if (c == u'*') {
            regex += QStringLiteral(".*");
            while (i + 1 < pattern.size() && pattern[i + 1] == u'*')
                ++i;
        } else if (c == u'?') {
            regex += QLatin1Char('.');
        } else if (c == u'{') {
            regex += QStringLiteral("(?:");
            ++braces;
        } else if (c == u'}' && braces > 0) {
            regex += QLatin1Char(')');
            --braces;
        } else if (c == u',' && braces > 0) {
            regex += QLatin1Char('|');
        } else {
            regex += QRegularExpression::escape(QString(c));
        }
    }
    m_valid = braces == 0;
    m_regex = QRegularExpression(QRegularExpression::anchoredPattern(regex), QRegularExpression::DotMatchesEverythingOption);
    m_regex.optimize();
}

bool DoublestarPattern::matches(const QString& tag) const
{
    return m_valid && m_regex.match(tag).hasMatch();
}

bool matchesDoublestar(const QString& pattern, const QString& tag)
{
    return DoublestarPattern(pattern).matches(tag);
}

bool HarborRetentionRule::selects(const RetentionImage& image) const
{
    return selects(image, DoublestarPattern(pattern));
}

bool HarborRetentionRule::selects(const RetentionImage& image, const DoublestarPattern& compiled) const
{
    if (image.tags.isEmpty())
        return untagged;
    const bool anyMatches = std::any_of(image.tags.begin(), image.tags.end(), [&](const QString& t) { return compiled.matches(t); });
    if (!exclude)
        return anyMatches;
    return std::any_of(image.tags.begin(), image.tags.end(), [&](const QString& t) { return !compiled.matches(t); });
}

QString HarborRetentionRule::describe() const
{
    const QString which = QStringLiteral("%1 %2%3").arg(exclude ? QStringLiteral("tags except") : QStringLiteral("tags"), pattern,
                                                        untagged ? QStringLiteral(" and untagged") : QString());
    switch (kind) {
    case Template::LatestPushedK:
        return QStringLiteral("retain the %1 most recently pushed of %2").arg(count).arg(which);
    case Template::DaysSinceLastPush:
        return QStringLiteral("retain %1 pushed within %2 days").arg(which).arg(count);
    case Template::DaysSinceLastPull:
        return QStringLiteral("retain %1 pulled within %2 days").arg(which).arg(count);
    case Template::Always:
        break;
    }
    return QStringLiteral("always retain %1").arg(which);
}

Result<HarborRetentionPolicy> HarborRetentionPolicy::fromHarborJson(const QByteArray& json)
{
    auto invalid = [](const QString& why) { return std::unexpected(Error::make(ErrorKind::InvalidInput, QStringLiteral("invalid Harbor retention policy: ") + why)); };
    QJsonParseError error;
    const QJsonObject doc = QJsonDocument::fromJson(json, &error).object();
    if (error.error != QJsonParseError::NoError)
        return invalid(describeJsonError(json, error));
    if (!doc.value(QStringLiteral("algorithm")).isUndefined() && doc.value(QStringLiteral("algorithm")).toString() != u"or")
        return invalid(QStringLiteral("only the \"or\" algorithm exists"));
    const QJsonArray rules = doc.value(QStringLiteral("rules")).toArray();
    if (rules.isEmpty())
        return invalid(QStringLiteral("no rules"));
    HarborRetentionPolicy policy;
    int index = 0;
    for (const QJsonValue& value : rules) {
        ++index;
        const QJsonObject r = value.toObject();
        HarborRetentionRule rule;
        rule.priority = r.value(QStringLiteral("priority")).toInt(index);
        rule.disabled = r.value(QStringLiteral("disabled")).toBool(false);
        const QString action = r.value(QStringLiteral("action")).toString(QStringLiteral("retain"));
        if (action != u"retain")
            return invalid(QStringLiteral("rule %1: the action must be \"retain\", not \"%2\"").arg(index).arg(action));
        const QString name = r.value(QStringLiteral("template")).toString();
        const QJsonObject params = r.value(QStringLiteral("params")).toObject();
        if (name == u"latestPushedK" || name == u"nDaysSinceLastPush" || name == u"nDaysSinceLastPull") {
            rule.kind = name == u"latestPushedK"        ? HarborRetentionRule::Template::LatestPushedK
                : name == u"nDaysSinceLastPush" ? HarborRetentionRule::Template::DaysSinceLastPush
                                                : HarborRetentionRule::Template::DaysSinceLastPull;
            const QJsonValue count = params.value(name);
            rule.count = count.isString() ? count.toString().toInt() : count.toInt(-1);
            if (rule.count < 0)
                return invalid(QStringLiteral("rule %1: %2 needs a count of zero or more in params.%2").arg(index).arg(name));
        } else if (name == u"always") {
            rule.kind = HarborRetentionRule::Template::Always;
        } else {
            return invalid(QStringLiteral("rule %1: template \"%2\" is not supported (latestPushedK, nDaysSinceLastPush, nDaysSinceLastPull, always)").arg(index).arg(name));
        }
        const QJsonArray selectors = r.value(QStringLiteral("tag_selectors")).toArray();
        if (selectors.size() > 1)
            return invalid(QStringLiteral("rule %1: Harbor allows one tag selector").arg(index));
        if (!selectors.isEmpty()) {
            const QJsonObject sel = selectors.first().toObject();
            if (sel.value(QStringLiteral("kind")).toString(QStringLiteral("doublestar")) != u"doublestar")
                return invalid(QStringLiteral("rule %1: tag selectors are doublestar patterns").arg(index));
            const QString decoration = sel.value(QStringLiteral("decoration")).toString(QStringLiteral("matches"));
            if (decoration != u"matches" && decoration != u"excludes")
                return invalid(QStringLiteral("rule %1: decoration \"%2\" is neither matches nor excludes").arg(index).arg(decoration));
            rule.exclude = decoration == u"excludes";
            rule.pattern = sel.value(QStringLiteral("pattern")).toString(QStringLiteral("**"));
            const QJsonObject extras = QJsonDocument::fromJson(sel.value(QStringLiteral("extras")).toString().toUtf8()).object();
            rule.untagged = extras.value(QStringLiteral("untagged")).toBool(false);
        }
        policy.rules << rule;
    }
    return policy;
}

QByteArray HarborRetentionPolicy::toHarborJson() const
{
    QJsonArray out;
    for (const HarborRetentionRule& r : rules) {
        const QString name = QString::fromLatin1(templateName(r.kind));
        QJsonObject params;
        if (r.kind != HarborRetentionRule::Template::Always)
            params.insert(name, r.count);
        const QJsonObject selector{{QStringLiteral("kind"), QStringLiteral("doublestar")},
                                   {QStringLiteral("decoration"), r.exclude ? QStringLiteral("excludes") : QStringLiteral("matches")},
                                   {QStringLiteral("pattern"), r.pattern},
                                   {QStringLiteral("extras"), QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("untagged"), r.untagged}}).toJson(QJsonDocument::Compact))}};
        out.append(QJsonObject{{QStringLiteral("priority"), r.priority},
                               {QStringLiteral("disabled"), r.disabled},
                               {QStringLiteral("action"), QStringLiteral("retain")},
                               {QStringLiteral("template"), name},
                               {QStringLiteral("params"), params},
                               {QStringLiteral("tag_selectors"), QJsonArray{selector}}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("algorithm"), QStringLiteral("or")}, {QStringLiteral("rules"), out}}).toJson(QJsonDocument::Compact);
}

RetentionPlan evaluateHarborRetention(const HarborRetentionPolicy& policy, const QList<RetentionImage>& images, const QDateTime& now,
                                      const RetentionGuards& guards)
{
    const QList<int> order = newestFirst(images);
    QList<int> retainedBy(images.size(), -1); // the first rule, in policy order, that retains the image
    for (qsizetype r = 0; r < policy.rules.size(); ++r) {
        const HarborRetentionRule& rule = policy.rules[r];
        if (rule.disabled)
            continue;
        const DoublestarPattern pattern(rule.pattern); // once per rule, not per tag

        int taken = 0;
        const QDateTime limit = now.addDays(-rule.count);
        for (int i : std::as_const(order)) {
            if (!rule.selects(images[i], pattern))
                continue;
            bool retains = true;
            if (rule.kind == HarborRetentionRule::Template::LatestPushedK)
                retains = taken++ < rule.count;
            else if (rule.kind == HarborRetentionRule::Template::DaysSinceLastPush)
                retains = images[i].pushed >= limit;
            else if (rule.kind == HarborRetentionRule::Template::DaysSinceLastPull)
                retains = (images[i].pulled.isValid() ? images[i].pulled : images[i].pushed) >= limit;
            if (retains && retainedBy[i] < 0)
                retainedBy[i] = int(r);
        }
    }
    QList<RetentionDecision> decisions(images.size());
    for (int i = 0; i < images.size(); ++i) {
        if (retainedBy[i] >= 0) {
            const HarborRetentionRule& rule = policy.rules[retainedBy[i]];
            decisions[i] = {false, rule.priority, QStringLiteral("kept: rule %1 (%2)").arg(rule.priority).arg(rule.describe())};
        } else {
            decisions[i] = {true, -1, QStringLiteral("no rule retains it")};
        }
    }
    return finishRetentionPlan(images, order, decisions, guards);
}

} // namespace berth
