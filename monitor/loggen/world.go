package loggen

import "strconv"

// The addresses below are test data. Every public block is an arbitrary
// pick among addresses that IP-to-country databases place in the named
// country, chosen so that Kizuki's country lookup has something to say;
// nothing here claims that a given service, company or attacker really
// uses them. The company's own addresses come from the documentation
// ranges (RFC 5737).

// countryNames are the names FortiOS writes in srccountry/dstcountry.
var countryNames = map[string]string{
	"JP": "Japan", "US": "United States", "CN": "China", "RU": "Russian Federation",
	"BR": "Brazil", "VN": "Vietnam", "NL": "Netherlands", "DE": "Germany",
	"KR": "Korea, Republic of", "IN": "India", "TW": "Taiwan", "ID": "Indonesia",
	"TH": "Thailand", "GB": "United Kingdom", "FR": "France",
}

// fortiCountry is the srccountry/dstcountry text for an ISO code; private
// and documentation addresses are "Reserved" to FortiOS.
func fortiCountry(cc string) string {
	if n, ok := countryNames[cc]; ok {
		return n
	}
	return "Reserved"
}

// countryBlocks are /16 blocks, given by their first two octets, that the
// country database places wholly in one country (checked by a test).
// Random remote addresses (attackers, scanners, staff at home) are drawn
// from them.
var countryBlocks = map[string][][2]byte{
	"JP": {{126, 0}, {126, 200}, {60, 32}, {60, 100}, {114, 160}, {153, 120}, {153, 150}, {219, 100},
		{220, 144}, {180, 0}, {27, 80}, {49, 96}, {106, 128}, {118, 0}, {61, 112}, {122, 16},
		{124, 36}, {183, 76}, {1, 66}, {1, 72}},
	"CN": {{1, 80}, {36, 96}, {117, 50}, {112, 64}, {218, 92}, {61, 177}, {222, 186}, {120, 92},
		{183, 136}, {47, 92}},
	"RU": {{5, 3}, {95, 24}, {188, 162}, {31, 173}, {178, 176}, {46, 138}, {93, 80}},
	"US": {{3, 80}, {104, 18}, {24, 0}, {66, 30}, {71, 190}, {98, 100}, {73, 50}, {68, 40},
		{75, 100}, {173, 70}},
	"BR": {{179, 100}, {187, 100}, {191, 240}},
	"VN": {{14, 160}, {113, 160}, {171, 224}, {27, 72}, {116, 96}, {123, 20}},
	"NL": {{145, 100}, {145, 97}, {86, 80}, {86, 90}, {84, 26}, {94, 208}, {77, 161}, {82, 168},
		{83, 80}, {213, 127}, {62, 45}, {31, 20}, {81, 204}, {84, 104}, {217, 100}, {195, 240},
		{109, 37}},
	"DE": {{87, 161}, {84, 150}, {79, 200}, {91, 40}, {93, 192}, {217, 0}, {80, 128}, {91, 64},
		{62, 158}, {178, 0}, {46, 223}, {95, 90}},
	"KR": {{211, 234}, {121, 128}},
	"IN": {{49, 36}},
	"TW": {{114, 32}, {36, 224}},
	"ID": {{36, 64}},
	"TH": {{171, 96}},
	"GB": {{86, 0}, {90, 200}, {2, 100}},
	"FR": {{90, 0}, {86, 200}},
}

// countryMix is a weighted list of country codes; "" stands for the
// documentation ranges (no country).
type countryMix struct {
	codes   []string
	weights []float64
	total   float64
}

func newCountryMix(pairs ...any) countryMix {
	var m countryMix
	for i := 0; i < len(pairs); i += 2 {
		m.codes = append(m.codes, pairs[i].(string))
		w := pairs[i+1].(float64)
		m.weights = append(m.weights, w)
		m.total += w
	}
	return m
}

func (m countryMix) pick(r *rng) string { return m.codes[r.weighted(m.weights, m.total)] }

