#include "models/decimal.h"

#include <QTest>

class TestOrderBook : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void roundTripsExchangeText()
    {
        for (const char* text : {"65000.10", "0.001", "0", "-12.5", "0.00", "123456789012345678"}) {
            const auto d = Decimal::parse(text);
            QVERIFY2(d.has_value(), text);
            QCOMPARE(d->toStdString(), std::string(text));
        }
    }
};

QTEST_GUILESS_MAIN(TestOrderBook)
#include "tst_orderbook.moc"
