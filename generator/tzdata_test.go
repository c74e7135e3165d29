package main

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// The Europe/Paris rules must travel inside the binary: CI images and
// editors' machines may have no zoneinfo database, and LoadLocation falls
// back on the system's files first, so a test that only loads the zone here
// would pass on this machine even without the embedded copy.
func TestGeneratorEmbedsTheTimeZoneDatabase(t *testing.T) {
	if testing.Short() {
		t.Skip("asks the go command for the package graph")
	}
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	if !slices.Contains(strings.Fields(string(out)), "time/tzdata") {
		t.Error("the generator does not link time/tzdata; import it in the package that loads the site's time zone")
	}
}
