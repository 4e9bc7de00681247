#pragma once

#include "core/retention/Retention.h"

#include <QRegularExpression>

namespace berth {

// A Harbor doublestar pattern on tags, compiled once: '*' and '**' match any run, '?' one
// character, {a,b} alternatives. An unclosed brace matches nothing rather than everything.
class DoublestarPattern
{
public:
    explicit DoublestarPattern(const QString& pattern);
    bool matches(const QString& tag) const;

private:
    QRegularExpression m_regex;
    bool m_valid = false;
};

// A Harbor tag-retention rule: it selects images by tag (doublestar patterns, include or exclude,
// optionally untagged ones) and retains some of them.
struct HarborRetentionRule
{
    enum class Template {
        LatestPushedK, // retain the K most recently pushed
        DaysSinceLastPush, // retain those pushed within N days
        Always, // retain every selected image
        DaysSinceLastPull, // retain those pulled within N days (never pulled: pushed within N days)
    };
    int priority = 1;
    bool disabled = false;
    Template kind = Template::Always;
    int count = 0; // K or N
    QString pattern = QStringLiteral("**");
    bool exclude = false; // the pattern names the tags this rule does not select
    bool untagged = false; // untagged images are selected too

    bool selects(const RetentionImage& image) const;
    bool selects(const RetentionImage& image, const DoublestarPattern& compiled) const; // `compiled` from `pattern`
    QString describe() const;
};

// Harbor's retention: the rules are OR'ed; an image no enabled rule retains is deleted.
struct HarborRetentionPolicy
{
    QList<HarborRetentionRule> rules;

    // Harbor's RetentionPolicy JSON (swagger.yaml): rules with template, params and tag_selectors.
    static Result<HarborRetentionPolicy> fromHarborJson(const QByteArray& json);
    QByteArray toHarborJson() const;
};

RetentionPlan evaluateHarborRetention(const HarborRetentionPolicy& policy, const QList<RetentionImage>& images, const QDateTime& now,
                                      const RetentionGuards& guards = {});

// One-off match of a doublestar pattern (see DoublestarPattern).
bool matchesDoublestar(const QString& pattern, const QString& tag);

} // namespace berth
