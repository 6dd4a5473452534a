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
	"admin_bruteforce":      {ID: "rule.admin_bruteforce.title", Description: "Finding rule title", Other: "機器の管理画面へのパスワード総当たり"},
	"endpoint_antivirus":    {ID: "rule.endpoint_antivirus.title", Description: "Finding rule title", Other: "ウイルス対策が止まっている PC"},
	"endpoint_notification": {ID: "rule.endpoint_notification.title", Description: "Finding rule title", Other: "怪しい通信先に通知を許可しているブラウザー"},
	"endpoint":              {ID: "rule.endpoint.title", Description: "Title of findings from this PC's checks", Other: "この PC の危険な状態"},
	"mss_incident":          {ID: "rule.mss_incident.title", Description: "Finding rule title: an incident reported by the MSS", Other: "セキュリティ監視会社（MSS）が見つけた攻撃や異常"},
	"mss_advisory":          {ID: "rule.mss_advisory.title", Description: "Finding rule title: an advisory from the MSS", Other: "セキュリティ監視会社（MSS）からの対応のお願い"},
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
	ReasonStorageNearTitle    = &i18n.Message{ID: "reason.storage.near_limit.title", Description: "Reason: the database is near its size cap", Other: "記録用のデータベースが上限に近づいています"}
	ReasonStorageNearDetail   = &i18n.Message{ID: "reason.storage.near_limit.detail", Description: "Reason detail; .Used and .Limit in MB, .Percent of the cap", Other: "{{.Used}} MB / 上限 {{.Limit}} MB（{{.Percent}}%）を使っています。上限を超えると、古い記録から順に消して空きを作ります（圧縮した保管ファイルは保存期間まで残ります）。設定で「データベースの上限」を上げると古い記録を残せます。「ログの保存期間」を短くすると空きが増えます。"}
	ReasonDiskFullTitle       = &i18n.Message{ID: "reason.storage.disk_full.title", Description: "Reason: the disk holding the data is nearly full", Other: "ディスクの空きがほとんどありません"}
	ReasonDiskFullDetail      = &i18n.Message{ID: "reason.storage.disk_full.detail", Description: "Reason detail; .Free in MB", Other: "データの保存先の空きが {{.Free}} MB しかありません。空きがなくなると、届いたログを記録できなくなります。不要なファイルを消して空きを作ってください。空きができれば、自動で記録を再開します。"}
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
  demo              3 つの事例を再現したお試し用のデータでアプリを開きます（終わると消えます）
  status [--json]   いまの状態（信号の色と理由）を表示します
  parse [--vendor 種類] ファイル|-
                    ログを 1 行ずつ読み、共通の形式（JSON）にして表示します
  import [--follow] ファイル…
                    ログのファイルをデータベースに取り込みます（中断しても続きから）
  detect [--json] [--vendor 種類] [--rules フォルダー] [--blocklist ファイル] ファイル…
                    ログを調べ、攻撃や異常を一覧にします（データベースは使いません）
  serve [--syslog-udp アドレス] [--syslog-tcp アドレス]
        [--syslog-tls アドレス --cert ファイル --key ファイル]
        [--retention-days 日数] [--max-db-mb MB]
        [--mss-webhook アドレス [--mss-webhook-cert ファイル --mss-webhook-key ファイル]
         [--mss-webhook-allow アドレス,…]]
                    画面なしでログを受信し続けます（既定: UDP と TCP の 5514 番）
  source list | add 名前 --allow アドレス[,…] [--vendor 種類] [--tz ゾーン] | remove 名前
                    ログを送ってくる機器（送信元）を登録・確認・削除します
  pull fortigate --host アドレス [--fingerprint SHA256] [--ca ファイル]
        [--interval 30s] [--types 種類,…] [--device memory] [--once]
                    syslog を使えないとき、FortiGate の REST API からログを取りに行きます
  pull fortigate --host アドレス --set-token
                    その API トークンを標準入力から読んで保存します
  checklist list [--json] | show ID | answer ID 項目 yes|partial|no|unknown [--note メモ]
                    自社診断・SECURITY ACTION・サイバー保険・クラウドのチェックリストに答え、点数を見ます
  report [--kind monthly|insurance] [--month YYYY-MM] --out ファイル.pdf|.html
                    経営者向けの月次レポートか、保険の準備状況のレポートを作ります
  export-evidence --from YYYY-MM-DD --to YYYY-MM-DD --out ファイル.zip
                    調査や保険のために、期間中のログと検知を SHA-256 付きで書き出します
  mss enroll URL 登録コード [--heartbeat] [--ca ファイル]
                    セキュリティ監視会社（MSS）に登録し、通知を受け取れるようにします
  mss status [--json]
                    監視会社との接続と、届いている通知を表示します
  mss ask [--finding 番号 [--attach]] 質問
                    監視会社に相談を送ります（検知の内容は --attach のときだけ添付）
  uninstall [--delete-data | --keep-data]
                    ログイン時の自動起動を止め、確かめてからデータを削除します
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
	CLIBadPositive       = &i18n.Message{ID: "cli.error.bad_positive", Description: "Usage error: a flag needs a whole number of 1 or more; .Flag is the flag", Other: "{{.Flag}} には 1 以上の整数を指定してください（指定された値: {{.Value}}）。"}
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
	CLIServeWarmed       = &i18n.Message{ID: "cli.serve.warmed", Description: "serve restored the detector's counts from stored events; .Events, .Hours, .Seconds", Other: "検知の途中経過（攻撃の回数など）を、直近 {{.Hours}} 時間に記録した {{.Events}} 件から引き継ぎました（{{.Seconds}} 秒）。"}
	CLIServeWarmFailed   = &i18n.Message{ID: "cli.serve.warm_failed", Description: "serve could not read stored events to restore the detector; .Err", Other: "直近の記録を読めなかったため、検知の回数は今から数え直します（記録と受信は続けます）: {{.Err}}"}
	CLIServeStoreFailing = &i18n.Message{ID: "cli.serve.store_failing", Description: "kizuki serve cannot write its database (disk full…); it keeps receiving and retries", Other: "受信したログをデータベースに保存できません（{{.Err}}）。ディスクの空きを確認してください。受信は続け、保存できるようになりしだい書き込みます。"}
	CLIServeStoreResumed = &i18n.Message{ID: "cli.serve.store_resumed", Description: "kizuki serve can write its database again", Other: "データベースへの保存を再開しました。"}
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
	CLIDetectNeedsFile   = &i18n.Message{ID: "cli.error.detect_needs_file", Description: "Usage error of kizuki detect", Other: "調べるログのファイル名を指定してください（複数可。標準入力から読むときは -）。"}
	CLIDetectRulesFailed = &i18n.Message{ID: "cli.error.detect_rules", Description: "Runtime error: rules, settings or blocklist could not be loaded; .Err names the file and field", Other: "検知のルールか設定を読み込めませんでした（{{.Err}}）。書かれているファイルの、その項目を直してください。"}
	CLIDetectSummary     = &i18n.Message{ID: "cli.detect.summary", Description: "First line of kizuki detect", Other: "{{.Lines}} 行を調べ、{{.Count}} 件見つかりました。"}
	CLIDetectLine        = &i18n.Message{ID: "cli.detect.line", Description: "One finding in kizuki detect; .Rule is the rule code", Other: "[{{.Severity}}] {{.Title}}（{{.Rule}}） 対象: {{.Subject}} ・ {{.Count}} 件 ・ {{.First}} 〜 {{.Last}}"}
	CLIDetectSources     = &i18n.Message{ID: "cli.detect.sources", Description: "Under a distributed-attack finding", Other: "攻撃元 {{.Count}} か所（うち海外 {{.Overseas}} か所）、試されたユーザー名 {{.Users}} 個"}
	CLIDetectResolved    = &i18n.Message{ID: "cli.detect.resolved", Description: "Under a finding that ended long before the end of the log", Other: "その後しばらく起きていないため、解決済みとしました。"}
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
	CLIPullArchiveLost    = &i18n.Message{ID: "cli.pull.archive_lost", Description: "Fetched lines that could not be written to the archive; .Err is the cause", Other: "取得したログのうち {{.Count}} 行を保管ファイル（証拠用の記録）に書けませんでした（{{.Err}}）。データの保存先の空き容量を確認してください。検知は続けています。"}
)

// kizuki uninstall.
var (
	CLIUninstallBothFlags       = &i18n.Message{ID: "cli.uninstall.both_flags", Description: "Usage error: --delete-data and --keep-data together", Other: "--delete-data と --keep-data は同時に指定できません。どちらか一つにしてください。"}
	CLIUninstallRunning         = &i18n.Message{ID: "cli.uninstall.running", Description: "The tray app is running and must quit first", Other: "気づき（Kizuki）が起動中です。トレイのメニューの「終了」で閉じてから、もう一度実行してください。"}
	CLIUninstallAutostartFailed = &i18n.Message{ID: "cli.uninstall.autostart_failed", Description: "Start at login could not be turned off; .Err is the cause", Other: "ログイン時の自動起動を止められませんでした（{{.Err}}）。もう一度実行するか、OS の「スタートアップ」の設定から気づきを外してください。"}
	CLIUninstallAutostartOff    = &i18n.Message{ID: "cli.uninstall.autostart_off", Description: "Start at login is off", Other: "ログイン時の自動起動を止めました。"}
	CLIUninstallNoData          = &i18n.Message{ID: "cli.uninstall.no_data", Description: "No Kizuki data found; .Dir is the data folder", Other: "{{.Dir}} に気づきのデータはありません。"}
	CLIUninstallAsk             = &i18n.Message{ID: "cli.uninstall.ask", Description: "Question before deleting the data; .Dir is the data folder; answered y or n", Other: "{{.Dir}} にあるデータ（ログの記録、検知の結果、保存した API トークン）も削除しますか？ 削除すると元に戻せません。ログを証拠として残す必要がある場合は削除しないでください。[y/N]"}
	CLIUninstallKept            = &i18n.Message{ID: "cli.uninstall.kept", Description: "The data was kept; .Dir is the data folder", Other: "データは {{.Dir}} に残しました。あとで削除するには kizuki uninstall --delete-data を実行してください。"}
	CLIUninstallDeleteFailed    = &i18n.Message{ID: "cli.uninstall.delete_failed", Description: "A data file could not be deleted; .Path and .Err", Other: "{{.Path}} を削除できませんでした（{{.Err}}）。ファイルを使っているプログラムを閉じてから、もう一度実行してください。"}
	CLIUninstallDeleted         = &i18n.Message{ID: "cli.uninstall.deleted", Description: "The data was deleted; .Dir is the data folder", Other: "{{.Dir}} にあった気づきのデータを削除しました。プログラム本体は、インストールした方法（apt remove kizuki、またはファイルの削除）で取り除いてください。"}
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
	AppTitle                = &i18n.Message{ID: "app.title", Description: "Window title", Other: "気づき Kizuki"}
	AppAlreadyRunning       = &i18n.Message{ID: "app.already_running", Description: "A second launch found Kizuki running and brought its window forward", Other: "気づき（Kizuki）はすでに起動しています。開いているウィンドウを前面に表示しました。"}
	AppSingleInstanceFailed = &i18n.Message{ID: "app.single_instance_failed", Description: "The single-instance lock could not be taken; .Err is the cause", Other: "二重起動の確認ができませんでした（{{.Err}}）。このまま起動します。気づきを二つ開いている場合は、一つを終了してください。"}
	AppReasonsHeader        = &i18n.Message{ID: "app.reasons", Description: "Heading above the reasons", Other: "いまの状態の理由"}
	AppNoReasons            = &i18n.Message{ID: "app.reasons.none", Description: "Shown when the light is green and nothing is listed", Other: "気になる点はありません。ログの監視を続けています。"}
	AppUpdated              = &i18n.Message{ID: "app.updated", Description: "When the status was last read", Other: "{{.Time}} に更新"}
	AppStatusError          = &i18n.Message{ID: "app.error.status", Description: "Status could not be read; .Err is the cause", Other: "状態を読み取れませんでした（{{.Err}}）。しばらくしても直らない場合は、気づきを再起動してください。"}
	TrayStatus              = &i18n.Message{ID: "tray.status", Description: "Tray menu status line", Other: "状態: {{.Word}}（{{.Color}}）"}
	TrayOpen                = &i18n.Message{ID: "tray.open", Description: "Tray menu item", Other: "気づきを開く"}
	TrayQuit                = &i18n.Message{ID: "tray.quit", Description: "Tray menu item", Other: "終了"}
	NotifyLevelTitle        = &i18n.Message{ID: "notify.level.title", Description: "Desktop notification title when the light changes", Other: "気づき: 状態が「{{.Word}}」になりました"}
)

