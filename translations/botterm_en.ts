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
    <name>AmendDialog</name>
    <message>
        <source>Amend order</source>
        <translation>Amend order</translation>
    </message>
    <message>
        <source>%1 %2 %3 %4 · filled %5</source>
        <translation>%1 %2 %3 %4 · filled %5</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>at %1</translation>
    </message>
    <message>
        <source>at market</source>
        <translation>at market</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Market</translation>
    </message>
    <message>
        <source>A multiple of the tick %1</source>
        <translation>A multiple of the tick %1</translation>
    </message>
    <message>
        <source>A multiple of the lot step %1, at least %2</source>
        <translation>A multiple of the lot step %1, at least %2</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Amend</source>
        <translation>Amend</translation>
    </message>
    <message>
        <source>Enter a price.</source>
        <translation>Enter a price.</translation>
    </message>
    <message>
        <source>The price “%1” is not a number.</source>
        <translation>The price “%1” is not a number.</translation>
    </message>
    <message>
        <source>Enter a quantity.</source>
        <translation>Enter a quantity.</translation>
    </message>
    <message>
        <source>The quantity “%1” is not a number.</source>
        <translation>The quantity “%1” is not a number.</translation>
    </message>
    <message>
        <source>The price must be greater than 0.</source>
        <translation>The price must be greater than 0.</translation>
    </message>
    <message>
        <source>The price %1 is not a multiple of the tick %2 (nearest: %3).</source>
        <translation>The price %1 is not a multiple of the tick %2 (nearest: %3).</translation>
    </message>
    <message>
        <source>The price %1 is not a multiple of the tick %2.</source>
        <translation>The price %1 is not a multiple of the tick %2.</translation>
    </message>
    <message>
        <source>The quantity must be greater than 0.</source>
        <translation>The quantity must be greater than 0.</translation>
    </message>
    <message>
        <source>The quantity %1 is not a multiple of the lot step %2.</source>
        <translation>The quantity %1 is not a multiple of the lot step %2.</translation>
    </message>
    <message>
        <source>The quantity %1 is below the minimum %2.</source>
        <translation>The quantity %1 is below the minimum %2.</translation>
    </message>
    <message>
        <source>The quantity %1 is above the maximum %2.</source>
        <translation>The quantity %1 is above the maximum %2.</translation>
    </message>
    <message>
        <source>The order&apos;s value is below the minimum notional %1.</source>
        <translation>The order&apos;s value is below the minimum notional %1.</translation>
    </message>
    <message>
        <source>The quantity must be more than the %1 already filled.</source>
        <translation>The quantity must be more than the %1 already filled.</translation>
    </message>
</context>
<context>
    <name>BalancesDock</name>
    <message>
        <source>Balances</source>
        <translation>Balances</translation>
    </message>
    <message>
        <source>No trading account: add one in Settings → Accounts.</source>
        <translation>No trading account: add one in Settings → Accounts.</translation>
    </message>
    <message>
        <source>No balances yet</source>
        <translation>No balances yet</translation>
    </message>
</context>
<context>
    <name>BalancesModel</name>
    <message>
        <source>Coin</source>
        <translation>Coin</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>Wallet</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>Equity</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
</context>
<context>
    <name>BinanceTrading</name>
    <message>
        <source>Binance takes no take-profit or stop-loss attached to an order: place them as separate stop orders</source>
        <translation>Binance takes no take-profit or stop-loss attached to an order: place them as separate stop orders</translation>
    </message>
