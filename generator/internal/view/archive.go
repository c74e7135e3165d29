package view

import (
	"strconv"
)

// Archive lists the events of past editions, most recent year first.
type Archive struct {
	Layout
	Heading string
	Years   []ArchiveYear
}

// ArchiveYear is one past edition.
type ArchiveYear struct {
	Year   string
	Events []EventItem
}

// HasArchive reports whether content holds events of other years than the
// edition's, which then get an archive page.
func (s *Site) HasArchive() bool {
	for _, y := range s.P.Years {
		if y != s.P.Edition.Year {
			return true
		}
	}
	return false
}

// Archive builds the archive page.
func (s *Site) Archive() (*Archive, error) {
	l, heading, err := s.sectionIndex("archive")
	if err != nil {
		return nil, err
	}
	out := &Archive{Layout: l, Heading: heading}
	for i := len(s.P.Years) - 1; i >= 0; i-- {
		y := s.P.Years[i]
		if y == s.P.Edition.Year {
			continue
		}
		ay := ArchiveYear{Year: strconv.Itoa(y)}
		for _, e := range s.P.Events {
			if e.Year != y {
				continue
			}
			it, err := s.eventItem(e)
			if err != nil {
				return nil, err
			}
			ay.Events = append(ay.Events, it)
		}
		out.Years = append(out.Years, ay)
	}
	return out, nil
}
