package locales

import "github.com/nicksnyder/go-i18n/v2/i18n"

// The catalog: every message Kizuki shows, declared once. Texts here are
// the Japanese source; `make i18n` extracts them into active.ja.toml and
// merges the English. Keep IDs stable: they are the keys of both files.

// Traffic-light levels: a word and a one-line summary for each colour.
var (
	LevelGreenTitle    = &i18n.Message{ID: "level.green.title", Description: "Traffic light word for green", Other: "異常なし"}
	LevelYellowTitle   = &i18n.Message{ID: "level.yellow.title", Description: "Traffic light word for yellow", Other: "注意"}
	LevelRedTitle      = &i18n.Message{ID: "level.red.title", Description: "Traffic light word for red", Other: "危険"}
	LevelGreenSummary  = &i18n.Message{ID: "level.green.summary", Description: "One line under the green light", Other: "いま対応が必要なことは見つかっていません。"}
	LevelYellowSummary = &i18n.Message{ID: "level.yellow.summary", Description: "One line under the yellow light", Other: "確認が必要なことがあります。下の内容を見てください。"}
	LevelRedSummary    = &i18n.Message{ID: "level.red.summary", Description: "One line under the red light", Other: "すぐに対応が必要です。下の内容を見てください。"}
)

// Severities of findings.
var severityNames = map[string]*i18n.Message{
	"info":     {ID: "severity.info", Description: "Finding severity", Other: "情報"},
	"low":      {ID: "severity.low", Description: "Finding severity", Other: "低"},
	"medium":   {ID: "severity.medium", Description: "Finding severity", Other: "中"},
	"high":     {ID: "severity.high", Description: "Finding severity", Other: "高"},
	"critical": {ID: "severity.critical", Description: "Finding severity", Other: "緊急"},
}

// Titles of the finding rules of ARCHITECTURE.md, keyed by rule; rules
// named endpoint_* and mss_* share their family's title unless listed.
var ruleTitles = map[string]*i18n.Message{
	"vpn_bruteforce":        {ID: "rule.vpn_bruteforce.title", Description: "Finding rule title", Other: "VPN へのパスワード総当たり攻撃"},
	"vpn_spraying":          {ID: "rule.vpn_spraying.title", Description: "Finding rule title", Other: "VPN への分散したパスワード攻撃"},
	"login_after_failures":  {ID: "rule.login_after_failures.title", Description: "Finding rule title", Other: "失敗の続いた後のログイン成功（侵入のおそれ）"},
	"infected_pc":           {ID: "rule.infected_pc.title", Description: "Finding rule title", Other: "ウイルスに感染しているおそれのある PC"},
	"beaconing":             {ID: "rule.beaconing.title", Description: "Finding rule title", Other: "怪しい相手への定期的な通信"},
	"port_scan":             {ID: "rule.port_scan.title", Description: "Finding rule title", Other: "外部からの侵入口探し（ポートスキャン）"},
	"ti_match":              {ID: "rule.ti_match.title", Description: "Finding rule title", Other: "危険と知られている相手との通信"},
	"admin_login_unusual":   {ID: "rule.admin_login_unusual.title", Description: "Finding rule title", Other: "いつもと違う管理者ログイン"},
	"source_silent":         {ID: "rule.source_silent.title", Description: "Finding rule title", Other: "ログが届かなくなった機器"},
	"endpoint_antivirus":    {ID: "rule.endpoint_antivirus.title", Description: "Finding rule title", Other: "ウイルス対策が止まっている PC"},
	"endpoint_notification": {ID: "rule.endpoint_notification.title", Description: "Finding rule title", Other: "怪しい通信先に通知を許可しているブラウザー"},
	"endpoint":              {ID: "rule.endpoint.title", Description: "Title of findings from this PC's checks", Other: "この PC の危険な状態"},
	"mss":                   {ID: "rule.mss.title", Description: "Title of findings pushed by the MSS provider", Other: "セキュリティ監視会社（MSS）からの通知"},
}

// RuleOther titles a rule this build does not know (a newer MSS, say).
var RuleOther = &i18n.Message{ID: "rule.other.title", Description: "Title for an unknown finding rule; .Rule is its code", Other: "検知: {{.Rule}}"}

// Traffic-light reasons: a title and a sentence saying what to do.
var (
	ReasonNotConfiguredTitle  = &i18n.Message{ID: "reason.monitoring.not_configured.title", Description: "Reason: nothing set up yet", Other: "まだ監視が始まっていません"}
	ReasonNotConfiguredDetail = &i18n.Message{ID: "reason.monitoring.not_configured.detail", Description: "Reason detail: nothing set up yet", Other: "UTM やルーターのログをこの PC に送るよう設定すると、攻撃や異常に気づけるようになります。"}
	ReasonSourceSilentTitle   = &i18n.Message{ID: "reason.source.silent.title", Description: "Reason: a log source went quiet; .Name is the source", Other: "「{{.Name}}」からログが届いていません"}
	ReasonSourceSilentDetail  = &i18n.Message{ID: "reason.source.silent.detail", Description: "Reason detail; .Since is how long, .LastSeen when", Other: "最後に届いたのは {{.LastSeen}}（{{.Since}}前）です。機器の電源とネットワーク、ログ送信の設定を確認してください。"}
	ReasonSourceNoDataTitle   = &i18n.Message{ID: "reason.source.no_data.title", Description: "Reason: a configured source never sent anything", Other: "「{{.Name}}」からまだログが届いていません"}
	ReasonSourceNoDataDetail  = &i18n.Message{ID: "reason.source.no_data.detail", Description: "Reason detail: a configured source never sent anything", Other: "機器のログ送信先がこの PC になっているか確認してください。"}
	ReasonFindingDetail       = &i18n.Message{ID: "reason.finding.detail", Description: "Reason detail for a finding", Other: "対象: {{.Subject}} ・ {{.Count}} 件 ・ 深刻度: {{.Severity}} ・ 最後: {{.LastSeen}}"}
	ReasonFindingAckDetail    = &i18n.Message{ID: "reason.finding.acknowledged.detail", Description: "Reason detail for an acknowledged finding", Other: "確認済み・対策待ち ・ 対象: {{.Subject}} ・ {{.Count}} 件 ・ 深刻度: {{.Severity}} ・ 最後: {{.LastSeen}}"}
	ReasonOtherTitle          = &i18n.Message{ID: "reason.other.title", Description: "Title for a reason code this build does not know", Other: "確認が必要な状態: {{.Code}}"}
)