// Checklists (kizuki checklist). The checklists' own texts are guidance
// content, not messages.
var (
	CLIChecklistUsage     = &i18n.Message{ID: "cli.checklist.usage", Description: "Usage of kizuki checklist", Other: "使い方: kizuki checklist list [--json] | show ID [--json] | answer ID 項目 yes|partial|no|unknown [--note メモ]"}
	CLIChecklistFailed    = &i18n.Message{ID: "cli.checklist.failed", Description: "Runtime error; .Err is the cause", Other: "チェックリストを読み書きできませんでした（{{.Err}}）。"}
	CLIChecklistNotFound  = &i18n.Message{ID: "cli.checklist.not_found", Description: "Unknown checklist id; .ID", Other: "チェックリスト「{{.ID}}」はありません。kizuki checklist list で一覧を確認してください。"}
	CLIChecklistNoItem    = &i18n.Message{ID: "cli.checklist.no_item", Description: "Unknown item; .ID checklist, .Item item", Other: "チェックリスト「{{.ID}}」に項目「{{.Item}}」はありません。kizuki checklist show {{.ID}} で項目の名前（かっこ内）を確認してください。"}
	CLIChecklistBadAnswer = &i18n.Message{ID: "cli.checklist.bad_answer", Description: "Usage error; .Value is what was given", Other: "回答「{{.Value}}」は使えません。yes（はい）、partial（一部）、no（いいえ）、unknown（わからない）のどれかを指定してください。"}
	CLIChecklistAnswered  = &i18n.Message{ID: "cli.checklist.answered", Description: "An answer was saved; .Item is the question, .Answer the answer word", Other: "回答を保存しました: {{.Item}} → {{.Answer}}"}
	CLIChecklistLine      = &i18n.Message{ID: "cli.checklist.line", Description: "One checklist's score line", Other: "{{.Title}}（{{.ID}}）: {{.Score}} 点 ・ {{.Band}} ・ 回答 {{.Answered}}/{{.Items}}"}
	CLIChecklistEvidence  = &i18n.Message{ID: "cli.checklist.evidence", Description: "The owner's note on an item", Other: "メモ: {{.Evidence}}"}
	CLIChecklistPrefilled = &i18n.Message{ID: "cli.checklist.prefilled", Description: "An answer Kizuki filled in from live data, with its evidence", Other: "Kizuki が確認: {{.Evidence}}"}
	CLIChecklistSource    = &i18n.Message{ID: "cli.checklist.source", Description: "Citation of the checklist's source", Other: "出典: {{.Source}} {{.URL}}"}
	CLIChecklistTemplate  = &i18n.Message{ID: "cli.checklist.template", Description: "Heading above a template to fill in", Other: "ひな形（［ ］を埋めて使ってください）:"}
	AnswerYes             = &i18n.Message{ID: "answer.yes", Description: "Checklist answer", Other: "はい"}
	AnswerPartial         = &i18n.Message{ID: "answer.partial", Description: "Checklist answer", Other: "一部"}
	AnswerNo              = &i18n.Message{ID: "answer.no", Description: "Checklist answer", Other: "いいえ"}
	AnswerUnknown         = &i18n.Message{ID: "answer.unknown", Description: "Checklist answer", Other: "わからない"}
	AnswerNone            = &i18n.Message{ID: "answer.none", Description: "A checklist item not answered yet", Other: "未回答"}
	CLIStatusReadiness    = &i18n.Message{ID: "cli.status.readiness", Description: "Readiness beside the light; .Score 0-100, .Count checklists", Other: "備えの点数: {{.Score}} 点（回答したチェックリスト {{.Count}} 件の平均。詳しくは kizuki checklist list）"}
)

// Reports and the evidence export.
var (
	CLIReportUsage     = &i18n.Message{ID: "cli.report.usage", Description: "Usage of kizuki report", Other: "使い方: kizuki report [--kind monthly|insurance] [--month YYYY-MM] --out ファイル.pdf|.html"}
	CLIReportBadMonth  = &i18n.Message{ID: "cli.report.bad_month", Description: "Usage error; .Value", Other: "月「{{.Value}}」が読めません。2026-11 のように指定してください。"}
	CLIReportBadKind   = &i18n.Message{ID: "cli.report.bad_kind", Description: "Usage error; .Value", Other: "レポートの種類「{{.Value}}」はありません。monthly か insurance を指定してください。"}
	CLIReportBadOut    = &i18n.Message{ID: "cli.report.bad_out", Description: "Usage error; .Value", Other: "出力先「{{.Value}}」の拡張子は .pdf か .html にしてください。"}
	CLIReportFailed    = &i18n.Message{ID: "cli.report.failed", Description: "Runtime error; .Err", Other: "レポートを作れませんでした（{{.Err}}）。"}
	CLIReportWritten   = &i18n.Message{ID: "cli.report.written", Description: "Report written; .Path", Other: "レポートを書き出しました: {{.Path}}"}
	CLIEvidenceUsage   = &i18n.Message{ID: "cli.evidence.usage", Description: "Usage of kizuki export-evidence", Other: "使い方: kizuki export-evidence --from YYYY-MM-DD --to YYYY-MM-DD --out ファイル.zip"}
	CLIEvidenceBadDate = &i18n.Message{ID: "cli.evidence.bad_date", Description: "Usage error; .Value", Other: "日付「{{.Value}}」が読めません。2026-11-20 のように指定し、--from は --to より前にしてください。"}
	CLIEvidenceFailed  = &i18n.Message{ID: "cli.evidence.failed", Description: "Runtime error; .Err", Other: "証拠を書き出せませんでした（{{.Err}}）。"}
	CLIEvidenceWritten = &i18n.Message{ID: "cli.evidence.written", Description: "Evidence written; .Path, .Files archive files, .Findings findings", Other: "証拠を書き出しました: {{.Path}}（ログの控え {{.Files}} ファイル、検知 {{.Findings}} 件、各ファイルの SHA-256 は manifest.json に記載）。このファイルは変更せずにそのまま渡してください。"}
)

