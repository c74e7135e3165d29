package content

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"gopkg.in/yaml.v3"

	"quinzaine/generator/internal/diag"
)

// Time is a local wall-clock time as the editor wrote it: a date alone
// ("2026-06-27", an all-day session) or a date and a time
// ("2026-06-27T20:30"). It has no time zone yet: the programme resolves it
// in the site's.
type Time struct {
	Year     int
	Month    time.Month
	Day      int
	Hour     int
	Minute   int
	DateOnly bool
	Raw      string
	Pos      diag.Pos
}

// Given reports whether the editor wrote the field.
func (t Time) Given() bool { return t.Pos.Line > 0 }

// In returns the instant t designates in loc.
func (t Time) In(loc *time.Location) time.Time {
	return time.Date(t.Year, t.Month, t.Day, t.Hour, t.Minute, 0, 0, loc)
}

// Wall returns t as if it were in UTC, for comparing wall-clock times.
func (t Time) Wall() time.Time { return t.In(time.UTC) }

var timeForm = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$`)

// time reads a date, or a date and time when dateOnly is false.
func (d *decoder) time(m map[string]field, name string, dateOnly bool) Time {
	f, ok := m[name]
	if !ok {
		return Time{}
	}
	return d.timeValue(f.value, name, dateOnly)
}

func (d *decoder) timeValue(n *yaml.Node, name string, dateOnly bool) Time {
	expected := "a date `YYYY-MM-DD` or a date and time `YYYY-MM-DDTHH:MM`"
	if dateOnly {
		expected = "a date `YYYY-MM-DD`"
	}
	mt := timeForm.FindStringSubmatch(n.Value)
	if n.Kind != yaml.ScalarNode || mt == nil || (dateOnly && mt[4] != "") {
		d.errorf(n, "`%s` must be %s, found %s", name, expected, scalarOrKind(n))
		return Time{}
	}
	t := Time{Raw: n.Value, Pos: d.pos(n), DateOnly: mt[4] == ""}
	t.Year, _ = strconv.Atoi(mt[1])
	month, _ := strconv.Atoi(mt[2])
	t.Month = time.Month(month)
	t.Day, _ = strconv.Atoi(mt[3])
	if !t.DateOnly {
		t.Hour, _ = strconv.Atoi(mt[4])
		t.Minute, _ = strconv.Atoi(mt[5])
	}
	if msg, what := impossible(t); msg != "" {
		d.errorf(n, "`%s` is not a real %s: %s", n.Value, what, msg)
		return Time{}
	}
	return t
}

// impossible explains why a well-formed date or time does not exist, and
// whether the date or the time is at fault.
func impossible(t Time) (msg, what string) {
	if t.Month < 1 || t.Month > 12 {
		return fmt.Sprintf("there is no month %02d", int(t.Month)), "date"
	}
	last := time.Date(t.Year, t.Month+1, 0, 0, 0, 0, 0, time.UTC).Day()
	if t.Day < 1 || t.Day > last {
		return fmt.Sprintf("%s %d has %d days", t.Month, t.Year, last), "date"
	}
	if t.Hour > 23 {
		return "hours go from 00 to 23", "time"
	}
	if t.Minute > 59 {
		return "minutes go from 00 to 59", "time"
	}
	return "", ""
}

var hoursForm = regexp.MustCompile(`^(\d{2}):(\d{2})-(\d{2}):(\d{2})$`)

// Hours is a daily opening, "14:00-18:00".
type Hours struct {
	Open, Close string // "14:00", "18:00"
	Pos         diag.Pos
}

func (d *decoder) hours(m map[string]field, name string) Hours {
	f, ok := m[name]
	if !ok {
		return Hours{}
	}
	n := f.value
	mt := hoursForm.FindStringSubmatch(n.Value)
	if n.Kind != yaml.ScalarNode || mt == nil {
		d.errorf(n, "`%s` must be opening and closing times such as `\"14:00-18:00\"`, found %s", name, scalarOrKind(n))
		return Hours{}
	}
	for _, hm := range [][2]string{{mt[1], mt[2]}, {mt[3], mt[4]}} {
		h, _ := strconv.Atoi(hm[0])
		mn, _ := strconv.Atoi(hm[1])
		if h > 23 || mn > 59 {
			d.errorf(n, "`%s` is not a real time of day", hm[0]+":"+hm[1])
			return Hours{}
		}
	}
	open, close := mt[1]+":"+mt[2], mt[3]+":"+mt[4]
	if close <= open {
		d.errorf(n, "`%s` closes at %s, not after it opens at %s", name, close, open)
		return Hours{}
	}
	return Hours{Open: open, Close: close, Pos: d.pos(n)}
}

// weekdays are the names editors may give in `closed_on`, in English or
// French, with and without accents.
var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
	"lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday,
	"jeudi": time.Thursday, "vendredi": time.Friday, "samedi": time.Saturday, "dimanche": time.Sunday,
}

var weekdayNames = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