// Durations, for "how long ago" (days only from 2 on).
var (
	DurationMinutes = &i18n.Message{ID: "duration.minutes", Description: "A number of minutes", Other: "{{.N}} 分"}
	DurationHours   = &i18n.Message{ID: "duration.hours", Description: "A number of hours", Other: "{{.N}} 時間"}
	DurationDays    = &i18n.Message{ID: "duration.days", Description: "A number of days", Other: "{{.N}} 日"}
	TimeLayout      = &i18n.Message{ID: "time.layout", Description: "Go time layout for dates shown to users", Other: "1月2日 15:04"}
	TimeNever       = &i18n.Message{ID: "time.never", Description: "Shown when something never happened", Other: "まだありません"}
	ListSeparator   = &i18n.Message{ID: "list.separator", Description: "Between items of a list written in a sentence", Other: "、"}
)

// The command line.
var (
	CLIUsage = &i18n.Message{ID: "cli.usage", Description: "kizuki --help", Other: `使い方: kizuki [コマンド] [オプション]

コマンド:
  (なし)            トレイに常駐し、信号の色で状態を知らせます
  status [--json]   いまの状態（信号の色と理由）を表示します
  parse [--vendor 種類] ファイル|-
                    ログを 1 行ずつ読み、共通の形式（JSON）にして表示します
  import [--follow] ファイル…
                    ログのファイルをデータベースに取り込みます（中断しても続きから）
  serve [--syslog-udp アドレス] [--syslog-tcp アドレス]
        [--syslog-tls アドレス --cert ファイル --key ファイル]
                    画面なしでログを受信し続けます（既定: UDP と TCP の 5514 番）
  source list | add 名前 --allow アドレス[,…] [--vendor 種類] [--tz ゾーン] | remove 名前
                    ログを送ってくる機器（送信元）を登録・確認・削除します
  pull fortigate --host アドレス [--fingerprint SHA256] [--ca ファイル]
        [--interval 30s] [--types 種類,…] [--device memory] [--once]
                    syslog を使えないとき、FortiGate の REST API からログを取りに行きます
  pull fortigate --host アドレス --set-token
                    その API トークンを標準入力から読んで保存します
  check [--json] [--home フォルダー]
                    この PC の安全の設定（ブラウザーの通知許可、ウイルス対策、更新など）を点検します

どのコマンドでも使えるオプション:
  --db パス         データベースの場所（既定: {{.DefaultDB}}）
  --lang ja|en      表示する言語（既定: システムの言語、日本語・英語以外なら日本語）
  --version         バージョンを表示します
  --help            この説明を表示します`}
	CLIHint              = &i18n.Message{ID: "cli.hint", Description: "Printed after a usage error", Other: "使い方は kizuki --help で確認できます。"}
	CLIUnknownCommand    = &i18n.Message{ID: "cli.error.unknown_command", Description: "Usage error", Other: "「{{.Name}}」というコマンドはありません。"}
	CLIUnknownFlag       = &i18n.Message{ID: "cli.error.unknown_flag", Description: "Usage error", Other: "「{{.Name}}」というオプションはありません。"}
	CLIFlagNeedsValue    = &i18n.Message{ID: "cli.error.flag_needs_value", Description: "Usage error", Other: "オプション {{.Name}} には値が必要です（例: {{.Name}}={{.Example}}）。"}
	CLIFlagNoValue       = &i18n.Message{ID: "cli.error.flag_no_value", Description: "Usage error", Other: "オプション {{.Name}} は値をとりません。"}
	CLIUnexpectedArg     = &i18n.Message{ID: "cli.error.unexpected_arg", Description: "Usage error", Other: "「{{.Arg}}」は余分です。このコマンドがとる引数の数を kizuki --help で確認してください。"}
	CLIBadLang           = &i18n.Message{ID: "cli.error.bad_lang", Description: "Usage error", Other: "言語 {{.Value}} には対応していません。ja か en を指定してください。"}
	CLINoGUI             = &i18n.Message{ID: "cli.error.no_gui", Description: "Runtime error in the nogui build", Other: "この kizuki は画面を持たない版（nogui）です。トレイアプリを使うには通常版の kizuki を起動してください。"}
	CLIOpenDBFailed      = &i18n.Message{ID: "cli.error.open_db", Description: "Runtime error; .Path is the database, .Err the cause", Other: "データベース {{.Path}} を開けませんでした（{{.Err}}）。保存先のフォルダーに書き込めるか、空き容量があるかを確認してください。"}
	CLIReadStatusFailed  = &i18n.Message{ID: "cli.error.read_status", Description: "Runtime error; .Err is the cause", Other: "状態を読み取れませんでした（{{.Err}}）。もう一度実行しても直らない場合は、データベースのファイルが壊れていないか確認してください。"}
	CLIParseNeedsFile    = &i18n.Message{ID: "cli.error.parse_needs_file", Description: "Usage error of kizuki parse", Other: "読み込むログのファイル名を 1 つ指定してください（標準入力から読むときは -）。"}
	CLIBadVendor         = &i18n.Message{ID: "cli.error.bad_vendor", Description: "Usage error; .List lists the vendors", Other: "機器の種類 {{.Value}} には対応していません。次のどれかを指定してください: {{.List}}"}
	CLIOpenFileFailed    = &i18n.Message{ID: "cli.error.open_file", Description: "Runtime error; .Path is the file", Other: "ファイル {{.Path}} を開けませんでした（{{.Err}}）。ファイル名と読み取りの権限を確認してください。"}
	CLIReadFileFailed    = &i18n.Message{ID: "cli.error.read_file", Description: "Runtime error; .Path is the file", Other: "ファイル {{.Path}} の途中で読み取りに失敗しました（{{.Err}}）。ファイルが壊れていないか、ディスクに問題がないか確認してください。"}
	CLIParseSummary      = &i18n.Message{ID: "cli.parse.summary", Description: "One line per vendor on stderr after kizuki parse", Other: "{{.Vendor}}: {{.Count}} 行"}
	CLIParseMalformed    = &i18n.Message{ID: "cli.parse.malformed", Description: "Lines that were not syslog at all", Other: "うち syslog の形式でない行: {{.Count}} 行（raw にそのまま残しています）"}
	CLIImportNeedsFile   = &i18n.Message{ID: "cli.error.import_needs_file", Description: "Usage error of kizuki import", Other: "読み込むログのファイル名を指定してください（複数可）。"}
	CLIFollowOneFile     = &i18n.Message{ID: "cli.error.follow_one_file", Description: "Usage error of kizuki import --follow", Other: "--follow で追いかけられるファイルは 1 つだけです。"}
	CLIImportFailed      = &i18n.Message{ID: "cli.error.import", Description: "Runtime error; .Path is the file", Other: "{{.Path}} の読み込みが途中で止まりました（{{.Err}}）。そこまでの分は保存済みです。原因を取り除いてからもう一度実行すると、続きから読み込みます。"}
	CLIImportSummary     = &i18n.Message{ID: "cli.import.summary", Description: "After importing one file", Other: "{{.Name}}: {{.Lines}} 行を読み込みました（そのまま保存 {{.Full}} 行、通信の集計に {{.Aggregated}} 行）"}
	CLIImportResumed     = &i18n.Message{ID: "cli.import.resumed", Description: "The import continued a previous one", Other: "前回読み込んだ {{.Lines}} 行の続きから読みました。"}
	CLITLSNeedsCert      = &i18n.Message{ID: "cli.error.tls_needs_cert", Description: "Usage error of kizuki serve", Other: "--syslog-tls を使うときは、証明書 --cert と秘密鍵 --key のファイルも指定してください。"}
	CLIServeFailed       = &i18n.Message{ID: "cli.error.serve", Description: "Runtime error of kizuki serve", Other: "ログの受信を続けられませんでした（{{.Err}}）。ポートを別のプログラムが使っていないか確認してください。1024 未満のポート（514 など）は管理者の権限が必要なので、5514 を使ってください。"}
	CLIServeListening    = &i18n.Message{ID: "cli.serve.listening", Description: "kizuki serve started; .Addrs lists the listeners", Other: "ログを待ち受けています: {{.Addrs}}（受信した行の控え: {{.Archive}}）。止めるには Ctrl+C を押してください。"}
	CLIServeStopped      = &i18n.Message{ID: "cli.serve.stopped", Description: "kizuki serve stopped", Other: "停止しました。受信 {{.Received}} 行はすべて保存済みです（受け取れなかった行: {{.Dropped}}）。"}
	CLIDroppedLine       = &i18n.Message{ID: "cli.status.dropped", Description: "Lines the collector could not take; .List names reasons and counts", Other: "受け取れなかった行: {{.List}}"}
	CLISourceUsage       = &i18n.Message{ID: "cli.source.usage", Description: "Usage of kizuki source", Other: "使い方: kizuki source list | kizuki source add 名前 --allow 送信元アドレス[,…] [--vendor 種類] [--tz タイムゾーン] [--quiet-after 時間] | kizuki source remove 名前"}
	CLISourceAdded       = &i18n.Message{ID: "cli.source.added", Description: "A source was added or updated", Other: "送信元「{{.Name}}」を登録しました。{{.Allow}} から届いたログをこの名前で受け付けます。"}
	CLISourceRemoved     = &i18n.Message{ID: "cli.source.removed", Description: "A source was removed", Other: "送信元「{{.Name}}」の登録を消しました。これまでに保存したログは残っています。"}
	CLISourceNotFound    = &i18n.Message{ID: "cli.source.not_found", Description: "Runtime error", Other: "「{{.Name}}」という送信元は登録されていません。kizuki source list で確認してください。"}
	CLISourceFailed      = &i18n.Message{ID: "cli.source.failed", Description: "Runtime error", Other: "送信元の設定を保存できませんでした（{{.Err}}）。"}
	CLISourceNeedsAllow  = &i18n.Message{ID: "cli.source.needs_allow", Description: "Usage error", Other: "--allow で、この機器がログを送ってくるアドレスを指定してください（例: --allow 192.168.1.1）。"}
	CLISourceBadAllow    = &i18n.Message{ID: "cli.source.bad_allow", Description: "Usage error", Other: "--allow のアドレスが読めません（{{.Err}}）。192.168.1.1 や 192.168.1.0/24 の形で書いてください。"}
	CLISourceBadQuiet    = &i18n.Message{ID: "cli.source.bad_quiet", Description: "Usage error", Other: "--quiet-after の {{.Value}} が読めません。30m や 2h のように、1 分以上で書いてください。"}
	CLISourceBadZone     = &i18n.Message{ID: "cli.source.bad_zone", Description: "Usage error", Other: "タイムゾーン {{.Value}} が見つかりません。Asia/Tokyo のように書いてください。"}
	CLISourceNone        = &i18n.Message{ID: "cli.source.none", Description: "No sources configured", Other: "送信元はまだ登録されていません。kizuki serve は社内（プライベートアドレス）からのログを「default」として受け付けます。"}
	CLISourcePrivateOnly = &i18n.Message{ID: "cli.source.private_only", Description: "Allow-list of the default source", Other: "社内のアドレスすべて"}
	CLISourceListLine    = &i18n.Message{ID: "cli.source.list_line", Description: "One source in kizuki source list", Other: "{{.Name}}: 機器 {{.Vendor}}、送信元 {{.Allow}}、タイムゾーン {{.Zone}}、最後の受信 {{.LastSeen}}"}
	CLISecretsInFile     = &i18n.Message{ID: "cli.status.secrets_in_file", Description: "kizuki status: API tokens are in the fallback file", Other: "API トークンは OS のキーリングではなくファイル {{.Path}} に保存されています（この PC でキーリングが使えないため。ファイルは本人だけが読めます）。"}
	CLISourceRate        = &i18n.Message{ID: "cli.status.source_rate", Description: "A source's current rate", Other: "いま毎分 {{.Rate}} 行を受信中"}
	CLIStatusLine        = &i18n.Message{ID: "cli.status.line", Description: "First line of kizuki status", Other: "状態: {{.Word}}（{{.Color}}） — {{.Summary}}"}
	CLISourcesHeader     = &i18n.Message{ID: "cli.status.sources", Description: "Header of the source list in kizuki status", Other: "ログの送信元:"}
	CLISourceLine        = &i18n.Message{ID: "cli.status.source", Description: "One source in kizuki status", Other: "{{.Name}}: 最後の受信 {{.LastSeen}}、受信 {{.Received}} 行"}
)