</context>
<context>
    <name>BitbankErrors</name>
    <message>
        <source>Url not found.</source>
        <translation>Url not found.</translation>
    </message>
    <message>
        <source>System error.</source>
        <translation>System error.</translation>
    </message>
    <message>
        <source>Malformed request.</source>
        <translation>Malformed request.</translation>
    </message>
    <message>
        <source>Timeout waiting for response.</source>
        <translation>Timeout waiting for response.</translation>
    </message>
    <message>
        <source>System maintenance.</source>
        <translation>System maintenance.</translation>
    </message>
    <message>
        <source>Server is busy. Retry later.</source>
        <translation>Server is busy. Retry later.</translation>
    </message>
    <message>
        <source>You sent requests too frequently. Retry later with decreased requests.</source>
        <translation>You sent requests too frequently. Retry later with decreased requests.</translation>
    </message>
    <message>
        <source>Authentication failed api authorization.</source>
        <translation>Authentication failed api authorization.</translation>
    </message>
    <message>
        <source>Invalid api key.</source>
        <translation>Invalid api key.</translation>
    </message>
    <message>
        <source>Api key not found.</source>
        <translation>Api key not found.</translation>
    </message>
    <message>
        <source>Invalid api nonce.</source>
        <translation>Invalid api nonce.</translation>
    </message>
    <message>
        <source>Invalid api signature.</source>
        <translation>Invalid api signature.</translation>
    </message>
    <message>
        <source>MFA failed.</source>
        <translation>MFA failed.</translation>
    </message>
    <message>
        <source>SMS verification failed.</source>
        <translation>SMS verification failed.</translation>
    </message>
    <message>
        <source>Please login. (This happens when you request API without /v1/.)</source>
        <translation>Please login. (This happens when you request API without /v1/.)</translation>
    </message>
    <message>
        <source>Please login. (This also happens when you request API without /v1/.)</source>
        <translation>Please login. (This also happens when you request API without /v1/.)</translation>
    </message>
    <message>
        <source>Missing OTP code.</source>
        <translation>Missing OTP code.</translation>
    </message>
    <message>
        <source>Missing SMS code.</source>
        <translation>Missing SMS code.</translation>
    </message>
    <message>
        <source>Missing OTP and SMS code.</source>
        <translation>Missing OTP and SMS code.</translation>
    </message>
    <message>
        <source>MFA is temporarily locked because too many failures. Please retry after 60 seconds.</source>
        <translation>MFA is temporarily locked because too many failures. Please retry after 60 seconds.</translation>
    </message>
    <message>
        <source>ACCESS-REQUEST-TIME not found.</source>
        <translation>ACCESS-REQUEST-TIME not found.</translation>
    </message>
    <message>
        <source>Invalid time of ACCESS-REQUEST-TIME.</source>
        <translation>Invalid time of ACCESS-REQUEST-TIME.</translation>
    </message>
    <message>
        <source>No request was sent within ACCESS-TIME-WINDOW.</source>
        <translation>No request was sent within ACCESS-TIME-WINDOW.</translation>
    </message>
    <message>
        <source>ACCESS-REQUEST-TIME and ACCESS-NONCE not found.</source>
        <translation>ACCESS-REQUEST-TIME and ACCESS-NONCE not found.</translation>
    </message>
    <message>
        <source>Invalid ACCESS-REQUEST-TIME.</source>
        <translation>Invalid ACCESS-REQUEST-TIME.</translation>
    </message>
    <message>
        <source>Invalid ACCESS-TIME-WINDOW.</source>
        <translation>Invalid ACCESS-TIME-WINDOW.</translation>
    </message>
    <message>
        <source>Invalid ACCESS-NONCE.</source>
        <translation>Invalid ACCESS-NONCE.</translation>
    </message>
    <message>
        <source>Missing order quantity.</source>
        <translation>Missing order quantity.</translation>
    </message>
    <message>
        <source>Missing order id.</source>
        <translation>Missing order id.</translation>
    </message>
    <message>
        <source>Missing order id array.</source>
        <translation>Missing order id array.</translation>
    </message>
    <message>
        <source>Missing asset.</source>
        <translation>Missing asset.</translation>
    </message>
    <message>
        <source>Missing order price.</source>
        <translation>Missing order price.</translation>
    </message>
    <message>
        <source>Missing side.</source>
        <translation>Missing side.</translation>
    </message>
    <message>
        <source>Missing order type.</source>
        <translation>Missing order type.</translation>
    </message>
    <message>
        <source>Missing uuid.</source>
        <translation>Missing uuid.</translation>
    </message>
    <message>
        <source>Missing withdraw amount.</source>
        <translation>Missing withdraw amount.</translation>
    </message>
    <message>
        <source>Missing trigger price.</source>
        <translation>Missing trigger price.</translation>
    </message>
    <message>
        <source>Invalid order quantity.</source>
        <translation>Invalid order quantity.</translation>
    </message>
    <message>
        <source>Invalid count.</source>
        <translation>Invalid count.</translation>
    </message>
    <message>
        <source>Invalid end param.</source>
        <translation>Invalid end param.</translation>
    </message>
    <message>
        <source>Invalid end_id.</source>
        <translation>Invalid end_id.</translation>
    </message>
    <message>
        <source>Invalid from_id.</source>
        <translation>Invalid from_id.</translation>
    </message>
    <message>
        <source>Invalid order id.</source>
        <translation>Invalid order id.</translation>
    </message>
    <message>
        <source>Invalid order id array.</source>
        <translation>Invalid order id array.</translation>
    </message>
    <message>
        <source>Too many orders are specified.</source>
        <translation>Too many orders are specified.</translation>
    </message>
    <message>
        <source>Invalid asset.</source>
        <translation>Invalid asset.</translation>
    </message>
    <message>
        <source>Invalid order price.</source>
        <translation>Invalid order price.</translation>
    </message>
    <message>
        <source>Invalid order side.</source>
        <translation>Invalid order side.</translation>
    </message>
    <message>
        <source>Invalid trading start time.</source>
        <translation>Invalid trading start time.</translation>
    </message>
    <message>
        <source>Invalid order type.</source>
        <translation>Invalid order type.</translation>
    </message>
    <message>
        <source>Invalid uuid.</source>
        <translation>Invalid uuid.</translation>
    </message>
    <message>
        <source>Invalid withdraw amount.</source>
        <translation>Invalid withdraw amount.</translation>
    </message>
    <message>
        <source>Invalid trigger price.</source>
        <translation>Invalid trigger price.</translation>
    </message>
    <message>
        <source>Invalid post_only.</source>
        <translation>Invalid post_only.</translation>
    </message>
    <message>
        <source>post_only can not be specified with such order type.</source>
        <translation>post_only can not be specified with such order type.</translation>
    </message>
    <message>
        <source>Invalid position side.</source>
        <translation>Invalid position side.</translation>
    </message>
    <message>
        <source>Can not be margin trading with such pair.</source>
        <translation>Can not be margin trading with such pair.</translation>
    </message>
    <message>
        <source>Stop open orders cannot be accepted.</source>
        <translation>Stop open orders cannot be accepted.</translation>
    </message>
    <message>
        <source>Account is restricted.</source>
        <translation>Account is restricted.</translation>
    </message>
    <message>
        <source>Account is provisional.</source>
        <translation>Account is provisional.</translation>
    </message>
    <message>
        <source>Account is blocked.</source>
        <translation>Account is blocked.</translation>
    </message>
    <message>
        <source>Identity verification is not finished.</source>
        <translation>Identity verification is not finished.</translation>
    </message>
    <message>
        <source>Order not found.</source>
        <translation>Order not found.</translation>
    </message>
    <message>
        <source>Order can not be canceled.</source>
        <translation>Order can not be canceled.</translation>
    </message>
    <message>
        <source>Api not found.</source>
        <translation>Api not found.</translation>
    </message>
    <message>
        <source>Order has already been canceled.</source>
        <translation>Order has already been canceled.</translation>
    </message>
    <message>
        <source>Order has already been executed.</source>
        <translation>Order has already been executed.</translation>
    </message>
    <message>
        <source>Margin trading review has not been completed.</source>
        <translation>Margin trading review has not been completed.</translation>
    </message>
    <message>
        <source>Temporarily restricting new margin orders. Please try your request again after a while.</source>
        <translation>Temporarily restricting new margin orders. Please try your request again after a while.</translation>
    </message>
    <message>
        <source>Exceeds available balance for open order.</source>
        <translation>Exceeds available balance for open order.</translation>
    </message>
    <message>
        <source>Exceeds total margin position.</source>
        <translation>Exceeds total margin position.</translation>
    </message>
    <message>
        <source>Buy orders cannot be used in spot transactions.</source>
        <translation>Buy orders cannot be used in spot transactions.</translation>
    </message>
    <message>
        <source>Sell orders cannot be used in spot transactions.</source>
        <translation>Sell orders cannot be used in spot transactions.</translation>
    </message>
    <message>
        <source>Open orders cannot be used in margin trading.</source>
        <translation>Open orders cannot be used in margin trading.</translation>
    </message>
    <message>
        <source>Close orders cannot be used in margin trading.</source>
        <translation>Close orders cannot be used in margin trading.</translation>
    </message>
    <message>
        <source>Insufficient amount.</source>
        <translation>Insufficient amount.</translation>
    </message>
    <message>
        <source>Market buy order quantity has exceeded the upper limit.</source>
        <translation>Market buy order quantity has exceeded the upper limit.</translation>
    </message>
    <message>
        <source>Order quantity has exceeded the limit.</source>
        <translation>Order quantity has exceeded the limit.</translation>
    </message>
    <message>
        <source>Order quantity has exceeded the lower threshold.</source>
        <translation>Order quantity has exceeded the lower threshold.</translation>
    </message>
    <message>
        <source>Order quantity has exceeded the upper limit.</source>
        <translation>Order quantity has exceeded the upper limit.</translation>
    </message>
    <message>
        <source>Order price has exceeded the lower limit.</source>
        <translation>Order price has exceeded the lower limit.</translation>
    </message>
    <message>
        <source>Too many Simultaneous orders, current limit is 30.</source>
        <translation>Too many Simultaneous orders, current limit is 30.</translation>
    </message>
    <message>
        <source>Trigger price has exceeded the upper limit.</source>
        <translation>Trigger price has exceeded the upper limit.</translation>
    </message>
    <message>
        <source>Trigger price to trigger immediately cannot be specified.</source>
        <translation>Trigger price to trigger immediately cannot be specified.</translation>
    </message>
    <message>
        <source>The side of a TakeProfit or StopLoss order must be in the close direction.</source>
        <translation>The side of a TakeProfit or StopLoss order must be in the close direction.</translation>
    </message>
    <message>
        <source>Order is restricted during suspension of transactions.</source>
        <translation>Order is restricted during suspension of transactions.</translation>
    </message>
    <message>
        <source>Buy order has been temporarily restricted.</source>
        <translation>Buy order has been temporarily restricted.</translation>
    </message>
    <message>
        <source>Sell order has been temporarily restricted.</source>
        <translation>Sell order has been temporarily restricted.</translation>
    </message>
    <message>
        <source>Market order has been temporarily restricted. Please use limit order instead.</source>
        <translation>Market order has been temporarily restricted. Please use limit order instead.</translation>
    </message>
    <message>
        <source>Minimum Order Quantity is increased temporarily.</source>
        <translation>Minimum Order Quantity is increased temporarily.</translation>
    </message>
    <message>
        <source>System is busy. Please try again.</source>
        <translation>System is busy. Please try again.</translation>
    </message>
    <message>
        <source>Order and cancel has been temporarily restricted.</source>
        <translation>Order and cancel has been temporarily restricted.</translation>
    </message>
    <message>
        <source>Withdraw and cancel request has been temporarily restricted.</source>
        <translation>Withdraw and cancel request has been temporarily restricted.</translation>
    </message>
    <message>
        <source>Lending and cancel request has been temporarily restricted.</source>
        <translation>Lending and cancel request has been temporarily restricted.</translation>
    </message>
    <message>
        <source>Lending and cancel request has been restricted.</source>
        <translation>Lending and cancel request has been restricted.</translation>
    </message>
    <message>
        <source>Orders on pair have been suspended.</source>
        <translation>Orders on pair have been suspended.</translation>
    </message>
    <message>
        <source>Order and cancel on pair have been suspended.</source>
        <translation>Order and cancel on pair have been suspended.</translation>
    </message>
    <message>
        <source>Order cancel request is in process.</source>
        <translation>Order cancel request is in process.</translation>
    </message>
    <message>
        <source>Market order has been temporarily restricted.</source>
        <translation>Market order has been temporarily restricted.</translation>
    </message>
    <message>
        <source>Limit order price is over the threshold.</source>
        <translation>Limit order price is over the threshold.</translation>
    </message>
    <message>
        <source>Stop limit order has been temporarily restricted.</source>
        <translation>Stop limit order has been temporarily restricted.</translation>
    </message>
    <message>
        <source>Stop order has been temporarily restricted.</source>
        <translation>Stop order has been temporarily restricted.</translation>
    </message>
    <message>
        <source>Long open order has been temporarily restricted.</source>
        <translation>Long open order has been temporarily restricted.</translation>
    </message>
    <message>
        <source>Short open order has been temporarily restricted.</source>
        <translation>Short open order has been temporarily restricted.</translation>
    </message>
    <message>
        <source>Order has been temporarily restricted.</source>
        <translation>Order has been temporarily restricted.</translation>
    </message>
    <message>
        <source>bitbank error %1</source>
        <translation>bitbank error %1</translation>
    </message>
