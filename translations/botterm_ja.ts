<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Mainnet</source>
        <translation>本番</translation>
    </message>
    <message>
        <source>Testnet</source>
        <translation>テストネット</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>デモ</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>取引所</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Environment</source>
        <translation>環境</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>追加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>接続テスト(&amp;T)</translation>
    </message>
    <message>
        <source>Venue:</source>
        <translation>取引所:</translation>
    </message>
    <message>
        <source>Environment:</source>
        <translation>環境:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>APIキー:</translation>
    </message>
    <message>
        <source>Secret:</source>
        <translation>シークレット:</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>パスフレーズ:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>あり</translation>
    </message>
    <message>
        <source>No</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Select an account first.</source>
        <translation>先にアカウントを選択してください。</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>変更しない</translation>
    </message>
    <message>
        <source>Account removed.</source>
        <translation>アカウントを削除しました。</translation>
    </message>
    <message>
        <source>Could not remove the account: %1</source>
        <translation>アカウントを削除できませんでした: %1</translation>
    </message>
    <message>
        <source>Enter a name for the account.</source>
        <translation>アカウント名を入力してください。</translation>
    </message>
    <message>
        <source>Enter the API key and the secret.</source>
        <translation>APIキーとシークレットを入力してください。</translation>
    </message>
    <message>
        <source>No OS keychain is available, so nothing was stored. Start a Secret Service (GNOME Keyring, KWallet) and try again.</source>
        <translation>OSのキーチェーンが使えないため、何も保存していません。Secret Service(GNOME Keyring、KWallet)を起動してからやり直してください。</translation>
    </message>
    <message>
        <source>Could not store the account: %1</source>
        <translation>アカウントを保存できませんでした: %1</translation>
    </message>
    <message>
        <source>Account saved.</source>
        <translation>アカウントを保存しました。</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>接続をテストしています…</translation>
    </message>
    <message>
        <source>Could not read the account from the keychain: %1</source>
        <translation>キーチェーンからアカウントを読み込めませんでした: %1</translation>
    </message>
</context>
<context>
    <name>AmendDialog</name>
    <message>
        <source>Amend order</source>
        <translation>注文訂正</translation>
    </message>
    <message>
        <source>%1 %2 %3 %4 · filled %5</source>
        <translation>%2 %1 %3 %4 · 約定済み %5</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>指値 %1</translation>
    </message>
    <message>
        <source>at market</source>
        <translation>成行</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>成行</translation>
    </message>
    <message>
        <source>A multiple of the tick %1</source>
        <translation>呼値 %1 の倍数</translation>
    </message>
    <message>
        <source>A multiple of the lot step %1, at least %2</source>
        <translation>ロット単位 %1 の倍数、最小 %2</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Amend</source>
        <translation>訂正</translation>
    </message>
    <message>
        <source>Enter a price.</source>
        <translation>価格を入力してください。</translation>
    </message>
    <message>
        <source>The price “%1” is not a number.</source>
        <translation>価格「%1」は数値ではありません。</translation>
    </message>
    <message>
        <source>Enter a quantity.</source>
        <translation>数量を入力してください。</translation>
    </message>
    <message>
        <source>The quantity “%1” is not a number.</source>
        <translation>数量「%1」は数値ではありません。</translation>
    </message>
    <message>
        <source>The price must be greater than 0.</source>
        <translation>価格は 0 より大きくしてください。</translation>
    </message>
    <message>
        <source>The price %1 is not a multiple of the tick %2 (nearest: %3).</source>
        <translation>価格 %1 は呼値 %2 の倍数ではありません（最も近い値: %3）。</translation>
    </message>
    <message>
        <source>The price %1 is not a multiple of the tick %2.</source>
        <translation>価格 %1 は呼値 %2 の倍数ではありません。</translation>
    </message>
    <message>
        <source>The quantity must be greater than 0.</source>
        <translation>数量は 0 より大きくしてください。</translation>
    </message>
    <message>
        <source>The quantity %1 is not a multiple of the lot step %2.</source>
        <translation>数量 %1 はロット単位 %2 の倍数ではありません。</translation>
    </message>
    <message>
        <source>The quantity %1 is below the minimum %2.</source>
        <translation>数量 %1 が最小数量 %2 を下回っています。</translation>
    </message>
    <message>
        <source>The quantity %1 is above the maximum %2.</source>
        <translation>数量 %1 が最大数量 %2 を超えています。</translation>
    </message>
    <message>
        <source>The order&apos;s value is below the minimum notional %1.</source>
        <translation>注文金額が最小注文金額 %1 を下回っています。</translation>
    </message>
    <message>
        <source>The quantity must be more than the %1 already filled.</source>
        <translation>数量は約定済みの %1 より大きくしてください。</translation>
    </message>
</context>
<context>
    <name>BalancesDock</name>
    <message>
        <source>Balances</source>
        <translation>残高</translation>
    </message>
    <message>
        <source>No trading account: add one in Settings → Accounts.</source>
        <translation>取引アカウントがありません。設定 → アカウント から追加してください。</translation>
    </message>
    <message>
        <source>No balances yet</source>
        <translation>残高はまだありません</translation>
    </message>
</context>
<context>
    <name>BalancesModel</name>
    <message>
        <source>Coin</source>
        <translation>通貨</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>ウォレット</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>利用可能</translation>
    </message>
    <message>
        <source>Equity</source>
        <translation>純資産</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>アカウント</translation>
    </message>
</context>
<context>
    <name>BinanceTrading</name>
    <message>
        <source>Binance takes no take-profit or stop-loss attached to an order: place them as separate stop orders</source>
        <translation>Binance は注文に付けた利確・損切りを受け付けません。別のストップ注文として発注してください</translation>
    </message>
