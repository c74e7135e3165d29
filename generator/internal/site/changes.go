package site

import (
	"io"
	"sync"
	"time"

	"quinzaine/generator/internal/changes"
	"quinzaine/generator/internal/feed"
	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
	"quinzaine/generator/internal/theme"
	"quinzaine/generator/internal/view"
)

// planChanges lists what tells readers of the changes since the last
// publication: the « Modifications du programme » page and the changes feed
// of each language, and /donnees/modifications.json, which the next build
// reads back to keep the list and the events' dates stable (see package
// changes); and the outputs dated by when each event last changed, the
// calendars and the Atom feeds (planDated). Without a report (changed nil,
// or giving nil) the page and the file say there is no change, and every
// event is dated the zero time.
func planChanges(p *programme.Programme, th *theme.Theme, strs *locale.Strings, base string, changed func() *changes.Report) []Output {
	// The report is asked for by the first output that shows it.
	report := sync.OnceValue(func() *changes.Report {
		if changed != nil {
			if r := changed(); r != nil {
				return r
			}
		}
		return &changes.Report{}
	})
	// Fingerprinting every event is done once, by the first output that
	// needs the dates, and not at all by a preview that shows none of them.
	dated := sync.OnceValue(func() *changes.Report { return report().For(p) })
	modified := func(e *programme.Event) time.Time { return dated().Modified(e) }
	router := route.Router{Default: p.Site.Languages[0]}
	out := []Output{{Path: route.File(router.Data(changes.File)), Render: func(w io.Writer) error { return dated().Encode(w) }}}
	out = append(out, planDated(p, base, modified)...)
	for _, lang := range p.Site.Languages {
		out = append(out, Output{Path: route.File(router.ChangesFeed(lang)), Render: func(w io.Writer) error {
			return feed.Options{Modified: modified}.Changes(w, p, lang, base, report().Changes...)
		}})
		if !th.Has("changes") {
			continue
		}
		out = append(out, Output{Path: route.File(router.Section(lang, "changes")), Render: func(w io.Writer) error {
			s, err := view.NewSite(p, strs, lang, base)
			if err != nil {
				return err
			}
			v, err := s.Changes(report())
			if err != nil {
				return err
			}
			return th.Execute(w, "changes", v)
		}})
	}
	return out
}