// kizuki pull: the FortiGate REST API, and where its token is kept.
var (
	CLIPullNeedsVendor    = &i18n.Message{ID: "cli.error.pull_needs_vendor", Description: "Usage error of kizuki pull", Other: "kizuki pull のあとに機器の種類 fortigate を書いてください（いまは FortiGate だけに対応しています）。例: kizuki pull fortigate --host 192.168.1.99"}
	CLIPullNeedsHost      = &i18n.Message{ID: "cli.error.pull_needs_host", Description: "Usage error of kizuki pull", Other: "--host で FortiGate のアドレスを指定してください（例: --host 192.168.1.99。管理画面の HTTPS のポートが 443 でなければ --host 192.168.1.99:8443）。"}
	CLIPullBadHost        = &i18n.Message{ID: "cli.error.pull_bad_host", Description: "Usage error; .Value is what was given", Other: "--host の {{.Value}} が読めません。https:// や / を付けずに、192.168.1.99 や fw.example.jp:8443 の形で書いてください。"}
	CLIPullBadDevice      = &i18n.Message{ID: "cli.error.pull_bad_device", Description: "Usage error; .List lists the log devices", Other: "--device の {{.Value}} には対応していません。次のどれかを指定してください: {{.List}}"}
	CLIPullBadInterval    = &i18n.Message{ID: "cli.error.pull_bad_interval", Description: "Usage error", Other: "--interval の {{.Value}} が読めません。30s や 2m のように、5 秒以上で書いてください。"}
	CLIPullBadType        = &i18n.Message{ID: "cli.error.pull_bad_type", Description: "Usage error; .List is the default list of log types", Other: "--types の {{.Value}} は取得できるログの種類ではありません。traffic/forward、event/vpn、virus のように、コンマで区切って書いてください（既定: {{.List}}）。"}
	CLIPullBadFingerprint = &i18n.Message{ID: "cli.error.pull_bad_fingerprint", Description: "Usage error", Other: "--fingerprint の値が読めません。FortiGate の証明書の SHA-256 フィンガープリント（16 進数 64 桁。: で区切ってもかまいません）を書いてください。"}
	CLIPullCAFailed       = &i18n.Message{ID: "cli.error.pull_ca", Description: "Runtime error; .Path is the --ca file", Other: "CA 証明書のファイル {{.Path}} を読めませんでした（{{.Err}}）。FortiGate から書き出した PEM 形式の証明書（Fortinet_CA_SSL など）を指定してください。"}
	CLIPullTokenPrompt    = &i18n.Message{ID: "cli.pull.token_prompt", Description: "Asks for the API token on a terminal", Other: "FortiGate {{.Host}} の API トークンを貼り付けて Enter を押してください（画面に表示されるので、周りに人がいないときに）:"}
	CLIPullTokenMissing   = &i18n.Message{ID: "cli.error.pull_token_missing", Description: "Usage error of --set-token", Other: "標準入力から API トークンを読めませんでした。トークンだけを 1 行で渡してください（例: kizuki pull fortigate --host {{.Host}} --set-token < token.txt）。コマンドラインに直接書くと履歴に残るので避けてください。"}
	CLIPullTokenSaved     = &i18n.Message{ID: "cli.pull.token_saved", Description: "The API token was stored; .Where says where", Other: "FortiGate {{.Host}} の API トークンを保存しました（保存先: {{.Where}}）。"}
	CLISecretsKeyring     = &i18n.Message{ID: "cli.secrets.keyring", Description: "Where secrets are kept: the OS keyring", Other: "OS の資格情報の保管庫"}
	CLISecretsFile        = &i18n.Message{ID: "cli.secrets.file", Description: "Where secrets are kept: a private file; .Path is the file", Other: "{{.Path}}（この PC であなただけが読めるファイル。OS の資格情報の保管庫が動いていないため）"}
	CLIPullSecretsFailed  = &i18n.Message{ID: "cli.error.pull_secrets", Description: "Runtime error of the secret store", Other: "API トークンの保管場所を使えませんでした（{{.Err}}）。データベースのあるフォルダーの権限を確認してください。"}
	CLIPullNoToken        = &i18n.Message{ID: "cli.error.pull_no_token", Description: "Runtime error: no token stored for the host", Other: "FortiGate {{.Host}} の API トークンが保存されていません。FortiGate の管理画面で REST API 管理者を作ってトークンを発行し、kizuki pull fortigate --host {{.Host}} --set-token で保存してください（トークンは標準入力から読みます）。"}
	CLIPullStarted        = &i18n.Message{ID: "cli.pull.started", Description: "kizuki pull started; .Types lists the logs", Other: "FortiGate {{.Host}} のログを {{.Interval}} ごとに取りに行きます（{{.Types}}）。止めるには Ctrl+C を押してください。"}
	CLIPullRetry          = &i18n.Message{ID: "cli.pull.retry", Description: "After a failed poll; .Retry is the wait", Other: "{{.Retry}} 後にもう一度試します。"}
	CLIPullTokenRejected  = &i18n.Message{ID: "cli.error.pull_token_rejected", Description: "Runtime error: HTTP 401/403", Other: "FortiGate {{.Host}} が API トークンを受け付けませんでした。FortiGate の管理画面で、REST API 管理者のトークン、ログを読む権限、信頼するホスト（この PC のアドレス）を確認してください。トークンを発行し直したら kizuki pull fortigate --host {{.Host}} --set-token で保存し直してください。"}
	CLIPullCertMismatch   = &i18n.Message{ID: "cli.error.pull_cert_mismatch", Description: "Runtime error: the certificate is not the pinned one", Other: "FortiGate {{.Host}} の証明書が --fingerprint で指定したものと違います（実際: {{.Fingerprint}}）。FortiGate の証明書が作り直されたか、通信が横取りされているおそれがあります。FortiGate の管理画面で証明書のフィンガープリントを確かめてから、指定し直してください。"}
	CLIPullCertUntrusted  = &i18n.Message{ID: "cli.error.pull_cert_untrusted", Description: "Runtime error: the certificate is signed by no trusted CA", Other: "FortiGate {{.Host}} の証明書を確認できませんでした（信頼できる認証局の署名がありません）。FortiGate の管理画面に表示される証明書の SHA-256 フィンガープリントが {{.Fingerprint}} と同じなら、--fingerprint {{.Fingerprint}} を付けて実行してください。"}
	CLIPullFailed         = &i18n.Message{ID: "cli.error.pull", Description: "Runtime error of kizuki pull", Other: "FortiGate {{.Host}} からログを取得できませんでした（{{.Err}}）。アドレスとポート、FortiGate の HTTPS 管理アクセスの設定、ネットワークを確認してください。取得できた分は保存済みです。"}
	CLIPullStoreFailed    = &i18n.Message{ID: "cli.error.pull_store", Description: "Runtime error: storing pulled logs failed", Other: "取得したログを保存できませんでした（{{.Err}}）。ディスクの空き容量と書き込みの権限を確認してください。次に実行すると、保存できなかったところから取り直します。"}
	CLIPullSkipped        = &i18n.Message{ID: "cli.pull.skipped", Description: "Answers or results of the API that could not be read", Other: "FortiGate の応答のうち読めなかったもの: {{.Count}} 件（飛ばしました）"}
	CLIPullGaps           = &i18n.Message{ID: "cli.pull.gaps", Description: "Polls that could not catch up", Other: "ログが多すぎて取得が追いつかず、一部を取りこぼしました（{{.Count}} 回）。--interval を短くしてください。"}
)