</context>
<context>
    <name>BitbankErrors</name>
    <message>
        <source>Url not found.</source>
        <translation>URLが存在しません</translation>
    </message>
    <message>
        <source>System error.</source>
        <translation>システムエラーが発生しました。サポートにお問い合わせ下さい</translation>
    </message>
    <message>
        <source>Malformed request.</source>
        <translation>不正なJSON形式です。送信内容をご確認下さい</translation>
    </message>
    <message>
        <source>Timeout waiting for response.</source>
        <translation>タイムアウトエラーが発生しました。しばらく間をおいて再度実行して下さい</translation>
    </message>
    <message>
        <source>System maintenance.</source>
        <translation>メンテナンスのため一時サービスを停止しております。 今しばらくお待ちください。</translation>
    </message>
    <message>
        <source>Server is busy. Retry later.</source>
        <translation>ただいまサーバが大変混み合っています。時間をおいてから再度リクエストしてください。</translation>
    </message>
    <message>
        <source>You sent requests too frequently. Retry later with decreased requests.</source>
        <translation>アクセス頻度が高すぎます。時間をおいてから再度リクエストしてください。</translation>
    </message>
    <message>
        <source>Authentication failed api authorization.</source>
        <translation>API認証に失敗しました</translation>
    </message>
    <message>
        <source>Invalid api key.</source>
        <translation>ACCESS-KEYの値が不正です</translation>
    </message>
    <message>
        <source>Api key not found.</source>
        <translation>ACCESS-KEYが存在しません</translation>
    </message>
    <message>
        <source>Invalid api nonce.</source>
        <translation>ACCESS-NONCEが存在しません</translation>
    </message>
    <message>
        <source>Invalid api signature.</source>
        <translation>ACCESS-SIGNATUREが存在しません</translation>
    </message>
    <message>
        <source>MFA failed.</source>
        <translation>２段階認証に失敗しました</translation>
    </message>
    <message>
        <source>SMS verification failed.</source>
        <translation>SMS認証に失敗しました</translation>
    </message>
    <message>
        <source>Please login. (This happens when you request API without /v1/.)</source>
        <translation>ログインして下さい （API呼び出し時に `/v1/` を付け忘れている時に起こります）</translation>
    </message>
    <message>
        <source>Please login. (This also happens when you request API without /v1/.)</source>
        <translation>ログインして下さい （これもAPI呼び出し時に `/v1/` を付け忘れている時に起こります）</translation>
    </message>
    <message>
        <source>Missing OTP code.</source>
        <translation>２段階認証コードを入力して下さい</translation>
    </message>
    <message>
        <source>Missing SMS code.</source>
        <translation>SMS認証コードを入力して下さい</translation>
    </message>
    <message>
        <source>Missing OTP and SMS code.</source>
        <translation>２段階認証コードとSMS認証コードを入力して下さい</translation>
    </message>
    <message>
        <source>MFA is temporarily locked because too many failures. Please retry after 60 seconds.</source>
        <translation>一定回数以上２段階認証に失敗したためロックしました。60秒待ってから再度お試しください</translation>
    </message>
    <message>
        <source>ACCESS-REQUEST-TIME not found.</source>
        <translation>ACCESS-REQUEST-TIMEが存在しません</translation>
    </message>
    <message>
        <source>Invalid time of ACCESS-REQUEST-TIME.</source>
        <translation>ACCESS-REQUEST-TIMEの時刻が不正です</translation>
    </message>
    <message>
        <source>No request was sent within ACCESS-TIME-WINDOW.</source>
        <translation>ACCESS-TIME-WINDOW内にリクエストが送信されませんでした</translation>
    </message>
    <message>
        <source>ACCESS-REQUEST-TIME and ACCESS-NONCE not found.</source>
        <translation>ACCESS-REQUEST-TIMEおよびACCESS-NONCEが存在しません</translation>
    </message>
    <message>
        <source>Invalid ACCESS-REQUEST-TIME.</source>
        <translation>ACCESS-REQUEST-TIMEの値が不正です</translation>
    </message>
    <message>
        <source>Invalid ACCESS-TIME-WINDOW.</source>
        <translation>ACCESS-TIME-WINDOWの値が不正です</translation>
    </message>
    <message>
        <source>Invalid ACCESS-NONCE.</source>
        <translation>ACCESS-NONCEの値が不正です</translation>
    </message>
    <message>
        <source>Missing order quantity.</source>
        <translation>注文数量を指定して下さい</translation>
    </message>
    <message>
        <source>Missing order id.</source>
        <translation>注文IDを指定して下さい</translation>
    </message>
    <message>
        <source>Missing order id array.</source>
        <translation>注文ID配列を指定して下さい</translation>
    </message>
    <message>
        <source>Missing asset.</source>
        <translation>銘柄を指定して下さい</translation>
    </message>
    <message>
        <source>Missing order price.</source>
        <translation>注文価格を指定して下さい</translation>
    </message>
    <message>
        <source>Missing side.</source>
        <translation>売買どちらかを指定して下さい</translation>
    </message>
    <message>
        <source>Missing order type.</source>
        <translation>注文タイプを指定して下さい</translation>
    </message>
    <message>
        <source>Missing uuid.</source>
        <translation>uuidを指定して下さい</translation>
    </message>
    <message>
        <source>Missing withdraw amount.</source>
        <translation>出金額を指定して下さい</translation>
    </message>
    <message>
        <source>Missing trigger price.</source>
        <translation>トリガー価格を指定してください</translation>
    </message>
    <message>
        <source>Invalid order quantity.</source>
        <translation>注文数量が不正です</translation>
    </message>
    <message>
        <source>Invalid count.</source>
        <translation>count値が不正です</translation>
    </message>
    <message>
        <source>Invalid end param.</source>
        <translation>終了時期が不正です</translation>
    </message>
    <message>
        <source>Invalid end_id.</source>
        <translation>end_id値が不正です</translation>
    </message>
    <message>
        <source>Invalid from_id.</source>
        <translation>from_id値が不正です</translation>
    </message>
    <message>
        <source>Invalid order id.</source>
        <translation>注文IDが不正です</translation>
    </message>
    <message>
        <source>Invalid order id array.</source>
        <translation>注文ID配列が不正です</translation>
    </message>
    <message>
        <source>Too many orders are specified.</source>
        <translation>指定された注文が多すぎます</translation>
    </message>
    <message>
        <source>Invalid asset.</source>
        <translation>銘柄名が不正です</translation>
    </message>
    <message>
        <source>Invalid order price.</source>
        <translation>注文価格が不正です</translation>
    </message>
    <message>
        <source>Invalid order side.</source>
        <translation>売買区分が不正です</translation>
    </message>
    <message>
        <source>Invalid trading start time.</source>
        <translation>開始時期が不正です</translation>
    </message>
    <message>
        <source>Invalid order type.</source>
        <translation>注文タイプが不正です</translation>
    </message>
    <message>
        <source>Invalid uuid.</source>
        <translation>uuidが不正です</translation>
    </message>
    <message>
        <source>Invalid withdraw amount.</source>
        <translation>出金額が不正です</translation>
    </message>
    <message>
        <source>Invalid trigger price.</source>
        <translation>トリガー価格が不正です</translation>
    </message>
    <message>
        <source>Invalid post_only.</source>
        <translation>post_only値が不正です</translation>
    </message>
    <message>
        <source>post_only can not be specified with such order type.</source>
        <translation>Post Onlyはご指定の注文タイプでは指定できません</translation>
    </message>
    <message>
        <source>Invalid position side.</source>
        <translation>ポジション区分が不正です</translation>
    </message>
    <message>
        <source>Can not be margin trading with such pair.</source>
        <translation>信用取引が可能な銘柄ではありません</translation>
    </message>
    <message>
        <source>Stop open orders cannot be accepted.</source>
        <translation>逆指値新規建注文は承ることができません</translation>
    </message>
    <message>
        <source>Account is restricted.</source>
        <translation>現在、このアカウントはご指定の操作を実行できない状態となっております。サポートにお問い合わせ下さい</translation>
    </message>
    <message>
        <source>Account is provisional.</source>
        <translation>現在、このアカウントは仮登録の状態となっております。アカウント登録完了後、再度お試し下さい</translation>
    </message>
    <message>
        <source>Account is blocked.</source>
        <translation>現在、このアカウントはロックされております。サポートにお問い合わせ下さい</translation>
    </message>
    <message>
        <source>Identity verification is not finished.</source>
        <translation>ユーザの本人確認が完了していません</translation>
    </message>
    <message>
        <source>Order not found.</source>
        <translation>ご指定の注文は存在しません</translation>
    </message>
    <message>
        <source>Order can not be canceled.</source>
        <translation>ご指定の注文はキャンセルできません</translation>
    </message>
    <message>
        <source>Api not found.</source>
        <translation>APIが見つかりません</translation>
    </message>
    <message>
        <source>Order has already been canceled.</source>
        <translation>ご指定の注文は既にキャンセル済みです</translation>
    </message>
    <message>
        <source>Order has already been executed.</source>
        <translation>ご指定の注文は既に約定済みです</translation>
    </message>
    <message>
        <source>Margin trading review has not been completed.</source>
        <translation>信用取引の審査が完了していません</translation>
    </message>
    <message>
        <source>Temporarily restricting new margin orders. Please try your request again after a while.</source>
        <translation>新規建注文を一時的に制限しています。しばらく時間を空けてから再度リクエストをお願いします</translation>
    </message>
    <message>
        <source>Exceeds available balance for open order.</source>
        <translation>新規建可能額を上回っています</translation>
    </message>
    <message>
        <source>Exceeds total margin position.</source>
        <translation>建玉数量を上回っています</translation>
    </message>
    <message>
        <source>Buy orders cannot be used in spot transactions.</source>
        <translation>現在、現物取引における買い注文はご利用いただけません。</translation>
    </message>
    <message>
        <source>Sell orders cannot be used in spot transactions.</source>
        <translation>現在、現物取引における売り注文はご利用いただけません。</translation>
    </message>
    <message>
        <source>Open orders cannot be used in margin trading.</source>
        <translation>現在、信用取引における新規建て注文はご利用いただけません。</translation>
    </message>
    <message>
        <source>Close orders cannot be used in margin trading.</source>
        <translation>現在、信用取引における決済注文はご利用いただけません。</translation>
    </message>
    <message>
        <source>Insufficient amount.</source>
        <translation>保有数量が不足しています</translation>
    </message>
    <message>
        <source>Market buy order quantity has exceeded the upper limit.</source>
        <translation>成行買い注文の数量上限を上回っています</translation>
    </message>
    <message>
        <source>Order quantity has exceeded the limit.</source>
        <translation>指定した数量が制限を超えています</translation>
    </message>
    <message>
        <source>Order quantity has exceeded the lower threshold.</source>
        <translation>指定した数量がしきい値を下回っています</translation>
    </message>
    <message>
        <source>Order quantity has exceeded the upper limit.</source>
        <translation>指定した価格が上限を上回っています</translation>
    </message>
    <message>
        <source>Order price has exceeded the lower limit.</source>
        <translation>指定した価格が下限を下回っています</translation>
    </message>
    <message>
        <source>Too many Simultaneous orders, current limit is 30.</source>
        <translation>同時発注制限件数(30件)を上回っています</translation>
    </message>
    <message>
        <source>Trigger price has exceeded the upper limit.</source>
        <translation>指定したトリガー価格が上限を上回っています</translation>
    </message>
    <message>
        <source>Trigger price to trigger immediately cannot be specified.</source>
        <translation>即時トリガーするトリガー価格は指定できません</translation>
    </message>
    <message>
        <source>The side of a TakeProfit or StopLoss order must be in the close direction.</source>
        <translation>TakeProfitまたはStopLoss注文のsideは決済方向である必要があります</translation>
    </message>
    <message>
        <source>Order is restricted during suspension of transactions.</source>
        <translation>現在取引停止中のため、注文を承ることができません</translation>
    </message>
    <message>
        <source>Buy order has been temporarily restricted.</source>
        <translation>現在買い注文停止中のため、注文を承ることができません</translation>
    </message>
    <message>
        <source>Sell order has been temporarily restricted.</source>
        <translation>現在売り注文停止中のため、注文を承ることができません</translation>
    </message>
    <message>
        <source>Market order has been temporarily restricted. Please use limit order instead.</source>
        <translation>ただいま成行注文を一時的に制限しています。指値注文をご利用ください</translation>
    </message>
    <message>
        <source>Minimum Order Quantity is increased temporarily.</source>
        <translation>ただいまシステム負荷が高まっているため、最小注文数量を一時的に引き上げています</translation>
    </message>
    <message>
        <source>System is busy. Please try again.</source>
        <translation>ただいまリクエストが混雑してます。しばらく時間を空けてから再度リクエストをお願いします</translation>
    </message>
    <message>
        <source>Order and cancel has been temporarily restricted.</source>
        <translation>ただいまシステム負荷が高まっているため、注文および注文キャンセルを一時的に制限しています</translation>
    </message>
    <message>
        <source>Withdraw and cancel request has been temporarily restricted.</source>
        <translation>ただいまシステム負荷が高まっているため、出金申請および出金申請キャンセルを一時的に制限しています</translation>
    </message>
    <message>
        <source>Lending and cancel request has been temporarily restricted.</source>
        <translation>ただいまシステム負荷が高まっているため、貸出申請および貸出申請キャンセルを一時的に制限しています</translation>
    </message>
    <message>
        <source>Lending and cancel request has been restricted.</source>
        <translation>貸出申請および貸出申請キャンセル停止中のため、リクエストを承ることができません</translation>
    </message>
    <message>
        <source>Orders on pair have been suspended.</source>
        <translation>指定された銘柄は注文停止中のため、リクエストを承ることができません</translation>
    </message>
    <message>
        <source>Order and cancel on pair have been suspended.</source>
        <translation>指定された銘柄は注文およびキャンセル停止中のため、リクエストを承ることができません</translation>
    </message>
    <message>
        <source>Order cancel request is in process.</source>
        <translation>注文はキャンセル中です</translation>
    </message>
    <message>
        <source>Market order has been temporarily restricted.</source>
        <translation>現在成行注文停止中のため、注文を承ることができません</translation>
    </message>
    <message>
        <source>Limit order price is over the threshold.</source>
        <translation>指値注文価格が乖離率を超過しています</translation>
    </message>
    <message>
        <source>Stop limit order has been temporarily restricted.</source>
        <translation>現在逆指値指値注文停止中のため、注文を承ることができません</translation>
    </message>
    <message>
        <source>Stop order has been temporarily restricted.</source>
        <translation>現在逆指値成行注文停止中のため、注文を承ることができません</translation>
    </message>
    <message>
        <source>Long open order has been temporarily restricted.</source>
        <translation>現在ロング新規建注文停止中のため、注文を承ることができません</translation>
    </message>
    <message>
        <source>Short open order has been temporarily restricted.</source>
        <translation>現在ショート新規建注文停止中のため、注文を承ることができません</translation>
    </message>
    <message>
        <source>Order has been temporarily restricted.</source>
        <translation>ただいま一時的に受注を制限してます</translation>
    </message>
    <message>
        <source>bitbank error %1</source>
        <translation>bitbank エラー %1</translation>
    </message>
