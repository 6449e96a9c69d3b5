package console

import (
	"net"
	"sync"
	"time"
)

// LimitListener caps the connections a server holds open at n. A connection past the
// cap is answered 503 at once and closed, so that a client holding many idle or slow
// connections cannot take the server's file descriptors (the server's read and idle
// timeouts end those it holds).
func LimitListener(l net.Listener, n int) net.Listener {
	return &limitListener{Listener: l, slots: make(chan struct{}, n)}
}

type limitListener struct {
	net.Listener
	slots chan struct{}
}

// tooMany is what a connection past the cap reads before it is closed.
const tooMany = "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\nConnection: close\r\nContent-Length: 89\r\n\r\n" +
	`{"error":"kg serve holds as many connections as it allows (--max-conns); try again"}` + "    \n"

func (l *limitListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		select {
		case l.slots <- struct{}{}:
			return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
		default:
			go func() {
				c.SetWriteDeadline(time.Now().Add(time.Second))
				c.Write([]byte(tooMany))
				c.Close()
			}()
		}
	}
}

type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