// kizuki mss: the managed security service (MSS) provider.
var (
	CLIMSSUsage           = &i18n.Message{ID: "cli.mss.usage", Description: "Usage error of kizuki mss", Other: "使い方: kizuki mss enroll URL 登録コード [--heartbeat] [--ca ファイル] | kizuki mss status [--json] | kizuki mss ask [--finding 番号 [--attach]] 質問"}
	CLIMSSInsecureURL     = &i18n.Message{ID: "cli.mss.insecure_url", Description: "Usage error; .Value is the URL", Other: "{{.Value}} には登録できません。監視会社の URL は https:// で始まるものを指定してください（http:// はこの PC 自身の場合だけ使えます）。"}
	CLIMSSEnrolled        = &i18n.Message{ID: "cli.mss.enrolled", Description: "Enrolment succeeded; .Where is where the token is kept", Other: "「{{.Provider}}」に登録しました。通知は kizuki serve が動いている間に届きます。鍵の保存先: {{.Where}}"}
	CLIMSSHeartbeatOn     = &i18n.Message{ID: "cli.mss.heartbeat_on", Description: "The owner opted in to heartbeats", Other: "5 分ごとに、気づきが動いていることと信号の色だけを監視会社に知らせます（ほかの情報は送りません）。"}
	CLIMSSCodeRefused     = &i18n.Message{ID: "cli.mss.code_refused", Description: "Runtime error: the one-time code was refused", Other: "登録コードが受け付けられませんでした（使用済みか期限切れ、または打ち間違い）。監視会社に新しいコードを発行してもらってください。"}
	CLIMSSEnrollFailed    = &i18n.Message{ID: "cli.mss.enroll_failed", Description: "Runtime error of the enrolment", Other: "監視会社 {{.URL}} に登録できませんでした（{{.Err}}）。URL とネットワークを確認してください。"}
	CLIMSSCAFailed        = &i18n.Message{ID: "cli.mss.ca_failed", Description: "Runtime error; .Path is the --ca file", Other: "CA 証明書のファイル {{.Path}} を読めませんでした（{{.Err}}）。監視会社から受け取った PEM 形式の証明書を指定してください。"}
	CLIMSSSecretsFailed   = &i18n.Message{ID: "cli.mss.secrets_failed", Description: "Runtime error of the secret store", Other: "監視会社との通信に使う鍵の保管場所を使えませんでした（{{.Err}}）。データベースのあるフォルダーの権限を確認してください。"}
	CLIMSSNotEnrolled     = &i18n.Message{ID: "cli.mss.not_enrolled", Description: "No MSS provider enrolled", Other: "セキュリティ監視会社（MSS）にはまだ登録していません。契約している監視会社から URL と登録コードを受け取り、kizuki mss enroll URL 登録コード で登録してください。"}
	CLIMSSStatusProvider  = &i18n.Message{ID: "cli.mss.status.provider", Description: "kizuki mss status: first line", Other: "監視会社: {{.Provider}}（{{.URL}}）、登録 {{.Time}}"}
	CLIMSSStatusContact   = &i18n.Message{ID: "cli.mss.status.contact", Description: "kizuki mss status: last contact", Other: "最後の連絡: {{.LastSeen}}"}
	CLIMSSStatusHeartbeat = &i18n.Message{ID: "cli.mss.status.heartbeat", Description: "kizuki mss status: heartbeat on", Other: "動作の知らせ（信号の色だけ）: 送っています"}
	CLIMSSStatusNone      = &i18n.Message{ID: "cli.mss.status.none", Description: "kizuki mss status: no active notification", Other: "対応中の通知はありません。"}
	CLIMSSStatusFindings  = &i18n.Message{ID: "cli.mss.status.findings", Description: "kizuki mss status: header of the notification list", Other: "対応中の通知:"}
	CLIMSSStatusFinding   = &i18n.Message{ID: "cli.mss.status.finding", Description: "kizuki mss status: one notification; .ID is Kizuki's finding id", Other: "[{{.ID}}] {{.Title}}（深刻度: {{.Severity}}、{{.LastSeen}}）"}
	CLIMSSStatusRejected  = &i18n.Message{ID: "cli.mss.status.rejected", Description: "kizuki mss status: refused input; .List names reasons and counts", Other: "受け付けなかった通信: {{.List}}"}
	CLIMSSAskNeedsText    = &i18n.Message{ID: "cli.mss.ask_needs_text", Description: "Usage error of kizuki mss ask", Other: "相談したいことを書いてください（例: kizuki mss ask --finding 3 \"この攻撃は止まりましたか\"）。"}
	CLIMSSAttachNeeds     = &i18n.Message{ID: "cli.mss.attach_needs_finding", Description: "Usage error: --attach without --finding", Other: "--attach は --finding と一緒に使います。添付する検知の番号を --finding で指定してください。"}
	CLIMSSBadFinding      = &i18n.Message{ID: "cli.mss.bad_finding", Description: "Usage error; .Value is what was given", Other: "--finding の {{.Value}} が読めません。kizuki status --json の id（数字）を指定してください。"}
	CLIMSSFindingNotFound = &i18n.Message{ID: "cli.mss.finding_not_found", Description: "Runtime error; .ID is the finding id", Other: "{{.ID}} 番の検知は見つかりませんでした。kizuki status --json で番号を確認してください。"}
	CLIMSSAskSent         = &i18n.Message{ID: "cli.mss.ask_sent", Description: "The question was sent", Other: "「{{.Provider}}」に相談を送りました（受付番号 {{.ID}}）。返事は監視会社からの連絡を待ってください。"}
	CLIMSSAskAttached     = &i18n.Message{ID: "cli.mss.ask_attached", Description: "The finding was attached to the question", Other: "検知の内容（相手のアドレスやユーザー名を含みます）を添付しました。"}
	CLIMSSAskNotAttached  = &i18n.Message{ID: "cli.mss.ask_not_attached", Description: "A local finding was named but not attached", Other: "検知の内容は添付していません。添付してよい場合は --attach を付けてください。"}
	CLIMSSAskFailed       = &i18n.Message{ID: "cli.mss.ask_failed", Description: "Runtime error of kizuki mss ask", Other: "相談を送れませんでした（{{.Err}}）。ネットワークを確認して、もう一度実行してください。"}
	CLIMSSFollowing       = &i18n.Message{ID: "cli.mss.following", Description: "kizuki serve follows the MSS", Other: "監視会社「{{.Provider}}」からの通知を受け取ります。"}
	CLIMSSNotice          = &i18n.Message{ID: "cli.mss.notice", Description: "kizuki serve: a notification arrived", Other: "監視会社からの通知: {{.Title}}（深刻度: {{.Severity}}）"}
	CLIMSSTrouble         = &i18n.Message{ID: "cli.mss.trouble", Description: "kizuki serve: a connection problem; .Since is the wait", Other: "監視会社との通信に問題があります（{{.Err}}）。{{.Since}}後にもう一度つなぎます。"}
	CLIWebhookNeedsAddr   = &i18n.Message{ID: "cli.mss.webhook.needs_addr", Description: "Usage error of kizuki serve; .Flag is the flag given without --mss-webhook", Other: "{{.Flag}} は --mss-webhook（受け口のアドレス）と一緒に指定してください。"}
	CLIWebhookNeedsPair   = &i18n.Message{ID: "cli.mss.webhook.needs_pair", Description: "Usage error of kizuki serve", Other: "--mss-webhook-cert（証明書）と --mss-webhook-key（秘密鍵）は両方を指定してください。"}
	CLIWebhookBadAllow    = &i18n.Message{ID: "cli.mss.webhook.bad_allow", Description: "Usage error; .Value is the --mss-webhook-allow value", Other: "--mss-webhook-allow の {{.Value}} が読めません。IP アドレス（例: 192.168.1.20）か範囲（例: 192.168.1.0/24）をカンマで区切って指定してください。"}
	CLIWebhookNeedsTLS    = &i18n.Message{ID: "cli.mss.webhook.needs_tls", Description: "Usage error: a webhook beyond this PC needs a certificate; .Addr is the address", Other: "{{.Addr}} はこの PC の外から届くアドレスです。通信を暗号化するため、--mss-webhook-cert と --mss-webhook-key で証明書と秘密鍵を指定してください（127.0.0.1 なら不要です）。"}
	CLIWebhookNotEnrolled = &i18n.Message{ID: "cli.mss.webhook.not_enrolled", Description: "Runtime error: --mss-webhook without an MSS enrolment", Other: "監視会社（MSS）に登録していないため、通知の受け口（--mss-webhook）は開けません。先に kizuki mss enroll で登録してください。"}
	CLIWebhookFailed      = &i18n.Message{ID: "cli.mss.webhook.failed", Description: "Runtime error of the webhook receiver; .Addr is its address", Other: "監視会社からの通知の受け口 {{.Addr}} を開けませんでした（{{.Err}}）。アドレスがこの PC のものか、ほかのプログラムが使っていないかを確かめてください。"}
	CLIWebhookListening   = &i18n.Message{ID: "cli.mss.webhook.listening", Description: "kizuki serve opened the webhook receiver; .Allow lists the accepted senders", Other: "監視会社「{{.Provider}}」の機器からの通知を {{.Addr}} で受け付けます（送ってよい機器: {{.Allow}}）。"}
	CLIWebhookRefused     = &i18n.Message{ID: "cli.mss.webhook.refused", Description: "kizuki serve refused a webhook post; .Err says why", Other: "通知の受け口に届いたものを受け付けませんでした: {{.Err}}"}
)

// Traffic-light reasons about the MSS connection: a title and what to do,
// keyed by the code's suffix after "mss.".
var mssReasonTitles = map[string]*i18n.Message{
	"unreachable":        {ID: "reason.mss.unreachable.title", Description: "Reason: the MSS has not been heard from; .Provider is its name", Other: "監視会社「{{.Provider}}」と連絡が取れていません"},
	"bad_signature":      {ID: "reason.mss.bad_signature.title", Description: "Reason: data with a wrong or missing signature was refused", Other: "監視会社を名乗る、確認できない通信を受け付けませんでした"},
	"stale":              {ID: "reason.mss.stale.title", Description: "Reason: data signed too far from this PC's clock", Other: "時刻の合わない通知を受け付けませんでした"},
	"unknown_key":        {ID: "reason.mss.unknown_key.title", Description: "Reason: data signed with an unknown key", Other: "知らない鍵で署名された通知を受け付けませんでした"},
	"oversize":           {ID: "reason.mss.oversize.title", Description: "Reason: data too large was refused", Other: "大きすぎる通知を受け付けませんでした"},
	"malformed":          {ID: "reason.mss.malformed.title", Description: "Reason: data not in the protocol's format", Other: "読めない通知を受け付けませんでした"},
	"invalid_ocsf":       {ID: "reason.mss.invalid_ocsf.title", Description: "Reason: a notification that is not a valid OCSF finding was passed over", Other: "中身の正しくない通知を飛ばしました"},
	"sender_not_allowed": {ID: "reason.mss.sender_not_allowed.title", Description: "Reason: posts to the MSS webhook from senders off its allow-list were refused", Other: "許可していない相手から、監視会社の通知の受け口に通信がありました"},
}

var mssReasonDetails = map[string]*i18n.Message{
	"unreachable":        {ID: "reason.mss.unreachable.detail", Description: "Reason detail; .Since is how long", Other: "{{.Since}}前から通知を受け取れていません。kizuki serve が動いているか、インターネットにつながっているかを確認してください。"},
	"bad_signature":      {ID: "reason.mss.bad_signature.detail", Description: "Reason detail; .Count and .Time", Other: "署名（本物であることの証明）が合わない通信が {{.Count}} 件ありました（最後: {{.Time}}）。偽の通知のおそれがあるため表示していません。続く場合は監視会社に連絡してください。"},
	"stale":              {ID: "reason.mss.stale.detail", Description: "Reason detail; .Count and .Time", Other: "送信時刻が 5 分以上ずれた通知が {{.Count}} 件ありました（最後: {{.Time}}）。この PC の時計が合っているか確認してください。合っていれば監視会社に連絡してください。"},
	"unknown_key":        {ID: "reason.mss.unknown_key.detail", Description: "Reason detail; .Count and .Time", Other: "登録時に受け取っていない鍵で署名された通知が {{.Count}} 件ありました（最後: {{.Time}}）。監視会社が鍵を替えた場合は、新しい登録コードで登録し直してください。"},
	"oversize":           {ID: "reason.mss.oversize.detail", Description: "Reason detail; .Count and .Time", Other: "決められた大きさを超える通信が {{.Count}} 件ありました（最後: {{.Time}}）。監視会社に連絡してください。"},
	"malformed":          {ID: "reason.mss.malformed.detail", Description: "Reason detail; .Count and .Time", Other: "決められた形式になっていない通信が {{.Count}} 件ありました（最後: {{.Time}}）。通知を見落とさないよう、監視会社に連絡してください。"},
	"invalid_ocsf":       {ID: "reason.mss.invalid_ocsf.detail", Description: "Reason detail; .Count and .Time", Other: "必要な項目が欠けた通知が {{.Count}} 件ありました（最後: {{.Time}}）。その通知は表示できていません。監視会社に連絡して、内容を確かめてください。"},
	"sender_not_allowed": {ID: "reason.mss.sender_not_allowed.detail", Description: "Reason detail; .Count and .Time", Other: "通知の受け口（webhook）に、許可していないアドレスからの通信が {{.Count}} 件あり、すべて断りました（最後: {{.Time}}）。監視会社の機器のアドレスが変わった場合は通知が届いていないおそれがあるため、監視会社に確認してください。心当たりがなければ、社内で不審な機器が動いていないか調べてください。"},
}

// mssRejectNames names refused input in lists, by reject reason.
var mssRejectNames = map[string]*i18n.Message{
	"bad_signature":      {ID: "mss.reject.bad_signature", Description: "Refused MSS input: bad signature", Other: "署名が合わない"},
	"stale":              {ID: "mss.reject.stale", Description: "Refused MSS input: time off", Other: "時刻がずれている"},
	"unknown_key":        {ID: "mss.reject.unknown_key", Description: "Refused MSS input: unknown key", Other: "知らない鍵"},
	"oversize":           {ID: "mss.reject.oversize", Description: "Refused MSS input: too large", Other: "大きすぎる"},
	"malformed":          {ID: "mss.reject.malformed", Description: "Refused MSS input: unreadable", Other: "形式が読めない"},
	"invalid_ocsf":       {ID: "mss.reject.invalid_ocsf", Description: "Refused MSS input: not valid OCSF", Other: "中身が正しくない"},
	"sender_not_allowed": {ID: "mss.reject.sender_not_allowed", Description: "Refused MSS input: a webhook post from a sender off the allow-list", Other: "許可していない送信元"},
}

