package view

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"quinzaine/generator/internal/programme"
)

// relatedByScoring is the rule of Related said the slow way: score every
// other event, sort, keep the best.
func relatedByScoring(e *programme.Event, all []*programme.Event) []*programme.Event {
	type scored struct {
		e            *programme.Event
		score, order int
	}
	var cands []scored
	for i, o := range all {
		if o == e || o.Year != e.Year || o.Status == programme.Cancelled {
			continue
		}
		score := 0
		if o.Venue == e.Venue {
			score += 2
		}
		for _, c := range o.Categories {
			if slices.Contains(e.Categories, c) {
				score++
			}
		}
		if score > 0 {
			cands = append(cands, scored{o, score, i})
		}
	}
	slices.SortFunc(cands, func(a, b scored) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.order, b.order))
	})
	var out []*programme.Event
	for _, c := range cands[:min(RelatedMax, len(cands))] {
		out = append(out, c.e)
	}
	return out
}

// randomProgramme has events over two editions, some cancelled, each with
// one to three of the categories.
func randomProgramme(seed uint64, events, venues, categories int) *programme.Programme {
	rnd := rand.New(rand.NewPCG(seed, 0))
	p := &programme.Programme{}
	for i := range venues {
		p.Venues = append(p.Venues, &programme.Venue{Slug: fmt.Sprint("v", i)})
	}
	for i := range categories {
		p.Categories = append(p.Categories, &programme.Term{Key: fmt.Sprint("c", i)})
	}
	for i := range events {
		e := &programme.Event{Slug: fmt.Sprint("e", i), Year: 2025 + rnd.IntN(2), Venue: p.Venues[rnd.IntN(venues)]}
		if rnd.IntN(10) == 0 {
			e.Status = programme.Cancelled
		}
		for range 1 + rnd.IntN(3) {
			if c := p.Categories[rnd.IntN(categories)]; !slices.Contains(e.Categories, c) {
				e.Categories = append(e.Categories, c)
			}
		}
		p.Events = append(p.Events, e)
	}
	return p
}

func TestRelatedPicksWhatScoringEveryEventPicks(t *testing.T) {
	tests := []struct {
		name                       string
		events, venues, categories int
	}{
		{"few venues, many shared categories", 400, 5, 4},
		{"many venues", 600, 150, 12},
		{"one category", 200, 30, 1},
		{"more categories than a mask holds", 300, 20, 70},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := randomProgramme(1, tt.events, tt.venues, tt.categories)
			r := NewRelated(p)
			for _, e := range p.Events {
				got, want := r.Of(e), relatedByScoring(e, p.Events)
				if !slices.Equal(got, want) {
					t.Fatalf("related to %s: got %v, want %v", e.Slug, slugs(got), slugs(want))
				}
			}
		})
	}
}

func slugs(events []*programme.Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.Slug)
	}
	return out
}