</context>
<context>
    <name>BitbankPrivateStream</name>
    <message>
        <source>PubNub refused the bitbank stream token: %1</source>
        <translation>PubNub refused the bitbank stream token: %1</translation>
    </message>
    <message>
        <source>bitbank private stream: HTTP %1 from PubNub</source>
        <translation>bitbank private stream: HTTP %1 from PubNub</translation>
    </message>
    <message>
        <source>bitbank private stream: %1</source>
        <translation>bitbank private stream: %1</translation>
    </message>
    <message>
        <source>bitbank private stream: unreadable PubNub reply: %1</source>
        <translation>bitbank private stream: unreadable PubNub reply: %1</translation>
    </message>
</context>
<context>
    <name>BitbankTrading</name>
    <message>
        <source>bitbank orders have no time in force: IOC and FOK are not offered</source>
        <translation>bitbank orders have no time in force: IOC and FOK are not offered</translation>
    </message>
    <message>
        <source>bitbank spot orders cannot be reduce-only</source>
        <translation>bitbank spot orders cannot be reduce-only</translation>
    </message>
    <message>
        <source>bitbank takes no take-profit or stop-loss attached to an order: place them as separate stop orders</source>
        <translation>bitbank takes no take-profit or stop-loss attached to an order: place them as separate stop orders</translation>
    </message>
    <message>
        <source>bitbank takes post-only on plain limit orders only</source>
        <translation>bitbank takes post-only on plain limit orders only</translation>
    </message>
    <message>
        <source>bitbank stop orders trigger in the direction of their side: a buy stop above the market, a sell stop below it</source>
        <translation>bitbank stop orders trigger in the direction of their side: a buy stop above the market, a sell stop below it</translation>
    </message>
    <message>
        <source>bitbank cannot amend an order: cancel it and place a new one</source>
        <translation>bitbank cannot amend an order: cancel it and place a new one</translation>
    </message>
    <message>
        <source>bitbank trades spot and margin (linear) only</source>
        <translation>bitbank trades spot and margin (linear) only</translation>
    </message>
    <message>
        <source>bitbank spot orders have no long or short leg: margin orders are placed on the linear market</source>
        <translation>bitbank spot orders have no long or short leg: margin orders are placed on the linear market</translation>
    </message>
    <message>
        <source>a reduce-only bitbank margin order closes its leg: sell the long leg, buy the short leg</source>
        <translation>a reduce-only bitbank margin order closes its leg: sell the long leg, buy the short leg</translation>
    </message>
    <message>
        <source>bitbank margin: the notice is resolved</source>
        <translation>bitbank margin: the notice is resolved</translation>
    </message>
    <message>
        <source>bitbank margin call</source>
        <translation>bitbank margin call</translation>
    </message>
    <message>
        <source>bitbank margin shortfall</source>
        <translation>bitbank margin shortfall</translation>
    </message>
    <message>
        <source>bitbank margin debt settled</source>
        <translation>bitbank margin debt settled</translation>
    </message>
    <message>
        <source>bitbank margin notice %1</source>
        <translation>bitbank margin notice %1</translation>
    </message>
    <message>
        <source>%1 JPY</source>
        <translation>%1 JPY</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>due %1</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>since %1</translation>
    </message>
    <message>
        <source>bitbank margin payables: %1 JPY</source>
        <translation>bitbank margin payables: %1 JPY</translation>
    </message>
</context>
<context>
    <name>BitflyerTrading</name>
    <message>
        <source>bitFlyer has no post-only orders</source>
        <translation>bitFlyer has no post-only orders</translation>
    </message>
    <message>
        <source>bitFlyer has no reduce-only orders: an opposite order reduces the FX position</source>
        <translation>bitFlyer has no reduce-only orders: an opposite order reduces the FX position</translation>
    </message>
    <message>
        <source>bitFlyer cannot amend an order: cancel it and place a new one</source>
        <translation>bitFlyer cannot amend an order: cancel it and place a new one</translation>
    </message>
    <message>
        <source>bitFlyer takes no take-profit or stop-loss attached to an order: place the stop-loss as a separate stop order</source>
        <translation>bitFlyer takes no take-profit or stop-loss attached to an order: place the stop-loss as a separate stop order</translation>
    </message>
    <message>
        <source>bitFlyer stop orders buy when the price rises to the trigger price and sell when it falls to it</source>
        <translation>bitFlyer stop orders buy when the price rises to the trigger price and sell when it falls to it</translation>
    </message>
</context>
<context>
    <name>BitmexTrading</name>
    <message>
        <source>BitMEX takes no take-profit or stop-loss attached to an order: place them as separate reduce-only stop or if-touched orders once the position is open</source>
        <translation>BitMEX takes no take-profit or stop-loss attached to an order: place them as separate reduce-only stop or if-touched orders once the position is open</translation>
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
    <message>
        <source>Mark %1</source>
        <translation>Mark %1</translation>
    </message>
    <message>
        <source>Index %1</source>
        <translation>Index %1</translation>
    </message>
    <message>
        <source>Funding %1</source>
        <translation>Funding %1</translation>
    </message>
    <message>
        <source>Funding %1 in %2</source>
        <translation>Funding %1 in %2</translation>
    </message>
    <message>
        <source>OI %1</source>
        <translation>OI %1</translation>
    </message>
    <message>
        <source>Mark and index price, the funding rate (positive: longs pay shorts) with the time until it is paid, and the open interest, as the venue streams them</source>
        <translation>Mark and index price, the funding rate (positive: longs pay shorts) with the time until it is paid, and the open interest, as the venue streams them</translation>
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
    <name>CoincheckTrading</name>
    <message>
        <source>Coincheck takes no trigger price: stop orders are not offered here</source>
        <translation>Coincheck takes no trigger price: stop orders are not offered here</translation>
    </message>
    <message>
        <source>Coincheck takes no take-profit or stop-loss attached to an order</source>
        <translation>Coincheck takes no take-profit or stop-loss attached to an order</translation>
    </message>
    <message>
        <source>Coincheck trades spot only: an order cannot be reduce-only</source>
        <translation>Coincheck trades spot only: an order cannot be reduce-only</translation>
    </message>
    <message>
        <source>Coincheck orders take no IOC or FOK time in force</source>
        <translation>Coincheck orders take no IOC or FOK time in force</translation>
    </message>
    <message>
        <source>A Coincheck market order cannot be post-only</source>
        <translation>A Coincheck market order cannot be post-only</translation>
    </message>
    <message>
        <source>Coincheck cannot amend an order: cancel it and place a new one</source>
        <translation>Coincheck cannot amend an order: cancel it and place a new one</translation>
    </message>
    <message>
        <source>A Coincheck market buy is sized in JPY, the amount to spend: enter the amount in JPY (or place a limit buy)</source>
        <translation>A Coincheck market buy is sized in JPY, the amount to spend: enter the amount in JPY (or place a limit buy)</translation>
    </message>
    <message>
        <source>Coincheck sizes only a market buy in JPY: a limit order or a sell is sized in the coin</source>
        <translation>Coincheck sizes only a market buy in JPY: a limit order or a sell is sized in the coin</translation>
    </message>
