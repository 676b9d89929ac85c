package main

import (
	"fmt"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	runpprof "runtime/pprof"
	"time"
)

// startCPUProfile starts writing a CPU profile of the process to file (--cpuprofile), when file
// is not empty, and returns the function that stops it: profiles of the commands that do the
// heavy work — migrate with a data upgrade, demo, check-facts — taken from the start of the
// database's opening, data upgrades included.
func startCPUProfile(file string) (func(), error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := runpprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() {
		runpprof.StopCPUProfile()
		f.Close()
	}, nil
}

// profiling serves the Go runtime's profiles (CPU, heap, goroutines, mutex and block contention,
// execution traces; see net/http/pprof) under /debug/pprof/ on a listener of its own at addr,
// separate from the API's: profiles reveal the program's inner workings and a CPU profile costs
// time while it runs, so the operator binds it where only operators reach it (127.0.0.1 by
// default in the examples) and it is off unless --pprof-addr is given. It returns the server and
// the address it listens on.
func profiling(addr string) (*http.Server, string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, "", fmt.Errorf("listen for profiling on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index) // and the named profiles: heap, goroutine, …
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return srv, ln.Addr().String(), nil
}