// Why the collector could not take a line (ingest's drop reasons).
var dropReasons = map[string]*i18n.Message{
	"sender_not_allowed":   {ID: "drop.sender_not_allowed", Description: "Drop reason", Other: "許可していない送信元から"},
	"oversize":             {ID: "drop.oversize", Description: "Drop reason", Other: "長すぎる行"},
	"queue_full":           {ID: "drop.queue_full", Description: "Drop reason", Other: "処理が追いつかなかった行"},
	"kernel":               {ID: "drop.kernel", Description: "Drop reason: UDP receive buffer overflow in the OS", Other: "OS の受信バッファからあふれた行"},
	"malformed_frame":      {ID: "drop.malformed_frame", Description: "Drop reason", Other: "区切りの壊れた行"},
	"too_many_connections": {ID: "drop.too_many_connections", Description: "Drop reason", Other: "接続数の上限を超えた接続"},
	"tls_handshake_failed": {ID: "drop.tls_handshake_failed", Description: "Drop reason", Other: "TLS で接続できなかった接続"},
	"shutdown":             {ID: "drop.shutdown", Description: "Drop reason", Other: "停止の間に届いた行"},
}

// Colour names, so that the light is never told by colour alone.
var colorNames = map[string]*i18n.Message{
	"green":  {ID: "color.green", Description: "Colour name", Other: "緑"},
	"yellow": {ID: "color.yellow", Description: "Colour name", Other: "黄"},
	"red":    {ID: "color.red", Description: "Colour name", Other: "赤"},
}