// The desktop app's screens.
var (
	NavStatus          = &i18n.Message{ID: "nav.status", Description: "Sidebar: the traffic-light screen", Other: "状態"}
	NavFindings        = &i18n.Message{ID: "nav.findings", Description: "Sidebar: the findings screen", Other: "検知"}
	NavSettings        = &i18n.Message{ID: "nav.settings", Description: "Sidebar: the settings screen", Other: "設定"}
	AppSourcesHeader   = &i18n.Message{ID: "app.sources", Description: "Heading of the per-source freshness on the status screen", Other: "ログの受信"}
	AppSourcesNone     = &i18n.Message{ID: "app.sources.none", Description: "No source configured", Other: "ログを送ってくる機器はまだ登録されていません。「設定」から UTM を追加できます。"}
	AppSourceFresh     = &i18n.Message{ID: "app.source.fresh", Description: "When a source last sent; .Ago is a duration", Other: "「{{.Name}}」から {{.Ago}}前に受信"}
	AppSourceNever     = &i18n.Message{ID: "app.source.never", Description: "A source that never sent", Other: "「{{.Name}}」からはまだ受信していません"}
	AppSourceRate      = &i18n.Message{ID: "app.source.rate", Description: "Appended to a source's line: its current rate", Other: "（いま毎分 {{.Rate}} 行）"}
	AppDropped         = &i18n.Message{ID: "app.source.dropped", Description: "Lines of a source that could not be taken", Other: "受け取れなかった行: {{.List}}"}
	AppDroppedOther    = &i18n.Message{ID: "app.dropped.other", Description: "Lines refused or lost that belong to no source", Other: "どの機器のものでもなく受け取れなかった行: {{.List}}"}
	NotifyFindingTitle = &i18n.Message{ID: "notify.finding.title", Description: "Desktop notification for a new high finding; .Title is the rule title", Other: "気づき: {{.Title}}"}
	TrayPause          = &i18n.Message{ID: "tray.pause", Description: "Tray menu item", Other: "通知を 1 時間止める"}
	TrayResume         = &i18n.Message{ID: "tray.resume", Description: "Tray menu item while paused; .Time is when the pause ends", Other: "通知を再開する（{{.Time}} まで停止中）"}
	ButtonCancel       = &i18n.Message{ID: "button.cancel", Description: "Button", Other: "キャンセル"}
	ButtonBack         = &i18n.Message{ID: "button.back", Description: "Button", Other: "戻る"}
	ButtonNext         = &i18n.Message{ID: "button.next", Description: "Button", Other: "次へ"}
	ListMore           = &i18n.Message{ID: "list.more", Description: "After a shortened list", Other: " ほか {{.N}} 件"}
)

// The 検知 (findings) screen.
var (
	FindingsFilterOpen           = &i18n.Message{ID: "findings.filter.open", Description: "Filter: open and acknowledged findings", Other: "対応中のもの"}
	FindingsFilterAll            = &i18n.Message{ID: "findings.filter.all", Description: "Filter: all findings", Other: "すべて（解決済みを含む）"}
	FindingsFilterAnySeverity    = &i18n.Message{ID: "findings.filter.any_severity", Description: "Filter", Other: "深刻度: すべて"}
	FindingsFilterMedium         = &i18n.Message{ID: "findings.filter.medium", Description: "Filter", Other: "深刻度: 中以上"}
	FindingsFilterHigh           = &i18n.Message{ID: "findings.filter.high", Description: "Filter", Other: "深刻度: 高以上"}
	FindingsFilterAnyOrigin      = &i18n.Message{ID: "findings.filter.any_origin", Description: "Filter", Other: "検知元: すべて"}
	FindingsFilterLocal          = &i18n.Message{ID: "findings.filter.local", Description: "Filter: found by Kizuki itself", Other: "検知元: 気づき"}
	FindingsFilterMSS            = &i18n.Message{ID: "findings.filter.mss", Description: "Filter: reported by the MSS provider", Other: "検知元: 監視会社（MSS）"}
	FindingsNone                 = &i18n.Message{ID: "findings.none", Description: "No finding matches the filters", Other: "この条件に当てはまる検知はありません。"}
	FindingsLoadError            = &i18n.Message{ID: "findings.error.load", Description: "Findings could not be read", Other: "検知の一覧を読み取れませんでした（{{.Err}}）。"}
	FindingsSaveError            = &i18n.Message{ID: "findings.error.save", Description: "A finding's state could not be saved", Other: "変更を保存できませんでした（{{.Err}}）。もう一度お試しください。"}
	FindingsRowTitle             = &i18n.Message{ID: "findings.row.title", Description: "List row", Other: "［{{.Severity}}］{{.Title}}"}
	FindingsRowSub               = &i18n.Message{ID: "findings.row.sub", Description: "List row, second line", Other: "{{.Subject}} ・ {{.LastSeen}} ・ {{.State}}"}
	FindingsMeta                 = &i18n.Message{ID: "findings.meta", Description: "Detail: severity, state, origin", Other: "深刻度: {{.Severity}} ・ 状態: {{.State}} ・ 検知元: {{.Origin}}"}
	FindingsSubject              = &i18n.Message{ID: "findings.subject", Description: "Detail", Other: "対象: {{.Subject}}"}
	FindingsSpan                 = &i18n.Message{ID: "findings.span", Description: "Detail", Other: "期間: {{.First}} 〜 {{.Last}}（{{.Count}} 件）"}
	FindingsSources              = &i18n.Message{ID: "findings.sources", Description: "Evidence: source addresses", Other: "送信元の IP アドレス（{{.N}} 件）: {{.List}}"}
	FindingsUsers                = &i18n.Message{ID: "findings.users", Description: "Evidence: user names", Other: "使われたユーザー名（{{.N}} 件）: {{.List}}"}
	FindingsDestinations         = &i18n.Message{ID: "findings.destinations", Description: "Evidence: destinations", Other: "通信先（{{.N}} 件）: {{.List}}"}
	FindingsTimeline             = &i18n.Message{ID: "findings.timeline", Description: "Heading of the chart", Other: "時間ごとの件数"}
	FindingsTimelineLoading      = &i18n.Message{ID: "findings.timeline.loading", Description: "Chart loading", Other: "集計しています…"}
	FindingsTimelineEmpty        = &i18n.Message{ID: "findings.timeline.empty", Description: "No stored events for the chart", Other: "この期間のログは保存されていません（監視会社からの通知など、ログを伴わない検知です）。"}
	FindingsTimelinePeak         = &i18n.Message{ID: "findings.timeline.peak", Description: "Beside the chart", Other: "1 本の棒 = {{.Step}}、最も多いとき {{.N}} 件、合計 {{.Total}} 件"}
	FindingsSamples              = &i18n.Message{ID: "findings.samples", Description: "Heading of sample log lines", Other: "ログの実例"}
	FindingsAcknowledge          = &i18n.Message{ID: "findings.acknowledge", Description: "Button", Other: "確認済みにする"}
	FindingsFalsePositive        = &i18n.Message{ID: "findings.false_positive", Description: "Button", Other: "誤検知として登録"}
	FindingsFalsePositiveTitle   = &i18n.Message{ID: "findings.false_positive.title", Description: "Confirmation title", Other: "誤検知として登録しますか？"}
	FindingsFalsePositiveConfirm = &i18n.Message{ID: "findings.false_positive.confirm", Description: "Confirmation text", Other: "この検知は一覧から外れ、信号の色にも数えられなくなります。本当の攻撃ではないと分かっているときだけ登録してください。"}
)

// Finding states and origins.
var stateNames = map[string]*i18n.Message{
	"open":           {ID: "state.open", Description: "Finding state", Other: "未対応"},
	"acknowledged":   {ID: "state.acknowledged", Description: "Finding state", Other: "確認済み"},
	"resolved":       {ID: "state.resolved", Description: "Finding state", Other: "解決済み"},
	"false_positive": {ID: "state.false_positive", Description: "Finding state", Other: "誤検知"},
}

var (
	OriginLocal = &i18n.Message{ID: "origin.local", Description: "Finding origin: Kizuki itself", Other: "気づき"}
	OriginMSS   = &i18n.Message{ID: "origin.mss", Description: "Finding origin: the MSS provider; .Name is its name", Other: "監視会社 {{.Name}}"}
)

// What each rule means, in plain words, for the finding's detail.
var ruleExplains = map[string]*i18n.Message{
	"vpn_bruteforce":       {ID: "rule.vpn_bruteforce.explain", Description: "Finding explanation", Other: "外部から VPN（社外から社内に入る入口）に、パスワードを何度も変えてログインしようとしています。侵入されると社内のすべてが危険になります。弱いパスワードのアカウントがないか確認し、多要素認証を使ってください。"},
	"vpn_spraying":         {ID: "rule.vpn_spraying.explain", Description: "Finding explanation", Other: "たくさんの場所から、少しずつ違うユーザー名とパスワードで VPN へのログインが試されています。見つかりにくいように分散した攻撃です。使っていないアカウントを止め、多要素認証を使ってください。"},
	"login_after_failures": {ID: "rule.login_after_failures.explain", Description: "Finding explanation", Other: "ログインの失敗が続いた直後に、同じ相手からのログインが成功しています。パスワードを当てられて侵入されたおそれがあります。該当するアカウントのパスワードをすぐに変えてください。"},
	"infected_pc":          {ID: "rule.infected_pc.explain", Description: "Finding explanation", Other: "社内の PC が、ウイルス付きのファイルを送ろうとしたり、危険な相手と通信したりしています。ウイルスに感染しているおそれがあります。その PC をネットワークから外し、ウイルス対策ソフトで検査してください。"},
	"beaconing":            {ID: "rule.beaconing.explain", Description: "Finding explanation", Other: "社内の機器が、決まった間隔で同じ相手に通信し続けています。乗っ取られた PC が外部の指示を待つときの動きに似ています。ブラウザーの通知の許可や、見覚えのないソフトがないか確認してください。"},
	"port_scan":            {ID: "rule.port_scan.explain", Description: "Finding explanation", Other: "外部から、入り込める口（ポート）がないかを順番に調べられています。それだけで被害はありませんが、開けたままの入口がないか確認してください。"},
	"ti_match":             {ID: "rule.ti_match.explain", Description: "Finding explanation", Other: "攻撃に使われていると知られている相手と通信しています。通信した PC を確認してください。"},
	"admin_login_unusual":  {ID: "rule.admin_login_unusual.explain", Description: "Finding explanation", Other: "UTM やルーターの管理画面に、いつもと違う時間や場所からログインがありました。心当たりがなければ、管理者のパスワードを変えてください。"},
	"source_silent":        {ID: "rule.source_silent.explain", Description: "Finding explanation", Other: "機器からのログが途絶えています。機器の故障や設定の変更のほか、攻撃者が記録を止めた可能性もあります。機器の電源とログ送信の設定を確認してください。"},
	"endpoint":             {ID: "rule.endpoint.explain", Description: "Finding explanation", Other: "この PC の設定に、いますぐ直したほうがよい危険な状態が見つかりました。"},
	"mss":                  {ID: "rule.mss.explain", Description: "Finding explanation", Other: "契約しているセキュリティ監視会社（MSS）から届いた通知です。内容を確認し、必要なら監視会社に相談してください。"},
}