</context>
<context>
    <name>FillsModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Side</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>Maker/taker</source>
        <translation>Maker/taker</translation>
    </message>
    <message>
        <source>Maker</source>
        <translation>Maker</translation>
    </message>
    <message>
        <source>Taker</source>
        <translation>Taker</translation>
    </message>
    <message>
        <source>Execution %1 of order %2</source>
        <translation>Execution %1 of order %2</translation>
    </message>
</context>
<context>
    <name>GmocoinTrading</name>
    <message>
        <source>GMO Coin takes no take-profit or stop-loss attached to an order: place them as separate stop or limit orders</source>
        <translation>GMO Coin takes no take-profit or stop-loss attached to an order: place them as separate stop or limit orders</translation>
    </message>
    <message>
        <source>GMO Coin spot orders cannot be reduce-only: only leverage positions are closed</source>
        <translation>GMO Coin spot orders cannot be reduce-only: only leverage positions are closed</translation>
    </message>
    <message>
        <source>GMO Coin&apos;s stop orders are stop-market: a triggered order cannot carry a limit price</source>
        <translation>GMO Coin&apos;s stop orders are stop-market: a triggered order cannot carry a limit price</translation>
    </message>
    <message>
        <source>GMO Coin&apos;s stop orders take no time in force</source>
        <translation>GMO Coin&apos;s stop orders take no time in force</translation>
    </message>
    <message>
        <source>A GMO Coin market order cannot be post-only</source>
        <translation>A GMO Coin market order cannot be post-only</translation>
    </message>
    <message>
        <source>GMO Coin amends the price only: cancel the order and place a new one</source>
        <translation>GMO Coin amends the price only: cancel the order and place a new one</translation>
    </message>
    <message>
        <source>GMO Coin spot orders open no position: only leverage orders name a long or short leg</source>
        <translation>GMO Coin spot orders open no position: only leverage orders name a long or short leg</translation>
    </message>
    <message>
        <source>A reduce-only order closing the long leg at GMO Coin must be a sell</source>
        <translation>A reduce-only order closing the long leg at GMO Coin must be a sell</translation>
    </message>
    <message>
        <source>A reduce-only order closing the short leg at GMO Coin must be a buy</source>
        <translation>A reduce-only order closing the short leg at GMO Coin must be a buy</translation>
    </message>
    <message>
        <source>GMO Coin&apos;s spot wallet holds no positions: only leverage positions are closed by id</source>
        <translation>GMO Coin&apos;s spot wallet holds no positions: only leverage positions are closed by id</translation>
    </message>
    <message>
        <source>GMO Coin position %1 is not an open %2 position botterm knows of: read the positions again</source>
        <translation>GMO Coin position %1 is not an open %2 position botterm knows of: read the positions again</translation>
    </message>
    <message>
        <source>GMO Coin position %1 is a long one: it is closed by a sell</source>
        <translation>GMO Coin position %1 is a long one: it is closed by a sell</translation>
    </message>
    <message>
        <source>GMO Coin position %1 is a short one: it is closed by a buy</source>
        <translation>GMO Coin position %1 is a short one: it is closed by a buy</translation>
    </message>
    <message>
        <source>GMO Coin position %1 is not on the leg the order names</source>
        <translation>GMO Coin position %1 is not on the leg the order names</translation>
    </message>
    <message>
        <source>GMO Coin position %1 holds %2: a close of %3 is larger than it</source>
        <translation>GMO Coin position %1 holds %2: a close of %3 is larger than it</translation>
    </message>
    <message>
        <source>A close of one GMO Coin position takes no trigger price</source>
        <translation>A close of one GMO Coin position takes no trigger price</translation>
    </message>
</context>
<context>
    <name>KeyStore</name>
    <message>
        <source>%1 account &quot;%2&quot; (%3)</source>
        <translation>%1 account &quot;%2&quot; (%3)</translation>
    </message>
    <message>
        <source>no API key is stored for %1</source>
        <translation>no API key is stored for %1</translation>
    </message>
    <message>
        <source>the keychain refused access (it may be locked): %1</source>
        <translation>the keychain refused access (it may be locked): %1</translation>
    </message>
    <message>
        <source>nothing was stored</source>
        <translation>nothing was stored</translation>
    </message>
    <message>
        <source>nothing was removed</source>
        <translation>nothing was removed</translation>
    </message>
    <message>
        <source>the key cannot be read</source>
        <translation>the key cannot be read</translation>
    </message>
    <message>
        <source>no keychain is reachable (botterm keeps API keys only in the OS keychain: on Linux a Secret Service such as gnome-keyring or KWallet on the D-Bus session bus): %1; %2</source>
        <translation>no keychain is reachable (botterm keeps API keys only in the OS keychain: on Linux a Secret Service such as gnome-keyring or KWallet on the D-Bus session bus): %1; %2</translation>
    </message>
    <message>
        <source>keychain error for %1: %2</source>
        <translation>keychain error for %1: %2</translation>
    </message>
    <message>
        <source>an API key needs a venue, an account name, a key and a secret</source>
        <translation>an API key needs a venue, an account name, a key and a secret</translation>
    </message>
    <message>
        <source>the key for %1 is in the keychain, but the account list in %2 could not be written</source>
        <translation>the key for %1 is in the keychain, but the account list in %2 could not be written</translation>
    </message>
    <message>
        <source>the keychain entry for %1 is not in botterm&apos;s format</source>
        <translation>the keychain entry for %1 is not in botterm&apos;s format</translation>
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
    <message>
        <source>Buy</source>
        <translation>Buy</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Sell</translation>
    </message>
    <message>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>not loaded yet</translation>
    </message>
    <message>
        <source>resyncing</source>
        <translation>resyncing</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>stale</translation>
    </message>
    <message>
        <source>Preset %1: quantity %2</source>
        <translation>Preset %1: quantity %2</translation>
    </message>
    <message>
        <source>Not sent: no trading account</source>
        <translation>Not sent: no trading account</translation>
    </message>
    <message>
        <source>Not sent: the account is not live</source>
        <translation>Not sent: the account is not live</translation>
    </message>
    <message>
        <source>Not sent: the order book is %1</source>
        <translation>Not sent: the order book is %1</translation>
    </message>
    <message>
        <source>Not sent: %1 has no instrument rules loaded yet</source>
        <translation>Not sent: %1 has no instrument rules loaded yet</translation>
    </message>
    <message>
        <source>%1 stop %2 %3 at %4</source>
        <translation>%1 stop %2 %3 at %4</translation>
    </message>
    <message>
        <source>%1 %2 %3 at market</source>
        <translation>%1 %2 %3 at market</translation>
    </message>
    <message>
        <source>%1 %2 %3 @ %4 IOC</source>
        <translation>%1 %2 %3 @ %4 IOC</translation>
    </message>
    <message>
        <source>%1 %2 %3 @ %4</source>
        <translation>%1 %2 %3 @ %4</translation>
    </message>
    <message>
        <source>Not sent: enter a quantity on the lot first</source>
        <translation>Not sent: enter a quantity on the lot first</translation>
    </message>
    <message>
        <source>Confirm order</source>
        <translation>Confirm order</translation>
    </message>
    <message>
        <source>%1