</context>
<context>
    <name>BitbankPrivateStream</name>
    <message>
        <source>PubNub refused the bitbank stream token: %1</source>
        <translation>PubNub が bitbank ストリームのトークンを拒否しました: %1</translation>
    </message>
    <message>
        <source>bitbank private stream: HTTP %1 from PubNub</source>
        <translation>bitbank プライベートストリーム: PubNub から HTTP %1</translation>
    </message>
    <message>
        <source>bitbank private stream: %1</source>
        <translation>bitbank プライベートストリーム: %1</translation>
    </message>
    <message>
        <source>bitbank private stream: unreadable PubNub reply: %1</source>
        <translation>bitbank プライベートストリーム: PubNub の応答を読めません: %1</translation>
    </message>
</context>
<context>
    <name>BitbankTrading</name>
    <message>
        <source>bitbank orders have no time in force: IOC and FOK are not offered</source>
        <translation>bitbank の注文には執行条件がなく、IOC・FOK は使えません</translation>
    </message>
    <message>
        <source>bitbank spot orders cannot be reduce-only</source>
        <translation>bitbank の現物注文は決済専用（reduce-only）にできません</translation>
    </message>
    <message>
        <source>bitbank takes no take-profit or stop-loss attached to an order: place them as separate stop orders</source>
        <translation>bitbank は注文に付けた利確・損切りを受け付けません。別のストップ注文として発注してください</translation>
    </message>
    <message>
        <source>bitbank takes post-only on plain limit orders only</source>
        <translation>bitbank のポストオンリーは通常の指値注文だけに使えます</translation>
    </message>
    <message>
        <source>bitbank stop orders trigger in the direction of their side: a buy stop above the market, a sell stop below it</source>
        <translation>bitbank のストップ注文は売買の向きで発動します。買いストップは現在値より上、売りストップは下に置いてください</translation>
    </message>
    <message>
        <source>bitbank cannot amend an order: cancel it and place a new one</source>
        <translation>bitbank は注文を訂正できません。取り消してから新しく発注してください</translation>
    </message>
    <message>
        <source>bitbank trades spot and margin (linear) only</source>
        <translation>bitbank で取引できるのは現物と信用（linear）のみです</translation>
    </message>
    <message>
        <source>bitbank spot orders have no long or short leg: margin orders are placed on the linear market</source>
        <translation>bitbank の現物注文にはロング／ショートの区別がありません。信用取引の注文は linear マーケットで発注してください</translation>
    </message>
    <message>
        <source>a reduce-only bitbank margin order closes its leg: sell the long leg, buy the short leg</source>
        <translation>bitbank のリデュースオンリーの信用注文は建玉を決済します。ロングは売りで、ショートは買いで決済してください</translation>
    </message>
    <message>
        <source>bitbank margin: the notice is resolved</source>
        <translation>bitbank 信用: 通知は解消されました</translation>
    </message>
    <message>
        <source>bitbank margin call</source>
        <translation>bitbank 追証</translation>
    </message>
    <message>
        <source>bitbank margin shortfall</source>
        <translation>bitbank 不足金</translation>
    </message>
    <message>
        <source>bitbank margin debt settled</source>
        <translation>bitbank 不足金の精算済み</translation>
    </message>
    <message>
        <source>bitbank margin notice %1</source>
        <translation>bitbank 信用の通知 %1</translation>
    </message>
    <message>
        <source>%1 JPY</source>
        <translation>%1 円</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>期限 %1</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>%1 から</translation>
    </message>
    <message>
        <source>bitbank margin payables: %1 JPY</source>
        <translation>bitbank 信用の未払金: %1 円</translation>
    </message>
</context>
<context>
    <name>BitflyerTrading</name>
    <message>
        <source>bitFlyer has no post-only orders</source>
        <translation>bitFlyer にはポストオンリー注文がありません</translation>
    </message>
    <message>
        <source>bitFlyer has no reduce-only orders: an opposite order reduces the FX position</source>
        <translation>bitFlyer には決済専用（reduce-only）注文がありません。反対売買で FX ポジションを減らしてください</translation>
    </message>
    <message>
        <source>bitFlyer cannot amend an order: cancel it and place a new one</source>
        <translation>bitFlyer は注文を訂正できません。取り消してから新しく発注してください</translation>
    </message>
    <message>
        <source>bitFlyer takes no take-profit or stop-loss attached to an order: place the stop-loss as a separate stop order</source>
        <translation>bitFlyer は注文に付けた利確・損切りを受け付けません。損切りは別のストップ注文として発注してください</translation>
    </message>
    <message>
        <source>bitFlyer stop orders buy when the price rises to the trigger price and sell when it falls to it</source>
        <translation>bitFlyer のストップ注文は、価格がトリガー価格まで上がると買い、下がると売りになります</translation>
    </message>
</context>
<context>
    <name>BitmexTrading</name>
    <message>
        <source>BitMEX takes no take-profit or stop-loss attached to an order: place them as separate reduce-only stop or if-touched orders once the position is open</source>
        <translation>BitMEX は注文に付けた利確・損切りを受け付けません。ポジションを持ってから、リデュースオンリーのストップ注文またはイフタッチ注文として別に発注してください</translation>
    </message>
</context>
<context>
    <name>CandleModel</name>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>始値</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高値</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>安値</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>終値</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>出来高</translation>
    </message>
</context>
<context>
    <name>ChartDock</name>
    <message>
        <source>Chart</source>
        <translation>チャート</translation>
    </message>
    <message>
        <source>Candles of %1</source>
        <translation>%1のローソク足</translation>
    </message>
    <message>
        <source>Mark %1</source>
        <translation>マーク %1</translation>
    </message>
    <message>
        <source>Index %1</source>
        <translation>インデックス %1</translation>
    </message>
    <message>
        <source>Funding %1</source>
        <translation>資金調達率 %1</translation>
    </message>
    <message>
        <source>Funding %1 in %2</source>
        <translation>資金調達率 %1（あと %2）</translation>
    </message>
    <message>
        <source>OI %1</source>
        <translation>建玉 %1</translation>
    </message>
    <message>
        <source>Mark and index price, the funding rate (positive: longs pay shorts) with the time until it is paid, and the open interest, as the venue streams them</source>
        <translation>取引所が配信するマーク価格・インデックス価格、資金調達率（プラスならロングがショートに支払う）と次の授受までの時間、未決済建玉</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <source>1m</source>
        <translation>1分</translation>
    </message>
    <message>
        <source>5m</source>
        <translation>5分</translation>
    </message>
    <message>
        <source>15m</source>
        <translation>15分</translation>
    </message>
    <message>
        <source>1h</source>
        <translation>1時間</translation>
    </message>
    <message>
        <source>4h</source>
        <translation>4時間</translation>
    </message>
    <message>
        <source>1D</source>
        <translation>日足</translation>
    </message>
    <message>
        <source>O %1  H %2  L %3  C %4  V %5  %6%</source>
        <translation>始 %1  高 %2  安 %3  終 %4  出来高 %5  %6%</translation>
    </message>
    <message>
        <source>No symbol selected</source>
        <translation>銘柄が選択されていません</translation>
    </message>
    <message>
        <source>O</source>
        <translation>始</translation>
    </message>
    <message>
        <source>H</source>
        <translation>高</translation>
    </message>
    <message>
        <source>L</source>
        <translation>安</translation>
    </message>
    <message>
        <source>C</source>
        <translation>終</translation>
    </message>
    <message>
        <source>V</source>
        <translation>出来高</translation>
    </message>
    <message>
        <source>Loading %1 candles…</source>
        <translation>%1 のローソク足を読み込み中…</translation>
    </message>