// RuleExplainOther explains a rule this build does not know.
var RuleExplainOther = &i18n.Message{ID: "rule.other.explain", Description: "Explanation for an unknown rule", Other: "この検知の説明はまだ用意されていません。内容を確認し、分からなければ IT の担当者や監視会社に相談してください。"}

// Adding a UTM (settings and the first-run wizard).
var (
	AddSourceTitle             = &i18n.Message{ID: "addsource.title", Description: "Heading", Other: "UTM・ルーターを追加"}
	AddSourceVendor            = &i18n.Message{ID: "addsource.vendor", Description: "Form label", Other: "機器の種類"}
	AddSourceChooseVendor      = &i18n.Message{ID: "addsource.vendor.choose", Description: "Select placeholder", Other: "選んでください"}
	AddSourceChooseVendorFirst = &i18n.Message{ID: "addsource.vendor.first", Description: "No vendor chosen yet", Other: "まず機器の種類を選んでください。設定の手順を表示します。"}
	AddSourceName              = &i18n.Message{ID: "addsource.name", Description: "Form label", Other: "名前"}
	AddSourceNameHint          = &i18n.Message{ID: "addsource.name.hint", Description: "Entry placeholder", Other: "例: 本社の UTM（空なら機器の種類）"}
	AddSourceAddr              = &i18n.Message{ID: "addsource.addr", Description: "Form label: the device's IP address", Other: "機器の IP アドレス"}
	AddSourceThisPC            = &i18n.Message{ID: "addsource.this_pc", Description: "Where this PC receives", Other: "この PC のアドレス: {{.Addrs}}　受信ポート: {{.Port}}（UDP と TCP）"}
	AddSourceUnknownAddr       = &i18n.Message{ID: "addsource.unknown_addr", Description: "This PC's LAN address is not known", Other: "（社内の IP アドレスが見つかりません）"}
	AddSourcePCPlaceholder     = &i18n.Message{ID: "addsource.pc", Description: "Stands for this PC's address in the instructions", Other: "（この PC の IP アドレス）"}
	AddSourceNoCollector       = &i18n.Message{ID: "addsource.no_collector", Description: "The in-app listener is not running", Other: "この画面からは受信していません（別の kizuki serve が受信しているか、ポート 5514 が使われています）。登録は保存され、受信しているプログラムを再起動すると使われます。"}
	AddSourceSaveAndTest       = &i18n.Message{ID: "addsource.save_and_test", Description: "Button", Other: "保存して接続テスト"}
	AddSourceBadAddr           = &i18n.Message{ID: "addsource.bad_addr", Description: "Validation", Other: "機器の IP アドレスを 192.168.1.1 のような形で入力してください。"}
	AddSourceSaved             = &i18n.Message{ID: "addsource.saved", Description: "Saved without a connection test", Other: "「{{.Name}}」を登録しました。"}
	AddSourceWaiting           = &i18n.Message{ID: "addsource.waiting", Description: "Connection test running", Other: "接続テスト中: {{.Addr}} からの最初の 1 行を待っています（最大 {{.Minutes}} 分）。機器の設定を保存してください。"}
	AddSourceReceived          = &i18n.Message{ID: "addsource.received", Description: "Connection test succeeded", Other: "つながりました。「{{.Name}}」から {{.Time}} に受信した 1 行目:"}
	AddSourceTimeout           = &i18n.Message{ID: "addsource.timeout", Description: "Connection test timed out", Other: "{{.Addr}} からログが届きませんでした。機器の送信先のアドレスとポート、機器の IP アドレス、この PC のファイアウォール（UDP と TCP の 5514 番を許可）を確認して、もう一度お試しください。"}
	AddSourceTestError         = &i18n.Message{ID: "addsource.test_error", Description: "Connection test failed", Other: "接続テストを始められませんでした（{{.Err}}）。"}
	AddSourceSaveError         = &i18n.Message{ID: "addsource.save_error", Description: "Source could not be saved", Other: "登録を保存できませんでした（{{.Err}}）。"}
)

// How to point each vendor's syslog at this PC; .PC is its address, .Port
// the port.
var vendorHowtos = map[string]*i18n.Message{
	"fortigate":  {ID: "howto.fortigate", Description: "Syslog setup steps", Other: "FortiGate の CLI（管理画面右上の「>_」）で次のように入力します:\nconfig log syslogd setting\n  set status enable\n  set server {{.PC}}\n  set port {{.Port}}\nend"},
	"yamaha-rtx": {ID: "howto.yamaha-rtx", Description: "Syslog setup steps", Other: "ヤマハ RTX / NVR のコンソールで「syslog host {{.PC}}」「syslog notice on」「syslog info on」を入力して保存（save）します。RTX は送信先のポートを選べず 514 番に送るため、この PC で 514 番を {{.Port}} 番に転送する設定が必要です（README を参照）。"},
	"sonicwall":  {ID: "howto.sonicwall", Description: "Syslog setup steps", Other: "SonicWall の管理画面で「Device」→「Log」→「Syslog」→「Add」を開き、サーバーに {{.PC}}、ポートに {{.Port}} を入力して保存します。"},
	"sophos-xg":  {ID: "howto.sophos-xg", Description: "Syslog setup steps", Other: "Sophos Firewall の管理画面で「System services」→「Log settings」→「Add」を開き、IP に {{.PC}}、ポートに {{.Port}} を入力し、送るログの種類を選んで保存します。"},
	"sophos-utm": {ID: "howto.sophos-utm", Description: "Syslog setup steps", Other: "Sophos UTM の管理画面で「Logging & Reporting」→「Log Settings」→「Remote Syslog Server」を開き、{{.PC}}:{{.Port}} を追加して有効にします。"},
	"watchguard": {ID: "howto.watchguard", Description: "Syslog setup steps", Other: "WatchGuard の Policy Manager で「Setup」→「Logging」を開き、「Send log messages to a syslog server」に {{.PC}}、ポート {{.Port}} を設定して保存します。"},
	"paloalto":   {ID: "howto.paloalto", Description: "Syslog setup steps", Other: "PAN-OS の管理画面で「Device」→「Server Profiles」→「Syslog」にサーバー {{.PC}}、ポート {{.Port}}、形式 BSD を追加し、そのプロファイルを「Log Forwarding」に設定してコミットします。"},
	"pfsense":    {ID: "howto.pfsense", Description: "Syslog setup steps", Other: "pfSense は「Status」→「System Logs」→「Settings」、OPNsense は「System」→「Settings」→「Logging」→「Remote」で、送信先に {{.PC}}:{{.Port}} を設定して保存します。"},
	"cisco-asa":  {ID: "howto.cisco-asa", Description: "Syslog setup steps", Other: "Cisco ASA の CLI で次のように入力します:\nlogging enable\nlogging trap informational\nlogging host inside {{.PC}} udp/{{.Port}}"},
	"mikrotik":   {ID: "howto.mikrotik", Description: "Syslog setup steps", Other: "MikroTik の端末で「/system logging action set remote remote={{.PC}} remote-port={{.Port}}」を入力し、firewall・system・account の各トピックを action remote で追加します。"},
	"iptables":   {ID: "howto.iptables", Description: "Syslog setup steps", Other: "UniFi は「Settings」→「System」→「Remote Logging」で Syslog の送信先に {{.PC}}、ポート {{.Port}} を設定します。Linux の rsyslog なら「*.* @{{.PC}}:{{.Port}}」を設定に加えて再起動します。"},
	"cef":        {ID: "howto.cef", Description: "Syslog setup steps", Other: "機器の管理画面で、syslog（CEF 形式）の送信先に {{.PC}}、ポート {{.Port}}（UDP または TCP）を設定します。"},
}

// The 設定 (settings) screen.
var (
	SettingsSources       = &i18n.Message{ID: "settings.sources", Description: "Section heading", Other: "ログを送ってくる機器"}
	SettingsNoSources     = &i18n.Message{ID: "settings.sources.none", Description: "No source configured", Other: "まだ登録されていません。社内の機器からのログは「default」として受け付けます。"}
	SettingsSourceLine    = &i18n.Message{ID: "settings.source", Description: "One source", Other: "{{.Name}}（{{.Vendor}}）送信元: {{.Allow}} ・ 最後の受信: {{.LastSeen}}"}
	SettingsVendorAuto    = &i18n.Message{ID: "settings.vendor.auto", Description: "Vendor detected per line", Other: "種類は自動判別"}
	SettingsAnyPrivate    = &i18n.Message{ID: "settings.any_private", Description: "Allow-list of the default source", Other: "社内のアドレスすべて"}
	SettingsAddSource     = &i18n.Message{ID: "settings.add_source", Description: "Button", Other: "UTM・ルーターを追加"}
	SettingsRemoveSource  = &i18n.Message{ID: "settings.remove_source", Description: "Button", Other: "削除"}
	SettingsNotifications = &i18n.Message{ID: "settings.notifications", Description: "Section heading", Other: "通知"}
	SettingsQuietOn       = &i18n.Message{ID: "settings.quiet.on", Description: "Checkbox", Other: "次の時間帯はデスクトップ通知を出さない（信号の色とトレイのアイコンは変わります）"}
	SettingsQuietTo       = &i18n.Message{ID: "settings.quiet.to", Description: "Between the two hours", Other: "から"}
	SettingsLanguage      = &i18n.Message{ID: "settings.language", Description: "Form label", Other: "表示する言語"}
	SettingsLangSystem    = &i18n.Message{ID: "settings.language.system", Description: "Language option", Other: "システムに合わせる"}
	SettingsLanguageNote  = &i18n.Message{ID: "settings.language.note", Description: "Below the language", Other: "言語の変更は、気づきを次に起動したときに反映されます。"}
	SettingsRetention     = &i18n.Message{ID: "settings.retention", Description: "Form label", Other: "ログの保存期間"}
	SettingsRetentionDays = &i18n.Message{ID: "settings.retention.days", Description: "Retention option", Other: "{{.N}} 日"}
	SettingsRetentionNote = &i18n.Message{ID: "settings.retention.note", Description: "Below the retention", Other: "事故に後から気づいたときに調べられるよう、1 年以上をおすすめします。"}
	SettingsDBCap         = &i18n.Message{ID: "settings.db_cap", Description: "Form label: the database's size cap", Other: "データベースの上限"}
	SettingsDBCapGB       = &i18n.Message{ID: "settings.db_cap.gb", Description: "Size cap option; .N gigabytes", Other: "{{.N}} GB"}
	SettingsDBCapMB       = &i18n.Message{ID: "settings.db_cap.mb", Description: "Size cap option; .N megabytes", Other: "{{.N}} MB"}
	SettingsDBCapNote     = &i18n.Message{ID: "settings.db_cap.note", Description: "Below the size cap", Other: "上限の 9 割を超えると信号が黄色になり、上限を超えると古い記録から順に消します。検知した内容と、圧縮した保管ファイル（保存期間まで）は消えません。"}
	SettingsUsage         = &i18n.Message{ID: "settings.usage", Description: "What the database uses; .Used in MB, .Percent of the cap", Other: "いま {{.Used}} MB（上限の {{.Percent}}%）を使っています。"}
	SettingsUsageFree     = &i18n.Message{ID: "settings.usage.free", Description: "What the database uses; .Used and .Free in MB, .Percent of the cap", Other: "いま {{.Used}} MB（上限の {{.Percent}}%）を使っています。ディスクの空きは {{.Free}} MB です。"}
	SettingsUsageError    = &i18n.Message{ID: "settings.usage.error", Description: "The database size could not be read; .Err", Other: "データベースの大きさを読めませんでした（{{.Err}}）。Kizuki を再起動しても続くときは、データの保存先を確認してください。"}
	SettingsAutostart     = &i18n.Message{ID: "settings.autostart", Description: "Checkbox", Other: "ログインしたときに気づきを起動する"}
	SettingsSaved         = &i18n.Message{ID: "settings.saved", Description: "After a change was saved", Other: "保存しました。"}
	SettingsSaveError     = &i18n.Message{ID: "settings.error.save", Description: "A setting could not be saved", Other: "保存できませんでした（{{.Err}}）。"}
	SettingsLoadError     = &i18n.Message{ID: "settings.error.load", Description: "Settings could not be read", Other: "設定を読み取れませんでした（{{.Err}}）。"}
)

