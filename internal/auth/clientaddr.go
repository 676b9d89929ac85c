package auth

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// ClientAddr is the address a request came from: the connection's peer, or — when the peer is
// one of the trusted proxies — the address that proxy saw, read from X-Forwarded-For from the
// right, skipping the trusted proxies it passed through. A header from anyone else is ignored,
// since a client can write anything into it. "" when the peer's address cannot be read.
func ClientAddr(r *http.Request, trusted []netip.Prefix) string {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		host, _, splitErr := net.SplitHostPort(r.RemoteAddr)
		if splitErr != nil {
			return ""
		}
		a, parseErr := netip.ParseAddr(host)
		if parseErr != nil {
			return ""
		}
		peer = netip.AddrPortFrom(a, 0)
	}
	addr := peer.Addr().Unmap()
	if !within(addr, trusted) {
		return addr.String()
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(h, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			break // the proxy before it wrote nonsense: trust no further
		}
		addr = hop.Unmap()
		if !within(addr, trusted) {
			break
		}
	}
	return addr.String()
}

// within reports whether a lies in one of the prefixes.
func within(a netip.Addr, prefixes []netip.Prefix) bool {
	for _, p := range prefixes {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ParseTrustedProxies reads a comma-separated list of proxy addresses or networks
// ("10.0.0.1, 192.168.0.0/16, ::1").
func ParseTrustedProxies(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if p, err := netip.ParsePrefix(item); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q is neither an address nor a network (10.0.0.1, 10.0.0.0/8)", item)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

type clientAddrKey struct{}

// withClientAddr returns ctx carrying the request's client address.
func withClientAddr(ctx context.Context, addr string) context.Context {
	return context.WithValue(ctx, clientAddrKey{}, addr)
}

// clientAddrOf is the client address of ctx, "" when unknown.
func clientAddrOf(ctx context.Context) string {
	a, _ := ctx.Value(clientAddrKey{}).(string)
	return a
}

// addressSubject is the subject an address's failures are counted under: an IPv4 address, or
// an IPv6 address's /64 network (one subscriber usually holds a whole /64).
func addressSubject(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil || a.Is4() {
		return addr
	}
	p, _ := a.Prefix(64)
	return p.String()
}
