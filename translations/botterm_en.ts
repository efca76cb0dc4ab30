<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
    <context>
        <name>AccountsDialog</name>
        <message>
            <source>Mainnet</source>
            <translation>Mainnet</translation>
        </message>
        <message>
            <source>Testnet</source>
            <translation>Testnet</translation>
        </message>
        <message>
            <source>Demo</source>
            <translation>Demo</translation>
        </message>
        <message>
            <source>Accounts</source>
            <translation>Accounts</translation>
        </message>
        <message>
            <source>Venue</source>
            <translation>Venue</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Environment</source>
            <translation>Environment</translation>
        </message>
        <message>
            <source>Passphrase</source>
            <translation>Passphrase</translation>
        </message>
        <message>
            <source>&amp;Add</source>
            <translation>&amp;Add</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <source>&amp;Remove</source>
            <translation>&amp;Remove</translation>
        </message>
        <message>
            <source>&amp;Test connection</source>
            <translation>&amp;Test connection</translation>
        </message>
        <message>
            <source>Venue:</source>
            <translation>Venue:</translation>
        </message>
        <message>
            <source>Environment:</source>
            <translation>Environment:</translation>
        </message>
        <message>
            <source>Name:</source>
            <translation>Name:</translation>
        </message>
        <message>
            <source>API key:</source>
            <translation>API key:</translation>
        </message>
        <message>
            <source>Secret:</source>
            <translation>Secret:</translation>
        </message>
        <message>
            <source>Passphrase:</source>
            <translation>Passphrase:</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Save</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Yes</source>
            <translation>Yes</translation>
        </message>
        <message>
            <source>No</source>
            <translation>No</translation>
        </message>
        <message>
            <source>Select an account first.</source>
            <translation>Select an account first.</translation>
        </message>
        <message>
            <source>unchanged</source>
            <translation>unchanged</translation>
        </message>
        <message>
            <source>Account removed.</source>
            <translation>Account removed.</translation>
        </message>
        <message>
            <source>Could not remove the account: %1</source>
            <translation>Could not remove the account: %1</translation>
        </message>
        <message>
            <source>Enter a name for the account.</source>
            <translation>Enter a name for the account.</translation>
        </message>
        <message>
            <source>Enter the API key and the secret.</source>
            <translation>Enter the API key and the secret.</translation>
        </message>
        <message>
            <source>No OS keychain is available, so nothing was stored. Start a Secret Service (GNOME Keyring, KWallet) and try again.</source>
            <translation>No OS keychain is available, so nothing was stored. Start a Secret Service (GNOME Keyring, KWallet) and try again.</translation>
        </message>
        <message>
            <source>Could not store the account: %1</source>
            <translation>Could not store the account: %1</translation>
        </message>
        <message>
            <source>Account saved.</source>
            <translation>Account saved.</translation>
        </message>
        <message>
            <source>Testing the connection…</source>
            <translation>Testing the connection…</translation>
        </message>
        <message>
            <source>Could not read the account from the keychain: %1</source>
            <translation>Could not read the account from the keychain: %1</translation>
        </message>
    </context>
    <context>
        <name>CandleModel</name>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>High</source>
            <translation>High</translation>
        </message>
        <message>
            <source>Low</source>
            <translation>Low</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Volume</source>
            <translation>Volume</translation>
        </message>
    </context>
    <context>
        <name>ChartDock</name>
        <message>
            <source>Chart</source>
            <translation>Chart</translation>
        </message>
        <message>
            <source>Candles of %1</source>
            <translation>Candles of %1</translation>
        </message>
    </context>
    <context>
        <name>ChartWidget</name>
        <message>
            <source>1m</source>
            <translation>1m</translation>
        </message>
        <message>
            <source>5m</source>
            <translation>5m</translation>
        </message>
        <message>
            <source>15m</source>
            <translation>15m</translation>
        </message>
        <message>
            <source>1h</source>
            <translation>1h</translation>
        </message>
        <message>
            <source>4h</source>
            <translation>4h</translation>
        </message>
        <message>
            <source>1D</source>
            <translation>1D</translation>
        </message>
        <message>
            <source>O %1  H %2  L %3  C %4  V %5  %6%</source>
            <translation>O %1  H %2  L %3  C %4  V %5  %6%</translation>
        </message>
        <message>
            <source>No symbol selected</source>
            <translation>No symbol selected</translation>
        </message>
        <message>
            <source>O</source>
            <translation>O</translation>
        </message>
        <message>
            <source>H</source>
            <translation>H</translation>
        </message>
        <message>
            <source>L</source>
            <translation>L</translation>
        </message>
        <message>
            <source>C</source>
            <translation>C</translation>
        </message>
        <message>
            <source>V</source>
            <translation>V</translation>
        </message>
        <message>
            <source>Loading %1 candles…</source>
            <translation>Loading %1 candles…</translation>
        </message>
    </context>
    <context>
        <name>LadderDock</name>
        <message>
            <source>Order book</source>
            <translation>Order book</translation>
        </message>
        <message>
            <source>Levels</source>
            <translation>Levels</translation>
        </message>
        <message>
            <source>Group</source>
            <translation>Group</translation>
        </message>
        <message>
            <source>Price levels shown on each side</source>
            <translation>Price levels shown on each side</translation>
        </message>
        <message>
            <source>Aggregate price levels into steps of this size (multiples of the tick)</source>
            <translation>Aggregate price levels into steps of this size (multiples of the tick)</translation>
        </message>
    </context>
    <context>
        <name>LadderWidget</name>
        <message>
            <source>No symbol selected</source>
            <translation>No symbol selected</translation>
        </message>
        <message>
            <source>Waiting for the order book…</source>
            <translation>Waiting for the order book…</translation>
        </message>
        <message>
            <source>Resyncing — the book is being rebuilt</source>
            <translation>Resyncing — the book is being rebuilt</translation>
        </message>
        <message>
            <source>Stale — no updates from the venue</source>
            <translation>Stale — no updates from the venue</translation>
        </message>
        <message>
            <source>Spread %1 (%2 bp)</source>
            <translation>Spread %1 (%2 bp)</translation>
        </message>
        <message>
            <source>Mid %1</source>
            <translation>Mid %1</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>&amp;Reset layout</source>
            <translation>&amp;Reset layout</translation>
        </message>
        <message>
            <source>&amp;Theme</source>
            <translation>&amp;Theme</translation>
        </message>
        <message>
            <source>&amp;Dark</source>
            <translation>&amp;Dark</translation>
        </message>
        <message>
            <source>&amp;Light</source>
            <translation>&amp;Light</translation>
        </message>
        <message>
            <source>&amp;Settings</source>
            <translation>&amp;Settings</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Language</translation>
        </message>
        <message>
            <source>&amp;System default</source>
            <translation>&amp;System default</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>&amp;About botterm</source>
            <translation>&amp;About botterm</translation>
        </message>
        <message>
            <source>DEMO</source>
            <translation>DEMO</translation>
        </message>
        <message>
            <source>botterm — %1</source>
            <translation>botterm — %1</translation>
        </message>
        <message>
            <source>botterm — %1 — %2</source>
            <translation>botterm — %1 — %2</translation>
        </message>
        <message>
            <source>&lt;h3&gt;botterm %1&lt;/h3&gt;&lt;p&gt;A fast, trustworthy desktop trading terminal.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;OpenSSL&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;TLS (Qt)&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</source>
            <translation>&lt;h3&gt;botterm %1&lt;/h3&gt;&lt;p&gt;A fast, trustworthy desktop trading terminal.&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2 (built with %3)&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;OpenSSL&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;TLS (Qt)&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
        </message>
        <message>
            <source>About botterm</source>
            <translation>About botterm</translation>
        </message>
        <message>
            <source>No OS keychain: the demo account is kept in memory for this run only (%1)</source>
            <translation>No OS keychain: the demo account is kept in memory for this run only (%1)</translation>
        </message>
        <message>
            <source>&amp;Accounts…</source>
            <translation>&amp;Accounts…</translation>
        </message>
    </context>
    <context>
        <name>MarketStatusBar</name>
        <message>
            <source>Spot</source>
            <translation>Spot</translation>
        </message>
        <message>
            <source>Perp</source>
            <translation>Perp</translation>
        </message>
        <message>
            <source>Inverse</source>
            <translation>Inverse</translation>
        </message>
        <message>
            <source>Options</source>
            <translation>Options</translation>
        </message>
        <message>
            <source>DEMO</source>
            <translation>DEMO</translation>
        </message>
        <message>
            <source>The built-in demo venue: simulated prices, no real market and no real money</source>
            <translation>The built-in demo venue: simulated prices, no real market and no real money</translation>
        </message>
        <message>
            <source>live</source>
            <translation>live</translation>
        </message>
        <message>
            <source>connecting…</source>
            <translation>connecting…</translation>
        </message>
        <message>
            <source>reconnecting in %1 s</source>
            <translation>reconnecting in %1 s</translation>
        </message>
        <message>
            <source>down</source>
            <translation>down</translation>
        </message>
        <message>
            <source>%1 stream: %2 messages/s</source>
            <translation>%1 stream: %2 messages/s</translation>
        </message>
        <message>
            <source>%1 msg/s</source>
            <translation>%1 msg/s</translation>
        </message>
        <message>
            <source>Messages per second received over all streams</source>
            <translation>Messages per second received over all streams</translation>
        </message>
        <message>
            <source>RTT %1 ms</source>
            <translation>RTT %1 ms</translation>
        </message>
        <message>
            <source>RTT –</source>
            <translation>RTT –</translation>
        </message>
        <message>
            <source>Round trip of the venue's ping</source>
            <translation>Round trip of the venue's ping</translation>
        </message>
        <message>
            <source>Clock %1%2 ms</source>
            <translation>Clock %1%2 ms</translation>
        </message>
        <message>
            <source>Clock –</source>
            <translation>Clock –</translation>
        </message>
        <message>
            <source>Venue clock minus local clock, estimated from message timestamps</source>
            <translation>Venue clock minus local clock, estimated from message timestamps</translation>
        </message>
    </context>
    <context>
        <name>OrderBookModel</name>
        <message>
            <source>Price</source>
            <translation>Price</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
    </context>
    <context>
        <name>SymbolPicker</name>
        <message>
            <source>Spot</source>
            <translation>Spot</translation>
        </message>
        <message>
            <source>USDT perpetual</source>
            <translation>USDT perpetual</translation>
        </message>
        <message>
            <source>Inverse</source>
            <translation>Inverse</translation>
        </message>
        <message>
            <source>Option</source>
            <translation>Option</translation>
        </message>
        <message>
            <source>Add symbols</source>
            <translation>Add symbols</translation>
        </message>
        <message>
            <source>Filter, e.g. BTC</source>
            <translation>Filter, e.g. BTC</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>Add</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Symbol</source>
            <translation>Symbol</translation>
        </message>
        <message>
            <source>Market</source>
            <translation>Market</translation>
        </message>
        <message>
            <source>Base</source>
            <translation>Base</translation>
        </message>
        <message>
            <source>Quote</source>
            <translation>Quote</translation>
        </message>
        <message>
            <source>Tick size</source>
            <translation>Tick size</translation>
        </message>
        <message>
            <source>Already in the watchlist</source>
            <translation>Already in the watchlist</translation>
        </message>
        <message>
            <source>Waiting for the venue's instrument list…</source>
            <translation>Waiting for the venue's instrument list…</translation>
        </message>
        <message numerus="yes">
            <source>%n instrument(s)</source>
            <translation>
                <numerusform>%n instrument</numerusform>
                <numerusform>%n instruments</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>TickerModel</name>
        <message>
            <source>Symbol</source>
            <translation>Symbol</translation>
        </message>
        <message>
            <source>Last</source>
            <translation>Last</translation>
        </message>
        <message>
            <source>24h %</source>
            <translation>24h %</translation>
        </message>
        <message>
            <source>Bid</source>
            <translation>Bid</translation>
        </message>
        <message>
            <source>Ask</source>
            <translation>Ask</translation>
        </message>
        <message>
            <source>24h Volume</source>
            <translation>24h Volume</translation>
        </message>
        <message>
            <source>24h High</source>
            <translation>24h High</translation>
        </message>
        <message>
            <source>24h Low</source>
            <translation>24h Low</translation>
        </message>
    </context>
    <context>
        <name>TradesDock</name>
        <message>
            <source>Buy</source>
            <translation>Buy</translation>
        </message>
        <message>
            <source>Sell</source>
            <translation>Sell</translation>
        </message>
        <message>
            <source>Trades</source>
            <translation>Trades</translation>
        </message>
    </context>
    <context>
        <name>TradesModel</name>
        <message>
            <source>Time</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>Price</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Side</source>
            <translation>Side</translation>
        </message>
    </context>
    <context>
        <name>WatchlistDock</name>
        <message>
            <source>SPOT</source>
            <translation>SPOT</translation>
        </message>
        <message>
            <source>PERP</source>
            <translation>PERP</translation>
        </message>
        <message>
            <source>INV</source>
            <translation>INV</translation>
        </message>
        <message>
            <source>OPT</source>
            <translation>OPT</translation>
        </message>
        <message>
            <source>Watchlist</source>
            <translation>Watchlist</translation>
        </message>
        <message>
            <source>+ Add symbol…</source>
            <translation>+ Add symbol…</translation>
        </message>
        <message>
            <source>Add symbols from the venue's instruments (Insert)</source>
            <translation>Add symbols from the venue's instruments (Insert)</translation>
        </message>
        <message>
            <source>− Remove</source>
            <translation>− Remove</translation>
        </message>
        <message>
            <source>Remove the selected symbol from the watchlist (Delete)</source>
            <translation>Remove the selected symbol from the watchlist (Delete)</translation>
        </message>
    </context>
    <context>
        <name>main</name>
        <message>
            <source>The demo venue could not start: %1</source>
            <translation>The demo venue could not start: %1</translation>
        </message>
        <message>
            <source>Demo venue (Bybit V5) on 127.0.0.1:%1</source>
            <translation>Demo venue (Bybit V5) on 127.0.0.1:%1</translation>
        </message>
    </context>
</TS>