%2

Send it anyway?</source>
        <translation>%1

%2

Send it anyway?</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Not sent: %1</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>Sending %1…</translation>
    </message>
    <message>
        <source>%1: working</source>
        <translation>%1: working</translation>
    </message>
    <message>
        <source>%1: filled</source>
        <translation>%1: filled</translation>
    </message>
    <message>
        <source>%1: accepted</source>
        <translation>%1: accepted</translation>
    </message>
    <message>
        <source>%1: cancelled by the venue (%2)</source>
        <translation>%1: cancelled by the venue (%2)</translation>
    </message>
    <message>
        <source>%1: not sent: %2</source>
        <translation>%1: not sent: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: outcome unknown (client id %2)</source>
        <translation>%1: outcome unknown (client id %2)</translation>
    </message>
    <message>
        <source>Cancelling the order…</source>
        <translation>Cancelling the order…</translation>
    </message>
    <message numerus="yes">
        <source>Cancelling %n orders…</source>
        <translation>
            <numerusform>Cancelling %n order…</numerusform>
            <numerusform>Cancelling %n orders…</numerusform>
        </translation>
    </message>
    <message>
        <source>Order cancelled</source>
        <translation>Order cancelled</translation>
    </message>
    <message>
        <source>Cancel failed: %1</source>
        <translation>Cancel failed: %1</translation>
    </message>
    <message>
        <source>Not sent: only resting limit orders can be moved on the ladder</source>
        <translation>Not sent: only resting limit orders can be moved on the ladder</translation>
    </message>
    <message>
        <source>Move %1 %2 %3 to %4</source>
        <translation>Move %1 %2 %3 to %4</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: done</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>The quantity a ladder click or a hotkey trades (on the lot; arrows step by one lot)</source>
        <translation>The quantity a ladder click or a hotkey trades (on the lot; arrows step by one lot)</translation>
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
    <message>
        <source>Buy</source>
        <translation>Buy</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Sell</translation>
    </message>
    <message>
        <source>%1 stop %2, triggered at %3</source>
        <translation>%1 stop %2, triggered at %3</translation>
    </message>
    <message>
        <source>%1 %2 @ %3</source>
        <translation>%1 %2 @ %3</translation>
    </message>
    <message>
        <source>Click to cancel; drag to another row to move</source>
        <translation>Click to cancel; drag to another row to move</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>Bid</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Ask</translation>
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
    <message>
        <source>No %1 account: add one in Settings → Accounts</source>
        <translation>No %1 account: add one in Settings → Accounts</translation>
    </message>
    <message>
        <source>No trading (market data only)</source>
        <translation>No trading (market data only)</translation>
    </message>
    <message>
        <source>&amp;Trading…</source>
        <translation>&amp;Trading…</translation>
    </message>
    <message>
        <source>Trade &amp;with</source>
        <translation>Trade &amp;with</translation>
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
        <source>Round trip of the venue&apos;s ping</source>
        <translation>Round trip of the venue&apos;s ping</translation>
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
    <message>
        <source>trading live</source>
        <translation>trading live</translation>
    </message>
    <message>
        <source>trading off</source>
        <translation>trading off</translation>
    </message>
    <message>
        <source>logging in…</source>
        <translation>logging in…</translation>
    </message>
    <message>
        <source>loading orders and positions…</source>
        <translation>loading orders and positions…</translation>
    </message>
    <message>
        <source>reconnecting…</source>
        <translation>reconnecting…</translation>
    </message>
    <message>
        <source>login refused: %1</source>
        <translation>login refused: %1</translation>
    </message>
    <message>
        <source>The trading account: orders are enabled only while it is live</source>
        <translation>The trading account: orders are enabled only while it is live</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>market, connection</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>A notice from the venue to this account. Click to dismiss.</source>
        <translation>A notice from the venue to this account. Click to dismiss.</translation>
    </message>
</context>
<context>
    <name>OkxTrading</name>
    <message>
        <source>OKX spot orders cannot be reduce-only</source>
        <translation>OKX spot orders cannot be reduce-only</translation>
    </message>
    <message>
        <source>OKX trigger orders cannot be post-only</source>
        <translation>OKX trigger orders cannot be post-only</translation>
    </message>
    <message>
        <source>OKX cannot add a trigger price to a placed order; cancel it and place a stop order</source>
        <translation>OKX cannot add a trigger price to a placed order; cancel it and place a stop order</translation>
    </message>
    <message>
        <source>This OKX stop places a market order: it has no price to change</source>
        <translation>This OKX stop places a market order: it has no price to change</translation>
    </message>
</context>
<context>
    <name>OpenOrdersModel</name>
    <message>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Side</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>Filled</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Time in force</source>
        <translation>Time in force</translation>
    </message>
    <message>
        <source>Reduce-only</source>
        <translation>Reduce-only</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Stop %1</source>
        <translation>Stop %1</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Market</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Trigger price %1</source>
        <translation>Trigger price %1</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Order %1</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <source>Waiting for the market to reach the trigger price %1</source>
        <translation>Waiting for the market to reach the trigger price %1</translation>
    </message>
    <message>
        <source>Triggered: sent to the book as a %1 order</source>
        <translation>Triggered: sent to the book as a %1 order</translation>
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
    <name>OrderConfirmation</name>
    <message>
        <source>stop market, trigger %1</source>
        <translation>stop market, trigger %1</translation>
    </message>
    <message>
        <source>stop limit %1, trigger %2</source>
        <translation>stop limit %1, trigger %2</translation>
    </message>
    <message>
        <source>market</source>
        <translation>market</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>limit %1</translation>
    </message>
    <message>
        <source>%1 %2 %3 (%4)</source>
        <translation>%1 %2 %3 (%4)</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>Buy</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Sell</translation>
    </message>
    <message>
        <source>reduce-only</source>
        <translation>reduce-only</translation>
    </message>
    <message>
        <source>TP %1</source>
        <translation>TP %1</translation>
    </message>
    <message>
        <source>SL %1</source>
        <translation>SL %1</translation>
    </message>
    <message>
        <source>Notional ≈ %1 %2</source>
        <translation>Notional ≈ %1 %2</translation>
    </message>
    <message>
        <source>Check this order</source>
        <translation>Check this order</translation>
    </message>
    <message>
        <source>Send this order?</source>
        <translation>Send this order?</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>Send anyway</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Buy %1 for %2 %3 at market (%4, %5)</source>
        <translation>Buy %1 for %2 %3 at market (%4, %5)</translation>
    </message>
    <message>
        <source>%1 %2 contracts %3 (%4)</source>
        <translation>%1 %2 contracts %3 (%4)</translation>
    </message>