// The desktop app.
var (
	AppTitle         = &i18n.Message{ID: "app.title", Description: "Window title", Other: "気づき Kizuki"}
	AppReasonsHeader = &i18n.Message{ID: "app.reasons", Description: "Heading above the reasons", Other: "いまの状態の理由"}
	AppNoReasons     = &i18n.Message{ID: "app.reasons.none", Description: "Shown when the light is green and nothing is listed", Other: "気になる点はありません。ログの監視を続けています。"}
	AppUpdated       = &i18n.Message{ID: "app.updated", Description: "When the status was last read", Other: "{{.Time}} に更新"}
	AppStatusError   = &i18n.Message{ID: "app.error.status", Description: "Status could not be read; .Err is the cause", Other: "状態を読み取れませんでした（{{.Err}}）。しばらくしても直らない場合は、気づきを再起動してください。"}
	TrayStatus       = &i18n.Message{ID: "tray.status", Description: "Tray menu status line", Other: "状態: {{.Word}}（{{.Color}}）"}
	TrayOpen         = &i18n.Message{ID: "tray.open", Description: "Tray menu item", Other: "気づきを開く"}
	TrayQuit         = &i18n.Message{ID: "tray.quit", Description: "Tray menu item", Other: "終了"}
	NotifyLevelTitle = &i18n.Message{ID: "notify.level.title", Description: "Desktop notification title when the light changes", Other: "気づき: 状態が「{{.Word}}」になりました"}
)

