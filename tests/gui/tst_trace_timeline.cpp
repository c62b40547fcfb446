// A request's timeline offscreen, from a hand-made trace: the model's offsets,
// durations, nesting, statuses and attributes; broken parent links; the view's
// rows, its attributes panel following the keyboard, the "trace is gone" text;
// the dialog reading a TraceStore; the recent requests' list (also on the
// Dashboards page) opening a request's timeline.
#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTableWidget>
#include <QTest>
#include <QTreeView>

#include <vector>

#include "core/resources.h"
#include "pages/dashboards_page.h"
#include "services/telemetry_hub.h"
#include "telemetry/recent_requests_view.h"
#include "telemetry/span.h"
#include "telemetry/trace_ids.h"
#include "telemetry/trace_store.h"
#include "telemetry/trace_timeline_dialog.h"
#include "telemetry/trace_timeline_model.h"
#include "telemetry/trace_timeline_view.h"

using fyr::app::telemetry::Span;
using fyr::app::telemetry::SpanId;
using fyr::app::telemetry::SpanStatus;
using fyr::app::telemetry::TraceId;
using fyr::app::telemetry::TraceStore;
using fyr::ui::RecentRequestsView;
using fyr::ui::TraceTimelineDialog;
using fyr::ui::TraceTimelineModel;
using fyr::ui::TraceTimelineView;
namespace attr = fyr::app::telemetry::attr;

namespace {

constexpr int64_t kMs = 1'000'000;
constexpr int64_t kT0 = 1'700'000'000'000'000'000;  // the root's start, Unix ns

Span makeSpan(const TraceId& trace, const QString& name, const SpanId& parent, int64_t startMs, int64_t endMs) {
    Span s;
    s.trace_id = trace;
    s.span_id = fyr::app::telemetry::newSpanId();
    s.parent_span_id = parent;
    s.name = name;
    s.start_unix_ns = kT0 + startMs * kMs;
    s.end_unix_ns = kT0 + endMs * kMs;
    return s;
}

// A chat request of 100 ms: guard input, queue, prefill, decode (which failed
// and has one step under it), stream; listed out of order, as nothing promises one.
std::vector<Span> chatTrace() {
    const TraceId trace = fyr::app::telemetry::newTraceId();
    Span root = makeSpan(trace, QStringLiteral("chat tiny"), SpanId{}, 0, 100);
    root.setAttribute(attr::kGenAiRequestModel, QStringLiteral("tiny"));
    root.setAttribute(attr::kGenAiUsageInputTokens, int64_t{12});
    root.setAttribute(attr::kGenAiUsageOutputTokens, int64_t{30});
    root.setAttribute(attr::kGenAiResponseFinishReasons, QStringList{QStringLiteral("eos")});
    root.setAttribute(attr::kRequestId, QStringLiteral("req-7"));
    root.setAttribute(attr::kKvPeakBytes, int64_t{3 * 1024 * 1024 + 512 * 1024});  // 3.5 MiB
    root.status = SpanStatus::Ok;
    Span decode = makeSpan(trace, QStringLiteral("decode"), root.span_id, 10, 100);
    decode.status = SpanStatus::Error;
    decode.status_message = QStringLiteral("deadline");
    Span step = makeSpan(trace, QStringLiteral("step"), decode.span_id, 20, 30);
    step.setAttribute(attr::kBatchTokens, int64_t{4});
    Span guard = makeSpan(trace, QStringLiteral("guard.input"), root.span_id, 0, 1);
    guard.setAttribute(attr::kGuardVerdict, QStringLiteral("allow"));
    return {root,
            makeSpan(trace, QStringLiteral("stream"), root.span_id, 12, 100),
            decode,
            makeSpan(trace, QStringLiteral("prefill"), root.span_id, 3, 10),
            step,
            guard,
            makeSpan(trace, QStringLiteral("queue"), root.span_id, 1, 3)};
}

QStringList childNames(const QAbstractItemModel& m, const QModelIndex& parent) {
    QStringList names;
    for (int r = 0; r < m.rowCount(parent); ++r) names << m.index(r, 0, parent).data().toString();
    return names;
}

int countRows(const QAbstractItemModel& m, const QModelIndex& parent = {}) {
    int n = m.rowCount(parent);
    for (int r = 0; r < m.rowCount(parent); ++r) n += countRows(m, m.index(r, 0, parent));
    return n;
}

}  // namespace