</context>
<context>
    <name>OrderEntryDock</name>
    <message>
        <source>Order entry</source>
        <translation>Order entry</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>Buy</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Sell</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Market</translation>
    </message>
    <message>
        <source>Stop (trigger)</source>
        <translation>Stop (trigger)</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <source>trigger price</source>
        <translation>trigger price</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Qty</translation>
    </message>
    <message>
        <source>TIF</source>
        <translation>TIF</translation>
    </message>
    <message>
        <source>GTC</source>
        <translation>GTC</translation>
    </message>
    <message>
        <source>IOC</source>
        <translation>IOC</translation>
    </message>
    <message>
        <source>FOK</source>
        <translation>FOK</translation>
    </message>
    <message>
        <source>Post-only</source>
        <translation>Post-only</translation>
    </message>
    <message>
        <source>Reduce-only</source>
        <translation>Reduce-only</translation>
    </message>
    <message>
        <source>Take-profit / stop-loss</source>
        <translation>Take-profit / stop-loss</translation>
    </message>
    <message>
        <source>TP price</source>
        <translation>TP price</translation>
    </message>
    <message>
        <source>SL price</source>
        <translation>SL price</translation>
    </message>
    <message>
        <source>Confirm orders</source>
        <translation>Confirm orders</translation>
    </message>
    <message>
        <source>Ask before each order is sent (this account). Orders far from the market or above the maximum notional are always confirmed.</source>
        <translation>Ask before each order is sent (this account). Orders far from the market or above the maximum notional are always confirmed.</translation>
    </message>
    <message>
        <source>Buy side (the price starts at the best bid)</source>
        <translation>Buy side (the price starts at the best bid)</translation>
    </message>
    <message>
        <source>Sell side (the price starts at the best ask)</source>
        <translation>Sell side (the price starts at the best ask)</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No symbol</source>
        <translation>No symbol</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>empty: market</source>
        <translation>empty: market</translation>
    </message>
    <message>
        <source>“%1” is not a number</source>
        <translation>“%1” is not a number</translation>
    </message>
    <message>
        <source>the trigger must be above or below the market price %1</source>
        <translation>the trigger must be above or below the market price %1</translation>
    </message>
    <message>
        <source>no market price to place the trigger against</source>
        <translation>no market price to place the trigger against</translation>
    </message>
    <message>
        <source>take-profit must be above the entry %1</source>
        <translation>take-profit must be above the entry %1</translation>
    </message>
    <message>
        <source>take-profit must be below the entry %1</source>
        <translation>take-profit must be below the entry %1</translation>
    </message>
    <message>
        <source>stop-loss must be below the entry %1</source>
        <translation>stop-loss must be below the entry %1</translation>
    </message>
    <message>
        <source>stop-loss must be above the entry %1</source>
        <translation>stop-loss must be above the entry %1</translation>
    </message>
    <message>
        <source>%1 is not a multiple of the tick %2</source>
        <translation>%1 is not a multiple of the tick %2</translation>
    </message>
    <message>
        <source>Notional —</source>
        <translation>Notional —</translation>
    </message>
    <message>
        <source>Fee —</source>
        <translation>Fee —</translation>
    </message>
    <message>
        <source>Notional %1 %2</source>
        <translation>Notional %1 %2</translation>
    </message>
    <message>
        <source>Fee est. %1 %2 (%3 %4 %)</source>
        <translation>Fee est. %1 %2 (%3 %4 %)</translation>
    </message>
    <message>
        <source>maker</source>
        <translation>maker</translation>
    </message>
    <message>
        <source>taker</source>
        <translation>taker</translation>
    </message>
    <message>
        <source>No trading account: add one in Settings → Accounts.</source>
        <translation>No trading account: add one in Settings → Accounts.</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>disconnected</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connecting</translation>
    </message>
    <message>
        <source>loading orders and positions</source>
        <translation>loading orders and positions</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconnecting</translation>
    </message>
    <message>
        <source>login refused</source>
        <translation>login refused</translation>
    </message>
    <message>
        <source>%1: not live (%2)</source>
        <translation>%1: not live (%2)</translation>
    </message>
    <message>
        <source>Waiting for %1&apos;s rules from the venue</source>
        <translation>Waiting for %1&apos;s rules from the venue</translation>
    </message>
    <message>
        <source>%1 · trading live</source>
        <translation>%1 · trading live</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <source>Buy %1 %2</source>
        <translation>Buy %1 %2</translation>
    </message>
    <message>
        <source>Sell %1 %2</source>
        <translation>Sell %1 %2</translation>
    </message>
    <message>
        <source>No balance to size from</source>
        <translation>No balance to size from</translation>
    </message>
    <message>
        <source>Enter a price first</source>
        <translation>Enter a price first</translation>
    </message>
    <message>
        <source>Not sent: cancelled at the confirmation</source>
        <translation>Not sent: cancelled at the confirmation</translation>
    </message>
    <message>
        <source>Live: order %1</source>
        <translation>Live: order %1</translation>
    </message>
    <message>
        <source>Filled at %1: order %2</source>
        <translation>Filled at %1: order %2</translation>
    </message>
    <message>
        <source>Filled: order %1</source>
        <translation>Filled: order %1</translation>
    </message>
    <message>
        <source>Accepted: order %1 (its state is not read back yet)</source>
        <translation>Accepted: order %1 (its state is not read back yet)</translation>
    </message>
    <message>
        <source>Cancelled by the venue: %1</source>
        <translation>Cancelled by the venue: %1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>no reason given</translation>
    </message>
    <message>
        <source>Refused, nothing sent: %1</source>
        <translation>Refused, nothing sent: %1</translation>
    </message>
    <message>
        <source>Rejected by the venue: %1</source>
        <translation>Rejected by the venue: %1</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Not sent: %1</translation>
    </message>
    <message>
        <source>still unknown (%1); not sent again</source>
        <translation>still unknown (%1); not sent again</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>no answer</translation>
    </message>
    <message>
        <source>found: %1</source>
        <translation>found: %1</translation>
    </message>
    <message>
        <source>outcome unknown: looked up by client order id %1 → %2</source>
        <translation>outcome unknown: looked up by client order id %1 → %2</translation>
    </message>
    <message>
        <source>Size the market buy in the coin bought or in the currency spent</source>
        <translation>Size the market buy in the coin bought or in the currency spent</translation>
    </message>
    <message>
        <source>Available %1 %2</source>
        <translation>Available %1 %2</translation>
    </message>
    <message>
        <source>less than the %1 %2 to spend</source>
        <translation>less than the %1 %2 to spend</translation>
    </message>
    <message>
        <source>Buy %1</source>
        <translation>Buy %1</translation>
    </message>
    <message>
        <source>Buy %1 for %2 %3</source>
        <translation>Buy %1 for %2 %3</translation>
    </message>
    <message>
        <source>contracts</source>
        <translation>contracts</translation>
    </message>
    <message>
        <source>Sell %1</source>
        <translation>Sell %1</translation>
    </message>
    <message>
        <source>Buy %1 contracts %2</source>
        <translation>Buy %1 contracts %2</translation>
    </message>
    <message>
        <source>Sell %1 contracts %2</source>
        <translation>Sell %1 contracts %2</translation>
    </message>
</context>
<context>
    <name>OrderGuard</name>
    <message>
        <source>The price %1 is more than %2 % away from the mid %3.</source>
        <translation>The price %1 is more than %2 % away from the mid %3.</translation>
    </message>
    <message>
        <source>The notional %1 is above the maximum %2.</source>
        <translation>The notional %1 is above the maximum %2.</translation>
    </message>
    <message>
        <source>(too large)</source>
        <translation>(too large)</translation>
    </message>
</context>
<context>
    <name>OrderHistoryModel</name>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Side</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>Filled</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Average price</source>
        <translation>Average price</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Order %1</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Trigger</translation>
    </message>
    <message>
        <source>Stop %1</source>
        <translation>Stop %1</translation>
    </message>
