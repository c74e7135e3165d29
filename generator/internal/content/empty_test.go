package content

import "testing"

func TestEveryRequiredFieldSaysWhatToWriteWhenEmpty(t *testing.T) {
	tables := map[string][]Field{
		"site": SiteFields, "edition": editionFields, "venue": VenueFields, "geo": geoFields,
		"event": EventFields, "session": sessionFields, "daily": dailyFields, "price": priceRangeFields, "page": PageFields,
	}
	for table, fields := range tables {
		for _, f := range fields {
			if f.Required && emptyHint(f) == "write a value" {
				t.Errorf("%s.%s is required but has no hint for an empty value", table, f.Name)
			}
		}
	}
}

func TestOptionalTextsLeftEmptyCountAsLeftOut(t *testing.T) {
	dir := write(t, map[string]string{
		"site.yaml": site,
		"events/2026/bal.yaml": "title: Bal\nvenue: fosse\ncategories: [concert]\nstart: 2026-06-27T20:30\n" +
			"summary: \"\"\norganiser: \"  \"\nbooking: \"\"\nstatus: \"\"\nprice: \"\"\nimage: \"\"\n" +
			"translations:\n  en:\n    title: \" \"\n",
	})
	tree, diags := Load(dir, Options{})
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diags.Sorted())
	}
	e := tree.Events[0]
	if e.Summary.Given() || e.Organiser.Given() || e.Booking.Given() || e.Status.Given() || e.Price.Given() || e.Image.Path.Given() {
		t.Errorf("an empty optional text was kept: %+v", e)
	}
	if len(e.Translations) != 1 || len(e.Translations[0].Values) != 0 {
		t.Errorf("an empty translated title was kept: %+v", e.Translations)
	}
}
