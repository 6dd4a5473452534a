package detect

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"net/netip"
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
)

//go:embed blocklist/feodo-ipblocklist-2024-04-04.csv
var defaultBlocklist []byte

// DefaultBlocklistName says what the embedded list is.
const DefaultBlocklistName = "abuse.ch Feodo Tracker 2024-04-04 (CC0)"

// Blocklist is a set of known-bad addresses, networks and domains, each
// with a label (the malware family, when the list says).
type Blocklist struct {
	// Name says where the list comes from.
	Name     string
	addrs    map[string]string
	prefixes []netip.Prefix
	labels   []string // of prefixes
	domains  map[string]string
}

// Len is the number of entries.
func (b *Blocklist) Len() int { return len(b.addrs) + len(b.prefixes) + len(b.domains) }

// DefaultBlocklist returns the embedded Feodo Tracker snapshot.
func DefaultBlocklist() (*Blocklist, error) {
	return ParseBlocklist(DefaultBlocklistName, defaultBlocklist)
}

// ParseBlocklist reads a list: Feodo Tracker's CSV (first_seen, dst_ip,
// dst_port, c2_status, last_online, malware) or plain text with one IP
// address, network (CIDR) or domain per line; "#" starts a comment.
// Lines that are none of these are errors naming the line.
func ParseBlocklist(name string, data []byte) (*Blocklist, error) {
	b := &Blocklist{Name: name, addrs: map[string]string{}, domains: map[string]string{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" {
			continue
		}
		label := ""
		if strings.HasPrefix(line, `"`) {
			cols := strings.Split(line, ",")
			for i := range cols {
				cols[i] = strings.Trim(strings.TrimSpace(cols[i]), `"`)
			}
			if len(cols) < 2 || cols[1] == "dst_ip" {
				continue // the header
			}
			line = cols[1]
			if len(cols) >= 6 {
				label = cols[5]
			}
		}
		if a, err := netip.ParseAddr(line); err == nil {
			b.addrs[a.Unmap().String()] = label
			continue
		}
		if p, err := netip.ParsePrefix(line); err == nil {
			b.prefixes = append(b.prefixes, p.Masked())
			b.labels = append(b.labels, label)
			continue
		}
		d := strings.ToLower(line)
		if !validDomain(d) || !strings.Contains(d, ".") {
			return nil, fmt.Errorf("blocklist %s: line %d: %q is not an address, network or domain", name, n, line)
		}
		b.domains[d] = label
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("blocklist %s: %w", name, err)
	}
	return b, nil
}

// lookupAddr reports whether the address s is listed, and its label.
func (b *Blocklist) lookupAddr(s string) (string, bool) {
	if s == "" {
		return "", false
	}
	if l, ok := b.addrs[s]; ok {
		return l, true
	}
	if len(b.prefixes) == 0 {
		return "", false
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return "", false
	}
	for i, p := range b.prefixes {
		if p.Contains(a.Unmap()) {
			return b.labels[i], true
		}
	}
	return "", false
}

// lookupDomain reports whether the domain or one of its parents is listed.
func (b *Blocklist) lookupDomain(d string) (string, bool) {
	if d == "" || len(b.domains) == 0 {
		return "", false
	}
	d = strings.ToLower(d)
	for {
		if l, ok := b.domains[d]; ok {
			return l, true
		}
		i := strings.IndexByte(d, '.')
		if i < 0 {
			return "", false
		}
		d = d[i+1:]
	}
}

// tiRule raises when traffic involves a listed address or domain. Traffic
// out to a listed server that got through is the spec's severity (a PC
// talking to a botnet's command server); blocked or denied, one step
// lower; from a listed address inbound, low.
type tiRule struct {
	ruleBase
	list *Blocklist
}

func (r *tiRule) observe(e *Engine, ev *monitor.Event, t int64) {
	if r.list == nil || r.list.Len() == 0 || !r.filter.ok(ev) {
		return
	}
	remote, local := ev.DstIP, ev.SrcIP
	if ev.Direction == monitor.DirectionInbound {
		remote, local = ev.SrcIP, ev.DstIP
	}
	label, hitAddr := r.list.lookupAddr(remote)
	listed := remote
	if !hitAddr {
		var ok bool
		if label, ok = r.list.lookupDomain(ev.Domain); !ok {
			return
		}
		listed = ev.Domain
	}
	sev := r.severity
	subject := local
	switch {
	case ev.Direction == monitor.DirectionInbound:
		sev, subject = monitor.SeverityLow, remote
	case ev.Action == monitor.ActionDeny || ev.Action == monitor.ActionBlock:
		sev = max(monitor.SeverityLow, sev-1)
	}
	if subject == "" {
		subject = listed
	}
	h := hit{rule: r.rule, severity: sev, subject: subject, at: t, count: 1, dests: []string{listed}, sample: ev.Raw,
		counts: map[string]int{"action_" + string(ev.Action): 1}}
	if local != "" {
		h.sources = []string{local}
	}
	if label != "" {
		h.counts["listed_"+strings.ToLower(label)] = 1
	}
	e.raise(h, ev)
}

func (r *tiRule) sweep(int64) {}