</context>
<context>
    <name>OrderSubmitter</name>
    <message>
        <source>%1 does not take this order sized in the quote currency</source>
        <translation>%1 does not take this order sized in the quote currency</translation>
    </message>
    <message>
        <source>%1 holds one position per symbol here: an order for the %2 leg cannot be sent</source>
        <translation>%1 holds one position per symbol here: an order for the %2 leg cannot be sent</translation>
    </message>
    <message>
        <source>%1 keeps no separate positions to close by id: close the position as a whole</source>
        <translation>%1 keeps no separate positions to close by id: close the position as a whole</translation>
    </message>
</context>
<context>
    <name>OrdersDock</name>
    <message>
        <source>Amend</source>
        <translation>Amend</translation>
    </message>
    <message>
        <source>Change the price or quantity of this order</source>
        <translation>Change the price or quantity of this order</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancel this order</source>
        <translation>Cancel this order</translation>
    </message>
    <message>
        <source>Open orders (%1)</source>
        <translation>Open orders (%1)</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>Open orders</translation>
    </message>
    <message>
        <source>Cancel failed: %1</source>
        <translation>Cancel failed: %1</translation>
    </message>
    <message>
        <source>Cannot amend: the rules of %1 are not loaded yet.</source>
        <translation>Cannot amend: the rules of %1 are not loaded yet.</translation>
    </message>
    <message>
        <source>Not amended: the order is no longer open.</source>
        <translation>Not amended: the order is no longer open.</translation>
    </message>
    <message>
        <source>Amend failed: %1</source>
        <translation>Amend failed: %1</translation>
    </message>
    <message>
        <source>Cancel all %1 failed: %2</source>
        <translation>Cancel all %1 failed: %2</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>Amend…</translation>
    </message>
    <message>
        <source>Cancel all %1 orders</source>
        <translation>Cancel all %1 orders</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Show %1</translation>
    </message>
    <message>
        <source>Copy order id</source>
        <translation>Copy order id</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>No trading account: add one in Settings → Accounts.</source>
        <translation>No trading account: add one in Settings → Accounts.</translation>
    </message>
    <message>
        <source>Order history</source>
        <translation>Order history</translation>
    </message>
    <message>
        <source>Fills</source>
        <translation>Fills</translation>
    </message>
    <message>
        <source>Active symbol only</source>
        <translation>Active symbol only</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>Cancel all</translation>
    </message>
    <message>
        <source>Cancel all %1</source>
        <translation>Cancel all %1</translation>
    </message>
    <message>
        <source>Cancel every open order of the active symbol</source>
        <translation>Cancel every open order of the active symbol</translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation>No open orders</translation>
    </message>
    <message>
        <source>No orders filled or cancelled yet</source>
        <translation>No orders filled or cancelled yet</translation>
    </message>
    <message>
        <source>No fills yet</source>
        <translation>No fills yet</translation>
    </message>
</context>
<context>
    <name>PhemexTrading</name>
    <message>
        <source>Phemex&apos;s price scale of %1 is not known yet (the product list has not been read); try again in a moment.</source>
        <translation>Phemex&apos;s price scale of %1 is not known yet (the product list has not been read); try again in a moment.</translation>
    </message>
    <message>
        <source>Phemex takes %1 in whole contracts only.</source>
        <translation>Phemex takes %1 in whole contracts only.</translation>
    </message>
    <message>
        <source>Phemex takes prices of %1 with at most %2 decimals.</source>
        <translation>Phemex takes prices of %1 with at most %2 decimals.</translation>
    </message>
</context>
<context>
    <name>PositionsDock</name>
    <message>
        <source>Close position</source>
        <translation>Close position</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>Show %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Flatten this position with a reduce-only market order</source>
        <translation>Flatten this position with a reduce-only market order</translation>
    </message>
    <message>
        <source>Closing needs the account live (it is reconnecting)</source>
        <translation>Closing needs the account live (it is reconnecting)</translation>
    </message>
    <message>
        <source>Close the long position of %1 %2 with a reduce-only market sell?</source>
        <translation>Close the long position of %1 %2 with a reduce-only market sell?</translation>
    </message>
    <message>
        <source>Close the short position of %1 %2 with a reduce-only market buy?</source>
        <translation>Close the short position of %1 %2 with a reduce-only market buy?</translation>
    </message>
    <message>
        <source>Close %1 not sent: the position changed side while you confirmed.</source>
        <translation>Close %1 not sent: the position changed side while you confirmed.</translation>
    </message>
    <message>
        <source>Close %1: the venue&apos;s answer was lost and the order was not found; check the position before closing again.</source>
        <translation>Close %1: the venue&apos;s answer was lost and the order was not found; check the position before closing again.</translation>
    </message>
    <message>
        <source>Close %1 failed: %2</source>
        <translation>Close %1 failed: %2</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>Positions</translation>
    </message>
    <message>
        <source>No trading account: add one in Settings → Accounts.</source>
        <translation>No trading account: add one in Settings → Accounts.</translation>
    </message>
    <message>
        <source>No open positions</source>
        <translation>No open positions</translation>
    </message>
    <message>
        <source>Close lot</source>
        <translation>Close lot</translation>
    </message>
    <message>
        <source>Close lot %1 of the long position of %2 with a reduce-only market sell?</source>
        <translation>Close lot %1 of the long position of %2 with a reduce-only market sell?</translation>
    </message>
    <message>
        <source>Close lot %1 of the short position of %2 with a reduce-only market buy?</source>
        <translation>Close lot %1 of the short position of %2 with a reduce-only market buy?</translation>
    </message>
    <message>
        <source>Close lot #%1 of %2 not sent: the lot is gone.</source>
        <translation>Close lot #%1 of %2 not sent: the lot is gone.</translation>
    </message>
    <message>
        <source>Close lot #%1 of %2: the venue&apos;s answer was lost and the order was not found; check the position before closing again.</source>
        <translation>Close lot #%1 of %2: the venue&apos;s answer was lost and the order was not found; check the position before closing again.</translation>
    </message>
    <message>
        <source>Close lot #%1 of %2 failed: %3</source>
        <translation>Close lot #%1 of %2 failed: %3</translation>
    </message>
</context>
<context>
    <name>PositionsModel</name>
    <message>
        <source>Symbol</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>Side</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Entry</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Mark</translation>
    </message>
    <message>
        <source>Unrealised PnL</source>
        <translation>Unrealised PnL</translation>
    </message>
    <message>
        <source>Liquidation</source>
        <translation>Liquidation</translation>
    </message>
    <message>
        <source>Realised PnL</source>
        <translation>Realised PnL</translation>
    </message>
    <message>
        <source>Take profit</source>
        <translation>Take profit</translation>
    </message>
    <message>
        <source>Stop loss</source>
        <translation>Stop loss</translation>
    </message>
    <message>
        <source>Long</source>
        <translation>Long</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Short</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>Lots</translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s), oldest first:</source>
        <translation>
            <numerusform>%n lot(s), oldest first:</numerusform>
            <numerusform>%n lot(s), oldest first:</numerusform>
        </translation>
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
        <source>Waiting for the venue&apos;s instrument list…</source>
        <translation>Waiting for the venue&apos;s instrument list…</translation>
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
    <message>
        <source>Mark</source>
        <translation>Mark</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>Funding</translation>
    </message>
    <message>
        <source>Open interest</source>
        <translation>Open interest</translation>
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
    <name>TradingDesk</name>
    <message>
        <source>botterm cannot trade on %1 yet</source>
        <translation>botterm cannot trade on %1 yet</translation>
    </message>
    <message>
        <source>No key store</source>
        <translation>No key store</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2 (%3)</translation>
    </message>
    <message>
        <source>Not sent: the account is not live yet (%1)</source>
        <translation>Not sent: the account is not live yet (%1)</translation>
    </message>
    <message>
        <source>Not sent: %1 has no instrument rules loaded yet</source>
        <translation>Not sent: %1 has no instrument rules loaded yet</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>Not sent: %1</translation>
    </message>