// The first-run wizard.
var (
	OnboardStep        = &i18n.Message{ID: "onboard.step", Description: "Wizard heading", Other: "はじめての設定（{{.N}} / {{.Of}}）"}
	OnboardWelcome     = &i18n.Message{ID: "onboard.welcome", Description: "First step", Other: "気づきへようこそ。会社の UTM やルーターのログを読んで、サイバー攻撃や異常を信号の色でお知らせします。まず、会社の名前を教えてください（報告書に使います。あとで変えられます）。"}
	OnboardCompany     = &i18n.Message{ID: "onboard.company", Description: "Form label", Other: "会社の名前"}
	OnboardCompanyHint = &i18n.Message{ID: "onboard.company.hint", Description: "Entry placeholder", Other: "例: 山田商事株式会社"}
	OnboardGear        = &i18n.Message{ID: "onboard.gear", Description: "Second step", Other: "会社のインターネットの出入口にある機器（UTM やルーター）はどれですか。機器の前面やシールにメーカー名が書いてあります。"}
	OnboardGearNone    = &i18n.Message{ID: "onboard.gear.none", Description: "Gear option", Other: "持っていない・分からない"}
	OnboardConnect     = &i18n.Message{ID: "onboard.connect", Description: "Third step", Other: "機器のログをこの PC に送るよう設定します。下の手順のとおり機器を設定し、「保存して接続テスト」を押してください。あとで「設定」から行うこともできます。"}
	OnboardNoGear      = &i18n.Message{ID: "onboard.nogear", Description: "Third step without gear", Other: "機器が分からなくても大丈夫です。IT 業者に「syslog をこの PC に送ってほしい」と頼めば設定してもらえます。あとで「設定」→「UTM・ルーターを追加」から登録できます。"}
	OnboardSkip        = &i18n.Message{ID: "onboard.skip", Description: "Button", Other: "あとで設定する"}
	OnboardDone        = &i18n.Message{ID: "onboard.done", Description: "Last step", Other: "準備ができました。いまの状態は「状態」の画面に信号の色で表示されます。ウィンドウを閉じても、気づきはトレイ（画面の隅）で見張りを続けます。"}
	OnboardStart       = &i18n.Message{ID: "onboard.start", Description: "Button", Other: "はじめる"}
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

// The guidance screens: 対策 (wizards), チェックリスト, いまやること and the
// readiness beside the light, the first checklist offered at first run.
var (
	NavGuide               = &i18n.Message{ID: "nav.guide", Description: "Sidebar: the wizards screen", Other: "対策"}
	NavChecklist           = &i18n.Message{ID: "nav.checklist", Description: "Sidebar: the checklists screen", Other: "チェックリスト"}
	GuideStartFix          = &i18n.Message{ID: "guide.start_fix", Description: "Button on a finding: open its wizard", Other: "対策を始める"}
	GuideIntro             = &i18n.Message{ID: "guide.intro", Description: "Top of the wizards screen", Other: "会社の守りを固める対策と、困ったときの手順です。どれも画面の案内どおりに進めれば終わります。途中でやめても、続きから再開できます。"}
	GuideIncidentHeading   = &i18n.Message{ID: "guide.incident.heading", Description: "Heading of the incident wizard entry", Other: "有事の際"}
	GuideIncidentHint      = &i18n.Message{ID: "guide.incident.hint", Description: "Under the incident heading", Other: "攻撃が成功したかもしれない、PC がウイルスに感染したかもしれない、監視会社から連絡があった。そんなときは最初にこれを開いてください。"}
	GuideIncidentOpen      = &i18n.Message{ID: "guide.incident.open", Description: "Button: open the incident wizard", Other: "有事の際の手順を開く"}
	GuideHardeningHeading  = &i18n.Message{ID: "guide.hardening.heading", Description: "Heading of the hardening list", Other: "守りを固める対策"}
	GuideStart             = &i18n.Message{ID: "guide.start", Description: "Button: start a wizard", Other: "始める"}
	GuideResume            = &i18n.Message{ID: "guide.resume", Description: "Button: resume a wizard", Other: "続ける"}
	GuideRowMeta           = &i18n.Message{ID: "guide.row.meta", Description: "Under a hardening task: .State is how far it got, .Minutes the time it takes", Other: "{{.State}} ・ 全部で約 {{.Minutes}} 分"}
	GuideStateNew          = &i18n.Message{ID: "guide.state.new", Description: "A wizard not begun", Other: "まだ始めていません"}
	GuideStateStarted      = &i18n.Message{ID: "guide.state.started", Description: "A wizard under way", Other: "途中です（{{.Done}} / {{.Steps}} 手順）"}
	GuideStateDone         = &i18n.Message{ID: "guide.state.done", Description: "A wizard finished", Other: "完了しました"}
	GuideStateHanded       = &i18n.Message{ID: "guide.state.handed", Description: "Steps handed to the MSS or dealer; .N how many", Other: "{{.N}} 手順を相談中です"}
	GuideLoadError         = &i18n.Message{ID: "guide.error.load", Description: "The wizards could not be read", Other: "対策の進み具合を読み込めませんでした（{{.Err}}）。"}
	WizardStep             = &i18n.Message{ID: "wizard.step", Description: "Position in a wizard", Other: "手順 {{.N}} / {{.Of}}"}
	WizardSummaryHeading   = &i18n.Message{ID: "wizard.summary.heading", Description: "Position: the summary page", Other: "まとめ"}
	WizardToSummary        = &i18n.Message{ID: "wizard.to_summary", Description: "Button after the last step", Other: "まとめへ"}
	WizardBackToList       = &i18n.Message{ID: "wizard.back_to_list", Description: "Button: leave the wizard", Other: "一覧に戻る"}
	WizardFor              = &i18n.Message{ID: "wizard.for", Description: "What a wizard is about: .Title the finding, .Subject its subject", Other: "この手順は「{{.Title}}」（対象: {{.Subject}}）への対策です。"}
	WizardMeta             = &i18n.Message{ID: "wizard.meta", Description: "How long a step takes and who does it", Other: "目安 {{.Minutes}} 分 ・ 担当: {{.Who}}"}
	WizardWhy              = &i18n.Message{ID: "wizard.why", Description: "Heading", Other: "なぜ必要か"}
	WizardHow              = &i18n.Message{ID: "wizard.how", Description: "Heading", Other: "やり方"}
	WizardVariantVendor    = &i18n.Message{ID: "wizard.variant.vendor", Description: "Label of the device choice", Other: "お使いの機器:"}
	WizardVariantBrowser   = &i18n.Message{ID: "wizard.variant.browser", Description: "Label of the browser choice", Other: "お使いのブラウザ:"}
	WizardVariantOther     = &i18n.Message{ID: "wizard.variant.other", Description: "Device or browser choice: any other", Other: "その他・分からない"}
	WizardOutcome          = &i18n.Message{ID: "wizard.outcome", Description: "Where a step stands; .Outcome is the state", Other: "この手順: {{.Outcome}}"}
	WizardDone             = &i18n.Message{ID: "wizard.done", Description: "Button: the step is done", Other: "できた"}
	WizardCantDo           = &i18n.Message{ID: "wizard.cant_do", Description: "Button: the owner cannot do the step", Other: "できない"}
	WizardAskHelp          = &i18n.Message{ID: "wizard.ask_help", Description: "Button: hand the step to the MSS or dealer", Other: "MSS・販売店に相談"}
	WizardSaveError        = &i18n.Message{ID: "wizard.error.save", Description: "The wizard's progress could not be saved", Other: "保存できませんでした（{{.Err}}）。もう一度押してください。"}
	WizardVerifyRunning    = &i18n.Message{ID: "wizard.verify.running", Description: "The self-check runs", Other: "Kizuki が確認しています。しばらくお待ちください。"}
	WizardVerifyOK         = &i18n.Message{ID: "wizard.verify.ok", Description: "The self-check passed; .Window is how far back it looked", Other: "確認できました。この {{.Window}}、問題は見えていません。"}
	WizardVerifySeen       = &i18n.Message{ID: "wizard.verify.seen", Description: "The self-check still sees the problem; .N how often", Other: "まだ問題が見えています（この {{.Window}}に {{.N}} 件）。設定を見直してから、もう一度確認してください。"}
	WizardVerifyNotYet     = &i18n.Message{ID: "wizard.verify.not_yet", Description: "The self-check did not pass", Other: "まだ確認できません。設定を見直してから、もう一度確認してください。"}
	WizardVerifyPending    = &i18n.Message{ID: "wizard.verify.pending", Description: "A done step not checked yet", Other: "Kizuki がこの手順の結果を確かめます。「確認する」を押してください。"}
	WizardVerifyError      = &i18n.Message{ID: "wizard.verify.error", Description: "The self-check failed to run", Other: "確認できませんでした（{{.Err}}）。あとでもう一度確認してください。"}
	WizardVerifyAgain      = &i18n.Message{ID: "wizard.verify.again", Description: "Button: run the self-check again", Other: "確認する"}
	WizardHelpHeading      = &i18n.Message{ID: "wizard.help.heading", Description: "Heading of the text to send for help", Other: "相談用の文面"}
	WizardHelpHint         = &i18n.Message{ID: "wizard.help.hint", Description: "Under the help heading", Other: "この文面をコピーして、監視会社（MSS）や販売店にメールで送ってください。自分で説明しなくても、何をしてほしいかが伝わるように書いてあります。"}
	WizardCopy             = &i18n.Message{ID: "wizard.copy", Description: "Button: copy the help text", Other: "コピー"}
	WizardCopied           = &i18n.Message{ID: "wizard.copied", Description: "The help text was copied", Other: "コピーしました。"}
	WizardDoNot            = &i18n.Message{ID: "wizard.do_not", Description: "Heading in the incident wizard", Other: "してはいけないこと"}
	WizardContacts         = &i18n.Message{ID: "wizard.contacts", Description: "Heading in the incident wizard", Other: "連絡先"}
	WizardBullet           = &i18n.Message{ID: "wizard.bullet", Description: "One item of a list", Other: "・{{.Text}}"}
	WizardContact          = &i18n.Message{ID: "wizard.contact", Description: "A contact: .Name and when to call", Other: "{{.Name}}: {{.When}}"}
	WizardContactPhoneURL  = &i18n.Message{ID: "wizard.contact.phone_url", Description: "A contact's public number and page", Other: "電話 {{.Phone}} ・ {{.URL}}"}
	WizardContactOwn       = &i18n.Message{ID: "wizard.contact.own", Description: "A contact whose number the owner has", Other: "番号は契約書や保険証券で確かめてください。"}
	WizardEvidenceFrom     = &i18n.Message{ID: "wizard.evidence.from", Description: "Form label: first day of the evidence", Other: "最初の日"}
	WizardEvidenceTo       = &i18n.Message{ID: "wizard.evidence.to", Description: "Form label: last day of the evidence", Other: "最後の日"}
	WizardEvidenceSave     = &i18n.Message{ID: "wizard.evidence.save", Description: "Button: save the evidence archive", Other: "証拠のログを書き出す"}
	WizardEvidenceBadDate  = &i18n.Message{ID: "wizard.evidence.bad_date", Description: "The dates could not be read", Other: "日付は 2026-11-20 のように書いてください（最初の日は最後の日より前に）。"}
	WizardEvidenceSaved    = &i18n.Message{ID: "wizard.evidence.saved", Description: "The evidence was saved", Other: "書き出しました（ログの控え {{.Files}} ファイル、検知 {{.Findings}} 件）。このファイルを調査会社や保険会社に渡してください。"}
	WizardEvidenceError    = &i18n.Message{ID: "wizard.evidence.error", Description: "The evidence could not be saved", Other: "書き出せませんでした（{{.Err}}）。"}
	WizardSummaryDone      = &i18n.Message{ID: "wizard.summary.done", Description: "Every step is done", Other: "すべての手順が終わりました。おつかれさまでした。"}
	WizardSummaryOpen      = &i18n.Message{ID: "wizard.summary.open", Description: "Some steps are still open", Other: "まだ終わっていない手順があります。相談した手順は、相手の対応が済んだら「できた」を押してください。"}
	WizardSummaryLine      = &i18n.Message{ID: "wizard.summary.line", Description: "One step on the summary", Other: "{{.N}}. {{.What}}: {{.Outcome}}"}
	WhoOwner               = &i18n.Message{ID: "who.owner", Description: "Who does a step", Other: "経営者または IT 担当の方"}
	WhoStaff               = &i18n.Message{ID: "who.staff", Description: "Who does a step", Other: "社員のみなさん"}
	WhoVendor              = &i18n.Message{ID: "who.vendor", Description: "Who does a step", Other: "IT 業者・販売店"}
	WhoMSS                 = &i18n.Message{ID: "who.mss", Description: "Who does a step", Other: "監視会社（MSS）"}
	OutcomeNone            = &i18n.Message{ID: "outcome.none", Description: "A step's state", Other: "まだです"}
	OutcomeDone            = &i18n.Message{ID: "outcome.done", Description: "A step's state", Other: "できた"}
	OutcomeCantDo          = &i18n.Message{ID: "outcome.cant_do", Description: "A step's state", Other: "できない（相談用の文面を下に用意しました）"}
	OutcomeAskHelp         = &i18n.Message{ID: "outcome.ask_help", Description: "A step's state", Other: "MSS・販売店に相談中"}
	OutcomeVerified        = &i18n.Message{ID: "outcome.verified", Description: "A step's state", Other: "できた（Kizuki で確認済み）"}
	OutcomeNotVerified     = &i18n.Message{ID: "outcome.not_verified", Description: "A step's state", Other: "できた（まだ問題が見えています）"}
	TodoHeading            = &i18n.Message{ID: "todo.heading", Description: "Heading on the status screen", Other: "いまやること"}
	TodoIncident           = &i18n.Message{ID: "todo.incident", Description: "Red light: offer the incident wizard", Other: "被害が疑われるときは、まず有事の際の手順を開いてください。"}
	TodoNone               = &i18n.Message{ID: "todo.none", Description: "Nothing to do", Other: "いま急いでやることはありません。チェックリストに答えると、次にやるとよいことをここでお知らせします。"}
	TodoLoadError          = &i18n.Message{ID: "todo.error.load", Description: "The tasks could not be worked out", Other: "いまやることを読み込めませんでした（{{.Err}}）。"}
	TodoTitle              = &i18n.Message{ID: "todo.title", Description: "A task: .N its rank, .Title the playbook", Other: "{{.N}}. {{.Title}}"}
	TodoTitleFinding       = &i18n.Message{ID: "todo.title.finding", Description: "A task about a finding: .Subject is what it is about", Other: "{{.N}}. {{.Title}}（{{.Subject}}）"}
	TodoOpen               = &i18n.Message{ID: "todo.open", Description: "Button: open the task's wizard", Other: "手順を開く"}
	StatusReadiness        = &i18n.Message{ID: "status.readiness", Description: "Heading of the readiness score beside the light", Other: "備えの点数"}
	StatusReadinessScore   = &i18n.Message{ID: "status.readiness.score", Description: "The readiness score, 0 to 100", Other: "{{.Score}} 点"}
	StatusReadinessNote    = &i18n.Message{ID: "status.readiness.note", Description: "Under the readiness score", Other: "チェックリスト {{.Count}} 件から"}
	ChecklistNav           = &i18n.Message{ID: "checklist.nav", Description: "A checklist in the list: .Title and .Score", Other: "{{.Title}}（{{.Score}} 点）"}
	ChecklistNavUnanswered = &i18n.Message{ID: "checklist.nav.unanswered", Description: "A checklist not answered yet", Other: "{{.Title}}（未回答）"}
	ChecklistScore         = &i18n.Message{ID: "checklist.score", Description: "Score line of a checklist", Other: "{{.Score}} 点 ・ {{.Band}} ・ 回答 {{.Answered}} / {{.Items}} 問"}
	ChecklistItem          = &i18n.Message{ID: "checklist.item", Description: "One question: .N its number", Other: "{{.N}}. {{.Text}}"}
	ChecklistPrefilled     = &i18n.Message{ID: "checklist.prefilled", Description: "An answer Kizuki filled in from its data", Other: "Kizuki が自動で記入しました（根拠: {{.Evidence}}）。違っていれば選び直してください。"}
	ChecklistEvidence      = &i18n.Message{ID: "checklist.evidence", Description: "Kizuki's data beside the owner's answer", Other: "Kizuki のデータ: {{.Evidence}}"}
	ChecklistNote          = &i18n.Message{ID: "checklist.note", Description: "The owner's note", Other: "メモ: {{.Evidence}}"}
	ChecklistAdvice        = &i18n.Message{ID: "checklist.advice", Description: "Advice under an item not answered yes", Other: "アドバイス: {{.Advice}}"}
	ChecklistFix           = &i18n.Message{ID: "checklist.fix", Description: "Button: open the playbook that fixes the gap", Other: "対策を始める: {{.Title}}"}
	ChecklistHistory       = &i18n.Message{ID: "checklist.history", Description: "Heading of the score chart", Other: "点数の移り変わり"}
	ChecklistHistoryNone   = &i18n.Message{ID: "checklist.history.none", Description: "No score recorded yet", Other: "まだ記録がありません。回答するたびに点数が記録されます。"}
	ChecklistHistoryLabel  = &i18n.Message{ID: "checklist.history.label", Description: "Above the score chart", Other: "いま {{.Last}} 点 ・ これまでの最高 {{.Best}} 点（記録 {{.N}} 回）"}
	ChecklistReports       = &i18n.Message{ID: "checklist.reports", Description: "Heading of the report buttons", Other: "報告書を保存する"}
	ChecklistMonthLast     = &i18n.Message{ID: "checklist.month.last", Description: "Report month choice", Other: "先月（{{.Month}}）"}
	ChecklistMonthThis     = &i18n.Message{ID: "checklist.month.this", Description: "Report month choice", Other: "今月（{{.Month}}、今日まで）"}
	ChecklistFormatPDF     = &i18n.Message{ID: "checklist.format.pdf", Description: "Report format choice", Other: "PDF（印刷・メール向け）"}
	ChecklistFormatHTML    = &i18n.Message{ID: "checklist.format.html", Description: "Report format choice", Other: "HTML（ブラウザで開く）"}
	ChecklistSaveMonthly   = &i18n.Message{ID: "checklist.save.monthly", Description: "Button", Other: "月次報告書を保存"}
	ChecklistSaveInsurance = &i18n.Message{ID: "checklist.save.insurance", Description: "Button", Other: "保険会社向けの報告書を保存"}
	ChecklistSaved         = &i18n.Message{ID: "checklist.saved", Description: "A report was saved; .Name is the file name", Other: "保存しました: {{.Name}}"}
	ChecklistSaveError     = &i18n.Message{ID: "checklist.error.save", Description: "A report could not be saved", Other: "報告書を保存できませんでした（{{.Err}}）。"}
	ChecklistAnswerError   = &i18n.Message{ID: "checklist.error.answer", Description: "An answer could not be saved", Other: "回答を保存できませんでした（{{.Err}}）。"}
	ChecklistLoadError     = &i18n.Message{ID: "checklist.error.load", Description: "The checklists could not be read", Other: "チェックリストを読み込めませんでした（{{.Err}}）。"}
	ChecklistSource        = &i18n.Message{ID: "checklist.source", Description: "Where the items come from", Other: "出典: {{.Source}} {{.URL}}"}
	ChecklistTemplate      = &i18n.Message{ID: "checklist.template", Description: "Heading of the template to fill in", Other: "記入用のひな形"}
	OnboardDiagnoseOffer   = &i18n.Message{ID: "onboard.diagnose.offer", Description: "Last step: offer the first checklist", Other: "最初に、IPA（情報処理推進機構）の「5分でできる！情報セキュリティ自社診断」に答えてみませんか。25 の質問に「はい・いいえ」で答えるだけで、会社の弱いところが分かります。"}
	OnboardDiagnose        = &i18n.Message{ID: "onboard.diagnose", Description: "Button: finish and open the self-diagnosis", Other: "5 分の自己診断から始める"}
)

// The tray app: the MSS provider (設定 → 監視会社（MSS）, MSS に相談, its
// notifications) and this PC's checks (この PC).
var (
	SettingsMSS            = &i18n.Message{ID: "settings.mss", Description: "Settings heading: the MSS provider", Other: "監視会社（MSS）"}
	MSSIntro               = &i18n.Message{ID: "mss.intro", Description: "Settings: what enrolling does", Other: "セキュリティ監視会社（MSS：ログの見張りを代わりに引き受ける会社）と契約している場合、受け取った URL と登録コードを入れると、監視会社からの通知がこの画面に届き、相談も送れるようになります。"}
	MSSURL                 = &i18n.Message{ID: "mss.url", Description: "Form label", Other: "監視会社の URL"}
	MSSCode                = &i18n.Message{ID: "mss.code", Description: "Form label: the one-time code", Other: "登録コード"}
	MSSCodeHint            = &i18n.Message{ID: "mss.code.hint", Description: "Placeholder of the code entry", Other: "監視会社から受け取った 1 回限りのコード"}
	MSSHeartbeat           = &i18n.Message{ID: "mss.heartbeat", Description: "Checkbox: the owner's consent to heartbeats", Other: "5 分ごとに、気づきが動いていることと信号の色だけを監視会社に知らせる（ほかの情報は送りません）"}
	MSSEnroll              = &i18n.Message{ID: "mss.enroll", Description: "Button", Other: "登録する"}
	MSSEnrolling           = &i18n.Message{ID: "mss.enrolling", Description: "While enrolling", Other: "監視会社に問い合わせています…"}
	MSSBadURL              = &i18n.Message{ID: "mss.bad_url", Description: "The URL is not usable", Other: "URL は https:// で始まる形で入れてください（http:// はこの PC 自身の場合だけ使えます）。"}
	MSSNeedCode            = &i18n.Message{ID: "mss.need_code", Description: "No code was entered", Other: "監視会社から受け取った登録コードを入れてください。"}
	MSSCodeRefused         = &i18n.Message{ID: "mss.code_refused", Description: "The one-time code was refused", Other: "登録コードが受け付けられませんでした（使用済みか期限切れ、または打ち間違い）。監視会社に新しいコードを発行してもらってください。"}
	MSSEnrollFailed        = &i18n.Message{ID: "mss.enroll_failed", Description: "Enrolment failed; .Err is the cause", Other: "登録できませんでした（{{.Err}}）。URL とネットワークを確認してください。"}
	MSSEnrolled            = &i18n.Message{ID: "mss.enrolled", Description: "Enrolment succeeded", Other: "「{{.Provider}}」に登録しました。通知は届きしだい「検知」に表示されます。"}
	MSSProviderLine        = &i18n.Message{ID: "mss.provider_line", Description: "Settings: the provider", Other: "監視会社: {{.Provider}}（{{.URL}}）"}
	MSSEnrolledLine        = &i18n.Message{ID: "mss.enrolled_line", Description: "Settings: when enrolled and where the key is kept", Other: "登録: {{.Time}}・通信用の鍵の保存先: {{.Where}}"}
	MSSSecretsKeyring      = &i18n.Message{ID: "mss.secrets.keyring", Description: "Where the token is kept", Other: "OS の鍵の保管庫"}
	MSSSecretsFile         = &i18n.Message{ID: "mss.secrets.file", Description: "Where the token is kept without a keyring", Other: "データフォルダーの中の、この PC の利用者だけが読めるファイル"}
	MSSContactLine         = &i18n.Message{ID: "mss.contact_line", Description: "Settings: last contact", Other: "最後の連絡: {{.Time}}"}
	MSSNeverContacted      = &i18n.Message{ID: "mss.never_contacted", Description: "No contact yet", Other: "まだありません"}
	MSSRejectedLine        = &i18n.Message{ID: "mss.rejected_line", Description: "Settings: refused input by reason; .List", Other: "受け付けなかった通信（偽物や壊れたデータのおそれ）: {{.List}}"}
	MSSTest                = &i18n.Message{ID: "mss.test", Description: "Button", Other: "接続テスト"}
	MSSTesting             = &i18n.Message{ID: "mss.testing", Description: "While testing", Other: "監視会社に問い合わせています…"}
	MSSTestOK              = &i18n.Message{ID: "mss.test_ok", Description: "The connection test passed", Other: "「{{.Provider}}」と正しくつながっています。"}
	MSSTestFailed          = &i18n.Message{ID: "mss.test_failed", Description: "The connection test failed; .Err", Other: "監視会社とつながりませんでした（{{.Err}}）。ネットワークを確認し、直らなければ監視会社に連絡してください。"}
	MSSTestRefused         = &i18n.Message{ID: "mss.test_refused", Description: "The answer was refused; .Reason is the mss.* reason in words", Other: "監視会社からの返事を受け付けませんでした（{{.Reason}}）。偽物の可能性もあるため、監視会社に連絡してください。"}
	MSSLeave               = &i18n.Message{ID: "mss.leave", Description: "Button: leave the provider", Other: "登録を解除する"}
	MSSLeaveConfirm        = &i18n.Message{ID: "mss.leave_confirm", Description: "Confirmation; .Provider", Other: "「{{.Provider}}」からの通知を受け取らなくなり、通信用の鍵も削除します。これまでの通知は「検知」に残ります。"}
	MSSLeft                = &i18n.Message{ID: "mss.left", Description: "After leaving; .Provider", Other: "「{{.Provider}}」の登録を解除しました。"}
	MSSLoadError           = &i18n.Message{ID: "mss.load_error", Description: "The enrolment could not be read; .Err", Other: "監視会社の設定を読み取れませんでした（{{.Err}}）。"}
	MSSAskButton           = &i18n.Message{ID: "mss.ask.button", Description: "Button on a finding: ask the MSS", Other: "監視会社に相談"}
	MSSAskTitle            = &i18n.Message{ID: "mss.ask.title", Description: "Heading of the ask dialog", Other: "監視会社（MSS）に相談する"}
	MSSAskAbout            = &i18n.Message{ID: "mss.ask.about", Description: "Which finding the question is about", Other: "対象の検知: {{.Title}}（{{.Subject}}）"}
	MSSAskHint             = &i18n.Message{ID: "mss.ask.hint", Description: "Placeholder of the question", Other: "例: この攻撃は止まりましたか。こちらで何をすればよいですか。"}
	MSSAskAttach           = &i18n.Message{ID: "mss.ask.attach", Description: "Checkbox, off by default: attach the local finding", Other: "この検知の内容も送る（相手の IP アドレス、ユーザー名、ログの一部が監視会社に渡ります）"}
	MSSAskTheirs           = &i18n.Message{ID: "mss.ask.theirs", Description: "The finding is the provider's own", Other: "監視会社からの通知についての相談です。通知の番号を添えて送ります。"}
	MSSAskSend             = &i18n.Message{ID: "mss.ask.send", Description: "Button", Other: "送る"}
	MSSAskEmpty            = &i18n.Message{ID: "mss.ask.empty", Description: "No question written", Other: "相談したいことを書いてください。"}
	MSSAskSending          = &i18n.Message{ID: "mss.ask.sending", Description: "While sending", Other: "送っています…"}
	MSSAskSent             = &i18n.Message{ID: "mss.ask.sent", Description: "The question was received; .ID is the receipt", Other: "「{{.Provider}}」に相談を送りました（受付番号 {{.ID}}）。返事は監視会社からの連絡を待ってください。"}
	MSSAskWasAttached      = &i18n.Message{ID: "mss.ask.was_attached", Description: "The finding went with the question", Other: "検知の内容を添付しました。"}
	MSSAskNotAttached      = &i18n.Message{ID: "mss.ask.not_attached", Description: "The finding did not go with the question", Other: "検知の内容は添付していません（質問の文だけを送りました）。"}
	MSSAskFailed           = &i18n.Message{ID: "mss.ask.failed", Description: "Sending failed; .Err", Other: "相談を送れませんでした（{{.Err}}）。ネットワークを確認して、もう一度送ってください。"}
	ButtonClose            = &i18n.Message{ID: "button.close", Description: "Button", Other: "閉じる"}
	NotifyMSSNew           = &i18n.Message{ID: "notify.mss.new", Description: "Desktop notification title: a new notice from the MSS", Other: "監視会社「{{.Provider}}」からの通知"}
	NotifyMSSUpdated       = &i18n.Message{ID: "notify.mss.updated", Description: "Desktop notification title: a revised notice from the MSS", Other: "監視会社「{{.Provider}}」からの通知（更新）"}
	NotifyMSSBody          = &i18n.Message{ID: "notify.mss.body", Description: "Desktop notification body; .Title is the provider's title", Other: "{{.Title}}（深刻度: {{.Severity}}）"}
	FindingsMSSRemediation = &i18n.Message{ID: "findings.mss.remediation", Description: "The provider's advice on its finding", Other: "監視会社からのお願い: {{.Text}}"}
	NavThisPC              = &i18n.Message{ID: "nav.thispc", Description: "Sidebar: this PC's checks", Other: "この PC"}
	ThisPCTitle            = &i18n.Message{ID: "thispc.title", Description: "Heading", Other: "この PC の安全の設定"}
	ThisPCIntro            = &i18n.Message{ID: "thispc.intro", Description: "What the screen shows", Other: "ウイルス対策、OS の更新、ファイアウォール、ブラウザーの通知の許可などを 1 日 1 回確かめます。確かめるだけで、設定を変えることはありません。"}
	ThisPCLastRun          = &i18n.Message{ID: "thispc.last_run", Description: "When the checks last ran", Other: "最後の確認: {{.Time}}"}
	ThisPCNever            = &i18n.Message{ID: "thispc.never", Description: "The checks never ran", Other: "まだ確認していません。"}
	ThisPCRunNow           = &i18n.Message{ID: "thispc.run_now", Description: "Button", Other: "いま確認する"}
	ThisPCRunning          = &i18n.Message{ID: "thispc.running", Description: "While the checks run", Other: "確認しています…"}
	ThisPCRunError         = &i18n.Message{ID: "thispc.run_error", Description: "The checks failed; .Err", Other: "確認できませんでした（{{.Err}}）。"}
	ThisPCLoadError        = &i18n.Message{ID: "thispc.load_error", Description: "Results could not be read; .Err", Other: "確認の結果を読み取れませんでした（{{.Err}}）。"}
	ThisPCCheckLine        = &i18n.Message{ID: "thispc.check_line", Description: "One check: its name and status word", Other: "{{.Name}}: {{.Status}}"}
	ThisPCPlaybook         = &i18n.Message{ID: "thispc.playbook", Description: "The playbook that fixes a finding; .Title", Other: "直し方: {{.Title}}"}
	ThisPCOpenFinding      = &i18n.Message{ID: "thispc.open_finding", Description: "Button: open the finding on the findings screen", Other: "詳しく見る"}
)

// kizuki demo.
var (
	CLIDemoPreparing = &i18n.Message{ID: "cli.demo.preparing", Description: "kizuki demo: while the demo data is made", Other: "お試し用のデータを作っています（3 つの事例を再現します）…"}
	CLIDemoFailed    = &i18n.Message{ID: "cli.demo.failed", Description: "Runtime error of kizuki demo; .Err", Other: "お試し用のデータを作れませんでした（{{.Err}}）。"}
)
