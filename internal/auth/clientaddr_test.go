package auth

import (
	"net/http/httptest"
	"testing"
)

// X-Forwarded-For is believed only from trusted proxies, and only as far as the proxies it
// passed through are trusted themselves.
func TestClientAddr(t *testing.T) {
	trusted, err := ParseTrustedProxies("10.0.0.1, 192.168.0.0/16, ::1")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"direct client", "203.0.113.7:5000", nil, "203.0.113.7"},
		{"untrusted peer's header is ignored", "203.0.113.7:5000", []string{"198.51.100.1"}, "203.0.113.7"},
		{"trusted proxy names the client", "10.0.0.1:443", []string{"198.51.100.1"}, "198.51.100.1"},
		{"client-written entries left of the proxy's are ignored", "10.0.0.1:443", []string{"1.2.3.4, 198.51.100.1"}, "198.51.100.1"},
		{"a chain of trusted proxies", "10.0.0.1:443", []string{"198.51.100.1, 192.168.3.4"}, "198.51.100.1"},
		{"several headers read as one list", "10.0.0.1:443", []string{"1.2.3.4", "198.51.100.1, 192.168.3.4"}, "198.51.100.1"},
		{"an untrusted hop stops the walk", "10.0.0.1:443", []string{"198.51.100.1, 203.0.113.9"}, "203.0.113.9"},
		{"nonsense stops at the last good hop", "10.0.0.1:443", []string{"198.51.100.1, bogus"}, "10.0.0.1"},
		{"only trusted hops: the leftmost", "10.0.0.1:443", []string{"192.168.1.1"}, "192.168.1.1"},
		{"trusted proxy without a header", "10.0.0.1:443", nil, "10.0.0.1"},
		{"IPv6 loopback proxy", "[::1]:443", []string{"2001:db8::5"}, "2001:db8::5"},
		{"IPv4-mapped peer", "[::ffff:10.0.0.1]:443", []string{"198.51.100.1"}, "198.51.100.1"},
		{"neighbouring address not trusted", "10.0.0.2:443", []string{"198.51.100.1"}, "10.0.0.2"},
		{"unreadable peer", "pipe", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/graphql", nil)
			r.RemoteAddr = tt.remote
			for _, h := range tt.xff {
				r.Header.Add("X-Forwarded-For", h)
			}
			if got := ClientAddr(r, trusted); got != tt.want {
				t.Errorf("ClientAddr = %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := ParseTrustedProxies("10.0.0.1, proxy.example"); err == nil {
		t.Error("a host name was accepted as a trusted proxy")
	}
	if got := addressSubject("2001:db8:1:2:3:4:5:6"); got != "2001:db8:1:2::/64" {
		t.Errorf("IPv6 subject %q, want its /64", got)
	}
}