// The checks of this PC (kizuki check, monitor/endpoint): the names of the
// checks, the words for their statuses, and one summary per code. Codes
// are the check id, a dot and the state; arguments arrive snake_case and
// are passed to the templates in CamelCase (age_days → AgeDays).
var checkNames = map[string]*i18n.Message{
	"browser_notifications": {ID: "check.browser_notifications.name", Description: "Name of a check of this PC", Other: "ブラウザーの通知許可"},
	"antivirus":             {ID: "check.antivirus.name", Description: "Name of a check of this PC", Other: "ウイルス対策"},
	"os_updates":            {ID: "check.os_updates.name", Description: "Name of a check of this PC", Other: "OS の更新"},
	"firewall":              {ID: "check.firewall.name", Description: "Name of a check of this PC", Other: "ファイアウォール"},
	"disk_encryption":       {ID: "check.disk_encryption.name", Description: "Name of a check of this PC", Other: "ディスクの暗号化"},
	"screen_lock":           {ID: "check.screen_lock.name", Description: "Name of a check of this PC", Other: "画面ロック"},
	"admin_rights":          {ID: "check.admin_rights.name", Description: "Name of a check of this PC", Other: "管理者の権限"},
}

var checkStatusWords = map[string]*i18n.Message{
	"ok":      {ID: "check.status.ok", Description: "Status of a check: fine", Other: "問題なし"},
	"warn":    {ID: "check.status.warn", Description: "Status of a check: worth improving", Other: "要確認"},
	"bad":     {ID: "check.status.bad", Description: "Status of a check: clearly wrong", Other: "危険"},
	"unknown": {ID: "check.status.unknown", Description: "Status of a check: could not tell", Other: "不明"},
}

// Summaries shared by every check.
var (
	CheckUnsupported = &i18n.Message{ID: "check.unsupported", Description: "A check this OS does not support yet", Other: "この OS ではまだ確認できません。"}
	CheckUnreadable  = &i18n.Message{ID: "check.unreadable", Description: "A check could not read the state", Other: "状態を読み取れませんでした。"}
	CheckOther       = &i18n.Message{ID: "check.other", Description: "A summary code this build does not know; .Code is it", Other: "結果: {{.Code}}"}
)

