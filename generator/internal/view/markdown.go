package view

import (
	"html/template"
	"runtime"
	"sync"
	"weak"

	"quinzaine/generator/internal/markdown"
	"quinzaine/generator/internal/programme"
)

// A text not yet translated is shown as it is on the page of each language:
// an English event page shows the French description, rendered by the same
// French renderer as on the French page. Goldmark took a twentieth of a
// build's CPU, a third of it rendering such texts a second time. So the
// Sites of one programme share what they render of a text that another
// language also shows, until that language has taken it: the HTML is a
// function of the source and the renderer's options (the language, for its
// typography, and the site's path, for links) alone. An entry waits for
// the other Site only; the whole is dropped with the programme, so that a
// page that is never rendered (the preview renders only what changed)
// keeps nothing alive.

// markdownKey names a rendering: the source, the language whose renderer
// drew it, and the site path its links are under.
type markdownKey struct {
	src, lang, prefix string
}

type markdownHTML struct {
	html   template.HTML
	unsafe []markdown.Unsafe
	left   int // how many Sites will still take it
}

// sharedMarkdown is the renderings the Sites of one programme share.
type sharedMarkdown struct {
	mu sync.Mutex
	m  map[markdownKey]*markdownHTML
}

// sharedByProgramme holds a programme's sharedMarkdown without keeping the
// programme alive: the entry goes when the programme does.
var sharedByProgramme sync.Map // weak.Pointer[programme.Programme] → *sharedMarkdown

func markdownShared(p *programme.Programme) *sharedMarkdown {
	k := weak.Make(p)
	if sm, ok := sharedByProgramme.Load(k); ok {
		return sm.(*sharedMarkdown)
	}
	sm, loaded := sharedByProgramme.LoadOrStore(k, &sharedMarkdown{m: map[markdownKey]*markdownHTML{}})
	if !loaded {
		runtime.AddCleanup(p, func(k weak.Pointer[programme.Programme]) { sharedByProgramme.Delete(k) }, k)
	}
	return sm.(*sharedMarkdown)
}

// render gives src rendered by r, the renderer of lang, and the unsafe
// links it left out. uses is how many Sites show this same source in this
// language: the HTML is kept for the others.
func (sm *sharedMarkdown) render(r *markdown.Renderer, key markdownKey, uses int) (template.HTML, []markdown.Unsafe, error) {
	if uses > 1 {
		sm.mu.Lock()
		h, ok := sm.m[key]
		if ok {
			if h.left--; h.left <= 0 {
				delete(sm.m, key)
			}
		}
		sm.mu.Unlock()
		if ok {
			return h.html, h.unsafe, nil
		}
	}
	html, unsafe, err := r.Report(key.src)
	if err != nil || uses <= 1 {
		return html, unsafe, err
	}
	sm.mu.Lock()
	sm.m[key] = &markdownHTML{html: html, unsafe: unsafe, left: uses - 1}
	sm.mu.Unlock()
	return html, unsafe, nil
}
