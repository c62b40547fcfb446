// The API server's reading of a chat completion body: the fields it honours, the
// ones it ignores, and a refusal for each wrong input that names the field.
#include <QtTest>

#include "server/chat_completion_request.h"

using fyr::app::ChatCompletionRequest;

class TestChatCompletionRequest final : public QObject {
    Q_OBJECT
private slots:
    void readsEveryHonouredField() {
        const QByteArray body =
            "{\"model\":\"stories260K\",\"messages\":[{\"role\":\"system\",\"content\":\"Be brief.\"},"
            "{\"role\":\"user\",\"content\":\"Hi\"},{\"role\":\"assistant\",\"content\":\"Hello\"},"
            "{\"role\":\"developer\",\"content\":\"Rules\"},{\"role\":\"user\",\"content\":\"Again\"}],"
            "\"max_tokens\":4,\"max_completion_tokens\":8,\"temperature\":0.5,\"top_p\":0.9,\"seed\":42,"
            "\"stop\":[\"\\n\",\"The end\"],\"stream\":true,\"n\":1,\"user\":\"someone\",\"logit_bias\":{}}";
        QString error;
        const auto r = ChatCompletionRequest::parse(body, &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->model, QStringLiteral("stories260K"));
        QCOMPARE(r->messages.size(), 5);
        QCOMPARE(r->messages[0].role, QStringLiteral("system"));
        QCOMPARE(r->messages[3].role, QStringLiteral("system"));  // developer is read as system
        QCOMPARE(r->messages[4].content, QStringLiteral("Again"));
        QCOMPARE(r->maxTokens, std::optional<int>(8));  // max_completion_tokens wins
        QCOMPARE(r->temperature, std::optional<double>(0.5));
        QCOMPARE(r->topP, std::optional<double>(0.9));
        QCOMPARE(r->seed, std::optional<quint64>(42));
        QCOMPARE(r->stop, QStringList({QStringLiteral("\n"), QStringLiteral("The end")}));
        QVERIFY(r->stream);
    }

    void defaultsAndAStopString() {
        QString error;
        const auto r = ChatCompletionRequest::parse(
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":\"END\",\"temperature\":"
            "null}",
            &error);
        QVERIFY2(r, qPrintable(error));
        QVERIFY(!r->maxTokens && !r->temperature && !r->topP && !r->seed && !r->stream);
        QCOMPARE(r->stop, QStringList{QStringLiteral("END")});
    }

    void refusalsNameTheField_data() {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("error");
        const QByteArray user = "[{\"role\":\"user\",\"content\":\"x\"}]";
        QTest::newRow("not json") << QByteArray("{\"model\":") << QStringLiteral("the request body is not JSON");
        QTest::newRow("array") << QByteArray("[1]") << QStringLiteral("the request body: expected a JSON object");
        QTest::newRow("no model") << QByteArray("{\"messages\":" + user + "}") << QStringLiteral("model: required");
        QTest::newRow("model number") << QByteArray("{\"model\":1,\"messages\":" + user + "}")
                                      << QStringLiteral("model: expected a string");
        QTest::newRow("no messages") << QByteArray("{\"model\":\"m\"}") << QStringLiteral("messages: required");
        QTest::newRow("messages object") << QByteArray("{\"model\":\"m\",\"messages\":{}}")
                                         << QStringLiteral("messages: expected a list");
        QTest::newRow("empty messages") << QByteArray("{\"model\":\"m\",\"messages\":[]}")
                                        << QStringLiteral("messages: expected at least one message");
        QTest::newRow("message string") << QByteArray("{\"model\":\"m\",\"messages\":[\"hi\"]}")
                                        << QStringLiteral("messages[0]: expected an object");
        QTest::newRow("no role") << QByteArray("{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}")
                                 << QStringLiteral("messages[0].role: required");
        QTest::newRow("tool role")
            << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}")
            << QStringLiteral("messages[0].role: expected system, user or assistant, not 'tool'");
        QTest::newRow("content parts") << QByteArray(
                                              "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"a\"},{"
                                              "\"role\":\"user\",\"content\":\"b\"},"
                                              "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]}]}")
                                       << QStringLiteral("messages[2].content: expected a string");
        QTest::newRow("no content") << QByteArray("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}")
                                    << QStringLiteral("messages[0].content: required");
        QTest::newRow("max_tokens 0") << QByteArray("{\"model\":\"m\",\"messages\":" + user + ",\"max_tokens\":0}")
                                      << QStringLiteral("max_tokens: expected a whole number from 1 to 1048576");
        QTest::newRow("max_completion_tokens fraction")
            << QByteArray("{\"model\":\"m\",\"messages\":" + user + ",\"max_completion_tokens\":2.5}")
            << QStringLiteral("max_completion_tokens: expected a whole number from 1 to 1048576");
        QTest::newRow("temperature 3") << QByteArray("{\"model\":\"m\",\"messages\":" + user + ",\"temperature\":3}")
                                       << QStringLiteral("temperature: expected a number from 0 to 2");
        QTest::newRow("top_p string") << QByteArray("{\"model\":\"m\",\"messages\":" + user + ",\"top_p\":\"1\"}")
                                      << QStringLiteral("top_p: expected a number from 0 to 1");
        QTest::newRow("seed negative") << QByteArray("{\"model\":\"m\",\"messages\":" + user + ",\"seed\":-1}")
                                       << QStringLiteral("seed: expected a whole number from 0 to 2^53");
        QTest::newRow("stop number") << QByteArray("{\"model\":\"m\",\"messages\":" + user + ",\"stop\":[\"a\",7]}")
                                     << QStringLiteral("stop[1]: expected a string");
        QTest::newRow("stop five") << QByteArray("{\"model\":\"m\",\"messages\":" + user +
                                                 ",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}")
                                   << QStringLiteral("stop: 5 strings; at most 4 are accepted");
        QTest::newRow("stop empty") << QByteArray("{\"model\":\"m\",\"messages\":" + user + ",\"stop\":\"\"}")
                                    << QStringLiteral("stop: expected strings that are not empty");
        QTest::newRow("stream string") << QByteArray("{\"model\":\"m\",\"messages\":" + user + ",\"stream\":\"yes\"}")
                                       << QStringLiteral("stream: expected true or false");
    }
    void refusalsNameTheField() {
        QFETCH(QByteArray, body);
        QFETCH(QString, error);
        QString got;
        QVERIFY(!ChatCompletionRequest::parse(body, &got));
        QVERIFY2(got.startsWith(error), qPrintable(got));
    }

    void boundsOnSizeAndMessages() {
        QString error;
        QByteArray big = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"";
        big += QByteArray(ChatCompletionRequest::kMaxBodyBytes, 'a');
        big += "\"}]}";
        QVERIFY(!ChatCompletionRequest::parse(big, &error));
        QVERIFY2(error.startsWith(QStringLiteral("the request body has")), qPrintable(error));

        QByteArray many = "{\"model\":\"m\",\"messages\":[";
        for (int i = 0; i <= ChatCompletionRequest::kMaxMessages; ++i)
            many += QByteArray(i ? "," : "") + "{\"role\":\"user\",\"content\":\"x\"}";
        many += "]}";
        QVERIFY(!ChatCompletionRequest::parse(many, &error));
        QCOMPARE(error, QStringLiteral("messages: 257 messages; at most 256 are accepted"));
    }
};

QTEST_GUILESS_MAIN(TestChatCompletionRequest)
#include "tst_chat_completion_request.moc"
