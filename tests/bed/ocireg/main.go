// An OCI 1.1 registry with the referrers API for the test bed: go-containerregistry's
// pkg/registry (in memory) as Debian 13 ships it, built offline in GOPATH mode by testbed.py.
//
//	ocireg PORT
package main

import (
	"fmt"
	"log"
	"net/http"
	"os"

	"github.com/google/go-containerregistry/pkg/registry"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: ocireg PORT")
		os.Exit(2)
	}
	handler := registry.New(registry.WithReferrersSupport(true))
	log.Fatal(http.ListenAndServe("127.0.0.1:"+os.Args[1], handler))
}
