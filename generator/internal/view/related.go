package view

import (
	"cmp"
	"math/bits"
	"slices"

	"quinzaine/generator/internal/programme"
)

// RelatedMax is how many related events an event page suggests.
const RelatedMax = 4

// Related picks the related events of every event page: up to RelatedMax
// other events of the same edition that share its venue or a category. The
// venue counts 2, each shared category 1; ties keep programme order, so the
// choice is the same at every build. Cancelled events are not suggested.
//
// Scoring every other event for every event page would cost the square of
// the number of events. Events are grouped instead by edition and venue,
// and by edition and set of categories, in programme order: all the events
// of a category group score the same against a given event, so only the
// first few of each can be picked.
type Related struct {
	events  []*programme.Event
	order   map[*programme.Event]int
	catBit  map[*programme.Term]uint64
	exact   bool // at most 64 categories: a set of categories is a bit mask
	venue   map[*programme.Venue]uint64
	byVenue map[relatedKey][]*programme.Event
	byCats  map[relatedKey][]*programme.Event
	keys    []relatedKey // of byCats, in programme order of their first event
}

type relatedKey struct {
	year int
	key  uint64 // a venue's index, or a mask of categories
}

// NewRelated indexes the events of p. It is safe for concurrent use once
// built.
func NewRelated(p *programme.Programme) *Related {
	r := &Related{
		events:  p.Events,
		order:   make(map[*programme.Event]int, len(p.Events)),
		catBit:  map[*programme.Term]uint64{},
		exact:   len(p.Categories) <= 64,
		venue:   make(map[*programme.Venue]uint64, len(p.Venues)),
		byVenue: map[relatedKey][]*programme.Event{},
		byCats:  map[relatedKey][]*programme.Event{},
	}
	for i, t := range p.Categories {
		if i < 64 {
			r.catBit[t] = 1 << i
		}
	}
	for i, v := range p.Venues {
		r.venue[v] = uint64(i)
	}
	for i, e := range p.Events {
		r.order[e] = i
		if e.Status == programme.Cancelled {
			continue
		}
		vk := relatedKey{e.Year, r.venue[e.Venue]}
		r.byVenue[vk] = append(r.byVenue[vk], e)
		ck := relatedKey{e.Year, r.mask(e)}
		if r.byCats[ck] == nil {
			r.keys = append(r.keys, ck)
		}
		r.byCats[ck] = append(r.byCats[ck], e)
	}
	return r
}

func (r *Related) mask(e *programme.Event) uint64 {
	var m uint64
	for _, c := range e.Categories {
		m |= r.catBit[c]
	}
	return m
}

// Of returns the events related to e, best first.
func (r *Related) Of(e *programme.Event) []*programme.Event {
	score := func(o *programme.Event) int {
		s := 0
		if o.Venue == e.Venue {
			s += 2
		}
		for _, c := range o.Categories {
			if slices.Contains(e.Categories, c) {
				s++
			}
		}
		return s
	}
	// Only the best RelatedMax are kept, in order, as candidates come:
	// sorting every candidate cost more than picking them.
	var best topRelated
	if r.exact {
		// The same venue: each scored in full, as few as a venue has.
		for _, o := range r.byVenue[relatedKey{e.Year, r.venue[e.Venue]}] {
			if o != e {
				best.add(o, score(o), r.order[o])
			}
		}
		// Elsewhere: the shared categories make the score.
		m := r.mask(e)
		for _, k := range r.keys {
			if k.year != e.Year || k.key&m == 0 {
				continue
			}
			s, taken := bits.OnesCount64(k.key&m), 0
			for _, o := range r.byCats[k] {
				if taken == RelatedMax {
					break
				}
				if o != e && o.Venue != e.Venue {
					best.add(o, s, r.order[o])
					taken++
				}
			}
		}
	} else {
		for i, o := range r.events {
			if o != e && o.Year == e.Year && o.Status != programme.Cancelled {
				if s := score(o); s > 0 {
					best.add(o, s, i)
				}
			}
		}
	}
	var out []*programme.Event
	for _, c := range best.c[:best.n] {
		out = append(out, c.e)
	}
	return out
}

// topRelated keeps the best RelatedMax candidates, best first: the highest
// score, then the first in programme order.
type topRelated struct {
	c [RelatedMax]struct {
		e            *programme.Event
		score, order int
	}
	n int
}

func (t *topRelated) add(e *programme.Event, score, order int) {
	better := func(i int) bool {
		return cmp.Or(cmp.Compare(t.c[i].score, score), cmp.Compare(order, t.c[i].order)) < 0
	}
	i := t.n
	for i > 0 && better(i-1) {
		i--
	}
	if i == RelatedMax {
		return
	}
	if t.n < RelatedMax {
		t.n++
	}
	copy(t.c[i+1:t.n], t.c[i:t.n-1])
	t.c[i].e, t.c[i].score, t.c[i].order = e, score, order
}
