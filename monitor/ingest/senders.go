package ingest

import (
	"fmt"
	"net/netip"
	"strings"
)

// DefaultSourceName names the source that takes every loopback and
// private-range sender when no source is configured.
const DefaultSourceName = "default"

// SourceConfig is one configured log source as the listener sees it.
type SourceConfig struct {
	// Name is the source's configured name; it becomes monitor.Line.Source.
	Name string
	// AllowedSenders are the networks whose messages belong to this source.
	// ParseAllowedSenders reads them from the addresses a user typed.
	AllowedSenders []netip.Prefix
}

// ParseAllowedSenders reads allowed-sender entries as users write them:
// single addresses ("192.168.1.1", "fe80::1") or networks
// ("192.168.1.0/24").
func ParseAllowedSenders(entries []string) ([]netip.Prefix, error) {
	prefixes := make([]netip.Prefix, 0, len(entries))
	for _, e := range entries {
		e = strings.TrimSpace(e)
		if strings.Contains(e, "/") {
			p, err := netip.ParsePrefix(e)
			if err != nil {
				return nil, fmt.Errorf("allowed sender %q: %w", e, err)
			}
			prefixes = append(prefixes, p)
			continue
		}
		a, err := netip.ParseAddr(e)
		if err != nil {
			return nil, fmt.Errorf("allowed sender %q: %w", e, err)
		}
		prefixes = append(prefixes, netip.PrefixFrom(a, a.BitLen()))
	}
	return prefixes, nil
}

// senderRule gives the messages of one network to one source.
type senderRule struct {
	prefix netip.Prefix
	source *sourceState
}

// senderPolicy decides which source, if any, a sender belongs to.
type senderPolicy struct {
	// rules are the configured networks; nil means the default policy.
	rules []senderRule
	// fallback takes loopback and private senders under the default policy.
	fallback *sourceState
}

// newSenderPolicy checks the configured sources and makes their state.
func newSenderPolicy(sources []SourceConfig) (*senderPolicy, []*sourceState, error) {
	if len(sources) == 0 {
		st := newSourceState(DefaultSourceName)
		return &senderPolicy{fallback: st}, []*sourceState{st}, nil
	}
	p := &senderPolicy{}
	states := make([]*sourceState, 0, len(sources))
	seen := make(map[string]bool, len(sources))
	for _, sc := range sources {
		if sc.Name == "" {
			return nil, nil, fmt.Errorf("source without a name")
		}
		if seen[sc.Name] {
			return nil, nil, fmt.Errorf("source %q configured twice", sc.Name)
		}
		seen[sc.Name] = true
		if len(sc.AllowedSenders) == 0 {
			return nil, nil, fmt.Errorf("source %q: no allowed senders", sc.Name)
		}
		st := newSourceState(sc.Name)
		states = append(states, st)
		for _, pr := range sc.AllowedSenders {
			if !pr.IsValid() {
				return nil, nil, fmt.Errorf("source %q: invalid allowed sender %v", sc.Name, pr)
			}
			p.rules = append(p.rules, senderRule{prefix: unmapPrefix(pr).Masked(), source: st})
		}
	}
	return p, states, nil
}

// match returns the source of a sender, or nil when the sender is not
// allowed. The most specific network wins, so a single UTM address can be
// its own source inside an office network that is another; between equal
// networks the first configured wins.
func (p *senderPolicy) match(a netip.Addr) *sourceState {
	a = a.Unmap()
	if p.rules == nil {
		if a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() {
			return p.fallback
		}
		return nil
	}
	var best *senderRule
	for i := range p.rules {
		r := &p.rules[i]
		if r.prefix.Contains(a) && (best == nil || r.prefix.Bits() > best.prefix.Bits()) {
			best = r
		}
	}
	if best == nil {
		return nil
	}
	return best.source
}

// unmapPrefix turns an IPv4-mapped IPv6 network into the IPv4 network it
// names, since senders are compared unmapped.
func unmapPrefix(p netip.Prefix) netip.Prefix {
	if !p.Addr().Is4In6() {
		return p
	}
	bits := max(p.Bits()-96, 0)
	return netip.PrefixFrom(p.Addr().Unmap(), bits)
}