</context>
<context>
    <name>CoincheckTrading</name>
    <message>
        <source>Coincheck takes no trigger price: stop orders are not offered here</source>
        <translation>Coincheck はトリガー価格を取りません。ここではストップ注文を扱いません</translation>
    </message>
    <message>
        <source>Coincheck takes no take-profit or stop-loss attached to an order</source>
        <translation>Coincheck は注文に付けた利確・損切りを受け付けません</translation>
    </message>
    <message>
        <source>Coincheck trades spot only: an order cannot be reduce-only</source>
        <translation>Coincheck は現物のみのため、決済専用（reduce-only）注文はできません</translation>
    </message>
    <message>
        <source>Coincheck orders take no IOC or FOK time in force</source>
        <translation>Coincheck の注文は IOC・FOK の執行条件を取りません</translation>
    </message>
    <message>
        <source>A Coincheck market order cannot be post-only</source>
        <translation>Coincheck の成行注文はポストオンリーにできません</translation>
    </message>
    <message>
        <source>Coincheck cannot amend an order: cancel it and place a new one</source>
        <translation>Coincheck は注文を訂正できません。取り消してから新しく発注してください</translation>
    </message>
    <message>
        <source>A Coincheck market buy is sized in JPY, the amount to spend: enter the amount in JPY (or place a limit buy)</source>
        <translation>Coincheck の成行買いは使う金額（円）で指定します。円で金額を入力してください（または指値で買ってください）</translation>
    </message>
    <message>
        <source>Coincheck sizes only a market buy in JPY: a limit order or a sell is sized in the coin</source>
        <translation>Coincheck で円建てで指定できるのは成行買いだけです。指値注文と売り注文は通貨の数量で指定してください</translation>
    </message>
</context>
<context>
    <name>FillsModel</name>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>売買</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>手数料</translation>
    </message>
    <message>
        <source>Maker/taker</source>
        <translation>メイカー/テイカー</translation>
    </message>
    <message>
        <source>Maker</source>
        <translation>メイカー</translation>
    </message>
    <message>
        <source>Taker</source>
        <translation>テイカー</translation>
    </message>
    <message>
        <source>Execution %1 of order %2</source>
        <translation>注文 %2 の約定 %1</translation>
    </message>
</context>
<context>
    <name>GmocoinTrading</name>
    <message>
        <source>GMO Coin takes no take-profit or stop-loss attached to an order: place them as separate stop or limit orders</source>
        <translation>GMOコインは注文に付けた利確・損切りを受け付けません。別の逆指値または指値注文として発注してください</translation>
    </message>
    <message>
        <source>GMO Coin spot orders cannot be reduce-only: only leverage positions are closed</source>
        <translation>GMOコインの現物注文は決済専用にできません。決済できるのはレバレッジのポジションだけです</translation>
    </message>
    <message>
        <source>GMO Coin&apos;s stop orders are stop-market: a triggered order cannot carry a limit price</source>
        <translation>GMOコインの逆指値注文は成行で執行されるため、指値価格を付けられません</translation>
    </message>
    <message>
        <source>GMO Coin&apos;s stop orders take no time in force</source>
        <translation>GMOコインの逆指値注文は執行条件を取りません</translation>
    </message>
    <message>
        <source>A GMO Coin market order cannot be post-only</source>
        <translation>GMOコインの成行注文はポストオンリーにできません</translation>
    </message>
    <message>
        <source>GMO Coin amends the price only: cancel the order and place a new one</source>
        <translation>GMOコインが訂正できるのは価格だけです。取り消してから新しく発注してください</translation>
    </message>
    <message>
        <source>GMO Coin spot orders open no position: only leverage orders name a long or short leg</source>
        <translation>GMOコインの現物注文は建玉を持ちません。ロング／ショートを指定できるのはレバレッジ注文だけです</translation>
    </message>
    <message>
        <source>A reduce-only order closing the long leg at GMO Coin must be a sell</source>
        <translation>GMOコインでロングの建玉を決済するリデュースオンリー注文は売りでなければなりません</translation>
    </message>
    <message>
        <source>A reduce-only order closing the short leg at GMO Coin must be a buy</source>
        <translation>GMOコインでショートの建玉を決済するリデュースオンリー注文は買いでなければなりません</translation>
    </message>
    <message>
        <source>GMO Coin&apos;s spot wallet holds no positions: only leverage positions are closed by id</source>
        <translation>GMOコインの現物口座には建玉がありません。ID を指定して決済できるのはレバレッジ取引の建玉だけです</translation>
    </message>
    <message>
        <source>GMO Coin position %1 is not an open %2 position botterm knows of: read the positions again</source>
        <translation>GMOコインの建玉 %1 は botterm が把握している %2 の保有建玉ではありません。建玉を読み直してください</translation>
    </message>
    <message>
        <source>GMO Coin position %1 is a long one: it is closed by a sell</source>
        <translation>GMOコインの建玉 %1 は買い建玉です。売りで決済します</translation>
    </message>
    <message>
        <source>GMO Coin position %1 is a short one: it is closed by a buy</source>
        <translation>GMOコインの建玉 %1 は売り建玉です。買いで決済します</translation>
    </message>
    <message>
        <source>GMO Coin position %1 is not on the leg the order names</source>
        <translation>GMOコインの建玉 %1 は注文が指定した側（ロング／ショート）の建玉ではありません</translation>
    </message>
    <message>
        <source>GMO Coin position %1 holds %2: a close of %3 is larger than it</source>
        <translation>GMOコインの建玉 %1 の数量は %2 です。決済数量 %3 はそれを超えています</translation>
    </message>
    <message>
        <source>A close of one GMO Coin position takes no trigger price</source>
        <translation>GMOコインの建玉を個別に決済する注文にはトリガー価格を指定できません</translation>
    </message>
</context>
<context>
    <name>KeyStore</name>
    <message>
        <source>%1 account &quot;%2&quot; (%3)</source>
        <translation>%1 のアカウント「%2」（%3）</translation>
    </message>
    <message>
        <source>no API key is stored for %1</source>
        <translation>%1 の API キーは保存されていません</translation>
    </message>
    <message>
        <source>the keychain refused access (it may be locked): %1</source>
        <translation>キーチェーンがアクセスを拒否しました（ロックされている可能性があります）: %1</translation>
    </message>
    <message>
        <source>nothing was stored</source>
        <translation>何も保存していません</translation>
    </message>
    <message>
        <source>nothing was removed</source>
        <translation>何も削除していません</translation>
    </message>
    <message>
        <source>the key cannot be read</source>
        <translation>キーを読み出せません</translation>
    </message>
    <message>
        <source>no keychain is reachable (botterm keeps API keys only in the OS keychain: on Linux a Secret Service such as gnome-keyring or KWallet on the D-Bus session bus): %1; %2</source>
        <translation>キーチェーンに接続できません（botterm は API キーを OS のキーチェーンにだけ保存します。Linux では D-Bus セッションバス上の gnome-keyring や KWallet などの Secret Service）: %1。%2</translation>
    </message>
    <message>
        <source>keychain error for %1: %2</source>
        <translation>%1 のキーチェーンエラー: %2</translation>
    </message>
    <message>
        <source>an API key needs a venue, an account name, a key and a secret</source>
        <translation>API キーには取引所、アカウント名、キー、シークレットが必要です</translation>
    </message>
    <message>
        <source>the key for %1 is in the keychain, but the account list in %2 could not be written</source>
        <translation>%1 のキーはキーチェーンに保存しましたが、%2 のアカウント一覧を書き込めませんでした</translation>
    </message>
    <message>
        <source>the keychain entry for %1 is not in botterm&apos;s format</source>
        <translation>%1 のキーチェーンの項目は botterm の形式ではありません</translation>
    </message>
</context>
<context>
    <name>LadderDock</name>
    <message>
        <source>Order book</source>
        <translation>板</translation>
    </message>
    <message>
        <source>Levels</source>
        <translation>段数</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>集約</translation>
    </message>
    <message>
        <source>Price levels shown on each side</source>
        <translation>売り・買いそれぞれに表示する気配の段数</translation>
    </message>
    <message>
        <source>Aggregate price levels into steps of this size (multiples of the tick)</source>
        <translation>この刻み（呼値の倍数）で気配をまとめて表示します</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>live</source>
        <translation>受信中</translation>
    </message>
    <message>
        <source>not loaded yet</source>
        <translation>未取得</translation>
    </message>
    <message>
        <source>resyncing</source>
        <translation>再同期中</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>更新停止</translation>
    </message>
    <message>
        <source>Preset %1: quantity %2</source>
        <translation>プリセット %1: 数量 %2</translation>
    </message>
    <message>
        <source>Not sent: no trading account</source>
        <translation>未送信: 取引アカウントがありません</translation>
    </message>
    <message>
        <source>Not sent: the account is not live</source>
        <translation>未送信: アカウントが取引可能な状態ではありません</translation>
    </message>
    <message>
        <source>Not sent: the order book is %1</source>
        <translation>未送信: 板が%1です</translation>
    </message>
    <message>
        <source>Not sent: %1 has no instrument rules loaded yet</source>
        <translation>未送信: %1 の銘柄ルールがまだ読み込まれていません</translation>
    </message>
    <message>
        <source>%1 stop %2 %3 at %4</source>
        <translation>%3 %1 %2 逆指値 %4</translation>
    </message>
    <message>
        <source>%1 %2 %3 at market</source>
        <translation>%3 %1 %2 成行</translation>
    </message>
    <message>
        <source>%1 %2 %3 @ %4 IOC</source>
        <translation>%3 %1 %2 @ %4 IOC</translation>
    </message>
    <message>
        <source>%1 %2 %3 @ %4</source>
        <translation>%3 %1 %2 @ %4</translation>
    </message>
    <message>
        <source>Not sent: enter a quantity on the lot first</source>
        <translation>未送信: 先にロット単位で数量を入力してください</translation>
    </message>
    <message>
        <source>Confirm order</source>
        <translation>注文の確認</translation>
    </message>
    <message>
        <source>%1

%2

Send it anyway?</source>
        <translation>%1

%2