</context>
<context>
    <name>TradingHotkeys</name>
    <message>
        <source>Buy at the best ask (limit IOC)</source>
        <translation>Buy at the best ask (limit IOC)</translation>
    </message>
    <message>
        <source>Sell at the best bid (limit IOC)</source>
        <translation>Sell at the best bid (limit IOC)</translation>
    </message>
    <message>
        <source>Cancel the last order placed</source>
        <translation>Cancel the last order placed</translation>
    </message>
    <message>
        <source>Cancel all orders of the symbol</source>
        <translation>Cancel all orders of the symbol</translation>
    </message>
    <message>
        <source>Flatten the symbol&apos;s position</source>
        <translation>Flatten the symbol&apos;s position</translation>
    </message>
    <message>
        <source>Quantity preset %1 (ladder focused)</source>
        <translation>Quantity preset %1 (ladder focused)</translation>
    </message>
    <message>
        <source>%1 is bound to more than one command: change it in Settings → Trading</source>
        <translation>%1 is bound to more than one command: change it in Settings → Trading</translation>
    </message>
    <message>
        <source>Not sent: no trading account</source>
        <translation>Not sent: no trading account</translation>
    </message>
    <message>
        <source>Not sent: the account is not live</source>
        <translation>Not sent: the account is not live</translation>
    </message>
    <message>
        <source>Not sent: the order book is not live</source>
        <translation>Not sent: the order book is not live</translation>
    </message>
    <message>
        <source>Not sent: the book has no %1</source>
        <translation>Not sent: the book has no %1</translation>
    </message>
    <message>
        <source>asks</source>
        <translation>asks</translation>
    </message>
    <message>
        <source>bids</source>
        <translation>bids</translation>
    </message>
    <message>
        <source>Not sent: enter a quantity on the lot first</source>
        <translation>Not sent: enter a quantity on the lot first</translation>
    </message>
    <message>
        <source>No open order placed this session to cancel</source>
        <translation>No open order placed this session to cancel</translation>
    </message>
    <message>
        <source>Cancelling the last order…</source>
        <translation>Cancelling the last order…</translation>
    </message>
    <message>
        <source>Last order cancelled</source>
        <translation>Last order cancelled</translation>
    </message>
    <message>
        <source>Cancel failed: %1</source>
        <translation>Cancel failed: %1</translation>
    </message>
    <message>
        <source>No open orders on %1</source>
        <translation>No open orders on %1</translation>
    </message>
    <message>
        <source>Cancelling all orders on %1…</source>
        <translation>Cancelling all orders on %1…</translation>
    </message>
    <message>
        <source>All orders on %1 cancelled</source>
        <translation>All orders on %1 cancelled</translation>
    </message>
    <message>
        <source>Cancel all failed: %1</source>
        <translation>Cancel all failed: %1</translation>
    </message>
    <message>
        <source>No position on %1 to flatten</source>
        <translation>No position on %1 to flatten</translation>
    </message>
    <message>
        <source>Flattening %1…</source>
        <translation>Flattening %1…</translation>
    </message>
    <message>
        <source>%1 flattened</source>
        <translation>%1 flattened</translation>
    </message>
    <message>
        <source>Flatten failed: %1</source>
        <translation>Flatten failed: %1</translation>
    </message>
    <message>
        <source>The last order is still on its way to the venue: press again once it is shown</source>
        <translation>The last order is still on its way to the venue: press again once it is shown</translation>
    </message>
</context>
<context>
    <name>TradingSession</name>
    <message>
        <source>No credentials for the private stream</source>
        <translation>No credentials for the private stream</translation>
    </message>
    <message>
        <source>The private stream ended: %1</source>
        <translation>The private stream ended: %1</translation>
    </message>
    <message>
        <source>Malformed private stream frame: %1</source>
        <translation>Malformed private stream frame: %1</translation>
    </message>
</context>
<context>
    <name>TradingSettingsDialog</name>
    <message>
        <source>Confirm every order before it is sent</source>
        <translation>Confirm every order before it is sent</translation>
    </message>
    <message>
        <source>Ladder trading: a click on the ladder&apos;s bid or ask column sends an order</source>
        <translation>Ladder trading: a click on the ladder&apos;s bid or ask column sends an order</translation>
    </message>
    <message>
        <source>Trading hotkeys</source>
        <translation>Trading hotkeys</translation>
    </message>
    <message>
        <source>Trading settings</source>
        <translation>Trading settings</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>A price further than this from the mid needs an extra confirmation</source>
        <translation>A price further than this from the mid needs an extra confirmation</translation>
    </message>
    <message>
        <source>An order worth more than this (in the quote currency) needs an extra confirmation</source>
        <translation>An order worth more than this (in the quote currency) needs an extra confirmation</translation>
    </message>
    <message>
        <source>Price distance from the mid (%)</source>
        <translation>Price distance from the mid (%)</translation>
    </message>
    <message>
        <source>Maximum notional</source>
        <translation>Maximum notional</translation>
    </message>
    <message>
        <source>Ladder trading and hotkeys</source>
        <translation>Ladder trading and hotkeys</translation>
    </message>
    <message>
        <source>One click or key is one order, sent without the confirmation step (the fat-finger guard still asks). Both are refused while the order book is not live. Hotkeys do nothing while you type in a field; the presets 1–9 act while the ladder has focus.</source>
        <translation>One click or key is one order, sent without the confirmation step (the fat-finger guard still asks). Both are refused while the order book is not live. Hotkeys do nothing while you type in a field; the presets 1–9 act while the ladder has focus.</translation>
    </message>
    <message>
        <source>Quantity presets, in multiples of the symbol&apos;s minimum order quantity:</source>
        <translation>Quantity presets, in multiples of the symbol&apos;s minimum order quantity:</translation>
    </message>
    <message>
        <source>Default keys</source>
        <translation>Default keys</translation>
    </message>
    <message>
        <source>Enter a number such as %1</source>
        <translation>Enter a number such as %1</translation>
    </message>
    <message>
        <source>Must be more than zero</source>
        <translation>Must be more than zero</translation>
    </message>
    <message>
        <source>At most 100 %</source>
        <translation>At most 100 %</translation>
    </message>
</context>
<context>
    <name>TradingTableModel</name>
    <message>
        <source>Buy</source>
        <translation>Buy</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Sell</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>Limit</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>Market</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Partially filled</source>
        <translation>Partially filled</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>Filled</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Partially filled, cancelled</source>
        <translation>Partially filled, cancelled</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Untriggered</source>
        <translation>Untriggered</translation>
    </message>
    <message>
        <source>Triggered</source>
        <translation>Triggered</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>GTC</source>
        <translation>GTC</translation>
    </message>
    <message>
        <source>IOC</source>
        <translation>IOC</translation>
    </message>
    <message>
        <source>FOK</source>
        <translation>FOK</translation>
    </message>
    <message>
        <source>Post-only</source>
        <translation>Post-only</translation>
    </message>
    <message>
        <source>Open long</source>
        <translation>Open long</translation>
    </message>
    <message>
        <source>Close long</source>
        <translation>Close long</translation>
    </message>
    <message>
        <source>Open short</source>
        <translation>Open short</translation>
    </message>
    <message>
        <source>Close short</source>
        <translation>Close short</translation>
    </message>
    <message>
        <source>%1 (quote)</source>
        <translation>%1 (quote)</translation>
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
        <source>Add symbols from the venue&apos;s instruments (Insert)</source>
        <translation>Add symbols from the venue&apos;s instruments (Insert)</translation>
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
