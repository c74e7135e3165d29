package schema

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"

	"quinzaine/generator/internal/scaffold"
)

var repo = filepath.Join("..", "..", "..")

func TestCommittedSchemasAreUpToDate(t *testing.T) {
	for name, want := range Files() {
		got, err := os.ReadFile(filepath.Join(repo, "schemas", name))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("schemas/%s is stale or missing (%v); run: go run ./generator schema", name, err)
		}
	}
}

// compile compiles the committed schema of a file kind.
func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Files()[name]))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(name, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(name)
	if err != nil {
		t.Fatalf("%s is not a valid JSON Schema: %v", name, err)
	}
	return s
}

// toJSON reads YAML as editors' tools do: scalars by their YAML type, and
// a date as the text it is.
func toJSON(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.DocumentNode:
		return toJSON(n.Content[0])
	case yaml.AliasNode:
		return toJSON(n.Alias)
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			v, err := toJSON(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			m[n.Content[i].Value] = v
		}
		return m, nil
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			v, err := toJSON(c)
			if err != nil {
				return nil, err
			}
			l = append(l, v)
		}
		return l, nil
	}
	switch n.ShortTag() {
	case "!!null":
		return nil, nil
	case "!!bool":
		return strings.ToLower(n.Value) == "true", nil
	case "!!int", "!!float":
		f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		return json.Number(strconv.FormatFloat(f, 'f', -1, 64)), err
	}
	return n.Value, nil
}

func validate(t *testing.T, s *jsonschema.Schema, file string, data []byte) error {
	t.Helper()
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	v, err := toJSON(&doc)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return s.Validate(v)
}

func TestEveryShippedFileValidatesAgainstItsSchema(t *testing.T) {
	kinds := []struct{ schema, glob string }{
		{"site.schema.json", "site.yaml"},
		{"venue.schema.json", "venues/*.yaml"},
		{"event.schema.json", "events/*/*.yaml"},
	}
	for _, k := range kinds {
		s := compile(t, k.schema)
		files, _ := filepath.Glob(filepath.Join(repo, "content", k.glob))
		if len(files) == 0 {
			t.Errorf("no shipped file matches content/%s", k.glob)
		}
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := validate(t, s, f, data); err != nil {
				t.Errorf("%s does not validate against %s:\n%v", f, k.schema, err)
			}
		}
	}
}

func TestSchemasRefuseWhatCheckRefuses(t *testing.T) {
	event := compile(t, "event.schema.json")
	venue := compile(t, "venue.schema.json")
	tests := []struct {
		name   string
		schema *jsonschema.Schema
		yaml   string
	}{
		{"unknown field", event, "title: Bal\nvenue: x\nstart: 2026-06-27T20:30\ncategories: [bal]\ntitel: Bal\n"},
		{"missing title", event, "venue: x\nstart: 2026-06-27T20:30\ncategories: [bal]\n"},
		{"times two ways", event, "title: Bal\nvenue: x\nstart: 2026-06-27T20:30\nsessions: [{start: 2026-06-27T20:30}]\ncategories: [bal]\n"},
		{"no time", event, "title: Bal\nvenue: x\ncategories: [bal]\n"},
		{"unknown status", event, "title: Bal\nvenue: x\nstart: 2026-06-27T20:30\ncategories: [bal]\nstatus: annulé\n"},
		{"negative price", event, "title: Bal\nvenue: x\nstart: 2026-06-27T20:30\ncategories: [bal]\nprice: -5\n"},
		{"latitude out of range", venue, "name: X\ncommune: Lens\naddress: Rue\npostcode: 62300\ngeo: {lat: 95, lon: 2.8}\n"},
		{"empty title", event, "title: \"\"\nvenue: x\nstart: 2026-06-27T20:30\ncategories: [bal]\n"},
		{"commune of spaces", venue, "name: X\ncommune: \"  \"\naddress: Rue\npostcode: 62300\ngeo: {lat: 50.4, lon: 2.8}\n"},
		{"website not http", venue, "name: X\ncommune: Lens\naddress: Rue\npostcode: 62300\ngeo: {lat: 50.4, lon: 2.8}\nwebsite: ftp://x.org/\n"},
	}
	for _, tt := range tests {
		if err := validate(t, tt.schema, tt.name, []byte(tt.yaml)); err == nil {
			t.Errorf("%s: the schema accepts\n%s", tt.name, tt.yaml)
		}
	}
}

func TestANewEventValidatesAgainstItsSchema(t *testing.T) {
	body := scaffold.Event("bal", scaffold.Context{Year: 2026, Start: "2026-06-20", Venues: []string{"fosse-9-9bis"}, Categories: []string{"bal"}})
	if err := validate(t, compile(t, "event.schema.json"), "new event", body); err != nil {
		t.Errorf("a new event does not validate against its schema: %v", err)
	}
	if want := fmt.Sprintf("# yaml-language-server: $schema=../../../schemas/%s\n", "event.schema.json"); !bytes.HasPrefix(body, []byte(want)) {
		t.Errorf("a new event does not start with %q", want)
	}
}