このまま送信しますか？</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未送信: %1</translation>
    </message>
    <message>
        <source>Sending %1…</source>
        <translation>%1 を送信中…</translation>
    </message>
    <message>
        <source>%1: working</source>
        <translation>%1: 注文中</translation>
    </message>
    <message>
        <source>%1: filled</source>
        <translation>%1: 約定</translation>
    </message>
    <message>
        <source>%1: accepted</source>
        <translation>%1: 受付済み</translation>
    </message>
    <message>
        <source>%1: cancelled by the venue (%2)</source>
        <translation>%1: 取引所により取消（%2）</translation>
    </message>
    <message>
        <source>%1: not sent: %2</source>
        <translation>%1: 未送信: %2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1: outcome unknown (client id %2)</source>
        <translation>%1: 結果不明（クライアントID %2）</translation>
    </message>
    <message>
        <source>Cancelling the order…</source>
        <translation>注文を取消中…</translation>
    </message>
    <message numerus="yes">
        <source>Cancelling %n orders…</source>
        <translation>
            <numerusform>%n 件の注文を取消中…</numerusform>
        </translation>
    </message>
    <message>
        <source>Order cancelled</source>
        <translation>注文を取り消しました</translation>
    </message>
    <message>
        <source>Cancel failed: %1</source>
        <translation>取消に失敗しました: %1</translation>
    </message>
    <message>
        <source>Not sent: only resting limit orders can be moved on the ladder</source>
        <translation>未送信: 板上で移動できるのは未約定の指値注文だけです</translation>
    </message>
    <message>
        <source>Move %1 %2 %3 to %4</source>
        <translation>%3 %1 %2 を %4 へ移動</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: 完了</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>The quantity a ladder click or a hotkey trades (on the lot; arrows step by one lot)</source>
        <translation>板のクリックやホットキーで発注する数量（ロット単位。矢印キーで 1 ロットずつ増減）</translation>
    </message>
