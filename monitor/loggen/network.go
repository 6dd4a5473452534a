package loggen

import (
	"sort"
	"strconv"
)

// role is what a machine on the LAN is for.
type role int

const (
	rolePC role = iota
	roleNAS
	roleMFP
)

// host is a machine on the company's LAN.
type host struct {
	idx      int
	ip       string
	mac      string
	name     string
	role     role
	activity float64 // how busy its user is, around 1
	meetings bool    // its user holds web meetings (Zoom, Teams)
	// attacked hosts are kept out of the decoys (scattered blocks), so
	// that every block they get belongs to their incident.
	attacked bool
	// forced are days on which an incident needs the PC switched on:
	// day → [from, to).
	forced map[int][2]int64
}

// staffUser is an employee who works from home over the VPN.
type staffUser struct {
	name   string
	home   string // home broadband address
	mobile string // phone tethering address
	tunnel int    // FortiGate SSL-VPN tunnel address suffix (10.212.134.N)
}

// network is the office: its LAN, its gateway and the people on it.
type network struct {
	lan     string // "192.168.1." prefix of the /24
	gateway string // the UTM/router's LAN address
	wan     string // the single public address of the office
	ispPeer string // the ISP's end of the PPPoE link (Yamaha)
	device  string // FortiGate devname / Yamaha model
	devid   string // FortiGate serial number
	hosts   []*host
	pcs     []*host
	it      *host // the PC of the person who looks after the network
	nas     *host
	mfp     *host
	staff   []*staffUser
}

// Name pools. Small Japanese companies keep Windows' default names or
// name PCs after the department.
var (
	departments = []string{"SOUMU", "KEIRI", "EIGYO", "GIJUTSU", "SEIZOU", "KIKAKU", "JIMU"}
	macPrefixes = []string{"00:0b:5d", "00:1e:33", "28:d2:44", "3c:52:82", "a4:bb:6d", "f8:b4:6a", "00:e0:4c", "b4:2e:99"}
	staffNames  = []string{"k.tanaka", "yamamoto", "m.ito", "kimura", "h.suzuki"}
	// sprayedUsers are the names a VPN password-spraying campaign tries:
	// defaults, roles, and the commonest Japanese surnames in romaji.
	sprayedUsers = []string{"admin", "administrator", "test", "user", "guest", "vpn", "sslvpn", "support",
		"info", "sales", "office", "staff", "manager", "tanaka", "suzuki", "sato", "takahashi", "watanabe",
		"ito", "yamamoto", "nakamura", "kobayashi", "kato", "yoshida", "yamada", "sasaki", "yamaguchi",
		"matsumoto", "inoue", "kimura", "test1", "user1", "backup", "soumu", "keiri", "eigyo", "remote",
		"root", "demo", "operator"}
	burstUsers = []string{"admin", "administrator", "test", "user", "vpn", "guest", "support", "root"}
)

// guessableStaff is the staff member whose VPN password an attacker
// guesses in login_after_failures: a surname as user name.
const guessableStaff = "sato"

func newNetwork(cfg *Config, r *rng, yamaha bool, taken map[string]bool) *network {
	n := &network{}
	if yamaha {
		// Yamaha's factory LAN: 192.168.100.1, DHCP scope .2–.191.
		n.lan, n.gateway = "192.168.100.", "192.168.100.1"
		n.device = "RTX830"
	} else {
		// FortiGate's factory LAN: 192.168.1.99, DHCP .110–.210.
		n.lan, n.gateway = "192.168.1.", "192.168.1.99"
		n.device = "FGT60F-HONSHA"
		n.devid = "FGT60FTK22" + strconv.Itoa(100000+r.intn(900000)) // 16 characters, as FortiGate serials

	}
	n.wan = "198.51.100." + strconv.Itoa(r.between(20, 60))
	n.ispPeer = "198.51.100.1"

	servers := cfg.Hosts >= 6
	pcs := cfg.Hosts
	if servers {
		pcs -= 2
	}
	// PC addresses: distinct picks in the DHCP range, in address order.
	lo, hi := 110, 210
	if yamaha {
		lo, hi = 2, 191
	}
	used := map[int]bool{}
	var octets []int
	for len(octets) < pcs {
		o := r.between(lo, hi)
		if !used[o] {
			used[o] = true
			octets = append(octets, o)
		}
	}
	sort.Ints(octets)
	for i, o := range octets {
		h := &host{idx: len(n.hosts), ip: n.lan + strconv.Itoa(o), role: rolePC}
		h.mac = macPrefixes[r.intn(len(macPrefixes))] + macSuffix(r)
		if r.chance(0.6) {
			h.name = "DESKTOP-" + randomUpper(r, 7)
		} else {
			h.name = departments[r.intn(len(departments))] + "-PC" + pad2(i+1)
		}
		h.activity = r.logNormal(1, 0.35)
		h.meetings = r.chance(0.4)
		n.hosts = append(n.hosts, h)
		n.pcs = append(n.pcs, h)
	}
	n.it = n.pcs[0]
	if servers {
		nasIP, mfpIP := "10", "20"
		if yamaha {
			nasIP, mfpIP = "200", "201"
		}
		n.nas = &host{idx: len(n.hosts), ip: n.lan + nasIP, role: roleNAS, name: "LS220D" + randomUpper(r, 3),
			mac: "dc:fb:48" + macSuffix(r), activity: 1}
		n.hosts = append(n.hosts, n.nas)
		n.mfp = &host{idx: len(n.hosts), ip: n.lan + mfpIP, role: roleMFP, name: "MFP-" + randomUpper(r, 6),
			mac: "00:26:73" + macSuffix(r), activity: 1}
		n.hosts = append(n.hosts, n.mfp)
	}

	// Staff with VPN access: the guessable one and two or three more.
	others := append([]string(nil), staffNames...)
	shuffle(r, others)
	for i, name := range append([]string{guessableStaff}, others[:2+r.intn(2)]...) {
		u := &staffUser{name: name, tunnel: 200 + i}
		u.home = uniqueAddr(r, "JP", taken)
		u.mobile = uniqueAddr(r, "JP", taken)
		n.staff = append(n.staff, u)
	}
	return n
}

// uniqueAddr draws an address of country cc that no other actor in the
// run has, so that every line's source says whose it is.
func uniqueAddr(r *rng, cc string, taken map[string]bool) string {
	for {
		a := remoteAddr(r, cc)
		if !taken[a] {
			taken[a] = true
			return a
		}
	}
}

func shuffle[T any](r *rng, s []T) {
	for i := len(s) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		s[i], s[j] = s[j], s[i]
	}
}

func macSuffix(r *rng) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, 9)
	for range 3 {
		v := r.intn(256)
		b = append(b, ':', hex[v>>4], hex[v&15])
	}
	return string(b)
}

func randomUpper(r *rng, n int) string {
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = alnum[r.intn(len(alnum))]
	}
	return string(b)
}

func pad2(v int) string {
	if v < 10 {
		return "0" + strconv.Itoa(v)
	}
	return strconv.Itoa(v)
}
