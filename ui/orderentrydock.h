#pragma once

#include "decimaledit.h"
#include "marketsession.h"
#include "models/trading.h"
#include "tradingdesk.h"

#include <QDockWidget>
#include <QElapsedTimer>
#include <QHash>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;

class QPushButton;
class QToolButton;

// The order ticket for the active symbol: side, type (limit, market, stop), price and quantity on the
// instrument's grid (a spot market buy may be sized in quote currency where the venue takes that: "BTC |
// JPY"; preselected where the venue takes only that, Coincheck), time in force, reduce-only, take-profit /
// stop-loss (linear), the estimated notional and fee, the instrument's rules checked as the user types (the
// reason beside its field), an optional confirmation and the fat-finger guard, and the outcome of the last
// order. One click sends one order: the button stays locked until the venue answers.
class OrderEntryDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderEntryDock)

public:
    enum class Kind : std::uint8_t
    {
        Limit,
        Market,
        Stop, // a conditional order: trigger price, then a limit (price given) or market order
    };

    explicit OrderEntryDock(MarketSession& session, QWidget* parent = nullptr);

    // The account traded with (not owned); nullptr: no trading account.
    void setDesk(TradingDesk* desk);
    TradingDesk* desk() const { return m_desk; }
    // A price picked elsewhere (a ladder row): becomes the limit price.
    void setPrice(const Decimal& price);

    // The order the form describes now, or nullopt while it is incomplete (no price, no quantity…).
    std::optional<OrderRequest> currentRequest() const;
    // The confirmation (or fat-finger) dialog waiting for the user; nullptr when none.
    QMessageBox* pendingConfirmation() const { return m_dialog; }
    // Whether an order was sent and its answer has not come yet.
    bool isSending() const { return m_sending; }
    QString resultText() const;

Q_SIGNALS:
    // After the venue's answer (or the refusal) of an order sent from this dock was shown.
    void outcomeShown(const TradingDesk::PlaceOutcome& outcome);

protected:
    void changeEvent(QEvent* event) override;

private:
    // The form read into a request, with what is wrong per field ("price", "qty", …).
    struct Draft
    {
        OrderRequest request;
        QHash<QString, QStringList> problems;
        bool complete = true; // false: a required field is empty (nothing to complain about yet)
    };

    void buildForm();
    void retranslate();
    void onActiveSymbol(const SymbolKey& key);
    void onFrame();
    void setSide(Side side);
    void applyInstrumentRules();
    void prefillPrice();
    void refresh();
    Draft draft() const;
    void showProblems(const Draft& draft);
    void updateEstimates(const Draft& draft);
    void updateSendButton(bool formOk);
    void applyPercent(int percent);
    // The quantity's unit (base coin or quote currency) for a spot market buy where the venue sizes one
    // in quote currency; preselects the quote where the venue takes no base-sized market buy.
    void updateQtyUnit();
    void onQtyUnitChanged();
    // A spot market buy on a venue that takes it sized in quote currency (the unit choice is shown).
    bool quoteSizingOffered() const;
    // The venue refuses this spot market buy sized in the base coin (Coincheck): quote is the way.
    bool baseSizingRefused() const;
    bool quoteSized() const;
    // A spot market buy of the active symbol, as the venue's adapter is asked about it.
    OrderRequest marketBuyProbe(bool inQuote) const;
    Decimal quoteStep() const;
    void updateAvailable(const Draft& draft);
    void send();
    void confirmThenPlace(const OrderRequest& request);
    void place(OrderRequest request);
    void showOutcome(const TradingDesk::PlaceOutcome& outcome);
    void setResult(const QString& text, bool good);
    Kind kind() const;
    const Instrument* instrument() const;
    std::optional<Decimal> referencePrice() const;
    std::optional<Decimal> bestPriceForSide() const;
    QString notTradingReason() const;

    MarketSession& m_session;
    QPointer<TradingDesk> m_desk;
    SymbolKey m_key;
    Side m_side = Side::Buy;
    bool m_priceAuto = true;    // the price was filled in for the user (a side change refills it)
    bool m_pricePending = true; // fill the price once the book has one
    bool m_sending = false;
    QPointer<QMessageBox> m_dialog;
    bool m_resultGood = true;

    QElapsedTimer m_refreshClock;
    QWidget* m_form = nullptr;
    QWidget* m_fields = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_symbol = nullptr;
    QPushButton* m_buy = nullptr;
    QPushButton* m_sell = nullptr;
    QLabel* m_typeLabel = nullptr;
    QComboBox* m_type = nullptr;
    QLabel* m_triggerLabel = nullptr;
    DecimalEdit* m_trigger = nullptr;
    QWidget* m_triggerRow = nullptr;
    QLabel* m_triggerError = nullptr;
    QLabel* m_priceLabel = nullptr;
    DecimalEdit* m_price = nullptr;
    QWidget* m_priceRow = nullptr;
    QLabel* m_priceError = nullptr;
    QLabel* m_qtyLabel = nullptr;
    DecimalEdit* m_qty = nullptr;
    QLabel* m_qtyError = nullptr;
    QComboBox* m_qtyUnit = nullptr; // 0: base coin, 1: quote currency
    bool m_unitShown = false;       // the unit choice was offered at the last update (preselect on entry)
    QLabel* m_available = nullptr;
    QList<QPushButton*> m_percents;
    QLabel* m_tifLabel = nullptr;
    QComboBox* m_tif = nullptr;
    QCheckBox* m_reduceOnly = nullptr;
    QLabel* m_optionsError = nullptr;
    QCheckBox* m_tpsl = nullptr;
    DecimalEdit* m_takeProfit = nullptr;
    DecimalEdit* m_stopLoss = nullptr;
    QWidget* m_tpslRow = nullptr;
    QLabel* m_tpslError = nullptr;
    QLabel* m_notional = nullptr;
    QLabel* m_fee = nullptr;
    QLabel* m_formError = nullptr;
    QCheckBox* m_confirm = nullptr;
    QPushButton* m_send = nullptr;
    QLabel* m_result = nullptr;
};