var (
	// campaignCountries: the seed talk's 「不特定多数の国内・海外の通信元」,
	// about a third domestic.
	campaignCountries = newCountryMix("JP", 30.0, "CN", 18.0, "US", 12.0, "RU", 9.0, "BR", 7.0,
		"VN", 7.0, "NL", 5.0, "KR", 3.0, "IN", 2.0, "TW", 2.0, "DE", 2.0, "ID", 1.5, "TH", 1.5)
	// noiseCountries: the Internet's background scanning of any WAN address.
	noiseCountries = newCountryMix("US", 25.0, "CN", 18.0, "NL", 10.0, "RU", 8.0, "JP", 8.0,
		"DE", 6.0, "BR", 5.0, "VN", 5.0, "GB", 4.0, "KR", 4.0, "IN", 3.0, "TW", 3.0, "FR", 2.0,
		"ID", 1.0, "TH", 1.0, "", 5.0)
	// scannerCountries: where a concentrated port scan comes from.
	scannerCountries = newCountryMix("CN", 30.0, "US", 25.0, "RU", 20.0, "NL", 15.0, "BR", 10.0)
	// c2Countries: where the malware's servers sit.
	c2Countries = newCountryMix("RU", 30.0, "NL", 20.0, "US", 20.0, "BR", 15.0, "VN", 15.0)
)

var docRanges = [...]string{"192.0.2.", "198.51.100.", "203.0.113."}

// remoteAddr draws an address of country cc ("" for the documentation
// ranges).
func remoteAddr(r *rng, cc string) string {
	if cc == "" {
		return docRanges[r.intn(len(docRanges))] + strconv.Itoa(r.between(10, 250))
	}
	blocks := countryBlocks[cc]
	b := blocks[r.intn(len(blocks))]
	return strconv.Itoa(int(b[0])) + "." + strconv.Itoa(int(b[1])) + "." +
		strconv.Itoa(r.intn(256)) + "." + strconv.Itoa(r.between(1, 254))
}

// service is a FortiOS service: its name as the traffic log writes it,
// the IP protocol number and the destination port.
type service struct {
	name  string
	proto int
	port  int
}

var (
	svcHTTPS    = &service{"HTTPS", 6, 443}
	svcHTTP     = &service{"HTTP", 6, 80}
	svcNTP      = &service{"NTP", 17, 123}
	svcSMTP     = &service{"SMTP", 6, 25}
	svcQUIC     = &service{"udp/443", 17, 443}
	svcZoom     = &service{"udp/8801", 17, 8801}
	svcTeamsUDP = &service{"udp/3478", 17, 3478}
	svcSMB      = &service{"SMB", 6, 445}
	svcRDP      = &service{"RDP", 6, 3389}
)

// size is the typical volume of one session: median bytes sent and
// received, and median duration in seconds.
type size struct {
	sent, rcvd float64
	dur        float64
}

var (
	sizeWeb     = size{1800, 24000, 8}
	sizeAPI     = size{1200, 4500, 2}
	sizeMedia   = size{3000, 350000, 45}
	sizeMeeting = size{900000, 2500000, 1500}
	sizeUpdate  = size{4000, 900000, 20}
	sizeNTP     = size{76, 76, 0}
	sizeBackup  = size{60000000, 150000, 600}
)

// site is a destination of ordinary traffic: a host name, the addresses
// it resolves to and their country.
type site struct {
	host string
	ips  []string
	cc   string
	svc  *service
	size size
}

