package site

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// plannerEdit is one edit of the shipped content and the files it changes.
type plannerEdit struct {
	name    string
	changed []string
	do      func(t *testing.T, dir string)
}

func replaceIn(rel, old, new string) func(t *testing.T, dir string) {
	return func(t *testing.T, dir string) {
		t.Helper()
		name := filepath.Join(dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			return // done by an earlier step
		}
		if err := os.WriteFile(name, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const (
	plannedEvent = "events/2026/atelier-dessine-ton-chevalement.yaml"
	plannedCopy  = "events/2026/atelier-redessine-ton-chevalement.yaml"
)

// plannerEdits change the programme in every way a save can: some keep
// the outputs (the Planner's shortcut), others add or remove some.
var plannerEdits = []plannerEdit{
	{"title", []string{plannedEvent}, replaceIn(plannedEvent, `title: "`, `title: "À l’aube, `)},
	{"summary", []string{plannedEvent}, replaceIn(plannedEvent, "summary: \"", "summary: \"Encore. ")},
	{"date within the edition", []string{plannedEvent}, replaceIn(plannedEvent, "2026-06-30T14:00, end: 2026-06-30T16:00", "2026-07-02T18:00, end: 2026-07-02T20:00")},
	{"date outside the edition", []string{plannedEvent}, replaceIn(plannedEvent, "2026-06-23T14:00, end: 2026-06-23T16:00", "2026-07-14T14:00, end: 2026-07-14T16:00")},
	{"venue", []string{plannedEvent}, replaceIn(plannedEvent, "venue: cite-des-electriciens", "venue: louvre-lens")},
	{"category", []string{plannedEvent}, replaceIn(plannedEvent, "categories: [atelier]", "categories: [visite, atelier]")},
	{"cancelled", []string{plannedEvent}, replaceIn(plannedEvent, "conditions: \"Sur réservation\"", "status: cancelled\nconditions: \"Réservation close\"")},
	{"added", []string{plannedCopy}, func(t *testing.T, dir string) {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(plannedEvent)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(plannedCopy)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}},
	{"deleted", []string{plannedCopy}, func(t *testing.T, dir string) {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(plannedCopy))); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}},
	{"venue file", []string{"venues/cite-des-electriciens.yaml"}, replaceIn("venues/cite-des-electriciens.yaml", "name: ", "name: Nouvelle ")},
	{"site.yaml", []string{"site.yaml"}, replaceIn("site.yaml", "title: ", "title: La ")},
	{"page", []string{"pages/a-propos.md"}, replaceIn("pages/a-propos.md", "title: ", "title: Tout ")},
	{"told nothing", nil, replaceIn(plannedEvent, `title: "`, `title: "Zut, `)},
}

// After every edit, the Planner gives what Plan gives: the same paths in
// the same order with the same Deps.
func TestPlannerGivesWhatPlanGivesAfterEachEdit(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	th := defaultTheme(t)
	pl := NewPlanner(Options{})
	first, err := pl.Plan(load(t, dir), th, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Each edit, then a seeded random order of them, with repeats; an edit
	// that an earlier one undid, or did already, changes nothing.
	rnd := rand.New(rand.NewPCG(1, 2))
	steps := slices.Clone(plannerEdits)
	for range 30 {
		steps = append(steps, plannerEdits[rnd.IntN(len(plannerEdits))])
	}
	before := first
	for i, step := range steps {
		step.do(t, dir)
		p := load(t, dir)
		got, err := pl.Plan(p, th, step.changed)
		if err != nil {
			t.Fatalf("%d %s: %v", i, step.name, err)
		}
		want, err := Plan(p, th, Options{})
		if err != nil {
			t.Fatal(err)
		}
		setDeps(p, th, want, nil)
		samePlan(t, step.name, got, want)
		if step.name == "summary" && reusedDeps(before, got) == 0 {
			t.Errorf("%d %s: no output kept its Deps", i, step.name)
		}
		if t.Failed() {
			t.FailNow()
		}
		before = got
	}
}

func samePlan(t *testing.T, step string, got, want []Output) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d outputs, want %d", step, len(got), len(want))
		return
	}
	for i := range got {
		if got[i].Path != want[i].Path {
			t.Errorf("%s: output %d is %s, want %s", step, i, got[i].Path, want[i].Path)
			return
		}
		if !slices.Equal(got[i].Deps, want[i].Deps) {
			t.Errorf("%s: %s depends on %q, want %q", step, got[i].Path, got[i].Deps, want[i].Deps)
		}
	}
}

// reusedDeps counts the event pages whose Deps are the previous plan's
// slice: the Planner did not work them out again.
func reusedDeps(before, after []Output) int {
	n := 0
	for i := range after {
		if strings.HasPrefix(after[i].Path, "evenements/2026/") && len(after[i].Deps) > 0 &&
			i < len(before) && len(before[i].Deps) > 0 && &before[i].Deps[0] == &after[i].Deps[0] {
			n++
		}
	}
	return n
}
