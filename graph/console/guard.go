package console

import (
	"crypto/sha256"
	"encoding/base64"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// hostList is the allow-list of host names the server answers to. A page of another site
// can make a browser talk to a server on the loopback by pointing a name of its own at
// 127.0.0.1 (DNS rebinding); the browser then sends that name as the Host and treats the
// answers as the attacker's own. Answering only to known names stops it.
type hostList struct {
	names map[string]bool // lower case, without port
}

// loopbackNames are always allowed: browsers resolve them to this machine themselves.
var loopbackNames = []string{"localhost", "127.0.0.1", "::1"}

// newHostList allows the loopback names, the host of the address the server listens on
// (unless it is every address) and extra names.
func newHostList(addr string, extra []string) *hostList {
	l := &hostList{names: map[string]bool{}}
	for _, n := range loopbackNames {
		l.names[n] = true
	}
	if h, _, err := net.SplitHostPort(addr); err == nil && h != "" {
		if ip := net.ParseIP(h); ip == nil || !ip.IsUnspecified() {
			l.names[strings.ToLower(h)] = true
		}
	}
	for _, n := range extra {
		n = strings.ToLower(strings.TrimSpace(n))
		if h, _, err := net.SplitHostPort(n); err == nil {
			n = h
		}
		if n = strings.Trim(n, "[]"); n != "" {
			l.names[n] = true
		}
	}
	return l
}

// allowed reports whether a Host header (name and perhaps port) is on the list. Any
// name under .localhost is loopback by definition (RFC 6761), and an IP address is
// allowed too: rebinding needs a name the attacker controls, and a browser sends an IP
// address as the Host only when it really connects to that address.
func (l *hostList) allowed(hostport string) bool {
	h := hostOnly(hostport)
	if h == "" {
		return false
	}
	if l.names[h] || strings.HasSuffix(h, ".localhost") {
		return true
	}
	return net.ParseIP(h) != nil
}

// hostOnly is the lower-case host of a Host header, without port or brackets.
func hostOnly(hostport string) string {
	h := strings.ToLower(hostport)
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	return strings.Trim(h, "[]")
}

// portOf is the port of a Host header or URL host, with the scheme's default.
func portOf(hostport, scheme string) string {
	if _, p, err := net.SplitHostPort(hostport); err == nil && p != "" {
		return p
	}
	if scheme == "https" {
		return "443"
	}
	return "80"
}

// sameOrigin reports whether a request comes from a page of this server. A browser sends
// Origin with every cross-site request and with same-site POSTs: it must name an allowed
// host, on the port the request came to. Without Origin, Sec-Fetch-Site tells the
// browser's own view; a request with neither is not a browser's cross-site request.
func (l *hostList) sameOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		site := r.Header.Get("Sec-Fetch-Site")
		return site == "" || site == "same-origin" || site == "none"
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return false // "null", file:, and anything else that is no page of this server
	}
	if !l.allowed(u.Host) || strings.ContainsRune(u.Host, '@') {
		return false
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return portOf(u.Host, u.Scheme) == portOf(r.Host, scheme)
}

// Security headers sent with every answer. The console's pages may only be framed by
// themselves, load and call only this server, and are not sniffed into another type.
const (
	headerCSP = "default-src 'self'; script-src 'self' 'unsafe-eval'%s; style-src 'self' 'unsafe-inline'; " +
		"img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; " +
		"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)

func setSecurityHeaders(h http.Header, csp string) {
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Frame-Options", "SAMEORIGIN")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
}

// inlineScript finds the inline scripts of a page, whose hashes its policy allows.
var inlineScript = regexp.MustCompile(`(?is)<script(\s[^>]*)?>(.*?)</script>`)

// monacoInit is the inline script Cayley's console injects to start the Monaco editor
// (react-monaco-editor's loader), with the editor's path as kg serves it: its hash lets
// it run under the policy.
const monacoInit = "\n      require.config({ paths: { 'vs': '/vendor/monaco/vs' } });\n      require(['vs/editor/editor.main'], function() {\n        document.dispatchEvent(new Event('monaco_init'));\n      });\n    "

// scriptHash is the CSP source that allows one inline script.
func scriptHash(script []byte) string {
	sum := sha256.Sum256(script)
	return " 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// scriptHashes returns the CSP sources that allow the inline scripts of an HTML page, so
// that a page's own scripts run and nothing injected into it does.
func scriptHashes(page []byte) string {
	var b strings.Builder
	for _, m := range inlineScript.FindAllSubmatch(page, -1) {
		if strings.Contains(strings.ToLower(string(m[1])), "src=") || len(m[2]) == 0 {
			continue
		}
		b.WriteString(scriptHash(m[2]))
	}
	return b.String()
}