// Destination pools of an office's everyday traffic, by what people do.
var (
	sitesM365 = []*site{
		{"outlook.office365.com", []string{"52.96.88.146", "52.96.165.18"}, "US", svcHTTPS, sizeAPI},
		{"login.microsoftonline.com", []string{"20.190.141.40"}, "JP", svcHTTPS, sizeAPI},
		{"teams.microsoft.com", []string{"52.113.194.132"}, "US", svcHTTPS, sizeWeb},
		{"hoshino-kogyo.sharepoint.com", []string{"13.107.136.9", "13.107.138.9"}, "US", svcHTTPS, sizeMedia},
		{"hoshino-kogyo-my.sharepoint.com", []string{"13.107.136.9"}, "US", svcHTTPS, sizeMedia},
	}
	sitesGoogle = []*site{
		{"www.google.com", []string{"142.250.196.100", "172.217.25.196"}, "JP", svcHTTPS, sizeWeb},
		{"www.gstatic.com", []string{"142.250.196.99"}, "JP", svcHTTPS, sizeWeb},
		{"www.youtube.com", []string{"142.251.42.142"}, "JP", svcHTTPS, sizeMedia},
		{"maps.google.co.jp", []string{"172.217.161.36"}, "JP", svcHTTPS, sizeWeb},
	}
	sitesJapan = []*site{
		{"www.yahoo.co.jp", []string{"183.79.219.252"}, "JP", svcHTTPS, sizeWeb},
		{"news.yahoo.co.jp", []string{"183.79.250.123"}, "JP", svcHTTPS, sizeWeb},
		{"s.yimg.jp", []string{"183.79.217.124"}, "JP", svcHTTPS, sizeMedia},
		{"www.nikkei.com", []string{"13.230.52.10"}, "JP", svcHTTPS, sizeWeb},
		{"www.rakuten.co.jp", []string{"133.237.16.1"}, "JP", svcHTTPS, sizeWeb},
		{"hoshino.cybozu.com", []string{"103.79.14.42"}, "JP", svcHTTPS, sizeAPI},
		{"www.chatwork.com", []string{"18.176.30.2"}, "JP", svcHTTPS, sizeAPI},
		{"secure.freee.co.jp", []string{"52.68.80.1"}, "JP", svcHTTPS, sizeWeb},
		{"www.e-tax.nta.go.jp", []string{"210.140.92.183"}, "JP", svcHTTPS, sizeWeb},
		{"www.jma.go.jp", []string{"202.218.1.1"}, "JP", svcHTTPS, sizeWeb},
		{"github.com", []string{"20.27.177.113"}, "JP", svcHTTPS, sizeWeb},
	}
	sitesGlobal = []*site{
		{"zoom.us", []string{"170.114.52.2"}, "US", svcHTTPS, sizeWeb},
		{"www.dropbox.com", []string{"162.125.84.18"}, "US", svcHTTPS, sizeMedia},
		{"www.apple.com", []string{"17.253.144.10"}, "US", svcHTTPS, sizeWeb},
		{"www.amazon.co.jp", []string{"52.119.168.48"}, "US", svcHTTPS, sizeWeb},
		{"acrobat.adobe.com", []string{"23.48.200.1"}, "US", svcHTTPS, sizeWeb},
	}
	sitesLINE = []*site{
		{"legy-jp.line-apps.com", []string{"147.92.150.1", "147.92.128.1"}, "JP", svcHTTPS, sizeAPI},
		{"obs.line-scdn.net", []string{"147.92.190.1"}, "JP", svcHTTPS, sizeMedia},
	}
	sitesBank = []*site{
		{"direct.bk.mufg.jp", []string{"210.140.131.10"}, "JP", svcHTTPS, sizeWeb},
		{"www.smbc.co.jp", []string{"133.242.0.5"}, "JP", svcHTTPS, sizeWeb},
	}
	sitesWindows = []*site{
		{"au.download.windowsupdate.com", []string{"13.107.4.50"}, "US", svcHTTP, sizeUpdate},
		{"settings-win.data.microsoft.com", []string{"20.42.65.92"}, "US", svcHTTPS, sizeAPI},
		{"v10.events.data.microsoft.com", []string{"20.42.73.25"}, "US", svcHTTPS, sizeAPI},
	}
	sitesMeeting = []*site{
		{"zoom.us", []string{"170.114.52.2"}, "US", svcZoom, sizeMeeting},
		{"teams.microsoft.com", []string{"52.113.194.132"}, "US", svcTeamsUDP, sizeMeeting},
	}
	// siteQUIC: Chrome's QUIC to Google, refused by a policy that makes
	// browsers fall back to TCP where the UTM can inspect them.
	siteQUIC = &site{"www.google.com", []string{"142.250.196.100", "172.217.25.196"}, "JP", svcQUIC, sizeAPI}
	// siteAV is the antivirus vendor's update server, polled hourly by
	// every PC: periodic, and not a beacon.
	siteAV = &site{"iaus.activeupdate.trendmicro.com", []string{"23.56.1.1", "23.32.1.1"}, "US", svcHTTP, sizeAPI}
	// siteNTP is NICT's public NTP service, which the NAS asks every 1024 s.
	siteNTP = &site{"ntp.nict.jp", []string{"133.243.238.163", "133.243.238.164", "133.243.238.243", "133.243.238.244"}, "JP", svcNTP, sizeNTP}
	// siteMFP is the copier vendor's remote-maintenance service.
	siteMFP = &site{"mfp-remote.example.com", []string{"20.43.94.199"}, "JP", svcHTTPS, sizeAPI}
	// siteNASVendor is where the NAS looks for firmware and reports health.
	siteNASVendor = &site{"update.nas-vendor.example.com", []string{"18.176.30.2"}, "JP", svcHTTPS, sizeAPI}
	// siteBackup is the cloud storage the NAS copies itself to each night.
	siteBackup = &site{"s3.ap-northeast-1.amazonaws.com", []string{"52.219.16.10", "52.219.4.1"}, "JP", svcHTTPS, sizeBackup}
	// sitesAd are advertising and tracking hosts the web filter blocks now
	// and then: scattered blocks from many PCs, not an infection.
	sitesAd = []*site{
		{"ads.tracker-net.example.com", []string{"203.0.113.61"}, "", svcHTTPS, sizeAPI},
		{"pop.click-prize.example.net", []string{"203.0.113.77"}, "", svcHTTPS, sizeAPI},
	}
)

