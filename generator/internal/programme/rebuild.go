package programme

import (
	"slices"
	"time"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
)

// Builder builds the programme again and again from a content tree of
// which a few files change each time, as the preview does after every
// save, and gives what Build gives.
//
// Resolving every event (texts, sessions, their IDs) is most of the cost
// of Build at 10,000 events, and an unchanged file resolves to the same
// event as long as what it refers to is unchanged. So the Builder keeps
// each event it resolved, with its problems, by the content it came from
// (content.Cache gives the same *content.Event for a file it did not read
// again), and copies it into the next programme when site.yaml and the
// venues are the same content as before: they alone decide what an event
// resolves to (time zone, languages, terms, venues). The copy is linked to
// the new venues and terms; the model is then assembled as Build does.
// French collation keys are kept from one build to the next, and so is
// the programme's order: the events reused are given to the sort in
// their previous order, which the sort then finds almost done.
type Builder struct {
	opts  Options
	order *collation

	site     *content.Site
	venues   []*content.Venue
	location *time.Location
	resolved map[*content.Event]resolved
	rank     map[*Event]int // place of each event in the previous programme
}

// resolved is one event as the previous build resolved it.
type resolved struct {
	e     *Event
	ok    bool
	diags diag.List
}

// NewBuilder returns a Builder with nothing to reuse yet.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts, order: newCollation()}
}

// Build is Build(t, opts), reusing what the previous call resolved.
func (bd *Builder) Build(t *content.Tree) (*Programme, diag.List) {
	b := &builder{tree: t, opts: bd.opts, p: &Programme{}, order: bd.order}
	if t.Site == nil {
		bd.resolved = nil
		return nil, b.diags
	}
	b.site(t.Site)
	reuse := bd.resolved != nil && t.Site == bd.site && slices.Equal(t.Venues, bd.venues)
	if reuse {
		// One location for old and new events: times compare equal with ==.
		b.p.Location = bd.location
		b.p.Edition.Start = b.p.Edition.Start.In(bd.location)
		b.p.Edition.End = b.p.Edition.End.In(bd.location)
	}
	b.p.Categories = b.terms(t.Site.Categories, "category")
	b.p.Audiences = b.terms(t.Site.Audiences, "audience")
	b.venues(t.Venues)
	var previous map[*content.Event]resolved
	if reuse {
		previous = bd.resolved
	}
	bd.resolved = b.events(t.Events, previous, bd.rank)
	bd.site, bd.venues, bd.location = t.Site, slices.Clone(t.Venues), b.p.Location
	b.pages(t.Pages)
	b.assemble()
	bd.rank = make(map[*Event]int, len(b.p.Events))
	for i, e := range b.p.Events {
		bd.rank[e] = i
	}
	return b.p, b.diags
}

// events resolves the events, taking from previous (nil for none) the
// events whose content did not change, and listing them in their previous
// programme order (rank) before the others; it returns every event
// resolved, for the next build.
func (b *builder) events(es []*content.Event, previous map[*content.Event]resolved, rank map[*Event]int) map[*content.Event]resolved {
	venueSlugs := make([]string, 0, len(b.venueBySlug)+len(b.brokenVenue))
	for s := range b.venueBySlug {
		venueSlugs = append(venueSlugs, s)
	}
	for s := range b.brokenVenue {
		venueSlugs = append(venueSlugs, s)
	}
	slices.Sort(venueSlugs)
	cats := termIndex(b.p.Categories)
	auds := termIndex(b.p.Audiences)

	type address struct {
		year int
		slug string
	}
	files := make(map[address]string, len(es))
	next := make(map[*content.Event]resolved, len(es))
	var ranked []*Event // by previous rank, nil where none
	if previous != nil {
		ranked = make([]*Event, len(rank))
	}
	for _, ce := range es {
		key := address{ce.Year, ce.Slug}
		if first, ok := files[key]; ok {
			b.sameAddress(ce.Doc, first, b.router.Event(b.def, ce.Year, ce.Slug))
			continue
		}
		files[key] = ce.File
		if ce.Broken {
			continue
		}
		r, ok := previous[ce]
		if ok {
			old := r.e
			r.e = b.relink(old, cats, auds)
			if i, ok := rank[old]; ok && r.ok {
				ranked[i] = r.e
				b.diags.Merge(r.diags)
				next[ce] = r
				continue
			}
		} else {
			// The event's problems are kept apart, to be reported again
			// when the next build reuses it.
			outer := b.diags
			b.diags = diag.List{}
			r.e, r.ok = b.event(ce, venueSlugs, cats, auds)
			r.diags = b.diags
			b.diags = outer
		}
		b.diags.Merge(r.diags)
		next[ce] = r
		if r.ok {
			b.all = append(b.all, r.e)
		}
	}
	if ranked != nil {
		fresh := b.all
		b.all = make([]*Event, 0, len(ranked)+len(fresh))
		for _, e := range ranked {
			if e != nil {
				b.all = append(b.all, e)
			}
		}
		b.all = append(b.all, fresh...)
	}
	return next
}

// relink copies an event of the previous programme, linked to this
// build's venue and terms, with sessions not yet on any day.
func (b *builder) relink(old *Event, cats, auds map[string]*Term) *Event {
	e := *old
	if old.Venue != nil {
		e.Venue = b.venueBySlug[old.Venue.Slug]
	}
	e.Categories = relinkTerms(old.Categories, cats)
	e.Audiences = relinkTerms(old.Audiences, auds)
	e.Sessions = make([]*Session, len(old.Sessions))
	for i, s := range old.Sessions {
		c := *s
		c.Event, c.Day = &e, nil
		e.Sessions[i] = &c
	}
	return &e
}

func relinkTerms(old []*Term, index map[string]*Term) []*Term {
	if old == nil {
		return nil
	}
	out := make([]*Term, len(old))
	for i, t := range old {
		out[i] = index[t.Key]
	}
	return out
}