var checkSummaries = map[string]*i18n.Message{
	"browser_notifications.none":       {ID: "check.browser_notifications.none", Description: "Check summary", Other: "通知を許可しているサイトはありません（{{.Profiles}} 個のプロファイルを確認）。"},
	"browser_notifications.allowed":    {ID: "check.browser_notifications.allowed", Description: "Check summary", Other: "{{.Count}} 件のサイトに通知を許可しています。怪しいサイトは見つかりませんでした。"},
	"browser_notifications.suspicious": {ID: "check.browser_notifications.suspicious", Description: "Check summary", Other: "通知を許可している {{.Count}} 件のうち {{.Suspicious}} 件が怪しいサイトです。心当たりがなければ許可を取り消してください。"},
	"browser_notifications.beaconing":  {ID: "check.browser_notifications.beaconing", Description: "Check summary: a site allowed to notify is seen beaconing", Other: "通知を許可しているサイトのうち {{.Beaconing}} 件に、社内から定期的な通信が出ています（UTM のログで確認）。すぐに通知の許可を取り消してください。"},
	"browser_notifications.allow_all":  {ID: "check.browser_notifications.allow_all", Description: "Check summary", Other: "どのサイトでも確認なしで通知を送れる設定になっています。「通知の前に確認する」に戻してください。"},
	"browser_notifications.no_browser": {ID: "check.browser_notifications.no_browser", Description: "Check summary", Other: "Chrome、Edge、Brave、Chromium、Firefox のプロファイルが見つかりませんでした。"},
	"antivirus.fresh":                  {ID: "check.antivirus.fresh", Description: "Check summary", Other: "{{.Product}} の定義ファイル（ウイルスを見分けるためのデータ）は新しい状態です（{{.AgeDays}} 日前に更新）。"},
	"antivirus.aging":                  {ID: "check.antivirus.aging", Description: "Check summary", Other: "{{.Product}} の定義ファイル（ウイルスを見分けるためのデータ）が {{.AgeDays}} 日間更新されていません。更新ができているか確認してください。"},
	"antivirus.stale":                  {ID: "check.antivirus.stale", Description: "Check summary", Other: "{{.Product}} の定義ファイル（ウイルスを見分けるためのデータ）が {{.AgeDays}} 日間更新されていません。新しいウイルスを見つけられない状態です。"},
	"antivirus.abandoned":              {ID: "check.antivirus.abandoned", Description: "Check summary: definitions a year old or more", Other: "{{.Product}} の定義ファイル（ウイルスを見分けるためのデータ）が {{.AgeDays}} 日間も更新されていません。ウイルス対策が事実上止まっています。"},
	"antivirus.realtime_off":           {ID: "check.antivirus.realtime_off", Description: "Check summary", Other: "{{.Product}} のリアルタイム保護（ファイルを開くたびに調べる機能）が止まっています。"},
	"antivirus.off":                    {ID: "check.antivirus.off", Description: "Check summary", Other: "ウイルス対策が動いていません（{{.Product}} が無効で、ほかの対策ソフトも見つかりません）。"},
	"antivirus.third_party":            {ID: "check.antivirus.third_party", Description: "Check summary", Other: "{{.Product}} が動いています。"},
	"antivirus.third_party_outdated":   {ID: "check.antivirus.third_party_outdated", Description: "Check summary", Other: "{{.Product}} の定義ファイル（ウイルスを見分けるためのデータ）が古くなっています。"},
	"antivirus.no_definitions":         {ID: "check.antivirus.no_definitions", Description: "Check summary", Other: "{{.Product}} は入っていますが、定義ファイル（ウイルスを見分けるためのデータ）がありません。"},
	"antivirus.none_linux":             {ID: "check.antivirus.none_linux", Description: "Check summary", Other: "ウイルス対策ソフト（ClamAV）は入っていません。Linux ではふつうのことですが、ファイルを社内で受け渡す PC なら入れてください。"},
	"os_updates.current":               {ID: "check.os_updates.current", Description: "Check summary", Other: "OS の更新はすべて済んでいます。"},
	"os_updates.pending":               {ID: "check.os_updates.pending", Description: "Check summary", Other: "まだ入れていない更新が {{.Count}} 件あります。"},
	"os_updates.security_pending":      {ID: "check.os_updates.security_pending", Description: "Check summary", Other: "安全のための更新（セキュリティ更新）{{.Security}} 件が入っていません。すぐに更新してください。"},
	"os_updates.recent":                {ID: "check.os_updates.recent", Description: "Check summary", Other: "最後に更新を入れたのは {{.Days}} 日前です。"},
	"os_updates.old":                   {ID: "check.os_updates.old", Description: "Check summary", Other: "最後に更新を入れてから {{.Days}} 日たっています。Windows Update を確認してください。"},
	"os_updates.very_old":              {ID: "check.os_updates.very_old", Description: "Check summary", Other: "最後に更新を入れてから {{.Days}} 日たっています。更新が止まっているおそれがあります。"},
	"os_updates.not_checked":           {ID: "check.os_updates.not_checked", Description: "Check summary", Other: "しばらく更新の確認がされていません。「ソフトウェアアップデート」を開いて確認してください。"},
	"os_updates.unsupported_distro":    {ID: "check.os_updates.unsupported_distro", Description: "Check summary", Other: "この Linux の更新の確認方法には、まだ対応していません。"},
	"firewall.on":                      {ID: "check.firewall.on", Description: "Check summary", Other: "ファイアウォール（外からの接続を止める仕組み、{{.Product}}）が有効です。"},
	"firewall.off":                     {ID: "check.firewall.off", Description: "Check summary", Other: "ファイアウォール（外からの接続を止める仕組み）が無効です。"},
	"firewall.partly_off":              {ID: "check.firewall.partly_off", Description: "Check summary; .Profiles lists network profiles", Other: "ファイアウォール（外からの接続を止める仕組み）の一部（{{.Profiles}}）が無効です。"},
	"firewall.none_linux":              {ID: "check.firewall.none_linux", Description: "Check summary", Other: "有効なファイアウォール（ufw、firewalld、nftables）が見つかりません。"},
	"disk_encryption.on":               {ID: "check.disk_encryption.on", Description: "Check summary", Other: "ディスクは暗号化（{{.Method}}）されています。PC をなくしても中身は読まれません。"},
	"disk_encryption.off":              {ID: "check.disk_encryption.off", Description: "Check summary", Other: "ディスクが暗号化（{{.Method}}）されていません。PC をなくすと中身を読まれるおそれがあります。"},
	"disk_encryption.in_progress":      {ID: "check.disk_encryption.in_progress", Description: "Check summary", Other: "ディスクの暗号化（{{.Method}}）を進めているところです。"},
	"disk_encryption.suspended":        {ID: "check.disk_encryption.suspended", Description: "Check summary", Other: "ディスクの暗号化（{{.Method}}）が一時停止されています。再開してください。"},
	"disk_encryption.not_available":    {ID: "check.disk_encryption.not_available", Description: "Check summary", Other: "この PC では {{.Method}} が使えないか、まだ設定されていません。"},
	"screen_lock.on":                   {ID: "check.screen_lock.on", Description: "Check summary", Other: "{{.Minutes}} 分操作しないと画面がロックされます。"},
	"screen_lock.long":                 {ID: "check.screen_lock.long", Description: "Check summary", Other: "画面がロックされるまで {{.Minutes}} 分かかります。15 分以内にしてください。"},
	"screen_lock.off":                  {ID: "check.screen_lock.off", Description: "Check summary", Other: "しばらく操作しなくても画面がロックされません。席を離れたときに他人が使えてしまいます。"},
	"screen_lock.unknown_desktop":      {ID: "check.screen_lock.unknown_desktop", Description: "Check summary", Other: "このデスクトップ環境の画面ロックの設定は、まだ読み取れません。"},
	"admin_rights.standard":            {ID: "check.admin_rights.standard", Description: "Check summary", Other: "ふだん使うアカウントに管理者の権限はありません。"},
	"admin_rights.admin":               {ID: "check.admin_rights.admin", Description: "Check summary; .Group is the admin group", Other: "ふだん使うアカウントが管理者（{{.Group}}）です。ウイルスに入り込まれたときに被害が大きくなるので、ふだんは一般のアカウントを使ってください。"},
	"admin_rights.root":                {ID: "check.admin_rights.root", Description: "Check summary", Other: "管理者（root）のままで使っています。ふだんは一般のアカウントを使ってください。"},
}