</context>
<context>
    <name>LadderWidget</name>
    <message>
        <source>No symbol selected</source>
        <translation>銘柄が選択されていません</translation>
    </message>
    <message>
        <source>Waiting for the order book…</source>
        <translation>板情報を待っています…</translation>
    </message>
    <message>
        <source>Resyncing — the book is being rebuilt</source>
        <translation>再同期中 — 板を再構築しています</translation>
    </message>
    <message>
        <source>Stale — no updates from the venue</source>
        <translation>更新停止 — 取引所から更新が届いていません</translation>
    </message>
    <message>
        <source>Spread %1 (%2 bp)</source>
        <translation>スプレッド %1（%2 bp）</translation>
    </message>
    <message>
        <source>Mid %1</source>
        <translation>仲値 %1</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>%1 stop %2, triggered at %3</source>
        <translation>%1 逆指値 %2、トリガー価格 %3</translation>
    </message>
    <message>
        <source>%1 %2 @ %3</source>
        <translation>%1 %2 @ %3</translation>
    </message>
    <message>
        <source>Click to cancel; drag to another row to move</source>
        <translation>クリックで取消、別の行へドラッグで価格を移動</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>注文</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>買気配</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>売気配</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>レイアウトを初期化(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>テーマ(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>ダーク(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>ライト(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>設定(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System default</source>
        <translation>システムの設定に従う(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About botterm</source>
        <translation>botterm について(&amp;A)</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>デモ</translation>
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
        <translation>&lt;h3&gt;botterm %1&lt;/h3&gt;&lt;p&gt;高速で信頼できるデスクトップ取引ターミナル。&lt;/p&gt;&lt;table&gt;&lt;tr&gt;&lt;td&gt;Qt&lt;/td&gt;&lt;td&gt;%2（ビルド時 %3）&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;OpenSSL&lt;/td&gt;&lt;td&gt;%4&lt;/td&gt;&lt;/tr&gt;&lt;tr&gt;&lt;td&gt;TLS (Qt)&lt;/td&gt;&lt;td&gt;%5&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;</translation>
    </message>
    <message>
        <source>About botterm</source>
        <translation>botterm について</translation>
    </message>
    <message>
        <source>No OS keychain: the demo account is kept in memory for this run only (%1)</source>
        <translation>OSのキーチェーンがありません: デモアカウントは今回の起動中だけメモリに保持します(%1)</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>アカウント(&amp;A)…</translation>
    </message>
    <message>
        <source>No %1 account: add one in Settings → Accounts</source>
        <translation>%1 のアカウントがありません: 設定 → アカウント から追加してください</translation>
    </message>
    <message>
        <source>No trading (market data only)</source>
        <translation>取引しない（相場情報のみ）</translation>
    </message>
    <message>
        <source>&amp;Trading…</source>
        <translation>取引(&amp;T)…</translation>
    </message>
    <message>
        <source>Trade &amp;with</source>
        <translation>取引アカウント(&amp;W)</translation>
    </message>
</context>
<context>
    <name>MarketStatusBar</name>
    <message>
        <source>Spot</source>
        <translation>現物</translation>
    </message>
    <message>
        <source>Perp</source>
        <translation>先物</translation>
    </message>
    <message>
        <source>Inverse</source>
        <translation>インバース</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>オプション</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>デモ</translation>
    </message>
    <message>
        <source>The built-in demo venue: simulated prices, no real market and no real money</source>
        <translation>内蔵のデモ取引所：模擬価格です。実際の市場・資金とは無関係です</translation>
    </message>
    <message>
        <source>live</source>
        <translation>受信中</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>接続しています…</translation>
    </message>
    <message>
        <source>reconnecting in %1 s</source>
        <translation>再接続中（%1 秒後）</translation>
    </message>
    <message>
        <source>down</source>
        <translation>切断</translation>
    </message>
    <message>
        <source>%1 stream: %2 messages/s</source>
        <translation>%1 ストリーム：%2 件/秒</translation>
    </message>
    <message>
        <source>%1 msg/s</source>
        <translation>%1 件/秒</translation>
    </message>
    <message>
        <source>Messages per second received over all streams</source>
        <translation>全ストリームで受信した1秒あたりのメッセージ数</translation>
    </message>
    <message>
        <source>RTT %1 ms</source>
        <translation>往復 %1 ms</translation>
    </message>
    <message>
        <source>RTT –</source>
        <translation>往復 –</translation>
    </message>
    <message>
        <source>Round trip of the venue&apos;s ping</source>
        <translation>取引所への ping の往復時間</translation>
    </message>
    <message>
        <source>Clock %1%2 ms</source>
        <translation>時計差 %1%2 ms</translation>
    </message>
    <message>
        <source>Clock –</source>
        <translation>時計差 –</translation>
    </message>
    <message>
        <source>Venue clock minus local clock, estimated from message timestamps</source>
        <translation>取引所の時計とこのPCの時計の差（メッセージのタイムスタンプから推定）</translation>
    </message>
    <message>
        <source>trading live</source>
        <translation>取引可能</translation>
    </message>
    <message>
        <source>trading off</source>
        <translation>取引オフ</translation>
    </message>
    <message>
        <source>logging in…</source>
        <translation>ログイン中…</translation>
    </message>
    <message>
        <source>loading orders and positions…</source>
        <translation>注文とポジションを読み込み中…</translation>
    </message>
    <message>
        <source>reconnecting…</source>
        <translation>再接続中…</translation>
    </message>
    <message>
        <source>login refused: %1</source>
        <translation>ログイン拒否: %1</translation>
    </message>
    <message>
        <source>The trading account: orders are enabled only while it is live</source>
        <translation>取引アカウント: 取引可能な状態のときだけ発注できます</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>market, connection</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>A notice from the venue to this account. Click to dismiss.</source>
        <translation>取引所からこの口座への通知です。クリックで閉じます。</translation>
    </message>
</context>
<context>
    <name>OkxTrading</name>
    <message>
        <source>OKX spot orders cannot be reduce-only</source>
        <translation>OKX の現物注文はリデュースオンリーにできません</translation>
    </message>
    <message>
        <source>OKX trigger orders cannot be post-only</source>
        <translation>OKX のトリガー注文はポストオンリーにできません</translation>
    </message>
    <message>
        <source>OKX cannot add a trigger price to a placed order; cancel it and place a stop order</source>
        <translation>OKX は発注済みの注文にトリガー価格を付けられません。取り消してから逆指値注文を出してください</translation>
    </message>
    <message>
        <source>This OKX stop places a market order: it has no price to change</source>
        <translation>この OKX の逆指値は成行注文を出すため、変更できる価格がありません</translation>
    </message>
</context>
<context>
    <name>OpenOrdersModel</name>
    <message>
        <source>Symbol</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>売買</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>約定数量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Time in force</source>
        <translation>執行条件</translation>
    </message>
    <message>
        <source>Reduce-only</source>
        <translation>リデュースオンリー</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>発注時刻</translation>
    </message>
    <message>
        <source>Stop %1</source>
        <translation>逆指値（%1）</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>成行</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>あり</translation>
    </message>
    <message>
        <source>Trigger price %1</source>
        <translation>トリガー価格 %1</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>注文 %1</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>トリガー</translation>
    </message>
    <message>
        <source>Waiting for the market to reach the trigger price %1</source>
        <translation>市場価格がトリガー価格 %1 に達するのを待っています</translation>
    </message>
    <message>
        <source>Triggered: sent to the book as a %1 order</source>
        <translation>発動済み: %1 注文として板に発注されました</translation>
    </message>
</context>
<context>
    <name>OrderBookModel</name>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>累計</translation>
    </message>
</context>
<context>
    <name>OrderConfirmation</name>
    <message>
        <source>stop market, trigger %1</source>
        <translation>逆指値（成行）、トリガー価格 %1</translation>
    </message>
    <message>
        <source>stop limit %1, trigger %2</source>
        <translation>逆指値（指値 %1）、トリガー価格 %2</translation>
    </message>
    <message>
        <source>market</source>
        <translation>成行</translation>
    </message>
    <message>
        <source>limit %1</source>
        <translation>指値 %1</translation>
    </message>
    <message>
        <source>%1 %2 %3 (%4)</source>
        <translation>%3（%4）%1 %2</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>reduce-only</source>
        <translation>リデュースオンリー</translation>
    </message>
    <message>
        <source>TP %1</source>
        <translation>利確 %1</translation>
    </message>
    <message>
        <source>SL %1</source>
        <translation>損切り %1</translation>
    </message>
    <message>
        <source>Notional ≈ %1 %2</source>
        <translation>注文金額 ≈ %1 %2</translation>
    </message>
    <message>
        <source>Check this order</source>
        <translation>この注文を確認してください</translation>
    </message>
    <message>
        <source>Send this order?</source>
        <translation>この注文を送信しますか？</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>このまま送信</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Buy %1 for %2 %3 at market (%4, %5)</source>
        <translation>%1 を %2 %3 分、成行で買い（%4、%5）</translation>
    </message>
    <message>
        <source>%1 %2 contracts %3 (%4)</source>
        <translation>%3（%4）%1 %2 枚</translation>
    </message>
</context>
<context>
    <name>OrderEntryDock</name>
    <message>
        <source>Order entry</source>
        <translation>注文入力</translation>
    </message>
    <message>
        <source>Buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>指値</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>成行</translation>
    </message>
    <message>
        <source>Stop (trigger)</source>
        <translation>逆指値（トリガー）</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>トリガー</translation>
    </message>
    <message>
        <source>trigger price</source>
        <translation>トリガー価格</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>TIF</source>
        <translation>執行条件</translation>
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
        <translation>ポストオンリー</translation>
    </message>
    <message>
        <source>Reduce-only</source>
        <translation>リデュースオンリー</translation>
    </message>
    <message>
        <source>Take-profit / stop-loss</source>
        <translation>利確 / 損切り（TP/SL）</translation>
    </message>
    <message>
        <source>TP price</source>
        <translation>利確価格</translation>
    </message>
    <message>
        <source>SL price</source>
        <translation>損切り価格</translation>
    </message>
    <message>
        <source>Confirm orders</source>
        <translation>注文確認</translation>
    </message>
    <message>
        <source>Ask before each order is sent (this account). Orders far from the market or above the maximum notional are always confirmed.</source>
        <translation>注文を送信する前に毎回確認します（このアカウントのみ）。市場価格から大きく離れた注文や最大注文金額を超える注文は常に確認します。</translation>
    </message>
    <message>
        <source>Buy side (the price starts at the best bid)</source>
        <translation>買い（価格の初期値は最良買気配）</translation>
    </message>
    <message>
        <source>Sell side (the price starts at the best ask)</source>
        <translation>売り（価格の初期値は最良売気配）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>No symbol</source>
        <translation>銘柄なし</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>empty: market</source>
        <translation>空欄: 成行</translation>
    </message>
    <message>
        <source>“%1” is not a number</source>
        <translation>「%1」は数値ではありません</translation>
    </message>
    <message>
        <source>the trigger must be above or below the market price %1</source>
        <translation>トリガー価格は市場価格 %1 より上または下にしてください</translation>
    </message>
    <message>
        <source>no market price to place the trigger against</source>
        <translation>トリガー価格の基準となる市場価格がありません</translation>
    </message>
    <message>
        <source>take-profit must be above the entry %1</source>
        <translation>利確価格は建値 %1 より上にしてください</translation>
    </message>
    <message>
        <source>take-profit must be below the entry %1</source>
        <translation>利確価格は建値 %1 より下にしてください</translation>
    </message>
    <message>
        <source>stop-loss must be below the entry %1</source>
        <translation>損切り価格は建値 %1 より下にしてください</translation>
    </message>
    <message>
        <source>stop-loss must be above the entry %1</source>
        <translation>損切り価格は建値 %1 より上にしてください</translation>
    </message>
    <message>
        <source>%1 is not a multiple of the tick %2</source>
        <translation>%1 は呼値 %2 の倍数ではありません</translation>
    </message>
    <message>
        <source>Notional —</source>
        <translation>注文金額 —</translation>
    </message>
    <message>
        <source>Fee —</source>
        <translation>手数料 —</translation>
    </message>
    <message>
        <source>Notional %1 %2</source>
        <translation>注文金額 %1 %2</translation>
    </message>
    <message>
        <source>Fee est. %1 %2 (%3 %4 %)</source>
        <translation>手数料（概算）%1 %2（%3 %4 %）</translation>
    </message>
    <message>
        <source>maker</source>
        <translation>メイカー</translation>
    </message>
    <message>
        <source>taker</source>
        <translation>テイカー</translation>
    </message>
    <message>
        <source>No trading account: add one in Settings → Accounts.</source>
        <translation>取引アカウントがありません。設定 → アカウント から追加してください。</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>切断</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>loading orders and positions</source>
        <translation>注文・ポジションを読み込み中</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>再接続中</translation>
    </message>
    <message>
        <source>login refused</source>
        <translation>ログイン拒否</translation>
    </message>
    <message>
        <source>%1: not live (%2)</source>
        <translation>%1: 取引不可（%2）</translation>
    </message>
    <message>
        <source>Waiting for %1&apos;s rules from the venue</source>
        <translation>取引所から %1 の銘柄ルールを待っています</translation>
    </message>
    <message>
        <source>%1 · trading live</source>
        <translation>%1 · 取引可能</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>送信中…</translation>
    </message>
    <message>
        <source>Buy %1 %2</source>
        <translation>買い %1 %2</translation>
    </message>
    <message>
        <source>Sell %1 %2</source>
        <translation>売り %1 %2</translation>
    </message>
    <message>
        <source>No balance to size from</source>
        <translation>数量の計算に使える残高がありません</translation>
    </message>
    <message>
        <source>Enter a price first</source>
        <translation>先に価格を入力してください</translation>
    </message>
    <message>
        <source>Not sent: cancelled at the confirmation</source>
        <translation>未送信: 確認画面で取り消しました</translation>
    </message>
    <message>
        <source>Live: order %1</source>
        <translation>注文中: 注文 %1</translation>
    </message>
    <message>
        <source>Filled at %1: order %2</source>
        <translation>%1 で約定: 注文 %2</translation>
    </message>
    <message>
        <source>Filled: order %1</source>
        <translation>約定: 注文 %1</translation>
    </message>
    <message>
        <source>Accepted: order %1 (its state is not read back yet)</source>
        <translation>受付済み: 注文 %1（状態はまだ確認できていません）</translation>
    </message>
    <message>
        <source>Cancelled by the venue: %1</source>
        <translation>取引所により取消: %1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>理由の記載なし</translation>
    </message>
    <message>
        <source>Refused, nothing sent: %1</source>
        <translation>拒否（未送信）: %1</translation>
    </message>
    <message>
        <source>Rejected by the venue: %1</source>
        <translation>取引所が拒否: %1</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未送信: %1</translation>
    </message>
    <message>
        <source>still unknown (%1); not sent again</source>
        <translation>依然として不明（%1）。再送信はしていません</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>応答なし</translation>
    </message>
    <message>
        <source>found: %1</source>
        <translation>判明: %1</translation>
    </message>
    <message>
        <source>outcome unknown: looked up by client order id %1 → %2</source>
        <translation>結果不明: クライアント注文ID %1 で照会 → %2</translation>
    </message>
    <message>
        <source>Size the market buy in the coin bought or in the currency spent</source>
        <translation>成行買いの数量を、買う通貨の数量か使う金額で指定します</translation>
    </message>
    <message>
        <source>Available %1 %2</source>
        <translation>利用可能 %1 %2</translation>
    </message>
    <message>
        <source>less than the %1 %2 to spend</source>
        <translation>使う金額 %1 %2 に足りません</translation>
    </message>
    <message>
        <source>Buy %1</source>
        <translation>%1 を買う</translation>
    </message>
    <message>
        <source>Buy %1 for %2 %3</source>
        <translation>%1 を %2 %3 分買う</translation>
    </message>
    <message>
        <source>contracts</source>
        <translation>枚</translation>
    </message>
    <message>
        <source>Sell %1</source>
        <translation>%1 を売る</translation>
    </message>
    <message>
        <source>Buy %1 contracts %2</source>
        <translation>%2 を %1 枚買う</translation>
    </message>
    <message>
        <source>Sell %1 contracts %2</source>
        <translation>%2 を %1 枚売る</translation>
    </message>
</context>
<context>
    <name>OrderGuard</name>
    <message>
        <source>The price %1 is more than %2 % away from the mid %3.</source>
        <translation>価格 %1 が仲値 %3 から %2 % 以上離れています。</translation>
    </message>
    <message>
        <source>The notional %1 is above the maximum %2.</source>
        <translation>注文金額 %1 が上限 %2 を超えています。</translation>
    </message>
    <message>
        <source>(too large)</source>
        <translation>（大きすぎます）</translation>
    </message>
</context>
<context>
    <name>OrderHistoryModel</name>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>売買</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>約定数量</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <source>Average price</source>
        <translation>平均約定価格</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>注文 %1</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>トリガー</translation>
    </message>
    <message>
        <source>Stop %1</source>
        <translation>逆指値（%1）</translation>
    </message>
</context>
<context>
    <name>OrderSubmitter</name>
    <message>
        <source>%1 does not take this order sized in the quote currency</source>
        <translation>%1 は決済通貨建てで数量を指定したこの注文を受け付けません</translation>
    </message>
    <message>
        <source>%1 holds one position per symbol here: an order for the %2 leg cannot be sent</source>
        <translation>%1 のこの口座は銘柄ごとにポジションを 1 つだけ持ちます。%2 側の建玉を指定した注文は送れません</translation>
    </message>
    <message>
        <source>%1 keeps no separate positions to close by id: close the position as a whole</source>
        <translation>%1 は建玉を個別に管理していないため、ID を指定して決済できません。ポジション全体を決済してください</translation>
    </message>
</context>
<context>
    <name>OrdersDock</name>
    <message>
        <source>Amend</source>
        <translation>訂正</translation>
    </message>
    <message>
        <source>Change the price or quantity of this order</source>
        <translation>この注文の価格・数量を訂正します</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cancel this order</source>
        <translation>この注文を取り消します</translation>
    </message>
    <message>
        <source>Open orders (%1)</source>
        <translation>未約定注文（%1）</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>未約定注文</translation>
    </message>
    <message>
        <source>Cancel failed: %1</source>
        <translation>取消に失敗しました: %1</translation>
    </message>
    <message>
        <source>Cannot amend: the rules of %1 are not loaded yet.</source>
        <translation>訂正できません: %1 の銘柄ルールがまだ読み込まれていません。</translation>
    </message>
    <message>
        <source>Not amended: the order is no longer open.</source>
        <translation>訂正していません: この注文はすでに約定または取消済みです。</translation>
    </message>
    <message>
        <source>Amend failed: %1</source>
        <translation>訂正に失敗しました: %1</translation>
    </message>
    <message>
        <source>Cancel all %1 failed: %2</source>
        <translation>%1 の一括取消に失敗しました: %2</translation>
    </message>
    <message>
        <source>Amend…</source>
        <translation>訂正…</translation>
    </message>
    <message>
        <source>Cancel all %1 orders</source>
        <translation>%1 の注文を一括取消</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>%1 を表示</translation>
    </message>
    <message>
        <source>Copy order id</source>
        <translation>注文IDをコピー</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>注文</translation>
    </message>
    <message>
        <source>No trading account: add one in Settings → Accounts.</source>
        <translation>取引アカウントがありません。設定 → アカウント から追加してください。</translation>
    </message>
    <message>
        <source>Order history</source>
        <translation>注文履歴</translation>
    </message>
    <message>
        <source>Fills</source>
        <translation>約定履歴</translation>
    </message>
    <message>
        <source>Active symbol only</source>
        <translation>選択中の銘柄のみ</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>一括取消</translation>
    </message>
    <message>
        <source>Cancel all %1</source>
        <translation>%1 を一括取消</translation>
    </message>
    <message>
        <source>Cancel every open order of the active symbol</source>
        <translation>選択中の銘柄の未約定注文をすべて取り消します</translation>
    </message>
    <message>
        <source>No open orders</source>
        <translation>未約定注文はありません</translation>
    </message>
    <message>
        <source>No orders filled or cancelled yet</source>
        <translation>約定・取消済みの注文はまだありません</translation>
    </message>
    <message>
        <source>No fills yet</source>
        <translation>約定はまだありません</translation>
    </message>
</context>
<context>
    <name>PhemexTrading</name>
    <message>
        <source>Phemex&apos;s price scale of %1 is not known yet (the product list has not been read); try again in a moment.</source>
        <translation>Phemex の %1 の価格スケールがまだ分かりません（商品一覧を読み込んでいません）。少し待ってからやり直してください。</translation>
    </message>
    <message>
        <source>Phemex takes %1 in whole contracts only.</source>
        <translation>Phemex の %1 は整数枚でしか注文できません。</translation>
    </message>
    <message>
        <source>Phemex takes prices of %1 with at most %2 decimals.</source>
        <translation>Phemex の %1 の価格は小数点以下 %2 桁までです。</translation>
    </message>
</context>
<context>
    <name>PositionsDock</name>
    <message>
        <source>Close position</source>
        <translation>ポジション決済</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>%1 を表示</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>決済</translation>
    </message>
    <message>
        <source>Flatten this position with a reduce-only market order</source>
        <translation>リデュースオンリーの成行注文でこのポジションを全決済します</translation>
    </message>
    <message>
        <source>Closing needs the account live (it is reconnecting)</source>
        <translation>決済するにはアカウントが取引可能な状態である必要があります（再接続中です）</translation>
    </message>
    <message>
        <source>Close the long position of %1 %2 with a reduce-only market sell?</source>
        <translation>%2 のロングポジション %1 を、リデュースオンリーの成行売りで決済しますか？</translation>
    </message>
    <message>
        <source>Close the short position of %1 %2 with a reduce-only market buy?</source>
        <translation>%2 のショートポジション %1 を、リデュースオンリーの成行買いで決済しますか？</translation>
    </message>
    <message>
        <source>Close %1 not sent: the position changed side while you confirmed.</source>
        <translation>%1 の決済は未送信: 確認中にポジションの売買方向が変わりました。</translation>
    </message>
    <message>
        <source>Close %1: the venue&apos;s answer was lost and the order was not found; check the position before closing again.</source>
        <translation>%1 の決済: 取引所からの応答が失われ、注文も見つかりませんでした。再度決済する前にポジションを確認してください。</translation>
    </message>
    <message>
        <source>Close %1 failed: %2</source>
        <translation>%1 の決済に失敗しました: %2</translation>
    </message>
    <message>
        <source>Positions</source>
        <translation>ポジション</translation>
    </message>
    <message>
        <source>No trading account: add one in Settings → Accounts.</source>
        <translation>取引アカウントがありません。設定 → アカウント から追加してください。</translation>
    </message>
    <message>
        <source>No open positions</source>
        <translation>保有ポジションはありません</translation>
    </message>
    <message>
        <source>Close lot</source>
        <translation>建玉を決済</translation>
    </message>
    <message>
        <source>Close lot %1 of the long position of %2 with a reduce-only market sell?</source>
        <translation>%2 のロングポジションの建玉 %1 を決済専用の成行売りで決済しますか？</translation>
    </message>
    <message>
        <source>Close lot %1 of the short position of %2 with a reduce-only market buy?</source>
        <translation>%2 のショートポジションの建玉 %1 を決済専用の成行買いで決済しますか？</translation>
    </message>
    <message>
        <source>Close lot #%1 of %2 not sent: the lot is gone.</source>
        <translation>%2 の建玉 #%1 の決済は送信していません。建玉はもうありません。</translation>
    </message>
    <message>
        <source>Close lot #%1 of %2: the venue&apos;s answer was lost and the order was not found; check the position before closing again.</source>
        <translation>%2 の建玉 #%1 の決済：取引所の応答が失われ、注文も見つかりませんでした。もう一度決済する前にポジションを確認してください。</translation>
    </message>
    <message>
        <source>Close lot #%1 of %2 failed: %3</source>
        <translation>%2 の建玉 #%1 の決済に失敗しました：%3</translation>
    </message>
</context>
<context>
    <name>PositionsModel</name>
    <message>
        <source>Symbol</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>売買</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>建値</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>マーク価格</translation>
    </message>
    <message>
        <source>Unrealised PnL</source>
        <translation>未実現損益</translation>
    </message>
    <message>
        <source>Liquidation</source>
        <translation>清算価格</translation>
    </message>
    <message>
        <source>Realised PnL</source>
        <translation>実現損益</translation>
    </message>
    <message>
        <source>Take profit</source>
        <translation>利確</translation>
    </message>
    <message>
        <source>Stop loss</source>
        <translation>損切り</translation>
    </message>
    <message>
        <source>Long</source>
        <translation>ロング</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>ショート</translation>
    </message>
    <message>
        <source>Lots</source>
        <translation>建玉数</translation>
    </message>
    <message numerus="yes">
        <source>%n lot(s), oldest first:</source>
        <translation>
            <numerusform>建玉 %n 件（古い順）:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SymbolPicker</name>
    <message>
        <source>Spot</source>
        <translation>現物</translation>
    </message>
    <message>
        <source>USDT perpetual</source>
        <translation>USDT無期限先物</translation>
    </message>
    <message>
        <source>Inverse</source>
        <translation>インバース</translation>
    </message>
    <message>
        <source>Option</source>
        <translation>オプション</translation>
    </message>
    <message>
        <source>Add symbols</source>
        <translation>銘柄を追加</translation>
    </message>
    <message>
        <source>Filter, e.g. BTC</source>
        <translation>絞り込み（例：BTC）</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>市場</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基軸通貨</translation>
    </message>
    <message>
        <source>Quote</source>
        <translation>決済通貨</translation>
    </message>
    <message>
        <source>Tick size</source>
        <translation>呼値</translation>
    </message>
    <message>
        <source>Already in the watchlist</source>
        <translation>ウォッチリストに登録済み</translation>
    </message>
    <message>
        <source>Waiting for the venue&apos;s instrument list…</source>
        <translation>取引所の銘柄一覧を待っています…</translation>
    </message>
    <message numerus="yes">
        <source>%n instrument(s)</source>
        <translation>
            <numerusform>%n 銘柄</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TickerModel</name>
    <message>
        <source>Symbol</source>
        <translation>銘柄</translation>
    </message>
    <message>
        <source>Last</source>
        <translation>現在値</translation>
    </message>
    <message>
        <source>24h %</source>
        <translation>前日比</translation>
    </message>
    <message>
        <source>Bid</source>
        <translation>買気配</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>売気配</translation>
    </message>
    <message>
        <source>24h Volume</source>
        <translation>出来高(24h)</translation>
    </message>
    <message>
        <source>24h High</source>
        <translation>高値(24h)</translation>
    </message>
    <message>
        <source>24h Low</source>
        <translation>安値(24h)</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>マーク</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>インデックス</translation>
    </message>
    <message>
        <source>Funding</source>
        <translation>資金調達率</translation>
    </message>
    <message>
        <source>Open interest</source>
        <translation>未決済建玉</translation>
    </message>
</context>
<context>
    <name>TradesDock</name>
    <message>
        <source>Buy</source>
        <translation>買</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売</translation>
    </message>
    <message>
        <source>Trades</source>
        <translation>歩み値</translation>
    </message>
</context>
<context>
    <name>TradesModel</name>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>価格</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Side</source>
        <translation>売買</translation>
    </message>
</context>
<context>
    <name>TradingDesk</name>
    <message>
        <source>botterm cannot trade on %1 yet</source>
        <translation>botterm はまだ %1 での取引に対応していません</translation>
    </message>
    <message>
        <source>No key store</source>
        <translation>キーチェーンがありません</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 · %2 (%3)</source>
        <translation>%1 · %2（%3）</translation>
    </message>
    <message>
        <source>Not sent: the account is not live yet (%1)</source>
        <translation>未送信: アカウントはまだ取引可能な状態ではありません（%1）</translation>
    </message>
    <message>
        <source>Not sent: %1 has no instrument rules loaded yet</source>
        <translation>未送信: %1 の銘柄ルールがまだ読み込まれていません</translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation>未送信: %1</translation>
    </message>
</context>
<context>
    <name>TradingHotkeys</name>
    <message>
        <source>Buy at the best ask (limit IOC)</source>
        <translation>最良売気配で買い（指値 IOC）</translation>
    </message>
    <message>
        <source>Sell at the best bid (limit IOC)</source>
        <translation>最良買気配で売り（指値 IOC）</translation>
    </message>
    <message>
        <source>Cancel the last order placed</source>
        <translation>直前の注文を取消</translation>
    </message>
    <message>
        <source>Cancel all orders of the symbol</source>
        <translation>この銘柄の注文を一括取消</translation>
    </message>
    <message>
        <source>Flatten the symbol&apos;s position</source>
        <translation>この銘柄のポジションを全決済</translation>
    </message>
    <message>
        <source>Quantity preset %1 (ladder focused)</source>
        <translation>数量プリセット %1（板にフォーカスがあるとき）</translation>
    </message>
    <message>
        <source>%1 is bound to more than one command: change it in Settings → Trading</source>
        <translation>%1 が複数のコマンドに割り当てられています: 設定 → 取引 で変更してください</translation>
    </message>
    <message>
        <source>Not sent: no trading account</source>
        <translation>未送信: 取引アカウントがありません</translation>
    </message>
    <message>
        <source>Not sent: the account is not live</source>
        <translation>未送信: アカウントが取引可能な状態ではありません</translation>
    </message>
    <message>
        <source>Not sent: the order book is not live</source>
        <translation>未送信: 板を受信していません</translation>
    </message>
    <message>
        <source>Not sent: the book has no %1</source>
        <translation>未送信: 板に%1がありません</translation>
    </message>
    <message>
        <source>asks</source>
        <translation>売気配</translation>
    </message>
    <message>
        <source>bids</source>
        <translation>買気配</translation>
    </message>
    <message>
        <source>Not sent: enter a quantity on the lot first</source>
        <translation>未送信: 先にロット単位で数量を入力してください</translation>
    </message>
    <message>
        <source>No open order placed this session to cancel</source>
        <translation>このセッションで発注した未約定注文がないため、取り消せません</translation>
    </message>
    <message>
        <source>Cancelling the last order…</source>
        <translation>直前の注文を取消中…</translation>
    </message>
    <message>
        <source>Last order cancelled</source>
        <translation>直前の注文を取り消しました</translation>
    </message>
    <message>
        <source>Cancel failed: %1</source>
        <translation>取消に失敗しました: %1</translation>
    </message>
    <message>
        <source>No open orders on %1</source>
        <translation>%1 に未約定注文はありません</translation>
    </message>
    <message>
        <source>Cancelling all orders on %1…</source>
        <translation>%1 の注文を一括取消中…</translation>
    </message>
    <message>
        <source>All orders on %1 cancelled</source>
        <translation>%1 の注文をすべて取り消しました</translation>
    </message>
    <message>
        <source>Cancel all failed: %1</source>
        <translation>一括取消に失敗しました: %1</translation>
    </message>
    <message>
        <source>No position on %1 to flatten</source>
        <translation>%1 に決済するポジションはありません</translation>
    </message>
    <message>
        <source>Flattening %1…</source>
        <translation>%1 を全決済中…</translation>
    </message>
    <message>
        <source>%1 flattened</source>
        <translation>%1 を全決済しました</translation>
    </message>
    <message>
        <source>Flatten failed: %1</source>
        <translation>全決済に失敗しました: %1</translation>
    </message>
    <message>
        <source>The last order is still on its way to the venue: press again once it is shown</source>
        <translation>直前の注文はまだ取引所へ送信中です。表示されてからもう一度押してください</translation>
    </message>
</context>
<context>
    <name>TradingSession</name>
    <message>
        <source>No credentials for the private stream</source>
        <translation>プライベートストリームの認証情報がありません</translation>
    </message>
    <message>
        <source>The private stream ended: %1</source>
        <translation>プライベートストリームが終了しました: %1</translation>
    </message>
    <message>
        <source>Malformed private stream frame: %1</source>
        <translation>不正なプライベートストリームのフレーム: %1</translation>
    </message>
</context>
<context>
    <name>TradingSettingsDialog</name>
    <message>
        <source>Confirm every order before it is sent</source>
        <translation>送信前にすべての注文を確認する</translation>
    </message>
    <message>
        <source>Ladder trading: a click on the ladder&apos;s bid or ask column sends an order</source>
        <translation>板取引: 板の買気配・売気配の列をクリックすると発注します</translation>
    </message>
    <message>
        <source>Trading hotkeys</source>
        <translation>取引ホットキー</translation>
    </message>
    <message>
        <source>Trading settings</source>
        <translation>取引設定</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>注文</translation>
    </message>
    <message>
        <source>A price further than this from the mid needs an extra confirmation</source>
        <translation>仲値からこれ以上離れた価格の注文は、追加の確認が必要になります</translation>
    </message>
    <message>
        <source>An order worth more than this (in the quote currency) needs an extra confirmation</source>
        <translation>注文金額（決済通貨建て）がこれを超える注文は、追加の確認が必要になります</translation>
    </message>
    <message>
        <source>Price distance from the mid (%)</source>
        <translation>仲値からの乖離（%）</translation>
    </message>
    <message>
        <source>Maximum notional</source>
        <translation>最大注文金額</translation>
    </message>
    <message>
        <source>Ladder trading and hotkeys</source>
        <translation>板取引とホットキー</translation>
    </message>
    <message>
        <source>One click or key is one order, sent without the confirmation step (the fat-finger guard still asks). Both are refused while the order book is not live. Hotkeys do nothing while you type in a field; the presets 1–9 act while the ladder has focus.</source>
        <translation>1 回のクリックまたはキー操作で 1 件の注文を、確認なしで送信します（誤発注防止の確認は引き続き表示されます）。板を受信していない間はどちらも受け付けません。入力欄に入力中はホットキーは働きません。プリセット 1–9 は板にフォーカスがあるときに有効です。</translation>
    </message>
    <message>
        <source>Quantity presets, in multiples of the symbol&apos;s minimum order quantity:</source>
        <translation>数量プリセット（銘柄の最小注文数量の倍数）:</translation>
    </message>
    <message>
        <source>Default keys</source>
        <translation>既定のキー</translation>
    </message>
    <message>
        <source>Enter a number such as %1</source>
        <translation>%1 のような数値を入力してください</translation>
    </message>
    <message>
        <source>Must be more than zero</source>
        <translation>0 より大きい値にしてください</translation>
    </message>
    <message>
        <source>At most 100 %</source>
        <translation>100 % 以下にしてください</translation>
    </message>
</context>
<context>
    <name>TradingTableModel</name>
    <message>
        <source>Buy</source>
        <translation>買い</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>売り</translation>
    </message>
    <message>
        <source>Limit</source>
        <translation>指値</translation>
    </message>
    <message>
        <source>Market</source>
        <translation>成行</translation>
    </message>
    <message>
        <source>New</source>
        <translation>未約定</translation>
    </message>
    <message>
        <source>Partially filled</source>
        <translation>一部約定</translation>
    </message>
    <message>
        <source>Filled</source>
        <translation>約定済み</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>取消済み</translation>
    </message>
    <message>
        <source>Partially filled, cancelled</source>
        <translation>一部約定後に取消</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒否</translation>
    </message>
    <message>
        <source>Untriggered</source>
        <translation>トリガー待ち</translation>
    </message>
    <message>
        <source>Triggered</source>
        <translation>トリガー済み</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>無効化</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>不明</translation>
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
        <translation>ポストオンリー</translation>
    </message>
    <message>
        <source>Open long</source>
        <translation>新規買い</translation>
    </message>
    <message>
        <source>Close long</source>
        <translation>買い決済</translation>
    </message>
    <message>
        <source>Open short</source>
        <translation>新規売り</translation>
    </message>
    <message>
        <source>Close short</source>
        <translation>売り決済</translation>
    </message>
    <message>
        <source>%1 (quote)</source>
        <translation>%1（決済通貨建て）</translation>
    </message>
</context>
<context>
    <name>WatchlistDock</name>
    <message>
        <source>SPOT</source>
        <translation>現物</translation>
    </message>
    <message>
        <source>PERP</source>
        <translation>先物</translation>
    </message>
    <message>
        <source>INV</source>
        <translation>インバース</translation>
    </message>
    <message>
        <source>OPT</source>
        <translation>オプション</translation>
    </message>
    <message>
        <source>Watchlist</source>
        <translation>ウォッチリスト</translation>
    </message>
    <message>
        <source>+ Add symbol…</source>
        <translation>＋ 銘柄を追加…</translation>
    </message>
    <message>
        <source>Add symbols from the venue&apos;s instruments (Insert)</source>
        <translation>取引所の銘柄一覧から追加します（Insert）</translation>
    </message>
    <message>
        <source>− Remove</source>
        <translation>− 削除</translation>
    </message>
    <message>
        <source>Remove the selected symbol from the watchlist (Delete)</source>
        <translation>選択した銘柄をウォッチリストから削除します（Delete）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>The demo venue could not start: %1</source>
        <translation>デモ取引所を起動できませんでした：%1</translation>
    </message>
    <message>
        <source>Demo venue (Bybit V5) on 127.0.0.1:%1</source>
        <translation>デモ取引所（Bybit V5互換）127.0.0.1:%1</translation>
    </message>
</context>
</TS>