class TestTraceTimeline : public QObject {
    Q_OBJECT
private slots:
    void modelLaysOutTheSpans() {
        TraceTimelineModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const std::vector<Span> spans = chatTrace();
        model.setSpans(spans);

        QCOMPARE(model.spanCount(), 7);
        QCOMPARE(model.traceId(), QString::fromStdString(spans.front().trace_id.hex()));
        QCOMPARE(model.totalMs(), 100.0);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex root = model.index(0, 0);
        QCOMPARE(root.data().toString(), QStringLiteral("chat tiny"));
        QCOMPARE(root.data(TraceTimelineModel::DepthRole).toInt(), 0);
        // Children in the order they started.
        QCOMPARE(childNames(model, root),
                 (QStringList{QStringLiteral("guard.input"), QStringLiteral("queue"), QStringLiteral("prefill"),
                              QStringLiteral("decode"), QStringLiteral("stream")}));
        QCOMPARE(countRows(model), 7);

        const QModelIndex prefill = model.findSpan(QStringLiteral("prefill"));
        QVERIFY(prefill.isValid());
        QCOMPARE(prefill.parent(), root);
        QCOMPARE(prefill.data(TraceTimelineModel::StartMsRole).toDouble(), 3.0);
        QCOMPARE(prefill.data(TraceTimelineModel::DurationMsRole).toDouble(), 7.0);
        QCOMPARE(prefill.siblingAtColumn(TraceTimelineModel::StartColumn).data().toString(), QStringLiteral("3.00"));
        QCOMPARE(prefill.siblingAtColumn(TraceTimelineModel::DurationColumn).data().toString(), QStringLiteral("7.00"));
        QCOMPARE(prefill.data(TraceTimelineModel::StartFractionRole).toDouble(), 0.03);
        QCOMPARE(prefill.data(TraceTimelineModel::EndFractionRole).toDouble(), 0.10);
        QCOMPARE(prefill.siblingAtColumn(TraceTimelineModel::TimelineColumn).data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("from 3.00 ms to 10.00 ms"));
        QCOMPARE(prefill.data(TraceTimelineModel::DepthRole).toInt(), 1);

        // Nested: the step under decode, two levels down.
        const QModelIndex decode = model.findSpan(QStringLiteral("decode"));
        QCOMPARE(model.rowCount(decode), 1);
        const QModelIndex step = model.index(0, 0, decode);
        QCOMPARE(step.data().toString(), QStringLiteral("step"));
        QCOMPARE(step.parent(), decode);
        QCOMPARE(step.data(TraceTimelineModel::DepthRole).toInt(), 2);
        QCOMPARE(step.data(TraceTimelineModel::StartMsRole).toDouble(), 20.0);
        QCOMPARE(step.data(TraceTimelineModel::DurationMsRole).toDouble(), 10.0);
        QCOMPARE(model.spanAt(step)->name, QStringLiteral("step"));

        // Status.
        QCOMPARE(decode.siblingAtColumn(TraceTimelineModel::StatusColumn).data().toString(),
                 QStringLiteral("Error: deadline"));
        QCOMPARE(decode.data(TraceTimelineModel::StatusRole).toInt(), int(SpanStatus::Error));
        QCOMPARE(root.siblingAtColumn(TraceTimelineModel::StatusColumn).data().toString(), QStringLiteral("OK"));
        QCOMPARE(prefill.siblingAtColumn(TraceTimelineModel::StatusColumn).data().toString(), QString());

        // Attributes: as a map, in the Attributes column and in every tooltip.
        const QVariantMap a = root.data(TraceTimelineModel::AttributesRole).toMap();
        QCOMPARE(a.value(attr::kGenAiRequestModel).toString(), QStringLiteral("tiny"));
        QCOMPARE(a.value(attr::kGenAiUsageInputTokens).toString(), QStringLiteral("12"));
        QCOMPARE(a.value(attr::kGenAiUsageOutputTokens).toString(), QStringLiteral("30"));
        QCOMPARE(a.value(attr::kGenAiResponseFinishReasons).toString(), QStringLiteral("eos"));
        const QString column = root.siblingAtColumn(TraceTimelineModel::AttributesColumn).data().toString();
        QVERIFY2(column.contains(QStringLiteral("gen_ai.usage.output_tokens=30")), qPrintable(column));
        const QString tip = root.siblingAtColumn(TraceTimelineModel::DurationColumn).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("gen_ai.request.model: tiny")), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("takes 100.0 ms")), qPrintable(tip));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalMs(), 0.0);
        QVERIFY(!model.findSpan(QStringLiteral("prefill")).isValid());
    }

    void brokenParentsStillShowEverySpan() {
        TraceTimelineModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const TraceId trace = fyr::app::telemetry::newTraceId();
        // The root continues a caller's span that is not here; b and c are each
        // other's parent; d is its own; e starts before the root, f ends before it starts.
        Span root = makeSpan(trace, QStringLiteral("root"), fyr::app::telemetry::newSpanId(), 0, 10);
        Span b = makeSpan(trace, QStringLiteral("b"), SpanId{}, 1, 2);
        Span c = makeSpan(trace, QStringLiteral("c"), b.span_id, 2, 3);
        b.parent_span_id = c.span_id;
        Span d = makeSpan(trace, QStringLiteral("d"), SpanId{}, 3, 4);
        d.parent_span_id = d.span_id;
        Span e = makeSpan(trace, QStringLiteral("e"), root.span_id, -5, 5);
        Span f = makeSpan(trace, QStringLiteral("f"), root.span_id, 8, 6);
        model.setSpans({root, b, c, d, e, f});

        QCOMPARE(countRows(model), 6);
        for (const char* name : {"root", "b", "c", "d", "e", "f"})
            QVERIFY2(model.findSpan(QLatin1String(name)).isValid(), name);
        QVERIFY(!model.findSpan(QStringLiteral("root")).parent().isValid());
        QVERIFY(!model.findSpan(QStringLiteral("d")).parent().isValid());
        // Times count from the earliest start.
        QCOMPARE(model.totalMs(), 15.0);
        QCOMPARE(model.findSpan(QStringLiteral("root")).data(TraceTimelineModel::StartMsRole).toDouble(), 5.0);
        const QModelIndex late = model.findSpan(QStringLiteral("f"));
        QCOMPARE(late.data(TraceTimelineModel::DurationMsRole).toDouble(), 0.0);
        QVERIFY(late.data(TraceTimelineModel::EndFractionRole).toDouble() >=
                late.data(TraceTimelineModel::StartFractionRole).toDouble());

        model.setSpans({});
        QCOMPARE(model.rowCount(), 0);
    }

    void viewShowsRowsAndFollowsTheKeyboard() {
        TraceTimelineView view;
        view.resize(1000, 400);
        view.setSpans(chatTrace());
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(view.isShowingTrace());

        auto* tree = view.findChild<QTreeView*>(QStringLiteral("traceTimelineTree"));
        auto* table = view.findChild<QTableWidget*>(QStringLiteral("spanAttributesTable"));
        auto* title = view.findChild<QLabel*>(QStringLiteral("spanTitleLabel"));
        auto* summary = view.findChild<QLabel*>(QStringLiteral("traceSummaryLabel"));
        QVERIFY(tree && table && title && summary);
        QCOMPARE(tree->model(), view.model());
        QVERIFY(tree->isExpanded(view.model()->index(0, 0)));
        QVERIFY(tree->isColumnHidden(TraceTimelineModel::AttributesColumn));
        QVERIFY2(summary->text().contains(QStringLiteral("req-7")), qPrintable(summary->text()));
        QVERIFY2(summary->text().contains(QStringLiteral("7 span")), qPrintable(summary->text()));

        // The root is current and its GenAI attributes are in the panel.
        QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("chat tiny"));
        QVERIFY2(title->text().startsWith(QStringLiteral("chat tiny")), qPrintable(title->text()));
        QCOMPARE(table->rowCount(), 6);
        QString tokensIn, kvPeak;
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, 0)->data(Qt::UserRole).toString() == attr::kGenAiUsageInputTokens) {
                QCOMPARE(table->item(r, 0)->text(), QStringLiteral("Tokens in"));
                tokensIn = table->item(r, 1)->text();
            }
            if (table->item(r, 0)->data(Qt::UserRole).toString() == attr::kKvPeakBytes) {
                QCOMPARE(table->item(r, 0)->text(), QStringLiteral("KV cache peak (bytes)"));
                kvPeak = table->item(r, 1)->text();
            }
        }
        QCOMPARE(tokensIn, QStringLiteral("12"));
        QCOMPARE(kvPeak, QStringLiteral("3670016"));

        // Down moves to the first child; the panel follows.
        tree->setFocus();
        QTest::keyClick(tree, Qt::Key_Down);
        QCOMPARE(tree->currentIndex().data().toString(), QStringLiteral("guard.input"));
        QVERIFY2(title->text().startsWith(QStringLiteral("guard.input")), qPrintable(title->text()));
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 1)->text(), QStringLiteral("allow"));

        QVERIFY(view.selectSpan(QStringLiteral("decode")));
        QVERIFY2(title->text().contains(QStringLiteral("Error: deadline")), qPrintable(title->text()));
        QVERIFY(!view.selectSpan(QStringLiteral("no such span")));

        // It draws: bars, axis and all.
        const QPixmap shot = view.grab();
        QVERIFY(!shot.isNull());
        QDir().mkpath(QStringLiteral(FYR_SCREENSHOT_DIR));
        shot.save(QStringLiteral(FYR_SCREENSHOT_DIR "/trace_timeline.png"));

        view.showMissing(QStringLiteral("gone"));
        QVERIFY(!view.isShowingTrace());
        QCOMPARE(view.missingText(), QStringLiteral("gone"));
        QCOMPARE(view.model()->rowCount(), 0);
        QCOMPARE(table->rowCount(), 0);
        QVERIFY(!view.grab().isNull());
    }

    void dialogReadsTheStore() {
        TraceStore store;
        store.put(QStringLiteral("req-7"), chatTrace());
        TraceTimelineDialog dialog;
        QVERIFY(dialog.showRequest(store, QStringLiteral("req-7")));
        QVERIFY(dialog.view()->isShowingTrace());
        QCOMPARE(dialog.view()->model()->spanCount(), 7);
        QVERIFY2(dialog.windowTitle().contains(QStringLiteral("req-7")), qPrintable(dialog.windowTitle()));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        QVERIFY(!dialog.showRequest(store, QStringLiteral("req-8")));
        QVERIFY(!dialog.view()->isShowingTrace());
        const QString text = dialog.view()->missingText();
        QVERIFY2(text.contains(QStringLiteral("req-8")) && text.contains(QStringLiteral("no longer kept")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("1024")), qPrintable(text));
        QCOMPARE(dialog.requestId(), QStringLiteral("req-8"));

        // Back to one that is there.
        QVERIFY(dialog.showRequest(store, QStringLiteral("req-7")));
        QVERIFY(dialog.view()->isShowingTrace());
        QTest::keyClick(&dialog, Qt::Key_Escape);
        QVERIFY(!dialog.isVisible());
    }

    void recentRequestsOpenTheirTimelines() {
        TraceStore store;
        RecentRequestsView recent(&store);
        auto* tree = recent.findChild<QTreeView*>(QStringLiteral("recentRequestsTree"));
        auto* button = recent.findChild<QPushButton*>(QStringLiteral("showTimelineButton"));
        auto* empty = recent.findChild<QLabel*>(QStringLiteral("recentRequestsEmptyLabel"));
        QVERIFY(tree && button && empty);
        recent.show();
        QVERIFY(QTest::qWaitForWindowExposed(&recent));
        QCOMPARE(recent.model()->rowCount(), 0);
        QVERIFY(empty->isVisible());
        QVERIFY(!button->isEnabled());
        QVERIFY(!recent.showCurrentTimeline());

        store.put(QStringLiteral("req-7"), chatTrace());
        std::vector<Span> failed = chatTrace();
        failed.front().status = SpanStatus::Error;
        failed.front().status_message = QStringLiteral("deadline");
        failed.front().setAttribute(attr::kRequestId, QStringLiteral("req-8"));
        store.put(QStringLiteral("req-8"), failed);
        recent.refresh();
        QCOMPARE(recent.model()->rowCount(), 2);
        QVERIFY(!empty->isVisible());
        // Newest first, with the root's GenAI attributes.
        auto cell = [&](int row, int column) { return recent.model()->item(row, column)->text(); };
        QCOMPARE(cell(0, RecentRequestsView::RequestColumn), QStringLiteral("req-8"));
        QCOMPARE(cell(1, RecentRequestsView::RequestColumn), QStringLiteral("req-7"));
        QCOMPARE(cell(1, RecentRequestsView::ModelColumn), QStringLiteral("tiny"));
        QCOMPARE(cell(1, RecentRequestsView::DurationColumn), QStringLiteral("100.0"));
        QCOMPARE(cell(1, RecentRequestsView::InputColumn), QStringLiteral("12"));
        QCOMPARE(cell(1, RecentRequestsView::OutputColumn), QStringLiteral("30"));
        QCOMPARE(cell(1, RecentRequestsView::FinishColumn), QStringLiteral("eos"));
        QCOMPARE(cell(0, RecentRequestsView::FinishColumn), QStringLiteral("error: deadline"));
        // The KV-cache memory it held at its peak, in MiB.
        QCOMPARE(cell(1, RecentRequestsView::KvPeakColumn), QLocale().toString(3.5, 'f', 2));
        QCOMPARE(recent.model()->headerData(RecentRequestsView::KvPeakColumn, Qt::Horizontal).toString(),
                 QStringLiteral("KV peak (MiB)"));

        // The keyboard: to the second row, Enter opens its timeline.
        tree->setFocus();
        tree->setCurrentIndex(recent.model()->index(0, 0));
        QVERIFY(button->isEnabled());
        QTest::keyClick(tree, Qt::Key_Down);
        QTest::keyClick(tree, Qt::Key_Return);
        QVERIFY(recent.timelineDialog());
        QVERIFY(recent.timelineDialog()->isVisible());
        QCOMPARE(recent.timelineDialog()->requestId(), QStringLiteral("req-7"));
        QCOMPARE(recent.timelineDialog()->view()->model()->spanCount(), 7);

        // A new request comes first and the current one stays current.
        store.put(QStringLiteral("req-9"), chatTrace());
        recent.refresh();
        QCOMPARE(recent.model()->rowCount(), 3);
        QCOMPARE(tree->currentIndex().siblingAtColumn(RecentRequestsView::RequestColumn).data().toString(),
                 QStringLiteral("req-7"));
    }

    void dashboardsListRecentRequests() {
        fyr::app::initResources();
        fyr::app::TelemetryHubOptions options;
        options.nvmlLibrary = QStringLiteral("/nonexistent/libnvidia-ml.so.1");
        fyr::app::TelemetryHub hub(options);
        hub.traces().put(QStringLiteral("req-7"), chatTrace());
        fyr::ui::DashboardsPage page(&hub);
        auto* box = page.findChild<QWidget*>(QStringLiteral("recentRequestsBox"));
        auto* recent = page.findChild<RecentRequestsView*>();
        QVERIFY(box && recent);
        QVERIFY(!box->isHidden());
        QCOMPARE(recent->model()->rowCount(), 1);
        QCOMPARE(recent->model()->item(0, RecentRequestsView::RequestColumn)->text(), QStringLiteral("req-7"));

        fyr::ui::DashboardsPage off(nullptr);
        QVERIFY(off.findChild<QWidget*>(QStringLiteral("recentRequestsBox"))->isHidden());
    }
};

QTEST_MAIN(TestTraceTimeline)
#include "tst_trace_timeline.moc"
