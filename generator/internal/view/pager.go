package view

// Pager links a page to the pages before and after it in a series (the
// programme's pages, the edition's days), with the words that say so.
type Pager struct {
	Label      string // names the navigation, for screen readers
	PrevLabel  string // « Jour précédent », before Prev's own text
	NextLabel  string
	Prev, Next *Link // nil at either end
}

// pager gives the Pager between prev and next, in the words of the
// interface strings section+".nav", ".prev" and ".next"; nil when there is
// neither.
func (s *Site) pager(section string, prev, next *Link) (*Pager, error) {
	if prev == nil && next == nil {
		return nil, nil
	}
	p := &Pager{Prev: prev, Next: next}
	var err error
	if p.Label, err = s.t(section + ".nav"); err != nil {
		return nil, err
	}
	if p.PrevLabel, err = s.t(section + ".prev"); err != nil {
		return nil, err
	}
	if p.NextLabel, err = s.t(section + ".next"); err != nil {
		return nil, err
	}
	return p, nil
}