// Why a site allowed to send notifications looks suspicious.
var siteFlags = map[string]*i18n.Message{
	"beaconing":    {ID: "check.flag.beaconing", Description: "Why a notifying site is suspicious", Other: "社内からの定期的な通信の相手"},
	"punycode":     {ID: "check.flag.punycode", Description: "Why a notifying site is suspicious", Other: "偽装に使われやすい国際化ドメイン"},
	"lookalike":    {ID: "check.flag.lookalike", Description: "Why a notifying site is suspicious", Other: "有名な会社に似せた名前"},
	"spam_pattern": {ID: "check.flag.spam_pattern", Description: "Why a notifying site is suspicious", Other: "通知スパムによくある名前"},
	"risky_tld":    {ID: "check.flag.risky_tld", Description: "Why a notifying site is suspicious", Other: "使い捨てのサイトが多いドメイン"},
	"new":          {ID: "check.flag.new", Description: "Why a notifying site is suspicious", Other: "最近許可したもの"},
	"ip_address":   {ID: "check.flag.ip_address", Description: "Why a notifying site is suspicious", Other: "名前のない IP アドレス"},
}

// kizuki check.
var (
	CLICheckHeader       = &i18n.Message{ID: "cli.check.header", Description: "First line of kizuki check; .Time is when", Other: "この PC の点検結果（{{.Time}}）"}
	CLICheckLine         = &i18n.Message{ID: "cli.check.line", Description: "One check in kizuki check", Other: "[{{.Status}}] {{.Name}}: {{.Summary}}"}
	CLICheckSitesHeader  = &i18n.Message{ID: "cli.check.sites", Description: "Header of the list of sites allowed to notify", Other: "通知を許可しているサイト:"}
	CLICheckProfile      = &i18n.Message{ID: "cli.check.profile", Description: "A browser profile; .Browser and .Profile name it", Other: "{{.Browser}} のプロファイル「{{.Profile}}」"}
	CLICheckProfileNamed = &i18n.Message{ID: "cli.check.profile_named", Description: "A browser profile with the name its owner gave it", Other: "{{.Browser}} のプロファイル「{{.Profile}}」（{{.Name}}）"}
	CLICheckPolicy       = &i18n.Message{ID: "cli.check.policy", Description: "Sites allowed by an administrator's policy", Other: "{{.Browser}} の管理者のポリシー"}
	CLICheckAllowAll     = &i18n.Message{ID: "cli.check.allow_all", Description: "The profile lets every site notify", Other: "どのサイトにも通知を許可する設定です"}
	CLICheckNoSites      = &i18n.Message{ID: "cli.check.no_sites", Description: "A profile allows no site", Other: "なし"}
	CLICheckFlags        = &i18n.Message{ID: "cli.check.flags", Description: "Why a site is suspicious; .Flags lists reasons", Other: "要注意: {{.Flags}}"}
	CLICheckProfileError = &i18n.Message{ID: "cli.check.profile_error", Description: "A profile could not be read", Other: "読み取れませんでした（{{.Err}}）"}
	CLICheckStored       = &i18n.Message{ID: "cli.check.stored", Description: "Results were saved", Other: "結果をデータベースに保存しました。アプリの画面でも確認できます。"}
	CLICheckFindings     = &i18n.Message{ID: "cli.check.findings", Description: "Findings were recorded; .Count is how many", Other: "危険な状態 {{.Count}} 件を記録しました。kizuki status で確認できます。"}
	CLICheckStoreFailed  = &i18n.Message{ID: "cli.error.check_store", Description: "Runtime error: saving check results failed", Other: "点検の結果を保存できませんでした（{{.Err}}）。ディスクの空き容量と書き込みの権限を確認してください。"}
	CLICheckBadHome      = &i18n.Message{ID: "cli.error.check_bad_home", Description: "Usage error: --home is not a folder", Other: "--home のフォルダー {{.Path}} が見つかりません。ブラウザーのプロファイルを探すホームフォルダーを指定してください。"}
)