// allSites lists every fixed destination, for tests.
func allSites() []*site {
	var out []*site
	for _, pool := range [][]*site{sitesM365, sitesGoogle, sitesJapan, sitesGlobal, sitesLINE, sitesBank,
		sitesWindows, sitesMeeting, sitesAd} {
		out = append(out, pool...)
	}
	return append(out, siteQUIC, siteAV, siteNTP, siteMFP, siteNASVendor, siteBackup)
}

// inboundPorts are what the Internet's background scanners knock on.
var inboundPorts = []int{23, 22, 445, 3389, 80, 443, 8080, 5900, 1433, 3306, 6379, 8443, 2323,
	5555, 37215, 52869, 81, 8291, 8728, 21, 25, 110, 135, 139, 1723, 5060, 7547, 9200, 11211, 60001}

// scanPorts are the well-known ports a port scan tries first; the rest of
// a scan is drawn from the whole range.
var scanPorts = []int{21, 22, 23, 25, 53, 80, 81, 88, 110, 111, 135, 139, 143, 389, 443, 445, 465,
	514, 587, 631, 873, 993, 995, 1080, 1194, 1433, 1521, 1723, 1883, 2049, 2082, 2083, 2375, 3000,
	3128, 3306, 3389, 4443, 4444, 5000, 5060, 5432, 5601, 5900, 5985, 6000, 6379, 6443, 7001, 7547,
	8000, 8008, 8080, 8081, 8088, 8443, 8888, 9000, 9090, 9200, 9443, 10000, 10443, 11211, 27017}

// fortiServiceName is the service FortiOS logs for a destination port it
// has a predefined service for, else "tcp/N" or "udp/N".
func fortiServiceName(proto, port int) string {
	if proto == 6 {
		switch port {
		case 21:
			return "FTP"
		case 22:
			return "SSH"
		case 23:
			return "TELNET"
		case 25:
			return "SMTP"
		case 80:
			return "HTTP"
		case 110:
			return "POP3"
		case 143:
			return "IMAP"
		case 443:
			return "HTTPS"
		case 445:
			return "SMB"
		case 993:
			return "IMAPS"
		case 995:
			return "POP3S"
		case 1433:
			return "MS-SQL"
		case 1723:
			return "PPTP"
		case 3306:
			return "MYSQL"
		case 3389:
			return "RDP"
		case 5900:
			return "VNC"
		}
		return "tcp/" + strconv.Itoa(port)
	}
	switch port {
	case 53:
		return "DNS"
	case 123:
		return "NTP"
	case 137:
		return "SAMBA"
	case 161:
		return "SNMP"
	case 5060:
		return "SIP"
	}
	return "udp/" + strconv.Itoa(port)
}
